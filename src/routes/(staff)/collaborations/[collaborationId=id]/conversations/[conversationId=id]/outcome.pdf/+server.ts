import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import { getConversationOutcomePdf } from '#lib/server/reports/reports.usecases.ts';
import type { RequestHandler } from './$types';

/** What was agreed, as the client keeps it: a PDF to print or hand over after a conversation on this device. */
export const GET: RequestHandler = ({ locals, params }) =>
	serveMadeFile(() =>
		getConversationOutcomePdf({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId,
			// The participants' language when they share one, else the page's.
			locale: staffLocaleOf(getLocale())
		})
	);
