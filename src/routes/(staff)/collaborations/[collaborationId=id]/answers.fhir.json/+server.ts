import { getCollaborationAnswersBundle } from '#lib/server/collaborations/collaborations.fhir.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** The collaboration's answers as a FHIR R4 Bundle of QuestionnaireResponses, for a records system. */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await getCollaborationAnswersBundle({ ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId });
	} catch (caught) {
		errorPageFrom(caught);
	}
	return downloadResponse('json', made.fileName, made.json);
};
