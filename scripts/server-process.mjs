// The server's own process settings (decision 025). V8 sizes its young generation by the
// machine's memory: on a 24 GiB machine each of its two semi-spaces grows to 64 MB under load,
// and glibc gives each of Node's threads its own malloc arena. A server that answers small pages
// gains little from either and carried 266 MB after 1,000 requests. Both can only be set when the
// process starts, so the server's entry points start Node again, in place (same process id, same
// standard streams), with them — unless the operator already chose (NODE_OPTIONS, node's own
// flags, MALLOC_ARENA_MAX) or turned this off (TWEESPRAAK_NODE_TUNING=off). It also exposes V8's
// garbage collection to the server, which runs one full collection once the requests stop
// (scripts/idle-gc.mjs).

const MARK = 'TWEESPRAAK_NODE_TUNED';

/** The young generation's semi-space, in MB (decision 025, part six): V8 takes up to 64 MB on a 24 GiB machine, 2 MB on one of 1–2 GB. */
export const SEMI_SPACE_MB = 8;
export const MALLOC_ARENAS = 2;

/**
 * The Node flags and environment to add, or undefined when nothing needs to change. Pure, so it
 * can be tested without starting anything.
 * @param {{ execArgv: string[], env: Record<string, string | undefined> }} process
 */
export function tuning({ execArgv, env }) {
	if (env[MARK] || String(env.TWEESPRAAK_NODE_TUNING ?? '').toLowerCase() === 'off') return undefined;
	const chosen = [...execArgv, ...String(env.NODE_OPTIONS ?? '').split(/\s+/)];
	const flags = chosen.some((flag) => /^--(max-semi-space-size|semi-space-growth-factor)\b/.test(flag))
		? []
		: [`--max-semi-space-size=${SEMI_SPACE_MB}`];
	// For the full collection once the requests stop (scripts/idle-gc.mjs).
	if (!chosen.includes('--expose-gc')) flags.push('--expose-gc');
	const extraEnv = env.MALLOC_ARENA_MAX ? {} : { MALLOC_ARENA_MAX: String(MALLOC_ARENAS) };
	if (flags.length === 0 && Object.keys(extraEnv).length === 0) return undefined;
	return { flags, env: { ...extraEnv, [MARK]: '1' } };
}

/**
 * Starts this same script again with the tuned settings, replacing the current process
 * (`process.execve`, Node 22.15+/23.11+ on Linux and macOS). Where that is not available the
 * server runs as it is, only with more memory.
 */
export function relaunchTuned() {
	// A value other than on or off would silently mean on: stop the start, naming it, as every
	// other setting does (README, "Configuration").
	const chosen = String(process.env.TWEESPRAAK_NODE_TUNING ?? '').trim();
	if (chosen !== '' && !['on', 'off'].includes(chosen.toLowerCase())) {
		console.error(`Tweespraak could not start: TWEESPRAAK_NODE_TUNING must be on or off, got "${chosen}"`);
		process.exit(1);
	}
	const change = tuning({ execArgv: process.execArgv, env: process.env });
	if (!change || typeof process.execve !== 'function') return;
	try {
		process.execve(process.execPath, [process.execPath, ...change.flags, ...process.execArgv, ...process.argv.slice(1)], {
			...process.env,
			...change.env
		});
	} catch (error) {
		// Node 24 throws when execve(2) fails and leaves this process as it was: serve untuned.
		console.warn(`Tweespraak runs without its own memory settings: ${error instanceof Error ? error.message : String(error)}`);
	}
}
