import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor, StaffActor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createOrganisationsRepository } from '#lib/server/organisations/organisations.repository.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError, isDomainError } from '#lib/server/shared/errors.ts';
import { sortByName } from '#lib/server/shared/collation.ts';
import { dashboardCsvRows } from './insights.export.ts';
import { toCsv } from '../shared/csv.ts';
import { orderItems, loadInstrumentLabels } from './insights.labels.ts';
import { buildDashboard, hasAnyFigure, itemsInMeasures, type QuarterFigures, type Scope } from './insights.models.ts';
import { effectiveMinGroupSize } from './insights.policy.ts';
import { completedQuarters, compareQuarters, DEFAULT_QUARTERS, isQuarter, quarterRange, type Quarter } from './insights.quarters.ts';
import { createInsightsRepository } from './insights.repository.ts';
import { isTeamId, type DashboardQuery } from './insights.schemas.ts';
import { loadPublishedQuarters } from './insights.summaries.ts';

export interface Dashboard {
	/** The teams this viewer may pick; admins also get the organisation (canSeeOrganisation). */
	teams: { id: string; name: string }[];
	canSeeOrganisation: boolean;
	/** Null for a team lead who leads no team yet. */
	scope: (Scope & { name: string | null }) | null;
	availableQuarters: Quarter[];
	from: Quarter;
	to: Quarter;
	minGroupSize: number;
	items: { instrumentKey: string; itemKey: string; label: string }[];
	quarters: QuarterFigures[];
}

/** From and to, defaulting to the last four completed quarters; anything else on offer or refused. */
export function resolvePeriod(query: DashboardQuery, available: readonly Quarter[]): { from: Quarter; to: Quarter; quarters: Quarter[] } {
	const last = available[available.length - 1]!;
	for (const value of [query.from, query.to]) {
		if (value !== undefined && (!isQuarter(value) || !available.includes(value))) throw domainError('insights.invalid_period');
	}
	const to = query.to ?? last;
	const from = query.from ?? available[Math.max(0, available.indexOf(to) - (DEFAULT_QUARTERS - 1))]!;
	if (compareQuarters(from, to) > 0) throw domainError('insights.invalid_period');
	return { from, to, quarters: quarterRange(from, to) };
}

async function resolveScope(
	ctx: AppContext,
	staff: StaffActor,
	team: string | undefined,
	teams: readonly { id: string; name: string }[]
): Promise<(Scope & { name: string | null }) | null> {
	if (team !== undefined) {
		if (!isTeamId(team)) throw domainError('insights.unknown_team');
		try {
			await requireAccess({ db: ctx.db, actor: staff, permission: 'insights.team.view', ids: [team] });
		} catch (error) {
			throw isDomainError(error, 'not_found') ? domainError('insights.unknown_team') : error;
		}
		return { kind: 'team', teamId: team, name: teams.find((t) => t.id === team)?.name ?? null };
	}
	if (staff.roles.includes('admin')) return { kind: 'organisation', name: null };
	const first = teams[0];
	return first ? { kind: 'team', teamId: first.id, name: first.name } : null;
}

/** The teams a viewer may pick: all for an admin, the ones they lead for a team lead. */
async function listViewableTeams(ctx: AppContext, staff: StaffActor): Promise<{ id: string; name: string }[]> {
	const repo = createInsightsRepository(ctx.db);
	const all = await repo.listTeams(staff.organisationId);
	const led = staff.roles.includes('admin') ? undefined : new Set(await repo.listLedTeamIds(staff.organisationId, staff.userId));
	return sortByName(
		all.filter((team) => !led || led.has(team.id)),
		(team) => team.id
	).map(({ id, name }) => ({ id, name }));
}

/**
 * The team or organisation dashboard: per completed quarter coverage, average client and
 * professional ratings per item with the gap, and agreement follow-through. Aggregates only,
 * suppressed as docs/decisions/006 describes; no label, text or single answer reaches it.
 */
export async function getDashboard({
	ctx,
	actor,
	query,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	query: DashboardQuery;
	/** The page's language, for the instruments' labels. */
	locale: StaffLocale;
}): Promise<Dashboard> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'insights.dashboard.view' });
	const org = staff.organisationId;
	const available = completedQuarters(ctx.clock.now());
	const period = resolvePeriod(query, available);
	const teams = await listViewableTeams(ctx, staff);
	const scope = await resolveScope(ctx, staff, query.team, teams);
	const canSeeOrganisation = staff.roles.includes('admin');
	const organisation = await createOrganisationsRepository(ctx.db).findById(org);
	const minGroupSize = effectiveMinGroupSize(organisation?.minGroupSize);
	const base = { teams, canSeeOrganisation, scope, availableQuarters: available, from: period.from, to: period.to, minGroupSize };
	if (!scope) return { ...base, items: [], quarters: [] };

	// The setting is read only to publish a quarter not shown before, or to narrow one: a
	// published quarter's figures never widen again (docs/decisions/006, rule 7).
	const published = await loadPublishedQuarters(ctx, org, period.quarters, minGroupSize);
	const cells = new Map([...published].map(([quarter, p]) => [quarter, p.cells]));
	const shown = new Map([...published].map(([quarter, p]) => [quarter, p.shown]));
	const found = itemsInMeasures([...cells.values()].flatMap((measures) => [...measures.keys()]));
	const labels = await loadInstrumentLabels(ctx.db, org, new Set(found.map((i) => i.instrumentKey)), locale);
	const items = orderItems(labels, found);
	const quarters = buildDashboard(cells, { quarters: period.quarters, scope, shown, items });
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'insights.dashboard_viewed',
		target: scope.kind === 'team' ? { type: 'team', id: scope.teamId } : undefined,
		details: { scope: scope.kind, from: period.from, to: period.to }
	});
	return { ...base, items, quarters };
}

/**
 * The dashboard's figures as CSV: the same cells, the same suppression, nothing more. Worded in
 * `locale`, the language of the request, as the dashboard page is.
 */
export async function exportDashboardCsv({
	ctx,
	actor,
	query,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	query: DashboardQuery;
	locale: StaffLocale;
}): Promise<{ fileName: string; csv: string }> {
	// getDashboard checks the access first.
	const dashboard = await getDashboard({ ctx, actor, query, locale });
	if (!dashboard.scope || !hasAnyFigure(dashboard.quarters)) throw domainError('insights.nothing_to_export');
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'insights.dashboard_exported',
		details: { scope: dashboard.scope.kind, from: dashboard.from, to: dashboard.to }
	});
	const scopePart = dashboard.scope.kind === 'team' ? 'team' : 'organisation';
	return {
		fileName: `tweespraak-${scopePart}-${dashboard.from}-${dashboard.to}.csv`,
		csv: toCsv(dashboardCsvRows(dashboard, locale))
	};
}
