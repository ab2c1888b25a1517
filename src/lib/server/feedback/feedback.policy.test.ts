import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { canSeeFeedbackOf, feedbackActionRefusal } from './feedback.policy.ts';

const PHASES: ConversationPhase[] = ['rating', 'closed', 'abandoned'];

describe('canSeeFeedbackOf (blind until the participant has answered)', () => {
	for (const phase of PHASES) {
		it(`in ${phase}: the professional ${phase === 'closed' ? 'sees' : 'does not see'} the answers; a participant only their own`, () => {
			expect(canSeeFeedbackOf({ kind: 'professional' }, 'client', phase)).toBe(phase === 'closed');
			expect(canSeeFeedbackOf({ kind: 'participant', partyId: 'me' }, 'me', phase)).toBe(true);
			expect(canSeeFeedbackOf({ kind: 'participant', partyId: 'me' }, 'other', phase)).toBe(false);
		});
	}
});

describe('feedbackActionRefusal', () => {
	const fresh = { present: true, submittedAt: null };

	it('a participant sends answers while it is running; the professional closes and stops it', () => {
		expect(feedbackActionRefusal('participant', 'submit', 'rating', fresh)).toBeNull();
		expect(feedbackActionRefusal('professional', 'close', 'rating')).toBeNull();
		expect(feedbackActionRefusal('professional', 'abandon', 'rating')).toBeNull();
	});

	it("each side's actions are out of reach of the other (not found)", () => {
		expect(feedbackActionRefusal('participant', 'close', 'rating')).toBe('not_found');
		expect(feedbackActionRefusal('participant', 'abandon', 'rating')).toBe('not_found');
		expect(feedbackActionRefusal('professional', 'submit', 'rating')).toBe('not_found');
	});

	it('nothing happens after the end', () => {
		for (const phase of ['closed', 'abandoned'] as const) {
			expect(feedbackActionRefusal('participant', 'submit', phase, fresh)).toBe('conversation.ended');
			expect(feedbackActionRefusal('professional', 'close', phase)).toBe('conversation.ended');
		}
	});

	it('a second submission and an absent participant are refused', () => {
		expect(feedbackActionRefusal('participant', 'submit', 'rating', { present: true, submittedAt: '2026-01-01' })).toBe(
			'conversation.already_submitted'
		);
		expect(feedbackActionRefusal('participant', 'submit', 'rating', { present: false, submittedAt: null })).toBe(
			'conversation.party_absent'
		);
	});

	it('a phase of another method is the wrong phase for session feedback', () => {
		expect(feedbackActionRefusal('professional', 'close', 'agreement')).toBe('conversation.wrong_phase');
	});
});
