import { getAppContext } from '#lib/server/context.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const organisation = await getOrganisation({ ctx: getAppContext(), actor: locals.actor });
	return { organisationName: organisation.name };
};
