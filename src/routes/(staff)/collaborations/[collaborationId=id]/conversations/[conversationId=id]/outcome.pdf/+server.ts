import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
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
	return new Response(new Uint8Array(made.pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${made.fileName}"`,
			'content-length': String(made.pdf.length),
			// Client content: never kept by a browser or proxy cache.
			'cache-control': 'no-store'
		}
	});
};
