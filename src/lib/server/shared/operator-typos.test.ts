// An operator's typo on the command line got a stack trace from parseArgs (ERR_PARSE_ARGS_…) or,
// for an unknown command, only the usage. Each gets one line that names the mistake, then the usage,
// and changes nothing (all fail before anything opens the database).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

function run(script: string, args: string[]) {
	const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: '/nonexistent/tweespraak-typo-test' },
		encoding: 'utf8',
		timeout: 60_000
	});
	return { status: result.status, firstLine: result.stderr.split('\n')[0], stderr: result.stderr };
}

describe('an operator’s typo on the command line', () => {
	it.each([
		[
			'tweespraak.mjs',
			['create-organisation', '--nam', 'Oost', '--admin-email', 'a@example.nl'],
			"Unknown option '--nam'. Nothing was changed."
		],
		['tweespraak.mjs', ['allow-passwords', '--domain'], "Option '--domain <value>' argument missing. Nothing was changed."],
		['tweespraak.mjs', ['make-admin', '--emial', 'a@example.nl'], "Unknown option '--emial'. Nothing was changed."],
		['tweespraak.mjs', ['make-admn', '--email', 'a@example.nl'], 'Unknown command: make-admn.'],
		[
			'tweespraak.mjs',
			['invite-admin', '--organisation', 'Organisatie A', '--email', 'a@example.nl'],
			'--organisation must be the id of the organisation (as the start log names it).'
		],
		['seed-scale.mjs', ['--ratngs', '100'], "Unknown option '--ratngs'."]
	])('%s %j: one line naming it, the usage, exit 1, no stack trace', { timeout: 60_000 }, (script, args, line) => {
		const result = run(script, args);
		expect({ status: result.status, firstLine: result.firstLine }).toEqual({ status: 1, firstLine: line });
		expect(result.stderr).toMatch(/Usage/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('save-erasures on SQLite says that restore does it there, changes nothing and exits 1', { timeout: 60_000 }, () => {
		const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'tweespraak.mjs'), 'save-erasures'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/nonexistent/tweespraak-typo-test' },
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('save-erasures is for PostgreSQL, before pg_restore.');
		expect(result.stderr).toContain('node scripts/tweespraak.mjs restore FILE');
	});

	it('help prints the usage, with every command, and exits 0', { timeout: 60_000 }, () => {
		const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'tweespraak.mjs'), 'help'], { cwd: ROOT, encoding: 'utf8' });
		expect(result.status).toBe(0);
		for (const command of [
			'migrate',
			'create-organisation',
			'backup',
			'restore',
			'save-erasures',
			'allow-passwords',
			'make-admin',
			'invite-admin'
		])
			expect(result.stdout).toContain(`node scripts/tweespraak.mjs ${command}`);
	});
});
