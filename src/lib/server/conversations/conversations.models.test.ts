import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import {
	agreementsUnderReview,
	canRevealEarly,
	canTransition,
	computeGaps,
	generateJoinCode,
	initialPhase,
	isRevealed,
	isUnfinished,
	JOIN_CODE_ALPHABET,
	mergeReflections,
	PHASES,
	shouldAutoReveal,
	type Mover,
	type PartyState
} from './conversations.models.ts';

const MOVERS: Mover[] = ['professional', 'system'];

/** The whole state machine, written out: [from, to, who may make the move]. */
const EXPECTED: [ConversationPhase, ConversationPhase, Mover[]][] = [
	['review', 'rating', ['professional']],
	['rating', 'revealed', ['professional', 'system']],
	['revealed', 'reflection', ['professional']],
	['revealed', 'agreement', ['professional']],
	['reflection', 'agreement', ['professional']],
	['agreement', 'closed', ['professional']],
	['review', 'abandoned', ['professional']],
	['rating', 'abandoned', ['professional']],
	['revealed', 'abandoned', ['professional']],
	['reflection', 'abandoned', ['professional']],
	['agreement', 'abandoned', ['professional']]
];

describe('the conversation state machine', () => {
	for (const from of PHASES) {
		for (const to of PHASES) {
			for (const mover of MOVERS) {
				const allowed = EXPECTED.some(([f, t, by]) => f === from && t === to && by.includes(mover));
				it(`${from} → ${to} by ${mover}: ${allowed ? 'allowed' : 'refused'}`, () => {
					expect(canTransition(from, to, mover)).toBe(allowed);
				});
			}
		}
	}

	it('knows which phases are unfinished and which are revealed', () => {
		expect(PHASES.filter(isUnfinished)).toEqual(['review', 'rating', 'revealed', 'reflection', 'agreement']);
		expect(PHASES.filter(isRevealed)).toEqual(['revealed', 'reflection', 'agreement', 'closed']);
	});

	it('opens with the review only when there are open agreements', () => {
		expect(initialPhase(0)).toBe('rating');
		expect(initialPhase(2)).toBe('review');
	});
});

describe('the reveal', () => {
	const party = (kind: PartyState['kind'], present: boolean, submitted: boolean): PartyState => ({
		kind,
		present,
		submittedAt: submitted ? '2025-01-01T10:00:00.000Z' : null
	});

	it('happens by itself when every present party has submitted', () => {
		expect(shouldAutoReveal([party('participant', true, true), party('professional', true, true)])).toBe(true);
		expect(shouldAutoReveal([party('participant', true, true), party('professional', true, false)])).toBe(false);
		expect(shouldAutoReveal([party('participant', true, false), party('professional', true, true)])).toBe(false);
	});

	it('does not wait for an absent party', () => {
		expect(
			shouldAutoReveal([party('participant', true, true), party('participant', false, false), party('professional', true, true)])
		).toBe(true);
	});

	it('needs at least one client party among those who submitted', () => {
		expect(shouldAutoReveal([party('participant', false, false), party('professional', true, true)])).toBe(false);
		expect(shouldAutoReveal([])).toBe(false);
	});

	it('can be done early by the professional once a client party has submitted', () => {
		expect(canRevealEarly([party('participant', true, false), party('professional', true, true)])).toBe(false);
		expect(canRevealEarly([party('participant', true, true), party('participant', true, false), party('professional', true, false)])).toBe(
			true
		);
	});
});

describe('computeGaps', () => {
	const keys = ['omgang', 'luisteren', 'contact'];

	it('puts the largest difference first and marks differences of a quarter or more', () => {
		const gaps = computeGaps(keys, [
			{ partyId: 'client', values: { omgang: 80, luisteren: 20, contact: 50 } },
			{ partyId: 'pro', values: { omgang: 70, luisteren: 90, contact: 50 } }
		]);
		expect(gaps.map((g) => [g.itemKey, g.spread, g.highlighted])).toEqual([
			['luisteren', 70, true],
			['omgang', 10, false],
			['contact', 0, false]
		]);
		expect(gaps[0]?.values).toEqual([
			{ partyId: 'client', value: 20 },
			{ partyId: 'pro', value: 90 }
		]);
	});

	it('takes max − min over three or more parties, and keeps the item order on ties', () => {
		const gaps = computeGaps(keys, [
			{ partyId: 'a', values: { omgang: 0, luisteren: 50, contact: 100 } },
			{ partyId: 'b', values: { omgang: 50, luisteren: 50, contact: 50 } },
			{ partyId: 'c', values: { omgang: 100, luisteren: 75, contact: 0 } }
		]);
		expect(gaps.map((g) => [g.itemKey, g.spread])).toEqual([
			['omgang', 100],
			['contact', 100],
			['luisteren', 25]
		]);
	});

	it('has no spread with a single party, and lists those items last', () => {
		const gaps = computeGaps(keys, [{ partyId: 'only', values: { omgang: 10, luisteren: 20, contact: 30 } }]);
		expect(gaps.map((g) => g.spread)).toEqual([null, null, null]);
		expect(gaps.map((g) => g.itemKey)).toEqual(keys);
	});
});

describe('join codes', () => {
	it('are eight characters from the unambiguous alphabet', () => {
		for (let i = 0; i < 200; i++) expect(generateJoinCode()).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
	});

	it('leave out characters that look alike', () => {
		for (const char of '0O1IL2Z5S8B') expect(JOIN_CODE_ALPHABET).not.toContain(char);
	});

	it('use the random source for every character', () => {
		expect(generateJoinCode(() => 0)).toBe('AAAAAAAA');
		expect(generateJoinCode((max) => max - 1)).toBe('99999999');
	});
});

describe('agreementsUnderReview', () => {
	const agreements = [
		{ id: 'open-old', conversationId: 'c1', status: 'open' as const },
		{ id: 'done-old', conversationId: 'c1', status: 'done' as const },
		{ id: 'reviewed-now', conversationId: 'c1', status: 'partly' as const },
		{ id: 'copy-now', conversationId: 'c2', status: 'open' as const },
		{ id: 'made-now', conversationId: 'c2', status: 'open' as const }
	];

	it('lists open agreements of earlier conversations and those reviewed in this one', () => {
		expect(agreementsUnderReview(agreements, new Set(['reviewed-now']), 'c2').map((a) => a.id)).toEqual(['open-old', 'reviewed-now']);
	});

	it("leaves this conversation's own agreements and copies for the next one", () => {
		expect(agreementsUnderReview(agreements, new Set(), 'c3').map((a) => a.id)).toEqual(['open-old', 'copy-now', 'made-now']);
	});
});

describe('mergeReflections', () => {
	const own = { mostNotedByProfessional: false, leastNotedByProfessional: false };
	const stored = [
		{ itemKey: 'omgang', mostSatisfied: 'Eerlijk', leastSatisfied: null, ...own },
		{ itemKey: 'contact', mostSatisfied: null, leastSatisfied: 'Wachten', ...own }
	];

	it('writes only the items whose text differs from what is stored', () => {
		const submitted = [
			{ itemKey: 'omgang', mostSatisfied: 'Eerlijk', leastSatisfied: null },
			{ itemKey: 'contact', mostSatisfied: null, leastSatisfied: 'Lang wachten' },
			{ itemKey: 'plan', mostSatisfied: 'Duidelijk', leastSatisfied: null }
		];
		expect(mergeReflections(stored, submitted, false).map((r) => r.itemKey)).toEqual(['contact', 'plan']);
	});

	it('leaves an untouched empty item unwritten, but clears an emptied one', () => {
		const submitted = [
			{ itemKey: 'omgang', mostSatisfied: null, leastSatisfied: null },
			{ itemKey: 'luisteren', mostSatisfied: null, leastSatisfied: null }
		];
		expect(mergeReflections(stored, submitted, false)).toEqual([{ ...stored[0], mostSatisfied: null }]);
	});

	it('a part the writer did not change keeps the text stored meanwhile, even when the page showed it empty', () => {
		const merged = mergeReflections(stored, [{ itemKey: 'omgang', leastSatisfied: 'Te kort' }], false);
		expect(merged).toEqual([{ ...stored[0], leastSatisfied: 'Te kort' }]);
		expect(mergeReflections(stored, [{ itemKey: 'omgang' }], false)).toEqual([]);
	});

	it('a text the professional notes for the client is marked so; the client typing over it makes it their own', () => {
		const [noted] = mergeReflections(stored, [{ itemKey: 'contact', mostSatisfied: 'Snel antwoord' }], true);
		expect(noted).toEqual({ ...stored[1], mostSatisfied: 'Snel antwoord', mostNotedByProfessional: true });
		const [typed] = mergeReflections([noted!], [{ itemKey: 'contact', mostSatisfied: 'Snel antwoord op mails' }], false);
		expect(typed).toMatchObject({ mostSatisfied: 'Snel antwoord op mails', mostNotedByProfessional: false, leastSatisfied: 'Wachten' });
	});

	it('the same text sent again keeps its mark; an emptied note carries no mark', () => {
		const noted = { ...stored[1]!, mostSatisfied: 'Snel', mostNotedByProfessional: true };
		expect(mergeReflections([noted], [{ itemKey: 'contact', mostSatisfied: 'Snel', leastSatisfied: 'Wachten' }], false)).toEqual([]);
		expect(mergeReflections([noted], [{ itemKey: 'contact', mostSatisfied: null }], true)).toEqual([
			{ ...noted, mostSatisfied: null, mostNotedByProfessional: false }
		]);
	});
});
