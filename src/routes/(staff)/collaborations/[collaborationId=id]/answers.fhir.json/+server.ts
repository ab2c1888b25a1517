import { getCollaborationAnswersBundle } from '#lib/server/collaborations/collaborations.fhir.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** The collaboration's answers as a FHIR R4 Bundle of QuestionnaireResponses, for a records system. */
export const GET: RequestHandler = ({ locals, params }) =>
	serveMadeFile(() =>
		getCollaborationAnswersBundle({ ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId })
	);
