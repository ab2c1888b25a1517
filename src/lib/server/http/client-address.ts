import { error, type RequestEvent } from '@sveltejs/kit';

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

/**
 * The client's address where a throttle counts by it (sign-in, join links, setup, password
 * reset). Behind a proxy (ADDRESS_HEADER) a request without that header, or with fewer addresses
 * than XFF_DEPTH, did not come through the proxy: it is refused with 400 and a message that says
 * so, not answered with a 500 (adapter-node throws) and not counted under a made-up address.
 */
export function requireClientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	const address = clientAddressOf(event);
	if (address === undefined || address === '') error(400, 'request.address_unknown');
	return address;
}
