import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { getOwnOutcomePdf } from '#lib/server/reports/reports.usecases.ts';
import type { RequestHandler } from './$types';

/** The participant's own outcome as a PDF file, to keep after the close. */
export const GET: RequestHandler = async ({ locals }) => {
	let made;
	try {
		made = await getOwnOutcomePdf({ ctx: getAppContext(), actor: locals.actor });
	} catch (caught) {
		errorPageFrom(caught);
	}
	return downloadResponse('pdf', made.fileName, made.pdf);
};
