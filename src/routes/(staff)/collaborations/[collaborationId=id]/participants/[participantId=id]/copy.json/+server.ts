import { getClientCopyJson } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { refusedDownload, serveMadeFile } from '#lib/server/http/download.ts';
import type { RequestHandler } from './$types';

/** One participant's copy of their data as JSON to take along (AVG art. 20), in their language or `?lang=`; its shape: docs/client-copy.md. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	serveMadeFile(
		() =>
			getClientCopyJson({
				ctx: getAppContext(),
				actor: locals.actor,
				collaborationId: params.collaborationId,
				participantId: params.participantId,
				language: url.searchParams.get('lang')
			}),
		refusedDownload
	);
