// The security headers and the request log line of every response the server sends, in the one
// place every response passes: the server's response class (docs/decisions/003). Not every response goes
// through hooks.server.ts: SvelteKit answers some before it calls the app's hooks (its 308 that
// drops a trailing slash, `GET /c/` → `/c`), and adapter-node serves the static files (the app's
// scripts, styles, fonts) itself. The app's hooks log what they see, with its route; this logs the rest.
import http from 'node:http';
import { requestIdOf, trustedProxyFromEnv } from './request-id.mjs';

/** pino's number for each LOG_LEVEL; only what the app's logger writes at `info` is written here. */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const INFO = 30;

/** The headers every response carries; HSTS only when the public origin is https. */
function securityHeaders(https) {
	return [
		// Not no-referrer: that makes browsers send `Origin: null` on form posts, which the CSRF check
		// refuses. same-origin still gives no other host a referrer (docs/decisions/003).
		['referrer-policy', 'same-origin'],
		['x-content-type-options', 'nosniff'],
		['x-frame-options', 'DENY'],
		['cross-origin-opener-policy', 'same-origin'],
		['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
		// Nothing here is for a search engine: personal links, join pages and sign-in pages carry
		// tokens or codes in their address (static/robots.txt asks crawlers to stay out as well).
		['x-robots-tag', 'noindex, nofollow'],
		...(https ? [['strict-transport-security', 'max-age=31536000; includeSubDomains']] : [])
	];
}

/**
 * The server's response class (`http.createServer({ ServerResponse })`): it carries the security
 * headers from the start, before anything answers, and when its headers are written without an
 * `x-request-id` (the app's hooks put one on each response they log, so this one was answered
 * before or beside them) it gets one and an `http.request` line once it is sent. A class rather
 * than a wrapper per request: no closure or own property is added to each response (measured,
 * the wrapper cost `GET /healthz` a few percent).
 */
export function observedResponseClass({ https, logLevel = process.env.LOG_LEVEL, proxy = trustedProxyFromEnv(process.env) }) {
	const headers = securityHeaders(https);
	const logs = (LEVELS[logLevel?.trim() || 'info'] ?? INFO) <= INFO;
	return class ObservedResponse extends http.ServerResponse {
		startedAt = performance.now();
		constructor(req, options) {
			super(req, options);
			for (const [name, value] of headers) this.setHeader(name, value);
		}
		// Node writes every response's headers through writeHead, also one sent with end() alone.
		writeHead(...args) {
			if (!this.hasHeader('x-request-id')) {
				const { requestId, untrustedRequestId } = requestIdOf((name) => this.req.headers[name], proxy);
				this.setHeader('x-request-id', requestId);
				if (logs) this.once('finish', () => logUnseen(this, requestId, untrustedRequestId));
			}
			return super.writeHead(...args);
		}
	};
}

function logUnseen(res, requestId, untrustedRequestId) {
	console.log(
		JSON.stringify({
			level: INFO,
			time: new Date().toISOString(),
			service: 'tweespraak',
			event: 'http.request',
			requestId,
			...(untrustedRequestId ? { untrustedRequestId } : {}),
			method: res.req.method,
			route: null,
			status: res.statusCode,
			ms: Math.round(performance.now() - res.startedAt),
			msg: 'request'
		})
	);
}
