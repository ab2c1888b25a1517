import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { exportMonitorCsv } from '#lib/server/trajectories/trajectories.report.usecases.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { filename, body } = await exportMonitorCsv({
			ctx: getAppContext(),
			actor: locals.actor,
			trajectoryId: params.trajectoryId,
			showNames: url.searchParams.get('names') === '1',
			locale: getLocale()
		});
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${filename}"`,
				'cache-control': 'no-store'
			}
		});
	} catch (caught) {
		errorPageFrom(caught);
	}
};
