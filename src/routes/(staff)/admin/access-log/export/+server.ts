import * as v from 'valibot';
import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n.ts';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { accessLogQuerySchema } from '#lib/server/audit/access-log.schemas.ts';
import { exportAccessLogCsv } from '#lib/server/audit/access-log.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** The access-log search of the page, as a CSV download. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const parsed = v.safeParse(accessLogQuerySchema, {
		reference: url.searchParams.get('reference') ?? '',
		staff: url.searchParams.get('staff') ?? '',
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? ''
	});
	if (!parsed.success) error(400, translate(parsed.issues[0].message));
	return serveMadeFile(async () => {
		const { filename, body } = await exportAccessLogCsv({
			ctx: getAppContext(),
			actor: locals.actor,
			query: parsed.output,
			locale: staffLocaleOf(getLocale())
		});
		return { fileName: filename, csv: body };
	});
};
