import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import { exportInstrument } from '#lib/server/instruments/instruments.import.usecases.ts';
import type { RequestHandler } from './$types';

/** One instrument version as a FHIR R4 Questionnaire (docs/decisions/019-fhir-questionnaires.md). */
export const GET: RequestHandler = ({ locals, params }) =>
	serveMadeFile(() => exportInstrument({ ctx: getAppContext(), actor: locals.actor, instrumentId: params.instrumentId }));
