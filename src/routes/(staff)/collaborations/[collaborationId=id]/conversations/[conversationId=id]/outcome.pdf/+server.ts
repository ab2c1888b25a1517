import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { getConversationOutcomePdf } from '#lib/server/reports/reports.usecases.ts';
import type { RequestHandler } from './$types';

/** What was agreed, as the client keeps it: a PDF to print or hand over after a conversation on this device. */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await getConversationOutcomePdf({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId
		});
	} catch (caught) {
		errorPageFrom(caught);
	}
	return downloadResponse('pdf', made.fileName, made.pdf);
};
