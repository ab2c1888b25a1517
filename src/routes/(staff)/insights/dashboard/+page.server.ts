import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { getDashboard } from '#lib/server/insights/insights.usecases.ts';
import { readDashboardQuery } from '#lib/server/insights/insights.schemas.ts';
import type { PageServerLoad } from './$types';

/**
 * The team and organisation dashboard. Filters are plain query parameters (a GET form, no
 * JavaScript needed); an unknown team answers 404 and an unknown period 400, each with its message.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const query = readDashboardQuery(url.searchParams);
	const dashboard = await getDashboard({ ctx: getAppContext(), actor: locals.actor, query, locale: staffLocaleOf(getLocale()) });
	return { dashboard, query: url.searchParams.toString(), exportEmpty: url.searchParams.get('export') === 'empty' };
};
