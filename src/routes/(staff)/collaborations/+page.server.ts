import { listMyCollaborations } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const [collaborations, organisation] = await Promise.all([listMyCollaborations({ ctx, actor }), getOrganisation({ ctx, actor })]);
	return { collaborations, clientTerm: organisation.clientTerm };
};
