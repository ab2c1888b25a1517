import { getAppContext } from '#lib/server/context.ts';
import { getRetentionPreview } from '#lib/server/retention/retention.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { preview: await getRetentionPreview({ ctx: getAppContext(), actor: locals.actor }) };
};
