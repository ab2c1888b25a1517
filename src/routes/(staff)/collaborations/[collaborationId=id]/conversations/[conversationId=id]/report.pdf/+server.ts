import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import { getConversationReportPdf } from '#lib/server/reports/reports.usecases.ts';
import type { RequestHandler } from './$types';

/** The report of a closed conversation as a PDF file, made on the server in the request's language. */
export const GET: RequestHandler = ({ locals, params }) =>
	serveMadeFile(() =>
		getConversationReportPdf({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId,
			locale: staffLocaleOf(getLocale())
		})
	);
