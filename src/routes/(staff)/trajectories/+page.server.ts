import { getAppContext } from '#lib/server/context.ts';
import { listMyTrajectories } from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import { listTrajectories } from '#lib/server/trajectories/trajectories.usecases.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import type { PageServerLoad } from './$types';

/** The trajectories I take part in and, for a coordinator, the ones I run. */
export const load: PageServerLoad = async ({ locals }) => {
	const ctx = getAppContext();
	const mine = await listMyTrajectories({ ctx, actor: locals.actor });
	const coordinated = await listTrajectories({ ctx, actor: locals.actor }).catch((caught: unknown) => {
		// Not a coordinator: this page then shows only what I take part in.
		if (isDomainError(caught, 'not_found')) return null;
		throw caught;
	});
	return { mine, coordinated };
};
