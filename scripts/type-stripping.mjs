// The operator commands and seed:scale import the server's TypeScript modules as they are. Node
// runs TypeScript without a flag from 22.18 on; 22.17, the oldest version Tweespraak supports
// (package.json, engines), has the same type stripping behind --experimental-strip-types. There
// the command runs itself again with that flag, so it works the same on every supported Node.
import { spawnSync } from 'node:child_process';

/** Call first, before importing a .ts module: returns on a Node that strips types, else never. */
export function ensureTypeStripping() {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 22 || (major === 22 && minor < 17)) {
		console.error(`Tweespraak needs Node.js 22.17 or newer (24 LTS recommended); this is ${process.version}.`);
		process.exit(1);
	}
	if (process.features.typescript) return;
	// Run again once only: a Node on which the flag does not turn type stripping on says so.
	if (process.env.TWEESPRAAK_STRIP_TYPES_RELAUNCHED) {
		console.error(`This Node.js (${process.version}) cannot run TypeScript, even with --experimental-strip-types. Use Node.js 24 LTS.`);
		process.exit(1);
	}
	const result = spawnSync(
		process.execPath,
		[...process.execArgv, '--experimental-strip-types', '--disable-warning=ExperimentalWarning', ...process.argv.slice(1)],
		{ stdio: 'inherit', env: { ...process.env, TWEESPRAAK_STRIP_TYPES_RELAUNCHED: '1' } }
	);
	if (result.error) {
		console.error(`Could not run Node.js with type stripping: ${result.error.message}`);
		process.exit(1);
	}
	process.exit(result.status ?? 1);
}
