import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { paperSheetRefusal } from './paper.policy.ts';

describe('who may have an A/B/C sheet typed in from paper, and when', () => {
	const parties = [
		{ id: 'pro', kind: 'professional' as const, userId: 'u1', present: true },
		{ id: 'co', kind: 'professional' as const, userId: 'u2', present: true },
		{ id: 'sanne', kind: 'participant' as const, userId: null, present: true },
		{ id: 'away', kind: 'participant' as const, userId: null, present: false }
	];
	const open = { written: false, phase: 'sheets' as ConversationPhase };

	it("a participant's side and one's own, never a co-professional's or a stranger's", () => {
		expect(paperSheetRefusal(parties, 'sanne', 'u1', open)).toBeNull();
		expect(paperSheetRefusal(parties, 'pro', 'u1', open)).toBeNull();
		expect(paperSheetRefusal(parties, 'co', 'u1', open)).toBe('not_found');
		expect(paperSheetRefusal(parties, 'elsewhere', 'u1', open)).toBe('not_found');
	});

	it('from the sheets step until the end; before it is the wrong moment, after it has ended', () => {
		const at = (phase: ConversationPhase) => paperSheetRefusal(parties, 'sanne', 'u1', { written: false, phase });
		expect(['sheets', 'actions', 'evaluation'].map((phase) => at(phase as ConversationPhase))).toEqual([null, null, null]);
		for (const phase of ['preparation', 'review', 'safety', 'topics'] as const) expect(at(phase)).toBe('conversation.wrong_phase');
		for (const phase of ['closed', 'abandoned'] as const) expect(at(phase)).toBe('conversation.ended');
	});

	it('once per side: a written side says so first, in any phase; an absent party takes no paper', () => {
		for (const phase of ['topics', 'sheets', 'closed'] as const) {
			expect(paperSheetRefusal(parties, 'sanne', 'u1', { written: true, phase })).toBe('paper.sheet_exists');
		}
		expect(paperSheetRefusal(parties, 'away', 'u1', open)).toBe('conversation.party_absent');
	});
});
