import * as v from 'valibot';
import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n.ts';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { AUDIT_QUERY_FIELDS, auditQuerySchema } from '#lib/server/audit/audit.schemas.ts';
import { exportAuditCsv } from '#lib/server/audit/audit.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** The audit-log search of the page, as a CSV download (all pages: the cursor is not read). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const fields = AUDIT_QUERY_FIELDS.filter((field) => field !== 'before');
	const parsed = v.safeParse(auditQuerySchema, Object.fromEntries(fields.map((field) => [field, url.searchParams.get(field) ?? ''])));
	if (!parsed.success) error(400, translate(parsed.issues[0].message));
	return serveMadeFile(() =>
		exportAuditCsv({ ctx: getAppContext(), actor: locals.actor, query: parsed.output, locale: staffLocaleOf(getLocale()) })
	);
};
