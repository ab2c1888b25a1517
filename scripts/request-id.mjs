// The one rule for a request's id, used by the app's hooks (src/hooks.server.ts) and by the
// server's response class for the responses answered before the hooks run
// (scripts/every-response.mjs). The server makes its own id for every request. An `x-request-id`
// sent along is taken only from the proxy the operator trusts for client addresses
// (ADDRESS_HEADER, XFF_DEPTH): anyone else could choose the id the log and the audit log record,
// and so confuse the trail a privacy officer reads. A taken id is cleaned to at most 64 letters,
// digits, `_` and `-`, so it cannot forge a log line or a header.
import { randomUUID } from 'node:crypto';

/**
 * @typedef {(name: string) => string | string[] | null | undefined} HeaderReader reads one request
 *   header by its lower-case name (Headers#get, or a Node request's `headers[name]`)
 * @typedef {{ addressHeader?: string | undefined, xffDepth?: number | undefined }} TrustedProxy
 *   the configured ADDRESS_HEADER and XFF_DEPTH
 */

/**
 * @param {string | string[] | null | undefined} sent
 * @returns {string} the id cleaned as above; '' when nothing is left
 */
export function cleanRequestId(sent) {
	const value = Array.isArray(sent) ? sent[0] : sent;
	return typeof value === 'string' ? value.slice(0, 64).replace(/[^\w-]/g, '') : '';
}

/**
 * Whether the request came through the trusted proxy, by the rule adapter-node uses for the
 * client's address: ADDRESS_HEADER is set and the request carries it, with at least XFF_DEPTH
 * addresses when it is X-Forwarded-For. Without ADDRESS_HEADER no peer is trusted.
 * @param {HeaderReader} header
 * @param {TrustedProxy} proxy
 * @returns {boolean}
 */
export function cameThroughTrustedProxy(header, { addressHeader, xffDepth = 1 }) {
	const name = addressHeader?.trim().toLowerCase();
	if (!name) return false;
	const sent = header(name);
	const value = Array.isArray(sent) ? sent.join(',') : sent;
	if (typeof value !== 'string') return false;
	return name !== 'x-forwarded-for' || value.split(',').length >= xffDepth;
}

/**
 * The request's id: the trusted proxy's `x-request-id`, else a new one. `untrustedRequestId` is
 * what another peer sent (cleaned), for the log line only: never used as the request's id.
 * @param {HeaderReader} header
 * @param {TrustedProxy} proxy
 * @returns {{ requestId: string, untrustedRequestId?: string }}
 */
export function requestIdOf(header, proxy) {
	const sent = cleanRequestId(header('x-request-id'));
	if (!sent) return { requestId: randomUUID() };
	if (cameThroughTrustedProxy(header, proxy)) return { requestId: sent };
	return { requestId: randomUUID(), untrustedRequestId: sent };
}

/**
 * The trusted proxy as the environment configures it, for code that runs outside the app
 * (scripts/every-response.mjs). The app validates both variables at its start (src/env.ts).
 * @param {NodeJS.ProcessEnv} env
 * @returns {TrustedProxy}
 */
export function trustedProxyFromEnv(env) {
	const depth = Number(env.XFF_DEPTH?.trim() || '1');
	return { addressHeader: env.ADDRESS_HEADER?.trim() || undefined, xffDepth: Number.isInteger(depth) && depth >= 1 ? depth : 1 };
}
