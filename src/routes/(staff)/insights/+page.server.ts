import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { error } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { getCaseloadInsights } from '#lib/server/insights/insights.usecases.ts';
import type { PageServerLoad } from './$types';

/** "Mijn inzichten" for professionals; team leads and admins find the dashboard link here too. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const roles = locals.actor.type === 'staff' ? locals.actor.roles : [];
	const canSeeDashboard = roles.includes('admin') || roles.includes('teamLead');
	const isProfessional = roles.includes('professional');
	if (!isProfessional && !canSeeDashboard) error(404, 'Not found');
	const caseload = isProfessional
		? await getCaseloadInsights({ ctx: getAppContext(), actor: locals.actor, locale: staffLocaleOf(getLocale()) })
		: null;
	return { caseload, canSeeDashboard, exportEmpty: url.searchParams.get('export') === 'empty' };
};
