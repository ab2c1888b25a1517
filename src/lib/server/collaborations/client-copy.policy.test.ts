import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { canCopyAnswerInWords, canCopyAnswersOf, canCopyPreparation, canCopyWritingOf, copyLanguageOf } from './client-copy.policy.ts';

const QUICK_CHECK_PHASES: ConversationPhase[] = ['review', 'rating', 'revealed', 'reflection', 'agreement', 'closed', 'abandoned'];
const REVEALED: ConversationPhase[] = ['revealed', 'reflection', 'agreement', 'closed'];

describe("the client's copy: whose answers and words are in it", () => {
	it("a participant's own quick check answers are in the copy from the reveal on, never before and never when stopped unrevealed: the professional who makes it may not see them", () => {
		for (const phase of QUICK_CHECK_PHASES) {
			const copied = canCopyAnswersOf({ method: 'quickCheck', phase, ownPartyId: 'me', answerPartyId: 'me' });
			expect(copied, phase).toBe(REVEALED.includes(phase));
		}
	});

	it("a participant's own session feedback is in the copy once closed; not while it runs or when it was given up", () => {
		const copied = (phase: ConversationPhase) =>
			canCopyAnswersOf({ method: 'sessionFeedback', phase, ownPartyId: 'me', answerPartyId: 'me' });
		expect(copied('closed')).toBe(true);
		expect(copied('rating')).toBe(false);
		expect(copied('abandoned')).toBe(false);
	});

	it('an unshared preparation is never in a copy, whatever became of the conversation; a shared one is', () => {
		expect(canCopyPreparation({ sharedAt: null })).toBe(false);
		expect(canCopyPreparation({ sharedAt: '2026-12-01T10:00:00.000Z' })).toBe(true);
	});

	it("another party's quick check answers are in the copy only from the reveal on (an abandoned one stays blind)", () => {
		for (const phase of QUICK_CHECK_PHASES) {
			const copied = canCopyAnswersOf({ method: 'quickCheck', phase, ownPartyId: 'me', answerPartyId: 'other' });
			expect(copied, phase).toBe(REVEALED.includes(phase));
		}
	});

	it("another participant's session feedback is never in the copy, not even once it is closed", () => {
		for (const phase of ['rating', 'closed', 'abandoned'] as ConversationPhase[]) {
			expect(canCopyAnswersOf({ method: 'sessionFeedback', phase, ownPartyId: 'me', answerPartyId: 'other' }), phase).toBe(false);
		}
	});

	it("what another party wrote is never in the copy; the participant's own writing is", () => {
		expect(canCopyWritingOf('me', 'me')).toBe(true);
		expect(canCopyWritingOf('me', 'other')).toBe(false);
	});

	it("another party's typed answers are never in the copy, their chosen options are (as their ratings); the participant's own are both", () => {
		expect(canCopyAnswerInWords({ ownPartyId: 'p1', answerPartyId: 'p2', typed: true })).toBe(false);
		expect(canCopyAnswerInWords({ ownPartyId: 'p1', answerPartyId: 'pro', typed: true })).toBe(false);
		expect(canCopyAnswerInWords({ ownPartyId: 'p1', answerPartyId: 'p2', typed: false })).toBe(true);
		expect(canCopyAnswerInWords({ ownPartyId: 'p1', answerPartyId: 'p1', typed: true })).toBe(true);
	});
});

describe("the client's copy: its language", () => {
	it("is the participant's own language when the professional asks for none", () => {
		for (const requested of [undefined, null, '']) expect(copyLanguageOf({ requested, own: 'ar', offered: ['nl', 'ar'] })).toBe('ar');
	});

	it('may be another language the organisation offers, to read it along (Dutch for an Arabic speaker)', () => {
		expect(copyLanguageOf({ requested: 'nl', own: 'ar', offered: ['nl', 'ar'] })).toBe('nl');
		expect(copyLanguageOf({ requested: 'tr', own: 'ar', offered: ['nl', 'ar', 'tr'] })).toBe('tr');
	});

	it("keeps the participant's own language also when the organisation no longer offers it", () => {
		expect(copyLanguageOf({ requested: 'uk', own: 'uk', offered: ['nl'] })).toBe('uk');
	});

	it('refuses an unknown language or one the organisation does not offer', () => {
		for (const requested of ['xx', 'NL', 'de', 'nl-NL', 'pl', '__proto__'])
			expect(copyLanguageOf({ requested, own: 'ar', offered: ['nl', 'ar', 'en'] }), requested).toBeNull();
	});
});
