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
 * glibc's `malloc_trim(0)`, bound through koffi (a C FFI library with prebuilt binaries), or
 * undefined where there is none: not Linux with glibc (musl has no such function), or koffi could
 * not load. After V8 has collected, the freed buffers and compiler memory are back with malloc,
 * which keeps free pages in the middle of its heap for later: about 30 MB of a server at rest
 * (decision 025, part five). Only malloc_trim hands them back, and Node does not offer it.
 * @returns {Promise<(() => unknown) | undefined>}
 */
export async function loadMallocTrim() {
	if (process.platform !== 'linux') return undefined;
	try {
		// Where libc is not glibc, there is no libc.so.6 or no malloc_trim in it: both throw.
		const { default: koffi } = await import('koffi');
		const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)');
		return () => trim(0);
	} catch {
		return undefined;
	}
}

/**
 * The collection the server runs at rest: V8's `gc`, exposed by `--expose-gc` (scripts/server-process.mjs
 * adds it), a full one posted as a task of its own, and once it has run, `releaseFreed` (malloc_trim)
 * when given. Undefined when the process was started without `gc` (TWEESPRAAK_NODE_TUNING=off, or
 * an operator's own flags): the server then runs as before.
 * @param {{ gc?: unknown, releaseFreed?: () => unknown }} [options] `gc` defaults to the global one.
 * @returns {(() => Promise<void>) | undefined}
 */
export function fullCollection({ gc = globalThis.gc, releaseFreed } = {}) {
	if (typeof gc !== 'function') return undefined;
	const collect = /** @type {(options?: object) => unknown} */ (gc);
	// 'last-resort' is V8's collection of everything it can (several full collections, compacting,
	// and handing its pooled pages back to the system); a plain full collection frees the objects
	// but keeps the pages, and the process stays as large as before.
	return async () => {
		await collect({ type: 'major', execution: 'async', flavor: 'last-resort' });
		releaseFreed?.();
	};
}
