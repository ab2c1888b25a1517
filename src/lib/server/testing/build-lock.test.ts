// The lock that keeps two test runs from building into the same build/ at once (decision 024,
// part six): the SQLite and PostgreSQL integration runs side by side both call buildIfStale.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, withLock } from '../../../../e2e/support/server.ts';

const SERVER_TS = path.join(ROOT, 'e2e', 'support', 'server.ts');

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A process that takes the lock and, holding it, writes "in", waits, and writes "out" to the log. */
function holder(lockFile: string, log: string, holdMs: number): Promise<number | null> {
	const script = `
		import fs from 'node:fs';
		import { withLock } from ${JSON.stringify(SERVER_TS)};
		const pause = new Int32Array(new SharedArrayBuffer(4));
		withLock(${JSON.stringify(lockFile)}, () => {
			fs.appendFileSync(${JSON.stringify(log)}, 'in ' + process.pid + '\\n');
			Atomics.wait(pause, 0, 0, ${holdMs});
			fs.appendFileSync(${JSON.stringify(log)}, 'out ' + process.pid + '\\n');
		}, { pollMs: 20 });`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
	return new Promise((resolve) => child.once('close', resolve));
}

describe('the build lock', () => {
	it('lets one process at a time do its work: three at once never overlap', async () => {
		const lockFile = path.join(dir, 'build.lock');
		const log = path.join(dir, 'log');
		const codes = await Promise.all([holder(lockFile, log, 300), holder(lockFile, log, 300), holder(lockFile, log, 300)]);
		expect(codes).toEqual([0, 0, 0]);
		const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(6);
		for (let i = 0; i < lines.length; i += 2) {
			const pid = lines[i]!.split(' ')[1];
			expect([lines[i], lines[i + 1]]).toEqual([`in ${pid}`, `out ${pid}`]);
		}
		expect(fs.readdirSync(dir).sort()).toEqual(['log']); // the lock and every process's own file are gone
	});

	it('takes over a lock whose holder died, instead of waiting for ever', () => {
		const lockFile = path.join(dir, 'build.lock');
		const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
		fs.writeFileSync(lockFile, gone.stdout);
		expect(withLock(lockFile, () => 'built', { pollMs: 20 })).toBe('built');
		expect(fs.existsSync(lockFile)).toBe(false);
	});

	it('waits while a live process holds the lock, and leaves that lock alone', () => {
		const lockFile = path.join(dir, 'build.lock');
		fs.writeFileSync(lockFile, String(process.pid)); // this test's own process: alive
		const waiter = spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`import { withLock } from ${JSON.stringify(SERVER_TS)};
				 withLock(${JSON.stringify(lockFile)}, () => console.log('took it'), { pollMs: 20 });`
			],
			{ encoding: 'utf8', timeout: 1500 }
		);
		expect(waiter.stdout).not.toContain('took it');
		expect(waiter.signal).toBe('SIGTERM'); // still waiting when it was stopped
		expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
	});

	it('releases the lock when the work fails', () => {
		const lockFile = path.join(dir, 'build.lock');
		expect(() =>
			withLock(lockFile, () => {
				throw new Error('the build failed');
			})
		).toThrow('the build failed');
		expect(fs.existsSync(lockFile)).toBe(false);
		expect(withLock(lockFile, () => 'again')).toBe('again');
	});
});
