import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { getCollaborationInsights } from '#lib/server/insights/insights.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	return {
		insights: await getCollaborationInsights({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			locale: staffLocaleOf(getLocale())
		})
	};
};
