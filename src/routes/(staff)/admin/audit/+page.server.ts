import * as v from 'valibot';
import { AUDIT_QUERY_FIELDS, auditQuerySchema } from '#lib/server/audit/audit.schemas.ts';
import { listAuditEvents } from '#lib/server/audit/audit.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import type { PageServerLoad } from './$types';

type Values = Record<(typeof AUDIT_QUERY_FIELDS)[number], string>;

/**
 * The search is a GET form: its fields are in the address, so a search can be bookmarked and
 * paged. A bad field (a hand-edited address) gets its message beside the field and finds nothing.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const values = Object.fromEntries(AUDIT_QUERY_FIELDS.map((field) => [field, url.searchParams.get(field) ?? ''])) as Values;
	const parsed = v.safeParse(auditQuerySchema, values);
	const errors: Record<string, string> = {};
	if (!parsed.success) {
		for (const issue of parsed.issues) errors[issue.path?.map((p) => String(p.key)).join('.') || 'form'] ??= issue.message;
	}
	const result = await listAuditEvents({ ctx: getAppContext(), actor: locals.actor, query: parsed.success ? parsed.output : null });
	// What the form shows back: a value far too long or with control characters is not put back into the page.
	const shown = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, errors[field] ? '' : value])) as Values;
	const { before: _before, ...search }: Values = parsed.success ? parsed.output : shown;
	const searched = Object.values(search).some((value) => value !== '');
	return {
		...result,
		values: shown,
		errors,
		search: new URLSearchParams(Object.entries(search).filter(([, value]) => value !== '')).toString(),
		searched: searched || !parsed.success,
		paged: values.before !== '' && parsed.success
	};
};
