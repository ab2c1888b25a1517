import { describe, expect, it } from 'vitest';
import type { ConversationPhase, Method } from '#lib/server/db/schema.ts';
import {
	canTransition,
	isLearningState,
	isPhaseOf,
	isRevealed,
	isUnfinished,
	LEARNING_NEXT,
	LEARNING_PHASES,
	learningStartPhase,
	PHASES,
	PHASES_BY_METHOD,
	phaseAfterReview,
	SESSION_FEEDBACK_PHASES,
	type LearningState,
	type Mover,
	type PartyKind
} from './conversations.models.ts';
import { actionRefusal, allowedActions, canDo, CONVERSATION_ACTIONS, type ConversationAction } from './conversations.policy.ts';

/**
 * The engine per method. The quick check's own tables stay in conversations.models.test.ts and
 * conversations.policy.test.ts; here the learning conversation and session feedback, written out.
 */

const MOVERS: Mover[] = ['professional', 'system'];
const VIEWERS: PartyKind[] = ['participant', 'professional'];
const METHODS: Method[] = ['quickCheck', 'learningConversation', 'sessionFeedback'];
const ALL_PHASES: ConversationPhase[] = [...new Set(Object.values(PHASES_BY_METHOD).flat())];

const LEARNING_EXPECTED: [ConversationPhase, ConversationPhase, Mover[]][] = [
	['preparation', 'review', ['professional']],
	['preparation', 'safety', ['professional']],
	['review', 'safety', ['professional']],
	['safety', 'topics', ['professional']],
	['topics', 'sheets', ['professional']],
	['sheets', 'actions', ['professional']],
	['actions', 'evaluation', ['professional']],
	['evaluation', 'closed', ['professional']],
	...(['preparation', 'review', 'safety', 'topics', 'sheets', 'actions', 'evaluation'] as const).map(
		(from): [ConversationPhase, ConversationPhase, Mover[]] => [from, 'abandoned', ['professional']]
	)
];

const SESSION_FEEDBACK_EXPECTED: [ConversationPhase, ConversationPhase, Mover[]][] = [
	['rating', 'closed', ['system']],
	['rating', 'abandoned', ['professional']]
];

describe('the learning conversation state machine', () => {
	for (const from of ALL_PHASES) {
		for (const to of ALL_PHASES) {
			for (const mover of MOVERS) {
				const allowed = LEARNING_EXPECTED.some(([f, t, by]) => f === from && t === to && by.includes(mover));
				it(`${from} → ${to} by ${mover}: ${allowed ? 'allowed' : 'refused'}`, () => {
					expect(canTransition(from, to, mover, 'learningConversation')).toBe(allowed);
				});
			}
		}
	}

	it('starts with the review only when there are open agreements, else with safety', () => {
		expect(learningStartPhase(0)).toBe('safety');
		expect(learningStartPhase(3)).toBe('review');
	});

	it('goes from the review to safety, where a quick check goes to rating', () => {
		expect(phaseAfterReview('learningConversation')).toBe('safety');
		expect(phaseAfterReview('quickCheck')).toBe('rating');
	});

	it('moves on in the fixed order, each step a transition the machine allows', () => {
		const order: LearningState[] = ['review', 'safety', 'topics', 'sheets', 'actions', 'evaluation', 'closed'];
		for (let i = 0; i < order.length - 1; i++) {
			expect(LEARNING_NEXT[order[i]!]).toBe(order[i + 1]);
			expect(canTransition(order[i]!, order[i + 1]!, 'professional', 'learningConversation')).toBe(true);
		}
		expect(LEARNING_NEXT.preparation).toBeUndefined();
		expect(LEARNING_NEXT.closed).toBeUndefined();
	});

	it('counts every phase before the close as unfinished, and none as revealed but the end', () => {
		expect(LEARNING_PHASES.filter(isUnfinished)).toEqual(['preparation', 'review', 'safety', 'topics', 'sheets', 'actions', 'evaluation']);
		expect(LEARNING_PHASES.filter((phase) => isRevealed(phase) && phase !== 'closed')).toEqual([]);
		expect(LEARNING_PHASES.every(isLearningState)).toBe(true);
		expect(isLearningState('rating')).toBe(false);
	});
});

describe('the session feedback state machine', () => {
	for (const from of ALL_PHASES) {
		for (const to of ALL_PHASES) {
			for (const mover of MOVERS) {
				const allowed = SESSION_FEEDBACK_EXPECTED.some(([f, t, by]) => f === from && t === to && by.includes(mover));
				it(`${from} → ${to} by ${mover}: ${allowed ? 'allowed' : 'refused'}`, () => {
					expect(canTransition(from, to, mover, 'sessionFeedback')).toBe(allowed);
				});
			}
		}
	}

	it('is unfinished while the client has not answered', () => {
		expect(SESSION_FEEDBACK_PHASES.filter(isUnfinished)).toEqual(['rating']);
	});
});

describe('phases per method', () => {
	it('a method never moves into or out of a phase that is not its own', () => {
		for (const method of METHODS) {
			for (const from of ALL_PHASES) {
				for (const to of ALL_PHASES) {
					if (isPhaseOf(from, method) && isPhaseOf(to, method)) continue;
					for (const mover of MOVERS) expect(canTransition(from, to, mover, method), `${method}: ${from} → ${to}`).toBe(false);
				}
			}
		}
	});

	it('the quick check keeps its own phases, unfinished as before', () => {
		expect(PHASES_BY_METHOD.quickCheck).toEqual(PHASES);
		expect(PHASES.filter(isUnfinished)).toEqual(['review', 'rating', 'revealed', 'reflection', 'agreement']);
	});

	it('closed and abandoned are the end of every method', () => {
		for (const method of METHODS) {
			expect(isPhaseOf('closed', method) && isPhaseOf('abandoned', method)).toBe(true);
			expect(isUnfinished('closed') || isUnfinished('abandoned')).toBe(false);
		}
	});
});

/** Every learning phase × viewer kind, written out. */
const LEARNING_ACTIONS: Record<LearningState, Record<PartyKind, ConversationAction[]>> = {
	preparation: { participant: [], professional: ['startConversation', 'abandon'] },
	review: { participant: ['chooseReviewOutcome'], professional: ['reviewAgreement', 'finishReview', 'abandon'] },
	safety: { participant: ['saveSafety', 'handWish'], professional: ['saveSafety', 'handWish', 'startTopics', 'abandon'] },
	topics: {
		participant: ['chooseTopic', 'removeTopic', 'handWish'],
		professional: ['chooseTopic', 'removeTopic', 'handWish', 'startSheets', 'abandon']
	},
	sheets: {
		participant: ['saveSheet', 'saveRecordingMoment', 'removeRecordingMoment', 'handWish'],
		professional: ['saveSheet', 'saveRecordingMoment', 'removeRecordingMoment', 'handWish', 'startActions', 'abandon']
	},
	actions: {
		participant: ['saveAction', 'removeAction', 'handWish'],
		professional: ['saveAction', 'removeAction', 'handWish', 'startEvaluation', 'abandon']
	},
	evaluation: { participant: ['saveEvaluation'], professional: ['saveEvaluation', 'close', 'abandon'] },
	closed: { participant: [], professional: [] },
	abandoned: { participant: [], professional: [] }
};

describe('allowedActions in a learning conversation', () => {
	for (const phase of LEARNING_PHASES) {
		for (const viewer of VIEWERS) {
			const expected = LEARNING_ACTIONS[phase][viewer];
			it(`${viewer} in ${phase}: ${expected.join(', ') || 'nothing'}`, () => {
				expect(allowedActions(viewer, phase, 'learningConversation')).toEqual(expected);
				for (const action of CONVERSATION_ACTIONS) {
					const allowed = expected.includes(action);
					expect(canDo(viewer, action, phase, 'learningConversation'), action).toBe(allowed);
					expect(actionRefusal(viewer, action, phase, 'learningConversation') === null, action).toBe(allowed);
				}
			});
		}
	}

	it('no quick-check step is possible in a learning conversation, and no learning step in a quick check', () => {
		const quickOnly: ConversationAction[] = [
			'markPresence',
			'submitRatings',
			'revealNow',
			'startReflection',
			'saveReflection',
			'saveAgreement'
		];
		for (const phase of LEARNING_PHASES) {
			for (const viewer of VIEWERS) {
				for (const action of quickOnly) expect(canDo(viewer, action, phase, 'learningConversation')).toBe(false);
			}
		}
		const learningOnly: ConversationAction[] = Object.values(LEARNING_ACTIONS)
			.flatMap((byViewer) => [...byViewer.participant, ...byViewer.professional])
			.filter((action) => !['reviewAgreement', 'chooseReviewOutcome', 'finishReview', 'close', 'abandon'].includes(action));
		for (const phase of PHASES) {
			for (const viewer of VIEWERS) {
				for (const action of learningOnly) expect(canDo(viewer, action, phase), `${action} in ${phase}`).toBe(false);
			}
		}
	});

	it("answers a participant asking for the professional's pace (start, next step, close) with not found", () => {
		const steps: ConversationAction[] = [
			'startConversation',
			'startTopics',
			'startSheets',
			'startActions',
			'startEvaluation',
			'close',
			'abandon',
			'reviewAgreement',
			'finishReview'
		];
		for (const phase of LEARNING_PHASES) {
			for (const action of steps) expect(actionRefusal('participant', action, phase, 'learningConversation')).toBe('not_found');
		}
	});

	it('says "not now" for a step out of order and "ended" after the close', () => {
		expect(actionRefusal('participant', 'saveSheet', 'safety', 'learningConversation')).toBe('conversation.wrong_phase');
		expect(actionRefusal('professional', 'chooseTopic', 'sheets', 'learningConversation')).toBe('conversation.wrong_phase');
		expect(actionRefusal('professional', 'saveAction', 'topics', 'learningConversation')).toBe('conversation.wrong_phase');
		expect(actionRefusal('participant', 'handWish', 'evaluation', 'learningConversation')).toBe('conversation.wrong_phase');
		expect(actionRefusal('participant', 'handWish', 'preparation', 'learningConversation')).toBe('conversation.wrong_phase');
		expect(actionRefusal('participant', 'saveEvaluation', 'closed', 'learningConversation')).toBe('conversation.ended');
		expect(actionRefusal('professional', 'abandon', 'abandoned', 'learningConversation')).toBe('conversation.ended');
	});

	it('lets a wish card be handed from safety up to the actions, not before or after', () => {
		const handing = LEARNING_PHASES.filter((phase) => canDo('participant', 'handWish', phase, 'learningConversation'));
		expect(handing).toEqual(['safety', 'topics', 'sheets', 'actions']);
	});
});

describe('allowedActions in session feedback', () => {
	it('only the client answers; the professional can only stop it', () => {
		expect(allowedActions('participant', 'rating', 'sessionFeedback')).toEqual(['submitRatings']);
		expect(allowedActions('professional', 'rating', 'sessionFeedback')).toEqual(['abandon']);
		expect(actionRefusal('professional', 'submitRatings', 'rating', 'sessionFeedback')).toBe('conversation.wrong_phase');
		for (const viewer of VIEWERS) expect(allowedActions(viewer, 'closed', 'sessionFeedback')).toEqual([]);
	});
});
