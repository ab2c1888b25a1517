import { redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { exportCaseloadCsv } from '#lib/server/insights/insights.usecases.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import type { RequestHandler } from './$types';

/** The professional's own collaborations' ratings; with nothing to export, back to the page with a message. */
export const GET: RequestHandler = async ({ locals }) => {
	let file: { fileName: string; csv: string };
	try {
		file = await exportCaseloadCsv({ ctx: getAppContext(), actor: locals.actor, locale: staffLocaleOf(getLocale()) });
	} catch (caught) {
		if (isDomainError(caught, 'insights.nothing_to_export')) redirect(303, '/insights?export=empty');
		errorPageFrom(caught);
	}
	return downloadResponse('csv', file.fileName, file.csv);
};
