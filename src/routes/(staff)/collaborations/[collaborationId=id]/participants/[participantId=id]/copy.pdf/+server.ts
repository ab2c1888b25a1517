import { getClientCopyPdf } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { refusedDownload, serveMadeFile } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** One participant's copy of their data as a PDF to read (AVG art. 15), made on the server in their language or `?lang=`. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	serveMadeFile(
		() =>
			getClientCopyPdf({
				ctx: getAppContext(),
				actor: locals.actor,
				collaborationId: params.collaborationId,
				participantId: params.participantId,
				language: url.searchParams.get('lang')
			}),
		refusedDownload
	);
