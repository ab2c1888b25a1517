import { getAppContext } from '#lib/server/context.ts';
import { getProcessingRegister } from '#lib/server/privacy/privacy.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { register: await getProcessingRegister({ ctx: getAppContext(), actor: locals.actor }) };
};
