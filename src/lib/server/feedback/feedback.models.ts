import type { ConversationPhase } from '#lib/server/db/schema.ts';

/**
 * Session feedback as the server runs it: rating → closed, or rating → abandoned. Only the
 * participants answer; the professional does not rate. It closes by itself once every present
 * participant has answered, and the professional may close it earlier once someone has.
 */

export type FeedbackState = 'rating' | 'closed' | 'abandoned';

export type FeedbackMover = 'professional' | 'system';

export const FEEDBACK_TRANSITIONS: Record<FeedbackState, readonly { to: FeedbackState; by: readonly FeedbackMover[] }[]> = {
	rating: [
		{ to: 'closed', by: ['professional', 'system'] },
		{ to: 'abandoned', by: ['professional'] }
	],
	closed: [],
	abandoned: []
};

export function isFeedbackState(phase: ConversationPhase): phase is FeedbackState {
	return Object.hasOwn(FEEDBACK_TRANSITIONS, phase);
}

export function canMoveFeedback(from: ConversationPhase, to: ConversationPhase, by: FeedbackMover): boolean {
	if (!isFeedbackState(from)) return false;
	return FEEDBACK_TRANSITIONS[from].some((transition) => transition.to === to && transition.by.includes(by));
}

export interface FeedbackParty {
	kind: 'participant' | 'professional';
	present: boolean;
	submittedAt: string | null;
}

function answered(parties: readonly FeedbackParty[]): FeedbackParty[] {
	return parties.filter((party) => party.kind === 'participant' && party.submittedAt !== null);
}

/** Closes by itself when every present participant has answered (and at least one has). */
export function shouldCloseFeedback(parties: readonly FeedbackParty[]): boolean {
	const present = parties.filter((party) => party.kind === 'participant' && party.present);
	return present.length > 0 && present.every((party) => party.submittedAt !== null);
}

/** The professional may close it early, with the answers that are in — but not with none. */
export function canCloseFeedbackEarly(parties: readonly FeedbackParty[]): boolean {
	return answered(parties).length > 0;
}
