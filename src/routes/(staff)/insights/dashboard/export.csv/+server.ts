import { redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { exportDashboardCsv } from '#lib/server/insights/insights.usecases.ts';
import { readDashboardQuery } from '#lib/server/insights/insights.schemas.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import type { RequestHandler } from './$types';

/** The dashboard's figures as CSV, with the same filters; nothing to export sends back to the dashboard with a message. */
export const GET: RequestHandler = async ({ locals, url }) => {
	let file: { fileName: string; csv: string };
	try {
		file = await exportDashboardCsv({
			ctx: getAppContext(),
			actor: locals.actor,
			query: readDashboardQuery(url.searchParams),
			locale: staffLocaleOf(getLocale())
		});
	} catch (caught) {
		if (isDomainError(caught, 'insights.nothing_to_export')) {
			const back = new URLSearchParams(url.searchParams);
			back.set('export', 'empty');
			redirect(303, `/insights/dashboard?${back}`);
		}
		errorPageFrom(caught);
	}
	return downloadResponse('csv', file.fileName, file.csv);
};
