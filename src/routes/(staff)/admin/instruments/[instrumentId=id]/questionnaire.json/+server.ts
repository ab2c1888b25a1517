import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { exportInstrument } from '#lib/server/instruments/instruments.import.usecases.ts';
import type { RequestHandler } from './$types';

/** One instrument version as a FHIR R4 Questionnaire (docs/decisions/019-fhir-questionnaires.md). */
export const GET: RequestHandler = async ({ locals, params }) => {
	let made;
	try {
		made = await exportInstrument({ ctx: getAppContext(), actor: locals.actor, instrumentId: params.instrumentId });
	} catch (caught) {
		errorPageFrom(caught);
	}
	return downloadResponse('json', made.fileName, made.json);
};
