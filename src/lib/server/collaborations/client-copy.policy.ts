import { isClientLocale } from '#lib/locales.ts';
import type { ClientLocale, ConversationPhase, Method } from '#lib/server/db/schema.ts';
import { canSeeRatingsOf } from '#lib/server/conversations/conversations.policy.ts';
import { canSeeFeedbackOf } from '#lib/server/feedback/feedback.policy.ts';
import { isPreparationVisible } from '#lib/server/learning/learning.policy.ts';

/**
 * What of a conversation goes into one participant's copy of their data (AVG art. 15 and 20),
 * as pure rules; docs/decisions/011-data-lifecycle.md says why. The copy never shows more than
 * the participant could see themselves: the blind rules of the conversations decide it.
 */

/** A conversation that has ended: closed, or given up. Before that it runs, and its blind rules hold. */
function hasEnded(phase: ConversationPhase): boolean {
	return phase === 'closed' || phase === 'abandoned';
}

/**
 * Answers (ratings, session feedback): the participant's own; another party's only where the
 * participant saw them too — a quick check's answers from the reveal on, session feedback never
 * (it is each participant's own). An abandoned quick check stays blind.
 *
 * A professional makes the copy and can read it, so while the conversation runs the participant's
 * own answers are in it only once the professional may see them too (a quick check's from the
 * reveal on, session feedback's once it is closed): else a professional who has not rated yet
 * could read the client's blind answers first. Once the conversation has ended they are in.
 */
export function canCopyAnswersOf(input: { method: Method; phase: ConversationPhase; ownPartyId: string; answerPartyId: string }): boolean {
	const { method, phase, ownPartyId, answerPartyId } = input;
	if (method === 'sessionFeedback') {
		if (answerPartyId === ownPartyId && !hasEnded(phase)) return canSeeFeedbackOf({ kind: 'professional' }, answerPartyId, phase);
		return canSeeFeedbackOf({ kind: 'participant', partyId: ownPartyId }, answerPartyId, phase);
	}
	if (answerPartyId === ownPartyId && !hasEnded(phase)) return canSeeRatingsOf(null, answerPartyId, phase);
	return canSeeRatingsOf(ownPartyId, answerPartyId, phase);
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
 * The participant's own preparation: once shared, always; unshared, only once the conversation
 * has ended (decision 011). Before that it is private, also from the professional who makes the copy.
 */
export function canCopyPreparation(preparation: { sharedAt: string | null }, phase: ConversationPhase): boolean {
	return isPreparationVisible(preparation) || hasEnded(phase);
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
