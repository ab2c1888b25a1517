import type { Handle } from '@sveltejs/kit/hooks';
import { domainError } from '../shared/errors.ts';
import { refusedDownload } from './download.ts';
import { safeNextPath } from './forms.ts';
import { noticeSetCookieHeader } from './notice.ts';

/**
 * The routes whose answer an endpoint (+server.ts) makes: the handover and release forms, the
 * language switch, sign-out, downloads and exports. An error there has no +error.svelte to show
 * it: SvelteKit falls back to the static src/error.html, which shows the status only.
 */
const ENDPOINT_ROUTE_IDS = new Set(Object.keys(import.meta.glob('/src/routes/**/+server.ts')).map(routeIdOfFile));

/** `/src/routes/(staff)/participation/handover/+server.ts` → `/(staff)/participation/handover`. */
export function routeIdOfFile(file: string): string {
	return file.replace(/^\/src\/routes/, '').replace(/\/\+server\.ts$/, '') || '/';
}

export function isEndpointRoute(routeId: string | null): boolean {
	return routeId !== null && ENDPOINT_ROUTE_IDS.has(routeId);
}

/**
 * The page a form post came from, when it is one of ours: the Referer (the site sends
 * `Referrer-Policy: same-origin`, so a browser sends it only within the site), as a path.
 */
function pageOfForm(request: Request, url: URL): string | undefined {
	const referer = request.headers.get('referer');
	if (request.method !== 'POST' || !referer) return undefined;
	let from: URL;
	try {
		from = new URL(referer);
	} catch {
		return undefined;
	}
	if (from.origin !== url.origin) return undefined;
	const path = safeNextPath(from.pathname + from.search, '');
	return path === '' ? undefined : path;
}

/**
 * A write in an endpoint that lost to a concurrent one (handleError sets `locals.writeConflict`
 * and answers 409 changed_meanwhile) gets the translated message a page gets, in one place for
 * every endpoint: a form post goes back (303) to the page it came from, which shows the message as
 * an alert (a notice, notice.ts); anything else, a download say, gets the message as text with the
 * 409 (refusedDownload). Nothing the failed request set goes with it, not its cookies either:
 * nothing of it changed. A request that asked for JSON keeps SvelteKit's JSON answer.
 */
export const answerEndpointConflicts: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.locals.writeConflict || !isEndpointRoute(event.route.id)) return response;
	if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
	const back = pageOfForm(event.request, event.url);
	if (back === undefined) return refusedDownload(domainError('changed_meanwhile'));
	return new Response(null, {
		status: 303,
		headers: {
			location: back,
			'cache-control': 'no-store',
			'set-cookie': noticeSetCookieHeader({ message: 'error_changed_meanwhile', alert: true }, event.url.protocol === 'https:')
		}
	});
};
