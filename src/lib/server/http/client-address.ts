import type { RequestEvent } from '@sveltejs/kit';

/**
 * The client's address as the adapter sees it: the connection's, or behind a proxy the one
 * ADDRESS_HEADER and XFF_DEPTH name (README). Undefined where the adapter cannot tell (some
 * test servers): the access log then records no address rather than failing the request.
 */
export function clientAddressOf(event: Pick<RequestEvent, 'getClientAddress'>): string | undefined {
	try {
		return event.getClientAddress().slice(0, 64);
	} catch {
		return undefined;
	}
}
