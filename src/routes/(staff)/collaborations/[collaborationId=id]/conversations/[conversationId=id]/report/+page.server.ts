import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { getConversationReport } from '#lib/server/reports/reports.usecases.ts';
import type { PageServerLoad } from './$types';

/** The report of a closed conversation as a page to read and print (print styles hide the rest). */
export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const report = await getConversationReport({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId,
			format: 'html',
			locale: staffLocaleOf(getLocale())
		});
		return { report, collaborationId: params.collaborationId, conversationId: params.conversationId };
	} catch (caught) {
		errorPageFrom(caught);
	}
};
