// The compiled Paraglide messages (src/lib/paraglide): the build writes them (vite.config.ts), and
// the operator commands (scripts/tweespraak.mjs) import the server modules that use them. On a
// fresh clone, before the first build, those commands failed with ERR_MODULE_NOT_FOUND and a stack
// trace; now they compile the messages first, with the build's own options.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The options the build compiles the messages with (vite.config.ts passes them to its plugin). */
export const PARAGLIDE_OPTIONS = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: /** @type {['cookie', 'baseLocale']} */ (['cookie', 'baseLocale']),
	cookieName: 'tweespraak_locale',
	emitTsDeclarations: true
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
	await compile({
		...PARAGLIDE_OPTIONS,
		project: path.join(appRoot, PARAGLIDE_OPTIONS.project),
		outdir: path.join(appRoot, PARAGLIDE_OPTIONS.outdir)
	});
	// Compiled now, whether or not the compiler rewrote the runtime.
	const now = new Date();
	fs.utimesSync(runtime, now, now);
	return true;
}
