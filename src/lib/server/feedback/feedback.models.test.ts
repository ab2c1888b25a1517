import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { canCloseFeedbackEarly, canMoveFeedback, isFeedbackState, shouldCloseFeedback, type FeedbackParty } from './feedback.models.ts';

const answered = (present = true): FeedbackParty => ({ kind: 'participant', present, submittedAt: '2026-01-01T10:00:00.000Z' });
const waiting = (present = true): FeedbackParty => ({ kind: 'participant', present, submittedAt: null });

describe('session feedback phases', () => {
	it('goes from rating to closed (professional or system) or abandoned (professional only), and nowhere after', () => {
		expect(canMoveFeedback('rating', 'closed', 'system')).toBe(true);
		expect(canMoveFeedback('rating', 'closed', 'professional')).toBe(true);
		expect(canMoveFeedback('rating', 'abandoned', 'professional')).toBe(true);
		expect(canMoveFeedback('rating', 'abandoned', 'system')).toBe(false);
		expect(canMoveFeedback('closed', 'rating', 'professional')).toBe(false);
		expect(canMoveFeedback('abandoned', 'closed', 'professional')).toBe(false);
	});

	it("knows only its own phases: a quick check's or learning conversation's phase is not one of them", () => {
		const others: ConversationPhase[] = ['review', 'revealed', 'reflection', 'agreement', 'preparation', 'safety', 'topics'];
		for (const phase of others) {
			expect(isFeedbackState(phase)).toBe(false);
			expect(canMoveFeedback(phase, 'closed', 'professional')).toBe(false);
		}
	});
});

describe('shouldCloseFeedback', () => {
	it('closes once every present participant has answered', () => {
		expect(shouldCloseFeedback([answered(), answered()])).toBe(true);
		expect(shouldCloseFeedback([answered(), waiting()])).toBe(false);
		expect(shouldCloseFeedback([answered(), waiting(false)])).toBe(true);
	});

	it('never closes without an answer, and the professional never counts', () => {
		expect(shouldCloseFeedback([])).toBe(false);
		expect(shouldCloseFeedback([waiting(false)])).toBe(false);
		expect(shouldCloseFeedback([{ kind: 'professional', present: true, submittedAt: null }, answered()])).toBe(true);
	});
});

describe('canCloseFeedbackEarly', () => {
	it('the professional may close with the answers that are in, but not with none', () => {
		expect(canCloseFeedbackEarly([waiting(), waiting()])).toBe(false);
		expect(canCloseFeedbackEarly([answered(), waiting()])).toBe(true);
		expect(canCloseFeedbackEarly([{ kind: 'professional', present: true, submittedAt: '2026-01-01T10:00:00.000Z' }])).toBe(false);
	});
});
