import type { DomainError } from '../shared/errors.ts';

/**
 * A refusal a page shows as its own content: the join page's code form ("wrong code", "wait 5
 * minutes, or scan the QR code"), a personal link's page. The page is still worth showing, so its
 * load returns the refusal rather than throwing an error page. A throttle's refusal answers 429
 * all the same (decision 012), so a monitor or a script sees the guessing slowed down as it does
 * on the posts; other refusals are what the page is about and keep 200. The status is applied to
 * the rendered page in src/hooks.server.ts (`statusOfPage`).
 */
export function refusalOnPage(locals: App.Locals, refusal: DomainError): string {
	if (refusal.status === 429) locals.pageStatus = 429;
	return refusal.publicCode;
}

/** The response of a page whose load chose a status other than 200 (see refusalOnPage). */
export function statusOfPage(locals: App.Locals, response: Response): Response {
	const status = locals.pageStatus;
	// Only the HTML page: SvelteKit's client reads a page's data (__data.json) and treats a non-200 as a failure.
	if (!status || response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	return new Response(response.body, { status, headers: response.headers });
}
