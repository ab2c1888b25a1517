import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import { getPaperFormPdf } from '#lib/server/paper/paper.usecases.ts';
import type { RequestHandler } from './$types';

/** One party's blank form of a conversation, to print (docs/decisions/020); the professional's own in the request's language. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	serveMadeFile(() =>
		getPaperFormPdf({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId,
			partyId: params.partyId,
			// A learning conversation's form: ?form=preparation or ?form=sheets.
			kind: url.searchParams.get('form')?.slice(0, 20) ?? null,
			locale: staffLocaleOf(getLocale())
		})
	);
