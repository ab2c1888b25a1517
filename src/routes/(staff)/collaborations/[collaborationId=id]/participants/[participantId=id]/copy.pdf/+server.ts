import { getClientCopyPdf } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import type { RequestHandler } from './$types';

/** One participant's copy of their data as a PDF to read (AVG art. 15), made on the server. */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await getClientCopyPdf({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			participantId: params.participantId
		});
	} catch (caught) {
		errorPageFrom(caught);
	}
	return new Response(new Uint8Array(made.pdf), {
		headers: {
			'content-type': 'application/pdf',
			// The file name names no client (client-copy.document.ts).
			'content-disposition': `attachment; filename="${made.fileName}"`,
			'content-length': String(made.pdf.length),
			// Client content: never kept by a browser or proxy cache.
			'cache-control': 'no-store'
		}
	});
};
