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

/**
 * Answers (ratings, session feedback): what the participant could see, and the professional who
 * makes the copy may see too. A professional makes and can read every copy, so it never lets them
 * read what is still blind or was never shown, whoever stopped the conversation:
 * - a quick check's answers, the participant's own and the others', from the reveal on; an
 *   abandoned one stays blind, also to its own participant's copy;
 * - session feedback: only the participant's own, once it is closed (before, the professional may
 *   not see it); another participant's never.
 */
export function canCopyAnswersOf(input: { method: Method; phase: ConversationPhase; ownPartyId: string; answerPartyId: string }): boolean {
	const { method, phase, ownPartyId, answerPartyId } = input;
	if (method === 'sessionFeedback') {
		const participantSees = canSeeFeedbackOf({ kind: 'participant', partyId: ownPartyId }, answerPartyId, phase);
		return participantSees && canSeeFeedbackOf({ kind: 'professional' }, answerPartyId, phase);
	}
	return canSeeRatingsOf(ownPartyId, answerPartyId, phase) && canSeeRatingsOf(null, answerPartyId, phase);
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
 * An answer in words (a questionnaire's choice or free-text item), once its party's answers may be
 * copied at all (canCopyAnswersOf): a chosen option is an answer like a rating, so another party's
 * is in as their ratings are; typed words are what that party wrote, so only the participant's own.
 */
export function canCopyAnswerInWords(input: { ownPartyId: string; answerPartyId: string; typed: boolean }): boolean {
	return !input.typed || canCopyWritingOf(input.ownPartyId, input.answerPartyId);
}

/**
 * The participant's own preparation: only once they shared it. Unshared it is theirs alone, also
 * from the professional who makes the copy, whatever became of the conversation.
 */
export function canCopyPreparation(preparation: { sharedAt: string | null }): boolean {
	return isPreparationVisible(preparation);
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
