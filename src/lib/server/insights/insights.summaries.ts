import type { AppContext } from '#lib/server/context.ts';
import { agreementFacts, assignTeams, buildCells, coverageFacts, ratingMeasure, type CollaborationFact } from './insights.models.ts';
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

/** Every cell of one quarter: ratings per item and kind of party, agreement reviews, coverage at its end. */
export async function summariseQuarter(
	repo: ReturnType<typeof createInsightsRepository>,
	organisationId: string,
	quarter: Quarter
): Promise<CellRow[]> {
	const { start, end } = quarterBounds(quarter);
	const [ratings, reviews, collaborations, lastClosed, holders, memberships, teams] = await Promise.all([
		repo.ratingFacts(organisationId, start, end),
		repo.reviewFacts(organisationId, start, end),
		repo.listCollaborationsForCoverage(organisationId),
		repo.lastClosedBefore(organisationId, end),
		repo.listHolders(organisationId),
		repo.listTeamMemberships(organisationId),
		repo.listTeams(organisationId)
	]);
	const facts: CollaborationFact[] = [
		...ratings.map((row) => ({
			collaborationId: row.collaborationId,
			measure: ratingMeasure(row.instrumentKey, row.itemKey, row.kind),
			count: row.count,
			sum: row.sum
		})),
		...agreementFacts(reviews),
		...coverageFacts(collaborations, lastClosed, end)
	];
	const teamOf = assignTeams({ holders, memberships, teams });
	const holderOf = new Map(holders.map((h) => [h.collaborationId, h.userId]));
	return buildCells(facts, teamOf, holderOf).map((cell) => ({ quarter, ...cell }));
}
