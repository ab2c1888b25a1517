import { describe, expect, it } from 'vitest';
import type { ConversationPhase, Method } from '#lib/server/db/schema.ts';
import { canCopyAnswersOf, canCopyPreparation, canCopyWritingOf, copyLanguageOf } from './client-copy.policy.ts';

const QUICK_CHECK_PHASES: ConversationPhase[] = ['review', 'rating', 'revealed', 'reflection', 'agreement', 'closed', 'abandoned'];
const REVEALED: ConversationPhase[] = ['revealed', 'reflection', 'agreement', 'closed'];

describe("the client's copy: whose answers and words are in it", () => {
	it("a participant's own answers are in their copy once the conversation has ended, of every method", () => {
		for (const method of ['quickCheck', 'sessionFeedback', 'learningConversation'] as Method[]) {
			for (const phase of ['closed', 'abandoned'] as ConversationPhase[]) {
				expect(canCopyAnswersOf({ method, phase, ownPartyId: 'me', answerPartyId: 'me' }), `${method} ${phase}`).toBe(true);
			}
		}
	});

	it("while a conversation runs, a participant's own answers are in the copy only where the professional who makes it may see them too", () => {
		for (const phase of QUICK_CHECK_PHASES.filter((phase) => phase !== 'closed' && phase !== 'abandoned')) {
			const copied = canCopyAnswersOf({ method: 'quickCheck', phase, ownPartyId: 'me', answerPartyId: 'me' });
			expect(copied, phase).toBe(REVEALED.includes(phase));
		}
		// Session feedback is blind to the professional until it is closed.
		expect(canCopyAnswersOf({ method: 'sessionFeedback', phase: 'rating', ownPartyId: 'me', answerPartyId: 'me' })).toBe(false);
	});

	it("an unshared preparation is in its owner's copy only once the conversation has ended; a shared one always", () => {
		for (const phase of ['preparation', 'topics', 'evaluation'] as ConversationPhase[]) {
			expect(canCopyPreparation({ sharedAt: null }, phase), phase).toBe(false);
			expect(canCopyPreparation({ sharedAt: '2026-12-01T10:00:00.000Z' }, phase), phase).toBe(true);
		}
		for (const phase of ['closed', 'abandoned'] as ConversationPhase[])
			expect(canCopyPreparation({ sharedAt: null }, phase), phase).toBe(true);
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
