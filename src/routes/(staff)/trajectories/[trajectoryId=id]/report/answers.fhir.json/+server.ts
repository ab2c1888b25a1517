import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import { getTrajectoryAnswersBundle } from '#lib/server/trajectories/trajectories.fhir.usecases.ts';
import type { RequestHandler } from './$types';

/** The trajectory's instrument answers of consenting participants, pseudonymised, as a FHIR R4 Bundle. */
export const GET: RequestHandler = ({ locals, params }) =>
	serveMadeFile(() => getTrajectoryAnswersBundle({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId }));
