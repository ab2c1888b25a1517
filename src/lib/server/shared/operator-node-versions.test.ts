// The operator commands import the server's TypeScript modules. Node runs them without a flag
// from 22.18; Tweespraak supports 22.17 (package.json, engines), where type stripping is behind
// --experimental-strip-types. `--no-experimental-strip-types` makes this Node behave as 22.17 does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('the operator commands on a Node that strips types only behind a flag (22.17)', () => {
	it('migrate runs and migrates the database, without a stack trace', { timeout: 60_000 }, () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-node-flag-'));
		try {
			const result = spawnSync(
				process.execPath,
				['--no-experimental-strip-types', path.join(ROOT, 'scripts', 'tweespraak.mjs'), 'migrate'],
				{
					cwd: ROOT,
					env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
					encoding: 'utf8',
					timeout: 60_000
				}
			);
			expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
			expect(result.stdout).toContain('The database is up to date.');
			expect(fs.existsSync(path.join(dataDir, 'tweespraak.db'))).toBe(true);
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it(
		'where the flag does not make it strip types either, it says so and stops instead of starting itself again',
		{ timeout: 60_000 },
		() => {
			// As the command's second start sees it: already run again once, and still no type stripping.
			const result = spawnSync(
				process.execPath,
				['--no-experimental-strip-types', path.join(ROOT, 'scripts', 'tweespraak.mjs'), 'migrate'],
				{
					cwd: ROOT,
					env: { ...process.env, DATA_DIR: '/nonexistent/tweespraak-node-flag-test', TWEESPRAAK_STRIP_TYPES_RELAUNCHED: '1' },
					encoding: 'utf8',
					timeout: 60_000
				}
			);
			expect(result.status).toBe(1);
			expect(result.stderr).toMatch(/cannot run TypeScript, even with --experimental-strip-types/);
		}
	);
});
