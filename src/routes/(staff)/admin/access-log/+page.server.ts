import * as v from 'valibot';
import { accessLogQuerySchema } from '#lib/server/audit/access-log.schemas.ts';
import { searchAccessLog } from '#lib/server/audit/access-log.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import type { PageServerLoad } from './$types';

const FIELDS = ['reference', 'staff', 'from', 'to', 'before'] as const;

/** The search is a GET form: its fields are in the address, so a search can be bookmarked and paged. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const values = Object.fromEntries(FIELDS.map((field) => [field, url.searchParams.get(field) ?? ''])) as Record<
		(typeof FIELDS)[number],
		string
	>;
	const parsed = v.safeParse(accessLogQuerySchema, values);
	const errors: Record<string, string> = {};
	if (!parsed.success) {
		for (const issue of parsed.issues) errors[issue.path?.map((p) => String(p.key)).join('.') || 'form'] ??= issue.message;
	}
	const result = await searchAccessLog({ ctx: getAppContext(), actor: locals.actor, query: parsed.success ? parsed.output : null });
	const { before: _before, ...search } = values;
	return { ...result, values, errors, search: new URLSearchParams(search).toString(), paged: values.before !== '' };
};
