import type { ConversationPhase } from '#lib/server/db/schema.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';
import { isQuickCheckState, isRevealed, isUnfinished, type PartyKind, type QuickCheckState } from './conversations.models.ts';

/**
 * Who may see and do what in a conversation, as pure rules. The blind rule: before the reveal
 * nobody — client or professional — receives another party's rating or reflection.
 */

/** Own ratings always; another party's only from the reveal on. An abandoned conversation stays blind. */
export function canSeeRatingsOf(viewerPartyId: string | null, ratingPartyId: string, phase: ConversationPhase): boolean {
	if (viewerPartyId !== null && viewerPartyId === ratingPartyId) return true;
	return isRevealed(phase);
}

/** Reflections follow the same rule as ratings. */
export function canSeeReflectionsOf(viewerPartyId: string | null, authorPartyId: string, phase: ConversationPhase): boolean {
	return canSeeRatingsOf(viewerPartyId, authorPartyId, phase);
}

export interface RatingParty {
	present: boolean;
	submittedAt: string | null;
}

/** Why this party may not submit ratings now, or null when it may. */
export function ratingRefusal(party: RatingParty, phase: ConversationPhase): DomainErrorCode | null {
	if (!isUnfinished(phase)) return 'conversation.ended';
	if (isRevealed(phase)) return 'conversation.already_revealed';
	if (phase !== 'rating') return 'conversation.wrong_phase';
	if (party.submittedAt !== null) return 'conversation.already_submitted';
	if (!party.present) return 'conversation.party_absent';
	return null;
}

export function canSubmitRatings(party: RatingParty, phase: ConversationPhase): boolean {
	return ratingRefusal(party, phase) === null;
}

export type ConversationAction =
	| 'reviewAgreement'
	| 'finishReview'
	| 'markPresence'
	| 'submitRatings'
	| 'revealNow'
	| 'startReflection'
	| 'saveReflection'
	| 'startAgreement'
	| 'saveAgreement'
	| 'close'
	| 'abandon';

export const CONVERSATION_ACTIONS: readonly ConversationAction[] = [
	'reviewAgreement',
	'finishReview',
	'markPresence',
	'submitRatings',
	'revealNow',
	'startReflection',
	'saveReflection',
	'startAgreement',
	'saveAgreement',
	'close',
	'abandon'
];

/** Participants rate and reflect; everything that moves the conversation on is the professional's. */
const PARTICIPANT_ACTIONS: readonly ConversationAction[] = ['submitRatings', 'saveReflection'];

const ACTIONS_BY_PHASE: Record<QuickCheckState, readonly ConversationAction[]> = {
	review: ['reviewAgreement', 'finishReview', 'markPresence', 'abandon'],
	rating: ['markPresence', 'submitRatings', 'revealNow', 'abandon'],
	revealed: ['startReflection', 'saveReflection', 'startAgreement', 'abandon'],
	reflection: ['saveReflection', 'startAgreement', 'abandon'],
	agreement: ['saveAgreement', 'close', 'abandon'],
	closed: [],
	abandoned: []
};

/** What a viewer of this kind may do in this phase (their own party's state aside). */
export function allowedActions(viewer: PartyKind, phase: ConversationPhase): ConversationAction[] {
	if (!isQuickCheckState(phase)) return [];
	return ACTIONS_BY_PHASE[phase].filter((action) => viewer === 'professional' || PARTICIPANT_ACTIONS.includes(action));
}

export function canDo(viewer: PartyKind, action: ConversationAction, phase: ConversationPhase): boolean {
	return allowedActions(viewer, phase).includes(action);
}

/**
 * Why the action is refused, or null when allowed. A participant asking for a professional's
 * action gets not_found, like any resource out of reach; a wrong moment gets a message that
 * says what happened (ended, already revealed, not now).
 */
export function actionRefusal(viewer: PartyKind, action: ConversationAction, phase: ConversationPhase): DomainErrorCode | null {
	if (viewer === 'participant' && !PARTICIPANT_ACTIONS.includes(action)) return 'not_found';
	if (canDo(viewer, action, phase)) return null;
	if (!isUnfinished(phase)) return 'conversation.ended';
	const beforeReveal: readonly ConversationAction[] = ['submitRatings', 'revealNow', 'markPresence', 'finishReview', 'reviewAgreement'];
	if (isRevealed(phase) && beforeReveal.includes(action)) return 'conversation.already_revealed';
	return 'conversation.wrong_phase';
}
