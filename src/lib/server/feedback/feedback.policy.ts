import type { ConversationPhase } from '#lib/server/db/schema.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';
import { isFeedbackState } from './feedback.models.ts';

/**
 * Who may see and do what in session feedback, as pure rules. Blind: the professional sees the
 * answers only once the feedback is closed — when the participants have answered, or the
 * professional closed it with the answers that were in. A participant sees only their own.
 */

export type FeedbackViewer = { kind: 'professional' } | { kind: 'participant'; partyId: string };

/** Whose answers this viewer may receive in this phase. An abandoned feedback stays blind. */
export function canSeeFeedbackOf(viewer: FeedbackViewer, answerPartyId: string, phase: ConversationPhase): boolean {
	if (viewer.kind === 'participant') return viewer.partyId === answerPartyId;
	return phase === 'closed';
}

/** `enterPaper`: the professional types in a participant's paper answers (docs/decisions/020). */
export type FeedbackAction = 'submit' | 'close' | 'abandon' | 'enterPaper';

const ACTIONS_BY_KIND: Record<FeedbackViewer['kind'], readonly FeedbackAction[]> = {
	participant: ['submit'],
	professional: ['close', 'abandon', 'enterPaper']
};

/**
 * Why this action is refused now, or null when allowed. A participant asking for the
 * professional's action is not found, like anything out of reach.
 */
export function feedbackActionRefusal(
	viewer: FeedbackViewer['kind'],
	action: FeedbackAction,
	phase: ConversationPhase,
	party?: { present: boolean; submittedAt: string | null }
): DomainErrorCode | null {
	if (!ACTIONS_BY_KIND[viewer].includes(action)) return 'not_found';
	if (!isFeedbackState(phase)) return 'conversation.wrong_phase';
	if (phase !== 'rating') return 'conversation.ended';
	if (action === 'submit' && party) {
		if (party.submittedAt !== null) return 'conversation.already_submitted';
		if (!party.present) return 'conversation.party_absent';
	}
	return null;
}
