import { describe, expect, it } from 'vitest';
import {
	agreementFacts,
	assignTeams,
	buildCells,
	buildDashboard,
	COVERAGE_MEASURE,
	coverageFacts,
	hasAnyFigure,
	itemsInMeasures,
	ratingMeasure,
	type CollaborationFact,
	type StoredCell
} from './insights.models.ts';
import { NO_TEAM } from './insights.policy.ts';

const ITEM = { instrumentKey: 'samenSterker', itemKey: 'omgang' };
const CLIENT = ratingMeasure('samenSterker', 'omgang', 'participant');
const PROFESSIONAL = ratingMeasure('samenSterker', 'omgang', 'professional');

/** `n` collaborations c<prefix>1… of team `team`, each held by its own professional, each rating `value` once. */
function teamFacts(prefix: string, n: number, value: number, measure = CLIENT): CollaborationFact[] {
	return Array.from({ length: n }, (_, i) => ({ collaborationId: `${prefix}${i}`, measure, count: 1, sum: value }));
}

function cellsOf(
	quarter: string,
	facts: CollaborationFact[],
	teamOf: Map<string, string>,
	holderOf = new Map<string, string>()
): StoredCell[] {
	return buildCells(facts, teamOf, holderOf).map((cell) => ({ quarter, ...cell }));
}

describe('assignTeams', () => {
	it('a collaboration counts for its holder’s team, the oldest one when the holder is in several, and for no team without one', () => {
		const teamOf = assignTeams({
			holders: [
				{ collaborationId: 'c1', userId: 'u1' },
				{ collaborationId: 'c2', userId: 'u2' },
				{ collaborationId: 'c3', userId: 'u3' }
			],
			memberships: [
				{ teamId: 'new', userId: 'u1' },
				{ teamId: 'old', userId: 'u1' },
				{ teamId: 'new', userId: 'u2' }
			],
			teams: [
				{ id: 'new', createdAt: '2026-02-01T00:00:00.000Z' },
				{ id: 'old', createdAt: '2025-01-01T00:00:00.000Z' }
			]
		});
		expect(teamOf).toEqual(
			new Map([
				['c1', 'old'],
				['c2', 'new'],
				['c3', NO_TEAM]
			])
		);
	});
});

describe('buildCells', () => {
	it('counts collaborations, the largest holder share, and sums per team and measure', () => {
		const facts: CollaborationFact[] = [
			{ collaborationId: 'a', measure: CLIENT, count: 2, sum: 130 },
			{ collaborationId: 'b', measure: CLIENT, count: 1, sum: 40 },
			{ collaborationId: 'c', measure: CLIENT, count: 1, sum: 90 }
		];
		const cells = buildCells(
			facts,
			new Map([
				['a', 't'],
				['b', 't'],
				['c', 'u']
			]),
			new Map([
				['a', 'p1'],
				['b', 'p1'],
				['c', 'p2']
			])
		);
		expect(cells).toEqual([
			{ teamId: 't', measure: CLIENT, collaborations: 2, maxHolder: 2, valueCount: 3, valueSum: 170 },
			{ teamId: 'u', measure: CLIENT, collaborations: 1, maxHolder: 1, valueCount: 1, valueSum: 90 }
		]);
	});
});

describe('agreementFacts and coverageFacts', () => {
	it('every collaboration with a review counts in all three outcomes, so they rest on one group', () => {
		const facts = agreementFacts([
			{ collaborationId: 'a', outcome: 'done', count: 2 },
			{ collaborationId: 'a', outcome: 'notDone', count: 1 }
		]);
		expect(facts).toEqual([
			{ collaborationId: 'a', measure: 'agreements:done', count: 2, sum: 0 },
			{ collaborationId: 'a', measure: 'agreements:partly', count: 0, sum: 0 },
			{ collaborationId: 'a', measure: 'agreements:notDone', count: 1, sum: 0 }
		]);
	});

	it('coverage counts collaborations open at the end of the quarter with a rhythm, covered when a conversation closed within it', () => {
		const end = '2026-03-31T22:00:00.000Z';
		const facts = coverageFacts(
			[
				{ id: 'recent', createdAt: '2025-01-01T00:00:00.000Z', closedAt: null, rhythmWeeks: 12 },
				{ id: 'late', createdAt: '2025-01-01T00:00:00.000Z', closedAt: null, rhythmWeeks: 4 },
				{ id: 'never', createdAt: '2025-01-01T00:00:00.000Z', closedAt: null, rhythmWeeks: 12 },
				{ id: 'manual', createdAt: '2025-01-01T00:00:00.000Z', closedAt: null, rhythmWeeks: null },
				{ id: 'closed', createdAt: '2025-01-01T00:00:00.000Z', closedAt: '2026-02-01T00:00:00.000Z', rhythmWeeks: 12 },
				{ id: 'future', createdAt: '2026-04-02T00:00:00.000Z', closedAt: null, rhythmWeeks: 12 }
			],
			new Map([
				['recent', '2026-02-15T10:00:00.000Z'],
				['late', '2026-02-15T10:00:00.000Z']
			]),
			end
		);
		expect(facts.map((f) => [f.collaborationId, f.count])).toEqual([
			['recent', 1],
			['late', 0],
			['never', 0]
		]);
		expect(facts.every((f) => f.measure === COVERAGE_MEASURE)).toBe(true);
	});
});

describe('buildDashboard', () => {
	const teamOf = new Map<string, string>();
	const facts: CollaborationFact[] = [];
	for (const [team, n, value] of [
		['small', 3, 10],
		['b', 6, 60],
		['c', 7, 70],
		['d', 20, 80]
	] as const) {
		const own = teamFacts(team, n, value);
		own.forEach((f) => teamOf.set(f.collaborationId, team));
		facts.push(...own, ...teamFacts(team, n, value + 10, PROFESSIONAL));
	}
	const cells = cellsOf('2026-Q1', facts, teamOf);
	const view = (scope: Parameters<typeof buildDashboard>[1]['scope']) =>
		buildDashboard(cells, { quarters: ['2026-Q1'], scope, k: 5, items: [ITEM] })[0]!.items[0]!;

	it('a team figure resting on fewer collaborations than the minimum shows nothing', () => {
		expect(view({ kind: 'team', teamId: 'small' })).toMatchObject({
			client: { shown: false },
			professional: { shown: false },
			gap: { shown: false }
		});
	});

	it('averages, gap and the number of collaborations of a team large enough', () => {
		expect(view({ kind: 'team', teamId: 'd' })).toEqual({
			...ITEM,
			client: { shown: true, value: 80, collaborations: 20 },
			professional: { shown: true, value: 90, collaborations: 20 },
			gap: { shown: true, value: 10, collaborations: 20 }
		});
	});

	it('the subtraction attack fails: organisation minus the shown teams never yields the small team', () => {
		const organisation = view({ kind: 'organisation' });
		expect(organisation.client).toEqual({ shown: true, value: Math.round((30 + 360 + 490 + 1600) / 36), collaborations: 36 });
		const shownTeams = ['small', 'b', 'c', 'd'].filter((teamId) => view({ kind: 'team', teamId }).client.shown);
		// The small team is hidden, and so is a second one: what can be subtracted covers at least 5.
		expect(shownTeams).toEqual(['c', 'd']);
		const derivable =
			36 -
			shownTeams.reduce((sum, teamId) => sum + (view({ kind: 'team', teamId }).client as { collaborations: number }).collaborations, 0);
		expect(derivable).toBeGreaterThanOrEqual(5);
	});

	it('a team lead sees the same pattern as an admin, so one cannot be combined with the other', () => {
		const forLead = view({ kind: 'team', teamId: 'b' });
		expect(forLead.client).toEqual({ shown: false });
	});

	it('quarters never add up: a quarter’s figure is the same whatever period around it is asked for', () => {
		const two = [...cells, ...cellsOf('2026-Q2', teamFacts('d', 2, 10), teamOf)];
		const alone = buildDashboard(two, { quarters: ['2026-Q1'], scope: { kind: 'organisation' }, k: 5, items: [ITEM] });
		const both = buildDashboard(two, { quarters: ['2026-Q1', '2026-Q2'], scope: { kind: 'organisation' }, k: 5, items: [ITEM] });
		expect(both[0]).toEqual(alone[0]);
		expect(both[1]!.items[0]!.client).toEqual({ shown: false });
	});

	it('coverage and agreements follow the same rule', () => {
		const coverage = teamFacts('d', 8, 0, COVERAGE_MEASURE).map((f, i) => ({ ...f, count: i < 6 ? 1 : 0, sum: 0 }));
		const agreements = agreementFacts(
			Array.from({ length: 4 }, (_, i) => ({
				collaborationId: `d${i}`,
				outcome: i === 0 ? ('partly' as const) : ('done' as const),
				count: 1
			}))
		);
		const result = buildDashboard(cellsOf('2026-Q1', [...coverage, ...agreements], teamOf), {
			quarters: ['2026-Q1'],
			scope: { kind: 'team', teamId: 'd' },
			k: 5,
			items: [ITEM]
		})[0]!;
		expect(result.coverage).toEqual({ shown: true, value: 75, collaborations: 8 });
		expect(result.agreements).toEqual({ shown: false });
		expect(hasAnyFigure([result])).toBe(true);
	});

	it('finds the items that have rating cells', () => {
		expect(itemsInMeasures([CLIENT, PROFESSIONAL, COVERAGE_MEASURE, 'agreements:done'])).toEqual([ITEM]);
	});
});
