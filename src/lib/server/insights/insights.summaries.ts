import type { AppContext } from '#lib/server/context.ts';
import {
	agreementFacts,
	buildCells,
	coverageFacts,
	groupCells,
	ratingMeasure,
	teamsOfHolders,
	type HolderFact,
	type QuarterCells
} from './insights.models.ts';
import { quarterBounds, type Quarter } from './insights.quarters.ts';
import { createInsightsRepository, type CellRow } from './insights.repository.ts';

/**
 * The frozen quarter summaries behind the dashboards (migration 0008, docs/decisions/006).
 * Not an entry point: the insights usecases call it after their access check. A completed
 * quarter is summarised once, in one transaction that first claims it, so two requests at once
 * never write it twice and a reader never sees half of it.
 */
export async function ensureQuarterSummaries(ctx: AppContext, organisationId: string, quarters: readonly Quarter[]): Promise<void> {
	const done = await createInsightsRepository(ctx.db).listSummarisedQuarters(organisationId, quarters);
	for (const quarter of quarters.filter((q) => !done.has(q))) {
		await ctx.db.transaction().execute(async (trx) => {
			const repo = createInsightsRepository(trx);
			if (!(await repo.claimQuarter(organisationId, quarter, ctx.clock.now().toISOString()))) return;
			await repo.insertCells(organisationId, await summariseQuarter(repo, organisationId, quarter));
		});
	}
}

/** Summarised quarters never change, so their cells are kept in memory: per database, the most recently used. */
const CACHED_QUARTERS = 64;
const cache = new WeakMap<object, Map<string, QuarterCells>>();

/**
 * The cells of these quarters, grouped for buildDashboard, summarising first the quarters that
 * are not yet. A summarised quarter is never rewritten, so a copy in memory stays correct, also
 * with several instances.
 */
export async function loadQuarterCells(
	ctx: AppContext,
	organisationId: string,
	quarters: readonly Quarter[]
): Promise<Map<Quarter, QuarterCells>> {
	let cached = cache.get(ctx.db);
	if (!cached) {
		cached = new Map();
		cache.set(ctx.db, cached);
	}
	const key = (quarter: Quarter) => `${organisationId}|${quarter}`;
	const missing = quarters.filter((quarter) => !cached.has(key(quarter)));
	if (missing.length > 0) {
		await ensureQuarterSummaries(ctx, organisationId, missing);
		const grouped = groupCells(await createInsightsRepository(ctx.db).listCells(organisationId, missing));
		for (const quarter of missing) cached.set(key(quarter), grouped.get(quarter) ?? new Map());
	}
	const result = new Map<Quarter, QuarterCells>();
	for (const quarter of quarters) {
		const cells = cached.get(key(quarter)) ?? new Map();
		cached.delete(key(quarter)); // re-inserted last: the map's order is the order of use
		cached.set(key(quarter), cells);
		result.set(quarter, cells);
	}
	for (const oldest of [...cached.keys()].slice(0, Math.max(0, cached.size - CACHED_QUARTERS))) cached.delete(oldest);
	return result;
}

/** A rhythm is at most this long (collaborations.rhythm_weeks), so older conversations never cover. */
const MAX_RHYTHM_DAYS = 104 * 7;

/** Every cell of one quarter: ratings per item and kind of party, agreement reviews, coverage at its end. */
export async function summariseQuarter(
	repo: ReturnType<typeof createInsightsRepository>,
	organisationId: string,
	quarter: Quarter
): Promise<CellRow[]> {
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
