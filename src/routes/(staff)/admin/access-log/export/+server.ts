import * as v from 'valibot';
import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n.ts';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { accessLogQuerySchema } from '#lib/server/audit/access-log.schemas.ts';
import { exportAccessLogCsv } from '#lib/server/audit/access-log.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
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
	try {
		const { filename, body } = await exportAccessLogCsv({
			ctx: getAppContext(),
			actor: locals.actor,
			query: parsed.output,
			locale: staffLocaleOf(getLocale())
		});
		return downloadResponse('csv', filename, body);
	} catch (caught) {
		errorPageFrom(caught);
	}
};
