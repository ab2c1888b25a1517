import { getAppContext } from '#lib/server/context.ts';
import { serveMadeFile } from '#lib/server/http/download.ts';
import { getOwnOutcomePdf } from '#lib/server/reports/reports.usecases.ts';
import type { RequestHandler } from './$types';

/** The participant's own outcome as a PDF file, to keep after the close. */
export const GET: RequestHandler = ({ locals }) => serveMadeFile(() => getOwnOutcomePdf({ ctx: getAppContext(), actor: locals.actor }));
