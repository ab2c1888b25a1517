// The compiled Paraglide messages (src/lib/paraglide): the build writes them (vite.config.ts), and
// the operator commands (scripts/tweespraak.mjs) import the server modules that use them. On a
// fresh clone, before the first build, those commands failed with ERR_MODULE_NOT_FOUND and a stack
// trace; now they compile the messages first, with the build's own options.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The options the messages are compiled with: by the build, by the tests (vite.config.ts passes them
 * to its plugin) and by the operator commands. Decision 024, part twelve:
 * - One output for all of them, a module per message (what the build needs: a page's bundle holds
 *   only the messages it uses). Left to itself the plugin writes one module per language everywhere
 *   but in the build, so every test run after a build compiled the messages again and rewrote
 *   src/lib/paraglide while the type check beside it was reading it.
 * - No declaration files: the compiled messages carry their types as JSDoc, which the type check
 *   reads (checkJs), and a wrong key or a missing parameter is still an error. Emitting `.d.ts`
 *   through the TypeScript compiler was most of a compile: 17 s instead of 5.
 */
export const PARAGLIDE_OPTIONS = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: /** @type {['cookie', 'baseLocale']} */ (['cookie', 'baseLocale']),
	cookieName: 'tweespraak_locale',
	outputStructure: /** @type {'message-modules' | 'locale-modules'} */ ('message-modules'),
	emitTsDeclarations: false
};

/**
 * The newest change to the message sources: the messages of every language and the project's settings.
 * @param {string} appRoot the app's folder
 */
function newestSource(appRoot) {
	const messages = path.join(appRoot, 'messages');
	const files = [
		path.join(appRoot, PARAGLIDE_OPTIONS.project, 'settings.json'),
		...fs
			.readdirSync(messages)
			.filter((name) => name.endsWith('.json'))
			.map((name) => path.join(messages, name))
	];
	return Math.max(...files.map((file) => fs.statSync(file).mtimeMs));
}

/**
 * Compiles the messages when they are missing, or older than their sources: an upgrade whose
 * operator ran a command before `npm run build` would otherwise print old texts, or fail on a message
 * the new code uses. The build compiles them again, as always.
 * @param {string} [appRoot] the app's folder
 * @returns {Promise<boolean>} whether they had to be compiled
 */
export async function ensureMessages(appRoot = root) {
	const runtime = path.join(appRoot, PARAGLIDE_OPTIONS.outdir, 'runtime.js');
	const compiledAt = fs.existsSync(runtime) ? fs.statSync(runtime).mtimeMs : -Infinity;
	if (compiledAt >= newestSource(appRoot)) return false;
	const { compile } = await import('@inlang/paraglide-js');
	await withoutLingeringTimers(() =>
		compile({
			...PARAGLIDE_OPTIONS,
			project: path.join(appRoot, PARAGLIDE_OPTIONS.project),
			outdir: path.join(appRoot, PARAGLIDE_OPTIONS.outdir)
		})
	);
	// Compiled now, whether or not the compiler rewrote the runtime.
	const now = new Date();
	fs.utimesSync(runtime, now, now);
	return true;
}

/**
 * A timer this long, started while the messages compile, does not keep the process running. The
 * compiler's project store (@lix-js/sdk 0.17, in WebAssembly) starts a dozen or more 30-second timers
 * during a compile and never clears them, so whatever compiled stayed alive for up to half a minute
 * after its work was done: `vite build` 15 s after "done" (first in `npm test`, so before every other
 * stage), an operator's first command on a fresh clone 29 s (decision 024, part twelve).
 * An unref'd timer still fires while the process has other work; it only no longer holds it open.
 */
export const LINGERING_TIMER_MS = 30_000;

let compiling = 0;
/** @type {typeof setTimeout} */
let originalSetTimeout = globalThis.setTimeout;

/** @type {(callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => NodeJS.Timeout} */
function setTimeoutUnrefLong(callback, delay, ...args) {
	const timer = originalSetTimeout(callback, delay, ...args);
	if (Number(delay) >= LINGERING_TIMER_MS) timer.unref();
	return timer;
}

/**
 * Runs `work` (a compile of the messages) with LINGERING_TIMER_MS timers unref'd. Compiles that
 * overlap share one replacement of setTimeout, put back when the last one ends.
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withoutLingeringTimers(work) {
	if (compiling++ === 0) {
		originalSetTimeout = globalThis.setTimeout;
		globalThis.setTimeout = /** @type {typeof setTimeout} */ (
			/** @type {unknown} */ (Object.assign(setTimeoutUnrefLong, { [promisify.custom]: Reflect.get(originalSetTimeout, promisify.custom) }))
		);
	}
	try {
		return await work();
	} finally {
		if (--compiling === 0) globalThis.setTimeout = originalSetTimeout;
	}
}
