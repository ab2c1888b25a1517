import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	agreementFacts,
	buildCells,
	buildDashboard,
	COVERAGE_MEASURE,
	coverageFacts,
	figuresToWithdraw,
	groupCells,
	hasAnyFigure,
	itemsInMeasures,
	ORGANISATION_SCOPE,
	publishFigures,
	ratingMeasure,
	teamsOfHolders,
	type HolderFact,
	type StoredCell
} from './insights.models.ts';
import { combineGroups, isSafeGroup, NO_TEAM } from './insights.policy.ts';

const ITEM = { instrumentKey: 'samenSterker', itemKey: 'omgang' };
const CLIENT = ratingMeasure('samenSterker', 'omgang', 'participant');
const PROFESSIONAL = ratingMeasure('samenSterker', 'omgang', 'professional');

/** `n` collaborations <prefix>0… of team `team`, each held by its own professional, each rating `value` once. */
function teamFacts(prefix: string, n: number, value: number, measure = CLIENT): HolderFact[] {
	return Array.from({ length: n }, (_, i) => ({ holderId: `${prefix}${i}`, measure, collaborations: 1, count: 1, sum: value }));
}

function cellsOf(quarter: string, facts: HolderFact[], teamOf: Map<string, string>): StoredCell[] {
	return buildCells(facts, teamOf).map((cell) => ({ quarter, ...cell }));
}

/** Every quarter of `cells` published under minimum `k`, as a dashboard reads them. */
function publishedAt(cells: StoredCell[], k: number) {
	return new Map([...groupCells(cells)].map(([quarter, measures]) => [quarter, publishFigures(measures, k)]));
}

describe('teamsOfHolders', () => {
	it('a holder counts for their team, the oldest one when they are in several, and for no team without one', () => {
		const teamOf = teamsOfHolders({
			memberships: [
				{ teamId: 'new', userId: 'u1' },
				{ teamId: 'old', userId: 'u1' },
				{ teamId: 'new', userId: 'u2' },
				{ teamId: 'deleted', userId: 'u3' }
			],
			teams: [
				{ id: 'new', createdAt: '2026-02-01T00:00:00.000Z' },
				{ id: 'old', createdAt: '2025-01-01T00:00:00.000Z' }
			]
		});
		expect(teamOf).toEqual(
			new Map([
				['u1', 'old'],
				['u2', 'new']
			])
		);
	});
});

describe('buildCells', () => {
	it('adds collaborations, counts and sums per team and measure, and keeps the largest holder share', () => {
		const facts: HolderFact[] = [
			{ holderId: 'p1', measure: CLIENT, collaborations: 2, count: 3, sum: 170 },
			{ holderId: 'p2', measure: CLIENT, collaborations: 1, count: 1, sum: 90 },
			{ holderId: 'p3', measure: CLIENT, collaborations: 1, count: 1, sum: 10 },
			{ holderId: null, measure: CLIENT, collaborations: 4, count: 4, sum: 200 },
			{ holderId: 'p2', measure: PROFESSIONAL, collaborations: 0, count: 0, sum: 0 }
		];
		const cells = buildCells(
			facts,
			new Map([
				['p1', 't'],
				['p2', 't']
			])
		);
		expect(cells).toEqual([
			{ teamId: 't', measure: CLIENT, collaborations: 3, maxHolder: 2, valueCount: 4, valueSum: 260 },
			// Without a team, and without a holder: each collaboration without a holder is its own.
			{ teamId: NO_TEAM, measure: CLIENT, collaborations: 5, maxHolder: 1, valueCount: 5, valueSum: 210 }
		]);
	});
});

describe('agreementFacts and coverageFacts', () => {
	it('every collaboration with a review counts in all three outcomes, so they rest on one group', () => {
		const facts = agreementFacts([{ holderId: 'p', collaborations: 2, done: 2, partly: 0, notDone: 1 }]);
		expect(facts).toEqual([
			{ holderId: 'p', measure: 'agreements:done', collaborations: 2, count: 2, sum: 0 },
			{ holderId: 'p', measure: 'agreements:partly', collaborations: 2, count: 0, sum: 0 },
			{ holderId: 'p', measure: 'agreements:notDone', collaborations: 2, count: 1, sum: 0 }
		]);
	});

	it('coverage counts collaborations open at the end of the quarter with a rhythm, covered when a conversation closed within it', () => {
		const end = '2026-03-31T22:00:00.000Z';
		const open = { holderId: 'p', createdAt: '2025-01-01T00:00:00.000Z', closedAt: null };
		const facts = coverageFacts(
			[
				{ ...open, id: 'recent', rhythmWeeks: 12 },
				{ ...open, id: 'late', rhythmWeeks: 4 },
				{ ...open, id: 'never', rhythmWeeks: 12 },
				{ ...open, id: 'manual', rhythmWeeks: null },
				{ ...open, id: 'closed', closedAt: '2026-02-01T00:00:00.000Z', rhythmWeeks: 12 },
				{ ...open, id: 'future', createdAt: '2026-04-02T00:00:00.000Z', rhythmWeeks: 12 },
				{ ...open, id: 'orphan', holderId: null, rhythmWeeks: 12 }
			],
			new Map([
				['recent', '2026-02-15T10:00:00.000Z'],
				['late', '2026-02-15T10:00:00.000Z'],
				['orphan', '2026-03-30T10:00:00.000Z']
			]),
			end
		);
		expect(facts).toEqual([
			{ holderId: 'p', measure: COVERAGE_MEASURE, collaborations: 3, count: 1, sum: 0 },
			{ holderId: null, measure: COVERAGE_MEASURE, collaborations: 1, count: 1, sum: 0 }
		]);
	});
});

describe('buildDashboard', () => {
	const teamOf = new Map<string, string>();
	const facts: HolderFact[] = [];
	for (const [team, n, value] of [
		['small', 3, 10],
		['b', 6, 60],
		['c', 7, 70],
		['d', 20, 80]
	] as const) {
		const own = teamFacts(team, n, value);
		own.forEach((f) => teamOf.set(f.holderId!, team));
		facts.push(...own, ...teamFacts(team, n, value + 10, PROFESSIONAL));
	}
	const cells = cellsOf('2026-Q1', facts, teamOf);
	const view = (scope: Parameters<typeof buildDashboard>[1]['scope']) =>
		buildDashboard(cells, { quarters: ['2026-Q1'], scope, shown: publishedAt(cells, 5), items: [ITEM] })[0]!.items[0]!;

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

	it('the gap is the difference of the two rounded averages shown beside it (issue 12: 51 and 79 showed a gap of 27)', () => {
		// Clients average 51.4, professionals 78.6: shown as 51 and 79 (5,1 and 7,9), so the gap is 28, not round(27.2).
		const holders = new Map(Array.from({ length: 5 }, (_, i) => [`h${i}`, 'x']));
		const split = (values: number[], measure: string): HolderFact[] =>
			values.map((sum, i) => ({ holderId: `h${i}`, measure, collaborations: 1, count: 1, sum }));
		const quarter = cellsOf('2026-Q1', [...split([50, 50, 50, 50, 57], CLIENT), ...split([80, 80, 80, 80, 73], PROFESSIONAL)], holders);
		const figures = buildDashboard(quarter, {
			quarters: ['2026-Q1'],
			scope: { kind: 'organisation' },
			shown: publishedAt(quarter, 5),
			items: [ITEM]
		})[0]!.items[0]!;
		expect(figures).toMatchObject({ client: { value: 51 }, professional: { value: 79 }, gap: { value: 28 } });
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
		const shown = publishedAt(two, 5);
		const alone = buildDashboard(two, { quarters: ['2026-Q1'], scope: { kind: 'organisation' }, shown, items: [ITEM] });
		const both = buildDashboard(two, { quarters: ['2026-Q1', '2026-Q2'], scope: { kind: 'organisation' }, shown, items: [ITEM] });
		expect(both[0]).toEqual(alone[0]);
		expect(both[1]!.items[0]!.client).toEqual({ shown: false });
	});

	it('coverage and agreements follow the same rule', () => {
		const coverage = teamFacts('d', 8, 0, COVERAGE_MEASURE).map((f, i) => ({ ...f, count: i < 6 ? 1 : 0, sum: 0 }));
		const agreements = agreementFacts(
			Array.from({ length: 4 }, (_, i) => ({
				holderId: `d${i}`,
				collaborations: 1,
				done: i === 0 ? 0 : 1,
				partly: i === 0 ? 1 : 0,
				notDone: 0
			}))
		);
		const quarter = cellsOf('2026-Q1', [...coverage, ...agreements], teamOf);
		const result = buildDashboard(quarter, {
			quarters: ['2026-Q1'],
			scope: { kind: 'team', teamId: 'd' },
			shown: publishedAt(quarter, 5),
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

describe('published figures (docs/decisions/006, rule 7)', () => {
	/** One measure of one quarter: per team, how many collaborations each holder has. */
	const quarterArb = fc.array(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 });

	function quarterCells(teams: number[][]) {
		const teamOf = new Map<string, string>();
		const facts: HolderFact[] = teams.flatMap((holders, t) =>
			holders.map((collaborations, h) => {
				const holderId = `t${t}h${h}`;
				if (t > 0) teamOf.set(holderId, `team${t}`); // team 0 is the holders in no team
				return { holderId, measure: CLIENT, collaborations, count: collaborations, sum: 50 * collaborations };
			})
		);
		return groupCells(cellsOf('2026-Q1', facts, teamOf)).get('2026-Q1')!;
	}

	it('narrowing under any later minimums never shows a figure the first pattern hid, so nothing more can be derived', () => {
		fc.assert(
			fc.property(
				quarterArb,
				fc.integer({ min: 5, max: 8 }),
				fc.array(fc.integer({ min: 5, max: 9 }), { maxLength: 6 }),
				(teams, first, later) => {
					const cells = quarterCells(teams);
					const published = publishFigures(cells, first);
					const everShown = new Set(published.get(CLIENT) ?? []);
					let shown = published;
					let heldTo = first;
					for (const k of later) {
						if (k <= heldTo) continue; // a looser setting never widens a published quarter
						const withdrawn = figuresToWithdraw(shown, cells, k);
						shown = new Map(
							[...shown].map(([m, scopes]) => [
								m,
								new Set([...scopes].filter((s) => !withdrawn.some((w) => w.measure === m && w.scope === s)))
							])
						);
						heldTo = k;
						for (const scope of shown.get(CLIENT) ?? []) expect(everShown.has(scope)).toBe(true);
					}
					// What the first pattern lets anyone derive is safe under the minimum it was published with.
					const teamsOfMeasure = cells.get(CLIENT)!;
					if (everShown.has(ORGANISATION_SCOPE)) {
						const hidden = [...teamsOfMeasure].filter(([teamId]) => teamId === NO_TEAM || !everShown.has(teamId)).map(([, cell]) => cell);
						const rest = combineGroups(hidden);
						expect(rest.collaborations === 0 || isSafeGroup(rest, first)).toBe(true);
					}
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('issue 11: Groot (six of one holder) beside Klein (four): under 5 the total shows, under 6 Groot would; published under 5, 6 only withdraws', () => {
		const cells = quarterCells([[], [6], [1, 1, 1, 1]]);
		expect(publishFigures(cells, 5).get(CLIENT)).toEqual(new Set([ORGANISATION_SCOPE]));
		expect(publishFigures(cells, 6).get(CLIENT)).toEqual(new Set(['team1']));
		expect(figuresToWithdraw(publishFigures(cells, 5), cells, 6)).toEqual([{ measure: CLIENT, scope: ORGANISATION_SCOPE }]);
	});
});
