import { auditActionLabel, auditActorLabel, auditTargetLabel } from '#lib/audit-labels.ts';
import * as m from '#lib/paraglide/messages.js';
import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../db/schema.ts';
import { recordAudit } from '../shared/audit.ts';
import { toCsv } from '../shared/csv.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { periodInstants, toPage } from './audit.models.ts';
import { createAuditRepository, type AuditEvent, type AuditFilter } from './audit.repository.ts';
import type { AuditQuery } from './audit.schemas.ts';

export const AUDIT_PAGE_SIZE = 200;
/** An export holds at most this many lines; a narrower search gets the rest. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** The search as the repository takes it: Dutch calendar days become instants, empty fields filter nothing. */
function toFilter(query: Partial<AuditQuery>): AuditFilter {
	return {
		...periodInstants(query.from ?? '', query.to ?? ''),
		action: query.action || undefined,
		actorId: query.staff || undefined,
		reference: query.reference || undefined,
		before: query.before || undefined
	};
}

/**
 * The organisation's audit events as searched (period, action, staff member, reference), newest
 * first, one page at a time, with the staff to choose from. Only the actor's own organisation;
 * events without an organisation (system start-up) are not shown. A search that did not pass its
 * schema (`query` null) finds nothing, but the access is checked all the same.
 */
export async function listAuditEvents({
	ctx,
	actor,
	query
}: {
	ctx: AppContext;
	actor: Actor;
	query: Partial<AuditQuery> | null;
}): Promise<{
	staff: { userId: string; name: string }[];
	events: AuditEvent[];
	total: number;
	nextBefore: string | null;
}> {
	const member = await requireAccess({ db: ctx.db, actor, permission: 'audit.view' });
	const staff = (await createStaffRepository(ctx.db).listStaff(member.organisationId)).map((s) => ({ userId: s.userId, name: s.name }));
	if (!query) return { staff, events: [], total: 0, nextBefore: null };
	const repo = createAuditRepository(ctx.db);
	const filter = toFilter(query);
	const page = toPage(await repo.listEvents(member.organisationId, filter, AUDIT_PAGE_SIZE + 1), AUDIT_PAGE_SIZE);
	const total = await repo.countEvents(member.organisationId, { ...filter, before: undefined });
	return { staff, events: page.items, total, nextBefore: page.nextBefore };
}

/**
 * The same search as CSV (all pages, up to AUDIT_EXPORT_LIMIT lines), in the reader's language.
 * The export is itself an event of the log: who took which events out, with the search's codes
 * and ids and the number of lines, never the lines themselves.
 */
export async function exportAuditCsv({ ctx, actor, query, locale }: { ctx: AppContext; actor: Actor; query: AuditQuery; locale: Locale }) {
	const member = await requireAccess({ db: ctx.db, actor, permission: 'audit.view' });
	const rows = await createAuditRepository(ctx.db).listEvents(
		member.organisationId,
		{ ...toFilter(query), before: undefined },
		AUDIT_EXPORT_LIMIT
	);
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'audit.exported',
		details: {
			from: query.from || null,
			to: query.to || null,
			action: query.action || null,
			staff: query.staff || null,
			reference: query.reference || null,
			lines: rows.length
		}
	});
	const o = { locale };
	const header = [
		m.audit_col_when({}, o),
		m.audit_col_who({}, o),
		m.audit_col_action({}, o),
		m.audit_csv_col_action_code({}, o),
		m.audit_col_target({}, o),
		m.audit_csv_col_target_code({}, o),
		m.audit_col_reference({}, o),
		m.access_log_reference({}, o)
	];
	const lines = rows.map((row) => [
		row.occurredAt,
		auditActorLabel(row, locale),
		auditActionLabel(row.action, locale),
		row.action,
		auditTargetLabel(row.targetType, locale),
		row.targetType,
		row.targetId,
		row.collaborationId
	]);
	const day = todayInAmsterdam(ctx.clock.now());
	return { fileName: `${m.audit_csv_filename({}, o)}-${day}.csv`, csv: toCsv([header, ...lines]) };
}
