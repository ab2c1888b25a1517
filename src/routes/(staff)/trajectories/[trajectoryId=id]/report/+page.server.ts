import { getAppContext } from '#lib/server/context.ts';
import { getMonitorReport } from '#lib/server/trajectories/trajectories.report.usecases.ts';
import type { PageServerLoad } from './$types';

/** The monitor report; participant numbers unless the coordinator asks for names (?names=1). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const showNames = url.searchParams.get('names') === '1';
	const report = await getMonitorReport({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, showNames });
	return { report, trajectoryId: params.trajectoryId };
};
