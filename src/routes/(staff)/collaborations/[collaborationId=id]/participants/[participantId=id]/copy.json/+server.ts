import { getClientCopyJson } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
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
	const body = new TextEncoder().encode(made.json);
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			// The file name names no client (client-copy.document.ts).
			'content-disposition': `attachment; filename="${made.fileName}"`,
			'content-length': String(body.length),
			// Client content: never kept by a browser or proxy cache.
			'cache-control': 'no-store'
		}
	});
};
