import { accessActorLabel, accessRoleLabel, accessWhatLabel } from '#lib/access-log-labels.ts';
import * as m from '#lib/paraglide/messages.js';
import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../db/schema.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { recordAudit } from '../shared/audit.ts';
import { toCsv } from '../shared/csv.ts';
import { periodInstants, toPage } from './audit.models.ts';
import { createAuditRepository, type AccessEntry, type AccessFilter } from './audit.repository.ts';
import type { AccessLogQuery } from './access-log.schemas.ts';

export const ACCESS_LOG_PAGE_SIZE = 100;
/** An export holds at most this many lines; a narrower search gets the rest. */
export const ACCESS_LOG_EXPORT_LIMIT = 50_000;

/** The search as the repository takes it: Dutch calendar days become instants, both ends included. */
function toFilter(query: AccessLogQuery): AccessFilter {
	return {
		collaborationId: query.reference || undefined,
		actorId: query.staff || undefined,
		...periodInstants(query.from, query.to),
		before: query.before || undefined
	};
}

/**
 * The access log (NEN 7513) of the actor's organisation, searched by collaboration reference,
 * staff member and period; newest first, a page at a time, with the staff to choose from.
 */
export async function searchAccessLog({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: AccessLogQuery | null }) {
	const admin = await requireAccess({ db: ctx.db, actor, permission: 'accessLog.view' });
	const staff = (await createStaffRepository(ctx.db).listStaff(admin.organisationId)).map((s) => ({ userId: s.userId, name: s.name }));
	if (!query) return { staff, entries: [] as AccessEntry[], total: 0, nextBefore: null };
	const repo = createAuditRepository(ctx.db);
	const filter = toFilter(query);
	const rows = await repo.listAccessEntries(admin.organisationId, filter, ACCESS_LOG_PAGE_SIZE + 1);
	const page = toPage(rows, ACCESS_LOG_PAGE_SIZE);
	const total = await repo.countAccessEntries(admin.organisationId, { ...filter, before: undefined });
	return { staff, entries: page.items, total, nextBefore: page.nextBefore };
}

/**
 * The same search as CSV (all pages, up to ACCESS_LOG_EXPORT_LIMIT lines), in the reader's language.
 * Like the audit log's export, the export is itself an event (`access_log.exported`): who took which
 * part of the log out — the search's dates and ids and the number of lines, never the lines, which
 * name staff, collaborations and client addresses.
 */
export async function exportAccessLogCsv({
	ctx,
	actor,
	query,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	query: AccessLogQuery;
	locale: Locale;
}) {
	const admin = await requireAccess({ db: ctx.db, actor, permission: 'accessLog.view' });
	const rows = await createAuditRepository(ctx.db).listAccessEntries(
		admin.organisationId,
		{ ...toFilter(query), before: undefined },
		ACCESS_LOG_EXPORT_LIMIT
	);
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'access_log.exported',
		details: {
			from: query.from || null,
			to: query.to || null,
			staff: query.staff || null,
			reference: query.reference || null,
			lines: rows.length
		}
	});
	const o = { locale };
	const header = [
		m.access_log_col_when({}, o),
		m.access_log_col_who({}, o),
		m.access_log_col_role({}, o),
		m.access_log_col_what({}, o),
		m.access_log_col_reference({}, o),
		m.access_log_col_address({}, o)
	];
	const lines = rows.map((row) => [
		row.occurredAt,
		accessActorLabel(row, locale),
		accessRoleLabel(row.actorRole, locale),
		accessWhatLabel(row, locale),
		row.collaborationId,
		row.clientAddress
	]);
	const body = toCsv([header, ...lines]);
	const day = todayInAmsterdam(ctx.clock.now());
	return { filename: `${m.access_log_csv_filename({}, o)}-${day}.csv`, body };
}
