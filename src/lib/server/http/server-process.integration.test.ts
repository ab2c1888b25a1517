import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { relaunchTuned } from '../../../../scripts/server-process.mjs';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { isServerRunning, PID_FILE } from '../backup/backup.ts';
import { freePort, startInstance, waitUntilHealthy, type Instance } from '../testing/instances.ts';

/**
 * The built server starts Node again, in place, with its own memory settings (decision 025):
 * a small young generation and two malloc arenas. The operator's own choice wins. Read from
 * /proc, as an operator would see the process.
 */
describe.runIf(process.platform === 'linux')('the server process', () => {
	const instances: Instance[] = [];
	const dataDirs: string[] = [];

	beforeAll(() => buildIfStale(), 240_000);

	afterAll(async () => {
		for (const instance of instances)
			if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
		await Promise.all(instances.map((instance) => instance.exited));
		for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
	});

	async function launch(env: Record<string, string> = {}) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-process-'));
		dataDirs.push(dataDir);
		const port = await freePort();
		const instance = startInstance({
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			LOG_LEVEL: 'warn',
			NODE_OPTIONS: '',
			MALLOC_ARENA_MAX: '',
			...env
		});
		instances.push(instance);
		await waitUntilHealthy(instance, `http://127.0.0.1:${port}`);
		const pid = instance.child.pid!;
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
		const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
		instance.child.kill('SIGTERM');
		await instance.exited;
		return { cmdline, environ };
	}

	it('keeps its modules’ source at one byte a character: no file of the server build holds a character above U+00FF', () => {
		// V8 keeps every module's source for as long as the server runs, as a two-byte string when
		// one character needs it: the messages in Arabic and Ukrainian doubled the largest chunk.
		// The server build writes such characters as escapes (rolldown's charset 'ascii').
		const build = path.resolve(import.meta.dirname, '../../../../build');
		const files = fs
			.readdirSync(build, { recursive: true, encoding: 'utf8' })
			.filter((file) => /\.m?js$/.test(file) && !file.startsWith(`client${path.sep}`));
		expect(files.length).toBeGreaterThan(10);
		const wide = files.filter((file) => /[^\u0000-\u00ff]/u.test(fs.readFileSync(path.join(build, file), 'utf8')));
		expect(wide).toEqual([]);
	});

	it(
		'runs with an 8 MB young-generation semi-space, two malloc arenas and garbage collection it can ask for, in the process that was started',
		{ timeout: 60_000 },
		async () => {
			const { cmdline, environ } = await launch();
			expect(cmdline).toContain('--max-semi-space-size=8');
			// For the collection once the requests stop (scripts/idle-gc.mjs).
			expect(cmdline).toContain('--expose-gc');
			expect(cmdline.at(-2)).toMatch(/scripts[\\/]server\.mjs$/);
			expect(environ).toContain('MALLOC_ARENA_MAX=2');
		}
	);

	it("keeps the operator's own young-generation size and arenas, and adds nothing when turned off", { timeout: 60_000 }, async () => {
		const chosen = await launch({ NODE_OPTIONS: '--max-semi-space-size=16', MALLOC_ARENA_MAX: '4' });
		expect(chosen.cmdline.some((arg) => arg.startsWith('--max-semi-space-size'))).toBe(false);
		expect(chosen.environ).toContain('MALLOC_ARENA_MAX=4');
		expect(chosen.cmdline).toContain('--expose-gc');
		const off = await launch({ TWEESPRAAK_NODE_TUNING: 'off' });
		expect(off.cmdline.some((arg) => arg.startsWith('--max-semi-space-size'))).toBe(false);
		expect(off.environ).not.toContain('MALLOC_ARENA_MAX=2');
		expect(off.cmdline).not.toContain('--expose-gc');
	});

	function tempDataDir() {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-process-'));
		dataDirs.push(dataDir);
		return dataDir;
	}

	async function serve(dataDir: string, port?: number) {
		const listenOn = port ?? (await freePort());
		const instance = startInstance({ PORT: String(listenOn), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' });
		instances.push(instance);
		return { instance, port: listenOn, base: `http://127.0.0.1:${listenOn}` };
	}

	it(
		'a server that stops after another started on the same DATA_DIR leaves that one’s pid file, so restore keeps refusing',
		{ timeout: 90_000 },
		async () => {
			const dataDir = tempDataDir();
			const first = await serve(dataDir);
			await waitUntilHealthy(first.instance, first.base);
			const second = await serve(dataDir);
			await waitUntilHealthy(second.instance, second.base);
			expect(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8')).toBe(String(second.instance.child.pid));
			first.instance.child.kill('SIGTERM');
			await first.instance.exited;
			expect(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8')).toBe(String(second.instance.child.pid));
			expect(isServerRunning(dataDir)).toBe(true);
			second.instance.child.kill('SIGTERM');
			await second.instance.exited;
			expect(fs.existsSync(path.join(dataDir, PID_FILE))).toBe(false);
		}
	);

	it(
		'a second server on a port already in use stops before it does any work: no database, no setup link',
		{ timeout: 90_000 },
		async () => {
			const first = await serve(tempDataDir());
			await waitUntilHealthy(first.instance, first.base);
			const emptyDir = tempDataDir();
			const second = await serve(emptyDir, first.port);
			expect(await second.instance.exited).toBe(1);
			expect(fs.existsSync(path.join(emptyDir, 'tweespraak.db'))).toBe(false);
			expect(second.instance.logs.map((line) => line.event)).not.toContain('setup.link');
			first.instance.child.kill('SIGTERM');
			await first.instance.exited;
		}
	);

	it('serves untuned, with a warning, when Node cannot start again', () => {
		const original = process.execve;
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		process.execve = () => {
			throw Object.assign(new Error('execve failed'), { code: 'EPERM', syscall: 'execve' });
		};
		try {
			expect(() => relaunchTuned()).not.toThrow();
			expect(warn).toHaveBeenCalledWith(expect.stringContaining('without its own memory settings: execve failed'));
		} finally {
			process.execve = original;
			warn.mockRestore();
		}
	});
});
