import type { ReviewOutcome } from '#lib/server/db/schema.ts';
import { combineGroups, NO_TEAM, suppressEquation, type GroupSize } from './insights.policy.ts';
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
 * teams plus NO_TEAM — the condition the suppression rule relies on. Returns holder → team.
 */
export function teamsOfHolders(input: {
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
	return teamOfUser;
}

/**
 * One holder's share of one measure in one quarter: how many of their collaborations it rests on,
 * and the counts and sums. Aggregated per holder in SQL, so a quarter with a million ratings
 * yields a few thousand facts. `holderId` null: collaborations without a holder (each its own).
 */
export interface HolderFact {
	holderId: string | null;
	measure: string;
	collaborations: number;
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

/** Facts → one cell per team and measure; the largest holder share is the largest fact (or 1 without a holder). */
export function buildCells(facts: readonly HolderFact[], teamOfHolder: ReadonlyMap<string, string>): Cell[] {
	const cells = new Map<string, Cell>();
	for (const fact of facts) {
		if (fact.collaborations === 0) continue;
		const teamId = (fact.holderId !== null && teamOfHolder.get(fact.holderId)) || NO_TEAM;
		const key = `${teamId}\u0000${fact.measure}`;
		const cell = cells.get(key) ?? { teamId, measure: fact.measure, collaborations: 0, maxHolder: 0, valueCount: 0, valueSum: 0 };
		cell.collaborations += fact.collaborations;
		cell.maxHolder = Math.max(cell.maxHolder, fact.holderId === null ? 1 : fact.collaborations);
		cell.valueCount += fact.count;
		cell.valueSum += fact.sum;
		cells.set(key, cell);
	}
	return [...cells.values()];
}

/** Agreement facts: every collaboration with a review counts in all three outcomes, so they rest on one group. */
export function agreementFacts(
	rows: readonly { holderId: string | null; collaborations: number; done: number; partly: number; notDone: number }[]
): HolderFact[] {
	return rows.flatMap((row) =>
		OUTCOMES.map((outcome) => ({
			holderId: row.holderId,
			measure: agreementMeasure(outcome),
			collaborations: row.collaborations,
			count: row[outcome],
			sum: 0
		}))
	);
}

/**
 * Coverage at the end of a quarter: every collaboration open then with a rhythm counts, and is
 * covered when a conversation closed within its rhythm period before that moment.
 */
export function coverageFacts(
	collaborations: readonly {
		id: string;
		holderId: string | null;
		createdAt: string;
		closedAt: string | null;
		rhythmWeeks: number | null;
	}[],
	lastClosedBefore: ReadonlyMap<string, string>,
	quarterEnd: string
): HolderFact[] {
	const end = Date.parse(quarterEnd);
	const facts = new Map<string, HolderFact>();
	for (const c of collaborations) {
		if (c.rhythmWeeks === null || Date.parse(c.createdAt) >= end || (c.closedAt !== null && Date.parse(c.closedAt) < end)) continue;
		const last = lastClosedBefore.get(c.id);
		const covered = last !== undefined && end - Date.parse(last) <= c.rhythmWeeks * 7 * 86_400_000;
		// Without a holder, each collaboration is a group of its own.
		const key = c.holderId ?? `none:${c.id}`;
		const fact = facts.get(key) ?? { holderId: c.holderId, measure: COVERAGE_MEASURE, collaborations: 0, count: 0, sum: 0 };
		fact.collaborations += 1;
		fact.count += covered ? 1 : 0;
		facts.set(key, fact);
	}
	return [...facts.values()];
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

/** One quarter's cells: measure → team → values. */
export type QuarterCells = ReadonlyMap<string, ReadonlyMap<string, CellValues>>;

/** Cells grouped per quarter and measure, the shape buildDashboard reads. */
export function groupCells(cells: readonly StoredCell[]): Map<Quarter, Map<string, Map<string, CellValues>>> {
	const grouped = new Map<Quarter, Map<string, Map<string, CellValues>>>();
	for (const cell of cells) {
		let measures = grouped.get(cell.quarter);
		if (!measures) grouped.set(cell.quarter, (measures = new Map()));
		let teams = measures.get(cell.measure);
		if (!teams) measures.set(cell.measure, (teams = new Map()));
		teams.set(cell.teamId, cell);
	}
	return grouped;
}

/**
 * Which figures of a quarter may be shown: per measure, the scopes ('organisation' or a team
 * id). Decided once when the quarter is published and only ever narrowed after that
 * (docs/decisions/006, rule 7), so it is stored, not worked out again from the current setting.
 */
export type ShownFigures = ReadonlyMap<string, ReadonlySet<string>>;
export const ORGANISATION_SCOPE = 'organisation';

/** The figures a quarter publishes under minimum group size `k`: every measure's suppression pattern. */
export function publishFigures(cells: QuarterCells, k: number): Map<string, Set<string>> {
	const shown = new Map<string, Set<string>>();
	for (const [measure, teams] of cells) {
		const pattern = suppressEquation(teams, k);
		const scopes = new Set(pattern.visibleTeams);
		if (pattern.organisationVisible) scopes.add(ORGANISATION_SCOPE);
		if (scopes.size > 0) shown.set(measure, scopes);
	}
	return shown;
}

/**
 * What a stricter minimum takes away from a published quarter: every shown figure that the
 * quarter would not publish under `k`. Never adds one, so whatever was ever shown of the quarter
 * stays within its first, safe pattern (the union of everything anyone saw is that pattern).
 */
export function figuresToWithdraw(published: ShownFigures, cells: QuarterCells, k: number): { measure: string; scope: string }[] {
	const stricter = publishFigures(cells, k);
	return [...published].flatMap(([measure, scopes]) =>
		[...scopes].filter((scope) => !stricter.get(measure)?.has(scope)).map((scope) => ({ measure, scope }))
	);
}

/** An equation's organisation total, worked out once per grouped cells (keyed by the object, freed with it). */
const totals = new WeakMap<object, CellValues>();

function totalOf(teams: ReadonlyMap<string, CellValues>): CellValues {
	let total = totals.get(teams);
	if (!total) {
		const all = [...teams.values()];
		total = {
			...combineGroups(all),
			valueCount: all.reduce((sum, c) => sum + c.valueCount, 0),
			valueSum: all.reduce((sum, c) => sum + c.valueSum, 0)
		};
		totals.set(teams, total);
	}
	return total;
}

/** The cell of one measure as the scope sees it, or nothing when not among the quarter's shown figures. */
function scopedValues(
	teams: ReadonlyMap<string, CellValues>,
	shown: ReadonlySet<string> | undefined,
	scope: Scope
): CellValues | undefined {
	if (scope.kind === 'team') return shown?.has(scope.teamId) && scope.teamId !== NO_TEAM ? teams.get(scope.teamId) : undefined;
	return shown?.has(ORGANISATION_SCOPE) ? totalOf(teams) : undefined;
}

/**
 * The figures of one scope for the given quarters: only what the quarter's published (and
 * possibly narrowed) pattern shows, the same for every viewer and every period around it.
 */
export function buildDashboard(
	cells: readonly StoredCell[] | ReadonlyMap<Quarter, QuarterCells>,
	input: { quarters: readonly Quarter[]; scope: Scope; shown: ReadonlyMap<Quarter, ShownFigures>; items: readonly ItemRef[] }
): QuarterFigures[] {
	const grouped: ReadonlyMap<Quarter, QuarterCells> = Array.isArray(cells)
		? groupCells(cells)
		: (cells as ReadonlyMap<Quarter, QuarterCells>);
	const read = (quarter: Quarter, measure: string): CellValues | undefined => {
		const teams = grouped.get(quarter)?.get(measure);
		return teams ? scopedValues(teams, input.shown.get(quarter)?.get(measure), input.scope) : undefined;
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

/**
 * Professional minus client, from the two rounded averages: the gap always equals the
 * difference of the two figures shown beside it (round first, then subtract).
 */
function gapOf(professional: Exact, client: Exact): Figure {
	if (!professional.shown || !client.shown) return HIDDEN;
	return {
		shown: true,
		value: Math.round(professional.value) - Math.round(client.value),
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
