// The environment `npm start` builds in (scripts/start.mjs): the caller's, without the app's
// run-time settings. SvelteKit validates every variable src/env.ts declares while it builds (it
// loads the server to analyse it), so a setting left in would be checked by the build: a wrong
// METRICS_TOKEN failed `npm start` with a build error over several lines instead of the start's
// one line naming the variable. The names are read from src/env.ts itself, so a variable
// declared there later is left out too (a copied list here had missed four).
import fs from 'node:fs';
import path from 'node:path';

/**
 * The names src/env.ts declares: the keys of its defineEnvVars({ … }) object, one a line.
 * @param {string} root the app's folder
 * @returns {string[]}
 */
export function declaredVariables(root) {
	const source = fs.readFileSync(path.join(root, 'src', 'env.ts'), 'utf8');
	const declaration = source.slice(source.indexOf('defineEnvVars('));
	return [...declaration.matchAll(/^\t([A-Z][A-Z0-9_]*):/gm)].map((match) => /** @type {string} */ (match[1]));
}

/**
 * `env` without the declared run-time variables; everything else (PATH, NODE_OPTIONS) stays.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} root the app's folder
 * @returns {NodeJS.ProcessEnv}
 */
export function environmentForBuild(env, root) {
	const buildEnv = { ...env };
	for (const name of declaredVariables(root)) delete buildEnv[name];
	return buildEnv;
}
