import type { Handle } from '@sveltejs/kit/hooks';
import * as m from '#lib/paraglide/messages.js';
import { errorMessage } from '#lib/i18n.ts';
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
 * The message key of a refusal's public code (`conversation.wrong_phase` → error_conversation_wrong_phase)
 * and the minutes of a throttle's wait (`rate_limited:10`), when there is such a message; undefined
 * for anything else ('Not found', a status text), which keeps the static error page.
 */
export function refusalMessage(code: string): { key: string; values?: Record<string, string> } | undefined {
	const [name = '', minutes] = code.split(':');
	const key = `error_${name.replaceAll('.', '_')}`;
	if (!/^[a-z][a-z0-9_]*$/.test(key) || typeof (m as unknown as Record<string, unknown>)[key] !== 'function') return undefined;
	return minutes === undefined ? { key } : { key, values: { minutes } };
}

/**
 * An endpoint's refusal (handleError records its code in `locals.refusal`: a domain error, a write
 * that lost to a concurrent one as changed_meanwhile) gets the translated message a page gets, in
 * one place for every endpoint: a form post goes back (303) to the page it came from, which shows
 * the message as an alert (a notice, notice.ts); anything else, a download say, gets the message as
 * text with the refusal's status. Nothing the failed request set goes with it, not its cookies
 * either: nothing of it changed. Not found keeps its 404 page; a request that asked for JSON keeps
 * SvelteKit's JSON answer.
 */
export const answerEndpointRefusals: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const code = event.locals.refusal;
	if (code === undefined || response.status === 404 || !isEndpointRoute(event.route.id)) return response;
	if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
	const message = refusalMessage(code);
	if (message === undefined) return response;
	const back = pageOfForm(event.request, event.url);
	if (back === undefined) {
		return new Response(errorMessage(code), {
			status: response.status,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
	return new Response(null, {
		status: 303,
		headers: {
			location: back,
			'cache-control': 'no-store',
			'set-cookie': noticeSetCookieHeader({ message: message.key, values: message.values, alert: true }, event.url.protocol === 'https:')
		}
	});
};
