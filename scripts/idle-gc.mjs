// Giving memory back once the requests stop (decision 025, part three). A burst of requests leaves
// V8's old generation and Node's buffers full of garbage that V8 collects only when the heap next
// needs room: 1,200 requests left the server at about 180 MB for as long as it then stayed idle
// (40 s measured, V8's own memory reducer did not run), about 150 MB after V8 collected all it could.
// So once no request has come in for a while after some work, the server asks V8 for one full
// collection, at most once per interval. Only at rest: under steady traffic V8 collects as it
// always did, and nothing here runs.

/** No new request for this long counts as at rest. */
export const IDLE_MS = 3_000;
/**
 * A collection of everything takes the server 100–700 ms of one core (measured on two busy
 * cores); a request that arrives meanwhile waits. Sparse traffic must not pay for one after every
 * request: after fewer than BURST requests, at most one collection per MIN_INTERVAL_MS.
 */
export const MIN_INTERVAL_MS = 60_000;
/** This many requests since the last collection are a burst: collect once it is over. */
export const BURST = 200;

/**
 * @param {{
 *   collect: () => unknown,
 *   idleMs?: number,
 *   minIntervalMs?: number,
 *   burst?: number,
 *   now?: () => number,
 *   every?: (check: () => void, ms: number) => { unref?: () => unknown },
 *   stopEvery?: (timer: unknown) => void
 * }} options `collect` runs the collection; `now`, `every` and `stopEvery` are the clock and timer
 *   (tests pass their own).
 * @returns {{ touch: () => void, stop: () => void }} `touch` on every request that arrives.
 */
export function collectWhenIdle({
	collect,
	idleMs = IDLE_MS,
	minIntervalMs = MIN_INTERVAL_MS,
	burst = BURST,
	now = () => performance.now(),
	every = (check, ms) => setInterval(check, ms),
	stopEvery = (timer) => clearInterval(/** @type {NodeJS.Timeout} */ (timer))
}) {
	let lastRequest = -Infinity;
	let lastCollection = -Infinity;
	let requestsSinceCollection = 0;
	const timer = every(
		() => {
			const at = now();
			if (requestsSinceCollection === 0 || at - lastRequest < idleMs) return;
			if (requestsSinceCollection < burst && at - lastCollection < minIntervalMs) return;
			requestsSinceCollection = 0;
			lastCollection = at;
			try {
				// An async collection may return a promise; a failure here must never reach a request.
				Promise.resolve(collect()).catch(() => {});
			} catch {
				// As above.
			}
		},
		Math.max(250, Math.floor(idleMs / 2))
	);
	// The check must never keep a stopping server alive.
	timer?.unref?.();
	return {
		touch() {
			lastRequest = now();
			requestsSinceCollection += 1;
		},
		stop() {
			stopEvery(timer);
		}
	};
}

/**
 * The collection the server runs at rest: V8's `gc`, exposed by `--expose-gc` (scripts/server-process.mjs
 * adds it), a full one posted as a task of its own. Undefined when the process was started without
 * it (TWEESPRAAK_NODE_TUNING=off, or an operator's own flags): the server then runs as before.
 */
export function fullCollection() {
	const gc = /** @type {((options?: object) => unknown) | undefined} */ (globalThis.gc);
	if (typeof gc !== 'function') return undefined;
	// 'last-resort' is V8's collection of everything it can (several full collections, compacting,
	// and handing its pooled pages back to the system); a plain full collection frees the objects
	// but keeps the pages, and the process stays as large as before.
	return () => gc({ type: 'major', execution: 'async', flavor: 'last-resort' });
}
