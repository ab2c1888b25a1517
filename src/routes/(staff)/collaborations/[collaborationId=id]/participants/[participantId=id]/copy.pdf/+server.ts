import { getClientCopyPdf } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { downloadResponse, refusedDownload } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** One participant's copy of their data as a PDF to read (AVG art. 15), made on the server in their language or `?lang=`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	let made;
	try {
		made = await getClientCopyPdf({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			participantId: params.participantId,
			language: url.searchParams.get('lang')
		});
	} catch (caught) {
		return refusedDownload(caught);
	}
	return downloadResponse('pdf', made.fileName, made.pdf);
};
