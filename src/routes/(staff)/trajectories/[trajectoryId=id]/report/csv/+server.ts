import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { exportMonitorCsv } from '#lib/server/trajectories/trajectories.report.usecases.ts';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { filename, body } = await exportMonitorCsv({
			ctx: getAppContext(),
			actor: locals.actor,
			trajectoryId: params.trajectoryId,
			showNames: url.searchParams.get('names') === '1',
			locale: staffLocaleOf(getLocale())
		});
		return downloadResponse('csv', filename, body);
	} catch (caught) {
		errorPageFrom(caught);
	}
};
