/**
 * How large a request body may be (docs/decisions/019, "Limits"). adapter-node's BODY_SIZE_LIMIT
 * is one limit for every route, so scripts/server.mjs sets it to the largest any route needs
 * (an organisation's Questionnaire of up to 1 MB, sent as a file or pasted) and this guard holds
 * every other route to the ordinary limit, before anything reads the body. Browsers announce a
 * form's size (Content-Length); a body without it is held to the adapter's limit while it streams.
 */
export const BODY_LIMIT_BYTES = 512 * 1024;

/** The Questionnaire import: 1 MB of text, plus the multipart framing and the other fields. */
export const IMPORT_BODY_LIMIT_BYTES = 1536 * 1024;

/** Routes that take the larger body, by route id. */
const LARGE_BODY_ROUTES: ReadonlySet<string> = new Set(['/(staff)/admin/instruments']);

export function bodyLimitFor(routeId: string | null): number {
	return routeId !== null && LARGE_BODY_ROUTES.has(routeId) ? IMPORT_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

/** The announced size when it is over this route's limit (in bytes), else null. */
export function oversizedBody(routeId: string | null, request: Request): number | null {
	const announced = Number(request.headers.get('content-length') ?? '0');
	return Number.isFinite(announced) && announced > bodyLimitFor(routeId) ? announced : null;
}
