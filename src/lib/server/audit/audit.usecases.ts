import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { toPage } from './audit.models.ts';
import { createAuditRepository, type AuditEvent } from './audit.repository.ts';
import type { AuditQuery } from './audit.schemas.ts';

export const AUDIT_PAGE_SIZE = 200;

/**
 * The organisation's audit events, newest first, one page at a time. Only the actor's own
 * organisation; events without an organisation (system start-up) are not shown.
 */
export async function listAuditEvents({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: AuditQuery }): Promise<{
	events: AuditEvent[];
	nextBefore: string | null;
}> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'audit.view' });
	const rows = await createAuditRepository(ctx.db).listEvents(staff.organisationId, { before: query.before, limit: AUDIT_PAGE_SIZE + 1 });
	const page = toPage(rows, AUDIT_PAGE_SIZE);
	return { events: page.items, nextBefore: page.nextBefore };
}
