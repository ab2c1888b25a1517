import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { getConversationReportPdf } from '#lib/server/reports/reports.usecases.ts';
import type { RequestHandler } from './$types';

/** The report of a closed conversation as a PDF file, made on the server. */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await getConversationReportPdf({
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
