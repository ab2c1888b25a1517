import * as v from 'valibot';
import { auditQuerySchema } from '#lib/server/audit/audit.schemas.ts';
import { listAuditEvents } from '#lib/server/audit/audit.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// A broken ?before= (hand-edited link) simply shows the newest events.
	const parsed = v.safeParse(auditQuerySchema, { before: url.searchParams.get('before') ?? undefined });
	const query = parsed.success ? parsed.output : {};
	const page = await listAuditEvents({ ctx: getAppContext(), actor: locals.actor, query });
	return { ...page, paged: query.before !== undefined };
};
