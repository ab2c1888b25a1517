import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { getStartOverview } from '#lib/server/insights/insights.start.usecases.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import type { PageServerLoad } from './$types';

/** What the staff member needs today, by role, each one click away. */
export const load: PageServerLoad = async ({ locals }) => {
	try {
		const ctx = getAppContext();
		const organisation = await getOrganisation({ ctx, actor: locals.actor });
		return { organisationName: organisation.name, overview: await getStartOverview({ ctx, actor: locals.actor }) };
	} catch (caught) {
		errorPageFrom(caught);
	}
};
