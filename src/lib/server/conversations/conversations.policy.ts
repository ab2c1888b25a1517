import type { ConversationPhase, Method } from '#lib/server/db/schema.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';
import {
	isRevealed,
	isUnfinished,
	type LearningState,
	type PartyKind,
	type QuickCheckState,
	type SessionFeedbackState
} from './conversations.models.ts';

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
	| 'chooseReviewOutcome'
	| 'finishReview'
	| 'markPresence'
	| 'submitRatings'
	| 'enterPaper'
	| 'revealNow'
	| 'startReflection'
	| 'saveReflection'
	| 'startAgreement'
	| 'saveAgreement'
	| 'close'
	| 'abandon'
	// The learning conversation's own steps.
	| 'startConversation'
	| 'saveSafety'
	| 'startTopics'
	| 'chooseTopic'
	| 'removeTopic'
	| 'startSheets'
	| 'saveSheet'
	| 'saveRecordingMoment'
	| 'removeRecordingMoment'
	| 'handWish'
	| 'startActions'
	| 'saveAction'
	| 'removeAction'
	| 'startEvaluation'
	| 'saveEvaluation';

export const CONVERSATION_ACTIONS: readonly ConversationAction[] = [
	'reviewAgreement',
	'chooseReviewOutcome',
	'finishReview',
	'markPresence',
	'submitRatings',
	'enterPaper',
	'revealNow',
	'startReflection',
	'saveReflection',
	'startAgreement',
	'saveAgreement',
	'close',
	'abandon',
	'startConversation',
	'saveSafety',
	'startTopics',
	'chooseTopic',
	'removeTopic',
	'startSheets',
	'saveSheet',
	'saveRecordingMoment',
	'removeRecordingMoment',
	'handWish',
	'startActions',
	'saveAction',
	'removeAction',
	'startEvaluation',
	'saveEvaluation'
];

/**
 * Participants rate and reflect (quick check). A learning conversation is one of equals
 * (docs/decisions/013): a participant says what they need to feel safe, proposes and removes
 * topics, writes on the shared sheets, notes moments of a recording, hands a wish card, writes
 * actions and evaluates, with the professional's rights. Only the pace — start, next step,
 * close — and giving up stay the professional's.
 */
const PARTICIPANT_ACTIONS: readonly ConversationAction[] = [
	'chooseReviewOutcome',
	'submitRatings',
	'saveReflection',
	'saveSafety',
	'chooseTopic',
	'removeTopic',
	'saveAction',
	'removeAction',
	'saveSheet',
	'saveRecordingMoment',
	'removeRecordingMoment',
	'handWish',
	'saveEvaluation'
];

const ACTIONS_BY_PHASE: Record<QuickCheckState, readonly ConversationAction[]> = {
	review: ['reviewAgreement', 'chooseReviewOutcome', 'finishReview', 'markPresence', 'abandon'],
	// A party's answers from a paper form are typed in by the professional (docs/decisions/020).
	rating: ['markPresence', 'submitRatings', 'enterPaper', 'revealNow', 'abandon'],
	revealed: ['startReflection', 'saveReflection', 'startAgreement', 'abandon'],
	reflection: ['saveReflection', 'startAgreement', 'abandon'],
	agreement: ['saveAgreement', 'close', 'abandon'],
	closed: [],
	abandoned: []
};

/** A wish card can be handed from safety up to the actions. */
const LEARNING_ACTIONS_BY_PHASE: Record<LearningState, readonly ConversationAction[]> = {
	preparation: ['startConversation', 'abandon'],
	review: ['reviewAgreement', 'chooseReviewOutcome', 'finishReview', 'abandon'],
	safety: ['saveSafety', 'handWish', 'startTopics', 'abandon'],
	topics: ['chooseTopic', 'removeTopic', 'handWish', 'startSheets', 'abandon'],
	sheets: ['saveSheet', 'saveRecordingMoment', 'removeRecordingMoment', 'handWish', 'startActions', 'abandon'],
	actions: ['saveAction', 'removeAction', 'handWish', 'startEvaluation', 'abandon'],
	evaluation: ['saveEvaluation', 'close', 'abandon'],
	closed: [],
	abandoned: []
};

/** Session feedback: the client answers; the professional can only give it up. */
const SESSION_FEEDBACK_ACTIONS_BY_PHASE: Record<SessionFeedbackState, readonly ConversationAction[]> = {
	rating: ['submitRatings', 'abandon'],
	closed: [],
	abandoned: []
};

const ACTIONS_BY_METHOD: Record<Method, Partial<Record<ConversationPhase, readonly ConversationAction[]>>> = {
	quickCheck: ACTIONS_BY_PHASE,
	learningConversation: LEARNING_ACTIONS_BY_PHASE,
	sessionFeedback: SESSION_FEEDBACK_ACTIONS_BY_PHASE
};

/** Actions a participant's professional takes no part in: session feedback is the client's alone. */
const CLIENT_ONLY: Partial<Record<Method, readonly ConversationAction[]>> = { sessionFeedback: ['submitRatings'] };

/** The professional's choice is the review itself (reviewAgreement); choosing beside it is the participants'. */
const PARTICIPANT_ONLY: readonly ConversationAction[] = ['chooseReviewOutcome'];

/** What a viewer of this kind may do in this phase of a conversation of this method (their own party's state aside). */
export function allowedActions(viewer: PartyKind, phase: ConversationPhase, method: Method = 'quickCheck'): ConversationAction[] {
	const table = ACTIONS_BY_METHOD[method];
	const actions = Object.hasOwn(table, phase) ? (table[phase] ?? []) : [];
	return actions.filter((action) =>
		viewer === 'professional'
			? !(CLIENT_ONLY[method] ?? []).includes(action) && !PARTICIPANT_ONLY.includes(action)
			: PARTICIPANT_ACTIONS.includes(action)
	);
}

export function canDo(viewer: PartyKind, action: ConversationAction, phase: ConversationPhase, method: Method = 'quickCheck'): boolean {
	return allowedActions(viewer, phase, method).includes(action);
}

/**
 * Why the action is refused, or null when allowed. A participant asking for a professional's
 * action gets not_found, like any resource out of reach; a wrong moment gets a message that
 * says what happened (ended, already revealed, not now).
 */
export function actionRefusal(
	viewer: PartyKind,
	action: ConversationAction,
	phase: ConversationPhase,
	method: Method = 'quickCheck'
): DomainErrorCode | null {
	if (viewer === 'participant' && !PARTICIPANT_ACTIONS.includes(action)) return 'not_found';
	if (canDo(viewer, action, phase, method)) return null;
	if (!isUnfinished(phase)) return 'conversation.ended';
	const beforeReveal: readonly ConversationAction[] = [
		'submitRatings',
		'enterPaper',
		'revealNow',
		'markPresence',
		'finishReview',
		'reviewAgreement'
	];
	if (method === 'quickCheck' && isRevealed(phase) && beforeReveal.includes(action)) return 'conversation.already_revealed';
	return 'conversation.wrong_phase';
}

/**
 * The review is judged together (docs/decisions/010-the-client-keeps-the-outcome.md): an outcome
 * is recorded only when it is what every participant who chose on their own device chose too.
 * A participant who did not choose (no device, a child, paper) leaves the professional to record
 * what was agreed aloud. Null when the outcome may stand.
 */
export function reviewAgreementRefusal(outcome: string, participantChoices: readonly string[]): DomainErrorCode | null {
	return participantChoices.every((choice) => choice === outcome) ? null : 'conversation.review_not_agreed';
}
