import type { ReviewOutcome } from '#lib/server/db/schema.ts';
import { combineGroups, NO_TEAM, suppressEquation, type GroupSize, type SuppressionPattern } from './insights.policy.ts';
import type { Quarter } from './insights.quarters.ts';

/**
 * The team and organisation dashboards as pure functions: which team a collaboration counts
 * for, how per-collaboration facts become the stored cells of a quarter, and how cells become
 * the figures a viewer sees (averages, gaps, follow-through, coverage), suppressed by
 * insights.policy.ts. Integers in, integers stored; rounding happens only here, on reading.
 */

export type PartyKind = 'participant' | 'professional';
export const OUTCOMES: readonly ReviewOutcome[] = ['done', 'partly', 'notDone'];

export const COVERAGE_MEASURE = 'coverage';
export const agreementMeasure = (outcome: ReviewOutcome) => `agreements:${outcome}`;
export const ratingMeasure = (instrumentKey: string, itemKey: string, kind: PartyKind) => `rating:${instrumentKey}:${itemKey}:${kind}`;

export interface ItemRef {
	instrumentKey: string;
	itemKey: string;
}

/** The instrument items that have rating cells, in the order first seen. */
export function itemsInMeasures(measures: Iterable<string>): ItemRef[] {
	const seen = new Map<string, ItemRef>();
	for (const measure of measures) {
		const [type, instrumentKey, itemKey] = measure.split(':');
		if (type === 'rating' && instrumentKey && itemKey) seen.set(`${instrumentKey}:${itemKey}`, { instrumentKey, itemKey });
	}
	return [...seen.values()];
}

/**
 * Each collaboration counts for one team: its holder's. A holder in several teams counts for
 * the oldest of them (then by id), so teams never overlap and the organisation is exactly its
 * teams plus NO_TEAM — the condition the suppression rule relies on.
 */
export function assignTeams(input: {
	holders: readonly { collaborationId: string; userId: string }[];
	memberships: readonly { teamId: string; userId: string }[];
	teams: readonly { id: string; createdAt: string }[];
}): Map<string, string> {
	const order = new Map(
		[...input.teams]
			.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
			.map((team, index) => [team.id, index])
	);
	const teamOfUser = new Map<string, string>();
	for (const { teamId, userId } of input.memberships) {
		const rank = order.get(teamId);
		if (rank === undefined) continue;
		const current = teamOfUser.get(userId);
		if (current === undefined || rank < order.get(current)!) teamOfUser.set(userId, teamId);
	}
	return new Map(input.holders.map(({ collaborationId, userId }) => [collaborationId, teamOfUser.get(userId) ?? NO_TEAM]));
}

/** One collaboration's contribution to one measure in one quarter. */
export interface CollaborationFact {
	collaborationId: string;
	measure: string;
	count: number;
	sum: number;
}

export interface CellValues extends GroupSize {
	valueCount: number;
	valueSum: number;
}

export interface Cell extends CellValues {
	teamId: string;
	measure: string;
}

/**
 * Facts → one cell per team and measure: how many collaborations, the most of them one holder
 * has, and the counts and sums. A collaboration without a holder counts as its own holder.
 */
export function buildCells(
	facts: readonly CollaborationFact[],
	teamOf: ReadonlyMap<string, string>,
	holderOf: ReadonlyMap<string, string>
): Cell[] {
	const cells = new Map<string, Cell & { perHolder: Map<string, number> }>();
	for (const fact of facts) {
		const teamId = teamOf.get(fact.collaborationId) ?? NO_TEAM;
		const key = `${teamId}\u0000${fact.measure}`;
		let cell = cells.get(key);
		if (!cell) {
			cell = { teamId, measure: fact.measure, collaborations: 0, maxHolder: 0, valueCount: 0, valueSum: 0, perHolder: new Map() };
			cells.set(key, cell);
		}
		const holder = holderOf.get(fact.collaborationId) ?? `none:${fact.collaborationId}`;
		const held = (cell.perHolder.get(holder) ?? 0) + 1;
		cell.perHolder.set(holder, held);
		cell.collaborations += 1;
		cell.maxHolder = Math.max(cell.maxHolder, held);
		cell.valueCount += fact.count;
		cell.valueSum += fact.sum;
	}
	return [...cells.values()].map(({ perHolder: _, ...cell }) => cell);
}

/** Agreement facts: every collaboration with a review gets all three outcomes, so they rest on one group. */
export function agreementFacts(rows: readonly { collaborationId: string; outcome: ReviewOutcome; count: number }[]): CollaborationFact[] {
	const byCollaboration = new Map<string, Record<ReviewOutcome, number>>();
	for (const row of rows) {
		const counts = byCollaboration.get(row.collaborationId) ?? { done: 0, partly: 0, notDone: 0 };
		counts[row.outcome] += row.count;
		byCollaboration.set(row.collaborationId, counts);
	}
	return [...byCollaboration.entries()].flatMap(([collaborationId, counts]) =>
		OUTCOMES.map((outcome) => ({ collaborationId, measure: agreementMeasure(outcome), count: counts[outcome], sum: 0 }))
	);
}

/**
 * Coverage at the end of a quarter: every collaboration open then with a rhythm is one fact,
 * counted as covered when a conversation closed within its rhythm period before that moment.
 */
export function coverageFacts(
	collaborations: readonly { id: string; createdAt: string; closedAt: string | null; rhythmWeeks: number | null }[],
	lastClosedBefore: ReadonlyMap<string, string>,
	quarterEnd: string
): CollaborationFact[] {
	const end = Date.parse(quarterEnd);
	return collaborations
		.filter((c) => c.rhythmWeeks !== null && Date.parse(c.createdAt) < end && (c.closedAt === null || Date.parse(c.closedAt) >= end))
		.map((c) => {
			const last = lastClosedBefore.get(c.id);
			const covered = last !== undefined && end - Date.parse(last) <= c.rhythmWeeks! * 7 * 86_400_000;
			return { collaborationId: c.id, measure: COVERAGE_MEASURE, count: covered ? 1 : 0, sum: 0 };
		});
}

export type Scope = { kind: 'organisation' } | { kind: 'team'; teamId: string };

export type Figure = { shown: true; value: number; collaborations: number } | { shown: false };
export type AgreementFigures =
	{ shown: true; done: number; partly: number; notDone: number; doneShare: number; collaborations: number } | { shown: false };

export interface ItemFigures extends ItemRef {
	client: Figure;
	professional: Figure;
	/** Professional minus client, when both are shown. */
	gap: Figure;
}

export interface QuarterFigures {
	quarter: Quarter;
	/** Percentage of open collaborations (with a rhythm) that had a conversation within it. */
	coverage: Figure;
	items: ItemFigures[];
	agreements: AgreementFigures;
}

export interface StoredCell extends Cell {
	quarter: Quarter;
}

const HIDDEN: Figure = { shown: false };

/** The cell of one measure as the scope sees it, or nothing when suppressed. */
function scopedValues(cells: ReadonlyMap<string, CellValues>, pattern: SuppressionPattern, scope: Scope): CellValues | undefined {
	if (scope.kind === 'team') return pattern.visibleTeams.has(scope.teamId) ? cells.get(scope.teamId) : undefined;
	if (!pattern.organisationVisible) return undefined;
	const all = [...cells.values()];
	return {
		...combineGroups(all),
		valueCount: all.reduce((sum, c) => sum + c.valueCount, 0),
		valueSum: all.reduce((sum, c) => sum + c.valueSum, 0)
	};
}

/**
 * The figures of one scope for the given quarters. Every (quarter, measure) is suppressed as one
 * equation over all teams, whatever the scope, so each viewer sees the same pattern.
 */
export function buildDashboard(
	cells: readonly StoredCell[],
	input: { quarters: readonly Quarter[]; scope: Scope; k: number; items: readonly ItemRef[] }
): QuarterFigures[] {
	const grouped = new Map<string, Map<string, CellValues>>();
	for (const cell of cells) {
		const key = `${cell.quarter}\u0000${cell.measure}`;
		const teams = grouped.get(key) ?? new Map<string, CellValues>();
		teams.set(cell.teamId, cell);
		grouped.set(key, teams);
	}
	const read = (quarter: Quarter, measure: string): CellValues | undefined => {
		const teams = grouped.get(`${quarter}\u0000${measure}`);
		if (!teams) return undefined;
		return scopedValues(teams, suppressEquation(teams, input.k), input.scope);
	};
	return input.quarters.map((quarter) => {
		const items = input.items.map((item) => {
			const client = average(read(quarter, ratingMeasure(item.instrumentKey, item.itemKey, 'participant')));
			const professional = average(read(quarter, ratingMeasure(item.instrumentKey, item.itemKey, 'professional')));
			return { ...item, client: rounded(client), professional: rounded(professional), gap: gapOf(professional, client) };
		});
		return {
			quarter,
			coverage: share(read(quarter, COVERAGE_MEASURE)),
			items,
			agreements: agreementsOf(OUTCOMES.map((outcome) => read(quarter, agreementMeasure(outcome))))
		};
	});
}

type Exact = { shown: true; value: number; collaborations: number } | { shown: false };

function average(values: CellValues | undefined): Exact {
	if (!values || values.valueCount === 0) return HIDDEN;
	return { shown: true, value: values.valueSum / values.valueCount, collaborations: values.collaborations };
}

function rounded(figure: Exact): Figure {
	return figure.shown ? { ...figure, value: Math.round(figure.value) } : HIDDEN;
}

function gapOf(professional: Exact, client: Exact): Figure {
	if (!professional.shown || !client.shown) return HIDDEN;
	return {
		shown: true,
		value: Math.round(professional.value - client.value),
		collaborations: Math.min(professional.collaborations, client.collaborations)
	};
}

function share(values: CellValues | undefined): Figure {
	if (!values || values.collaborations === 0) return HIDDEN;
	return { shown: true, value: Math.round((100 * values.valueCount) / values.collaborations), collaborations: values.collaborations };
}

function agreementsOf(values: (CellValues | undefined)[]): AgreementFigures {
	const [done, partly, notDone] = values;
	if (!done || !partly || !notDone) return { shown: false };
	const total = done.valueCount + partly.valueCount + notDone.valueCount;
	if (total === 0) return { shown: false };
	return {
		shown: true,
		done: done.valueCount,
		partly: partly.valueCount,
		notDone: notDone.valueCount,
		doneShare: Math.round((100 * done.valueCount) / total),
		collaborations: done.collaborations
	};
}

/** Whether any figure of the scope could be shown at all (for "nothing to export"). */
export function hasAnyFigure(quarters: readonly QuarterFigures[]): boolean {
	return quarters.some(
		(q) => q.coverage.shown || q.agreements.shown || q.items.some((item) => item.client.shown || item.professional.shown || item.gap.shown)
	);
}
