import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { getTrajectoryAnswersBundle } from '#lib/server/trajectories/trajectories.fhir.usecases.ts';
import type { RequestHandler } from './$types';

/** The trajectory's instrument answers of consenting participants, pseudonymised, as a FHIR R4 Bundle. */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await getTrajectoryAnswersBundle({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId });
	} catch (caught) {
		errorPageFrom(caught);
	}
	return downloadResponse('json', made.fileName, made.json);
};
