import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { PHASES, type PartyKind, type QuickCheckState } from './conversations.models.ts';
import {
	actionRefusal,
	allowedActions,
	canDo,
	canSeeRatingsOf,
	canSeeReflectionsOf,
	canSubmitRatings,
	CONVERSATION_ACTIONS,
	ratingRefusal,
	reviewAgreementRefusal,
	type ConversationAction
} from './conversations.policy.ts';

const VIEWERS: PartyKind[] = ['participant', 'professional'];
const SEES_OTHERS: ConversationPhase[] = ['revealed', 'reflection', 'agreement', 'closed'];

/** Every phase × viewer kind, written out. */
const EXPECTED: Record<QuickCheckState, Record<PartyKind, ConversationAction[]>> = {
	review: { participant: ['chooseReviewOutcome'], professional: ['reviewAgreement', 'finishReview', 'markPresence', 'abandon'] },
	rating: { participant: ['submitRatings'], professional: ['markPresence', 'submitRatings', 'enterPaper', 'revealNow', 'abandon'] },
	revealed: { participant: ['saveReflection'], professional: ['startReflection', 'saveReflection', 'startAgreement', 'abandon'] },
	reflection: { participant: ['saveReflection'], professional: ['saveReflection', 'startAgreement', 'abandon'] },
	agreement: { participant: [], professional: ['saveAgreement', 'close', 'abandon'] },
	closed: { participant: [], professional: [] },
	abandoned: { participant: [], professional: [] }
};

describe('canSeeRatingsOf (the blind rule)', () => {
	for (const phase of PHASES) {
		const others = SEES_OTHERS.includes(phase);
		it(`in ${phase}: own ratings always, another party's ${others ? 'too' : 'never'}`, () => {
			expect(canSeeRatingsOf('me', 'me', phase)).toBe(true);
			expect(canSeeRatingsOf('me', 'other', phase)).toBe(others);
			expect(canSeeRatingsOf(null, 'other', phase)).toBe(others);
			expect(canSeeReflectionsOf('me', 'me', phase)).toBe(true);
			expect(canSeeReflectionsOf('me', 'other', phase)).toBe(others);
		});
	}

	it("a client cannot see the professional's rating before the reveal", () => {
		for (const phase of ['review', 'rating'] as const) expect(canSeeRatingsOf('client', 'professional', phase)).toBe(false);
	});
});

describe('allowedActions', () => {
	for (const phase of PHASES) {
		for (const viewer of VIEWERS) {
			it(`${viewer} in ${phase}: ${EXPECTED[phase][viewer].join(', ') || 'nothing'}`, () => {
				expect(allowedActions(viewer, phase)).toEqual(EXPECTED[phase][viewer]);
				for (const action of CONVERSATION_ACTIONS) {
					const allowed = EXPECTED[phase][viewer].includes(action);
					expect(canDo(viewer, action, phase), action).toBe(allowed);
					if (allowed) expect(actionRefusal(viewer, action, phase), action).toBeNull();
					else expect(actionRefusal(viewer, action, phase), action).not.toBeNull();
				}
			});
		}
	}
});

describe('actionRefusal', () => {
	it("answers a participant asking for the professional's steps with not found", () => {
		for (const phase of PHASES) {
			for (const action of ['revealNow', 'finishReview', 'markPresence', 'saveAgreement', 'close', 'abandon', 'reviewAgreement'] as const) {
				expect(actionRefusal('participant', action, phase)).toBe('not_found');
			}
		}
	});

	it('says the conversation ended, in closed and abandoned', () => {
		for (const viewer of VIEWERS) {
			expect(actionRefusal(viewer, 'submitRatings', 'closed')).toBe('conversation.ended');
			expect(actionRefusal(viewer, 'saveReflection', 'abandoned')).toBe('conversation.ended');
		}
	});

	it('says the answers are already revealed for a submission after the reveal', () => {
		for (const phase of ['revealed', 'reflection', 'agreement'] as const) {
			expect(actionRefusal('participant', 'submitRatings', phase)).toBe('conversation.already_revealed');
			expect(actionRefusal('professional', 'markPresence', phase)).toBe('conversation.already_revealed');
		}
	});

	it('says "not now" for a step out of order', () => {
		expect(actionRefusal('participant', 'submitRatings', 'review')).toBe('conversation.wrong_phase');
		expect(actionRefusal('professional', 'saveAgreement', 'rating')).toBe('conversation.wrong_phase');
		expect(actionRefusal('participant', 'saveReflection', 'rating')).toBe('conversation.wrong_phase');
	});
});

describe('ratingRefusal', () => {
	const fresh = { present: true, submittedAt: null };
	const submitted = { present: true, submittedAt: '2025-01-01T10:00:00.000Z' };
	const absent = { present: false, submittedAt: null };

	it('lets a present party that has not submitted rate during the rating phase only', () => {
		for (const phase of PHASES) expect(canSubmitRatings(fresh, phase), phase).toBe(phase === 'rating');
	});

	it('refuses a double submission', () => {
		expect(ratingRefusal(submitted, 'rating')).toBe('conversation.already_submitted');
	});

	it('refuses a party marked absent', () => {
		expect(ratingRefusal(absent, 'rating')).toBe('conversation.party_absent');
	});

	it('refuses after the reveal, also for those who had not submitted', () => {
		for (const phase of ['revealed', 'reflection', 'agreement'] as const) {
			expect(ratingRefusal(fresh, phase)).toBe('conversation.already_revealed');
			expect(ratingRefusal(submitted, phase)).toBe('conversation.already_revealed');
		}
		expect(ratingRefusal(fresh, 'closed')).toBe('conversation.ended');
		expect(ratingRefusal(fresh, 'review')).toBe('conversation.wrong_phase');
	});
});

describe('reviewAgreementRefusal (the review is judged together)', () => {
	it('records an outcome that every participant who chose chose too', () => {
		expect(reviewAgreementRefusal('partly', ['partly', 'partly'])).toBeNull();
	});
	it('records what was agreed aloud when no participant chose on a device', () => {
		expect(reviewAgreementRefusal('done', [])).toBeNull();
	});
	it('refuses an outcome a participant did not choose: the professional cannot set it alone', () => {
		expect(reviewAgreementRefusal('done', ['notDone'])).toBe('conversation.review_not_agreed');
		expect(reviewAgreementRefusal('done', ['done', 'partly'])).toBe('conversation.review_not_agreed');
	});
});
