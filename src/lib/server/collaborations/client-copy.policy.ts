import { isClientLocale } from '#lib/locales.ts';
import type { ClientLocale, ConversationPhase, Method } from '#lib/server/db/schema.ts';
import { canSeeRatingsOf } from '#lib/server/conversations/conversations.policy.ts';
import { canSeeFeedbackOf } from '#lib/server/feedback/feedback.policy.ts';

/**
 * What of a conversation goes into one participant's copy of their data (AVG art. 15 and 20),
 * as pure rules; docs/decisions/011-data-lifecycle.md says why. The copy never shows more than
 * the participant could see themselves: the blind rules of the conversations decide it.
 */

/**
 * Answers (ratings, session feedback): the participant's own always; another party's only where
 * the participant saw them too — a quick check's answers from the reveal on, session feedback
 * never (it is each participant's own). An abandoned quick check stays blind.
 */
export function canCopyAnswersOf(input: { method: Method; phase: ConversationPhase; ownPartyId: string; answerPartyId: string }): boolean {
	if (input.method === 'sessionFeedback') {
		return canSeeFeedbackOf({ kind: 'participant', partyId: input.ownPartyId }, input.answerPartyId, input.phase);
	}
	return canSeeRatingsOf(input.ownPartyId, input.answerPartyId, input.phase);
}

/**
 * What a party wrote or chose for themselves — a preparation (shared or not), reflections,
 * sheets, safety, wish cards, moments of a recording, the evaluation, review choices: only the
 * participant's own. Another party's words are that party's data, also once they were shared.
 */
export function canCopyWritingOf(ownPartyId: string, authorPartyId: string): boolean {
	return ownPartyId === authorPartyId;
}

/**
 * The language a copy is made in: the participant's own, unless the professional asks for another
 * (`?lang=`) that the organisation offers its clients — Dutch, say, to read it along before handing
 * it over. The participant's own stays possible when the organisation no longer offers it. Null:
 * refused (an unknown or unoffered language).
 */
export function copyLanguageOf(input: {
	requested: string | null | undefined;
	own: ClientLocale;
	offered: readonly ClientLocale[];
}): ClientLocale | null {
	const { requested, own, offered } = input;
	if (requested === null || requested === undefined || requested === '' || requested === own) return own;
	return isClientLocale(requested) && offered.includes(requested) ? requested : null;
}
