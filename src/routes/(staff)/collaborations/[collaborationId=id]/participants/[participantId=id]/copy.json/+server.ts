import { getClientCopyJson } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** One participant's copy of their data as JSON to take along (AVG art. 20); its shape: docs/client-copy.md. */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await getClientCopyJson({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			participantId: params.participantId
		});
	} catch (caught) {
		errorPageFrom(caught);
	}
	return downloadResponse('json', made.fileName, made.json);
};
