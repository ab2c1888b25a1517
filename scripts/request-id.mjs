// The one rule for a request's id, used by the app's hooks (src/hooks.server.ts) and by the
// server's response class for the responses answered before the hooks run
// (scripts/every-response.mjs): the client's own `x-request-id`, cleaned to at most 64 letters,
// digits, `_` and `-` (so it cannot forge a log line or a header), else a new one.
import { randomUUID } from 'node:crypto';

/**
 * @param {string | null | undefined} sent the `x-request-id` header as the client sent it
 * @returns {string}
 */
export function requestIdFrom(sent) {
	return (typeof sent === 'string' ? sent.slice(0, 64).replace(/[^\w-]/g, '') : '') || randomUUID();
}
