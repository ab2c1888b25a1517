import type { Kysely } from 'kysely';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import {
	agreementFacts,
	buildCells,
	coverageFacts,
	figuresToWithdraw,
	groupCells,
	publishFigures,
	ratingMeasure,
	teamsOfHolders,
	type HolderFact,
	type QuarterCells,
	type ShownFigures
} from './insights.models.ts';
import { quarterBounds, type Quarter } from './insights.quarters.ts';
import { createInsightsRepository, type CellRow } from './insights.repository.ts';

/**
 * The frozen quarter summaries behind the dashboards (migrations 0008 and 0011,
 * docs/decisions/006). Not an entry point: the insights usecases (and the settings usecase,
 * for a stricter minimum) call it after their access check. A completed quarter is summarised
 * and published once, in one transaction that first claims it, so two requests at once never
 * write it twice and a reader never sees half of it. Publishing decides which figures may be
 * shown, with the minimum group size of that moment; afterwards that set can only shrink.
 */

/** What a dashboard may read of a quarter: its frozen cells and the figures it may show. */
export interface PublishedQuarter {
	cells: QuarterCells;
	shown: ShownFigures;
}

type Repository = ReturnType<typeof createInsightsRepository>;

async function cellsOf(repo: Repository, organisationId: string, quarter: Quarter): Promise<QuarterCells> {
	return groupCells(await repo.listCells(organisationId, [quarter])).get(quarter) ?? new Map();
}

function asRows(shown: ShownFigures): { measure: string; scope: string }[] {
	return [...shown].flatMap(([measure, scopes]) => [...scopes].map((scope) => ({ measure, scope })));
}

/** Publishes a summarised quarter not published yet (one summarised before migration 0011). */
async function publishQuarter(repo: Repository, organisationId: string, quarter: Quarter, k: number): Promise<void> {
	if (!(await repo.holdQuarterTo(organisationId, quarter, k, 'unpublished'))) return;
	await repo.insertShownFigures(organisationId, quarter, asRows(publishFigures(await cellsOf(repo, organisationId, quarter), k)));
}

/** Holds a published quarter to a stricter minimum: withdraws what `k` would not show; never adds. */
async function narrowQuarter(repo: Repository, organisationId: string, quarter: Quarter, k: number): Promise<void> {
	if (!(await repo.holdQuarterTo(organisationId, quarter, k, 'smaller'))) return;
	const shown = groupShown(await repo.listShownFigures(organisationId, [quarter])).get(quarter) ?? new Map();
	await repo.deleteShownFigures(organisationId, quarter, figuresToWithdraw(shown, await cellsOf(repo, organisationId, quarter), k));
}

/** For the settings usecase, in its transaction: a stricter minimum narrows every quarter already published. */
export async function holdPublishedQuartersTo(db: Kysely<Database>, organisationId: string, k: number): Promise<void> {
	const repo = createInsightsRepository(db);
	for (const quarter of await repo.listQuartersHeldBelow(organisationId, k)) await narrowQuarter(repo, organisationId, quarter, k);
}

/**
 * Summarises and publishes these quarters where that has not happened yet, and narrows those
 * held to a smaller minimum than `k` (a setting raised while another request was publishing).
 * Returns the minimum each quarter is held to now.
 */
async function ensurePublished(
	ctx: AppContext,
	organisationId: string,
	quarters: readonly Quarter[],
	k: number
): Promise<Map<Quarter, number | null>> {
	const states = await createInsightsRepository(ctx.db).listQuarterStates(organisationId, quarters);
	const pending = quarters.filter((quarter) => {
		const heldTo = states.get(quarter);
		return heldTo === undefined || heldTo === null || heldTo < k;
	});
	for (const quarter of pending) {
		await ctx.db.transaction().execute(async (trx) => {
			const repo = createInsightsRepository(trx);
			const heldTo = states.get(quarter);
			if (heldTo === undefined) {
				if (!(await repo.claimQuarter(organisationId, quarter, ctx.clock.now().toISOString()))) return;
				await repo.insertCells(organisationId, await summariseQuarter(repo, organisationId, quarter));
			}
			if (heldTo === undefined || heldTo === null) await publishQuarter(repo, organisationId, quarter, k);
			else await narrowQuarter(repo, organisationId, quarter, k);
		});
	}
	return pending.length === 0 ? states : createInsightsRepository(ctx.db).listQuarterStates(organisationId, quarters);
}

/**
 * Per database: the cells of the most recently used quarters (they never change once
 * summarised) and their shown figures with the minimum those were read at. The figures are
 * read again whenever the quarter's minimum in the database differs, so a quarter narrowed by
 * another instance is never shown wider here.
 */
const CACHED_QUARTERS = 64;
const cache = new WeakMap<object, Map<string, PublishedQuarter & { heldTo: number | null }>>();

function groupShown(rows: readonly { quarter: string; measure: string; scope: string }[]): Map<Quarter, Map<string, Set<string>>> {
	const grouped = new Map<Quarter, Map<string, Set<string>>>();
	for (const { quarter, measure, scope } of rows) {
		let measures = grouped.get(quarter);
		if (!measures) grouped.set(quarter, (measures = new Map()));
		let scopes = measures.get(measure);
		if (!scopes) measures.set(measure, (scopes = new Set()));
		scopes.add(scope);
	}
	return grouped;
}

/**
 * The published cells and shown figures of these quarters, summarising and publishing first
 * the quarters that are not yet (with minimum group size `k`, the organisation's setting now).
 */
export async function loadPublishedQuarters(
	ctx: AppContext,
	organisationId: string,
	quarters: readonly Quarter[],
	k: number
): Promise<Map<Quarter, PublishedQuarter>> {
	let cached = cache.get(ctx.db);
	if (!cached) {
		cached = new Map();
		cache.set(ctx.db, cached);
	}
	const key = (quarter: Quarter) => `${organisationId}|${quarter}`;
	const states = await ensurePublished(ctx, organisationId, quarters, k);
	const repo = createInsightsRepository(ctx.db);
	const noCells = quarters.filter((quarter) => !cached.has(key(quarter)));
	const stale = quarters.filter((quarter) => cached.get(key(quarter))?.heldTo !== (states.get(quarter) ?? null));
	const cells = groupCells(await repo.listCells(organisationId, noCells));
	const shown = groupShown(await repo.listShownFigures(organisationId, stale));
	const result = new Map<Quarter, PublishedQuarter>();
	for (const quarter of quarters) {
		const before = cached.get(key(quarter));
		const entry = {
			cells: before?.cells ?? cells.get(quarter) ?? new Map(),
			shown: stale.includes(quarter) ? (shown.get(quarter) ?? new Map()) : before!.shown,
			heldTo: states.get(quarter) ?? null
		};
		cached.delete(key(quarter)); // re-inserted last: the map's order is the order of use
		cached.set(key(quarter), entry);
		result.set(quarter, entry);
	}
	for (const oldest of [...cached.keys()].slice(0, Math.max(0, cached.size - CACHED_QUARTERS))) cached.delete(oldest);
	return result;
}

/** A rhythm is at most this long (collaborations.rhythm_weeks), so older conversations never cover. */
const MAX_RHYTHM_DAYS = 104 * 7;

/** Every cell of one quarter: ratings per item and kind of party, agreement reviews, coverage at its end. */
export async function summariseQuarter(repo: Repository, organisationId: string, quarter: Quarter): Promise<CellRow[]> {
	const { start, end } = quarterBounds(quarter);
	const since = new Date(Date.parse(end) - MAX_RHYTHM_DAYS * 86_400_000).toISOString();
	const [ratings, reviews, collaborations, lastClosed, memberships, teams] = await Promise.all([
		repo.ratingFacts(organisationId, start, end),
		repo.reviewFacts(organisationId, start, end),
		repo.listCollaborationsForCoverage(organisationId, end),
		repo.lastClosedBefore(organisationId, since, end),
		repo.listTeamMemberships(organisationId),
		repo.listTeams(organisationId)
	]);
	const facts: HolderFact[] = [
		...ratings.map((row) => ({
			holderId: row.holderId,
			measure: ratingMeasure(row.instrumentKey, row.itemKey, row.kind),
			collaborations: row.collaborations,
			count: row.count,
			sum: row.sum
		})),
		...agreementFacts(reviews),
		...coverageFacts(collaborations, lastClosed, end)
	];
	return buildCells(facts, teamsOfHolders({ memberships, teams })).map((cell) => ({ quarter, ...cell }));
}
