// A new user's first operator command on a fresh clone (`npm install`, no build yet) failed with
// ERR_MODULE_NOT_FOUND for src/lib/paraglide and a stack trace: the messages the server modules
// import are written by the build. The operator commands now compile them first (scripts/messages.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getTestDialects } from '../testing/test-context.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

// On SQLite only, and so once per `npm test`: the PostgreSQL run would repeat exactly the same steps.
// (This took 34 s while the compiler's timers kept the command waiting after its work; now about 6 s.)
describe.skipIf(!getTestDialects().includes('sqlite'))('the operator commands on a fresh clone, before the first build', () => {
	const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-fresh-clone-'));
	afterAll(() => fs.rmSync(clone, { recursive: true, force: true }));

	it('migrate compiles the messages it needs and brings the database up to date, without a stack trace', { timeout: 180_000 }, () => {
		for (const entry of ['src', 'scripts', 'messages', 'project.inlang', 'package.json']) {
			fs.cpSync(path.join(ROOT, entry), path.join(clone, entry), {
				recursive: true,
				filter: (source) => !source.includes(`${path.sep}paraglide`) && !source.includes(`project.inlang${path.sep}cache`)
			});
		}
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
		expect(fs.existsSync(path.join(clone, 'src', 'lib', 'paraglide'))).toBe(false);

		const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(clone, 'data'), LOG_LEVEL: 'warn' };
		delete env.DATABASE_URL;
		const result = spawnSync(process.execPath, [path.join(clone, 'scripts', 'tweespraak.mjs'), 'migrate'], {
			cwd: clone,
			env,
			encoding: 'utf8',
			timeout: 170_000
		});
		expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0, stderr: expect.not.stringMatching(/\n\s+at /) });
		expect(result.stdout).toContain('The database is up to date.');
		expect(fs.existsSync(path.join(clone, 'data', 'tweespraak.db'))).toBe(true);
	});
});
