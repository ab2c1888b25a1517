// Builds the app when needed and runs real Tweespraak servers (scripts/server.mjs) for the
// end-to-end tests: each with its own fresh DATA_DIR (SQLite) and outbox, on a port of its own.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a test needs to know about one running installation. */
export interface AppInfo {
	baseURL: string;
	port: number;
	dataDir: string;
	outboxDir: string;
	logFile: string;
	/** The one-time setup link the server printed at its first start. */
	setupLink: string;
}

export interface RunningApp extends AppInfo {
	stop(): Promise<void>;
}

// Everything the build reads; generated Paraglide output and unit tests do not change the build.
const BUILD_INPUTS = [
	'src',
	'static',
	'messages',
	'project.inlang',
	'vite.config.ts',
	'package.json',
	'package-lock.json',
	'tsconfig.json'
];

function newestInputMtime(target: string): number {
	const full = path.join(ROOT, target);
	if (!fs.existsSync(full)) return 0;
	const stat = fs.statSync(full);
	if (!stat.isDirectory()) return target.endsWith('.test.ts') ? 0 : stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(full)) {
		if (entry === 'paraglide' || entry === 'node_modules' || entry === 'cache') continue;
		newest = Math.max(newest, newestInputMtime(path.join(target, entry)));
	}
	return newest;
}

function isBuildFresh(): boolean {
	const handler = path.join(ROOT, 'build', 'handler.js');
	const builtAt = fs.existsSync(handler) ? fs.statSync(handler).mtimeMs : 0;
	return builtAt >= Math.max(...BUILD_INPUTS.map(newestInputMtime));
}

/** One build at a time per checkout: the integration runs of both databases and the e2e set-up may ask at once. */
const BUILD_LOCK = path.join(ROOT, 'node_modules', '.cache', 'tweespraak-build.lock');

/**
 * Builds once when build/ is missing or older than its sources (the same rule as `npm start`).
 * Two processes that ask at once (the SQLite and PostgreSQL integration runs side by side) build
 * once: the second waits for the first's lock and then finds the build fresh, instead of emptying
 * build/ under the first one's feet (decision 024, part seven).
 */
export function buildIfStale(): void {
	if (isBuildFresh()) return;
	withLock(BUILD_LOCK, () => {
		if (isBuildFresh()) return; // another process built it while this one waited
		console.log(
			fs.existsSync(path.join(ROOT, 'build', 'handler.js'))
				? '[e2e] sources changed since the last build; building…'
				: '[e2e] no build yet; building…'
		);
		const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
		const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
		if (result.status !== 0) throw new Error(`[e2e] the build failed (exit ${result.status}); see the output above`);
	});
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Whether a process with this id still runs (a lock's holder that died left its lock behind). */
function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (caught) {
		return (caught as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The process id written in a lock file, or null when the file is gone. */
function lockHolder(lockFile: string): number | null {
	try {
		return Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
	} catch (caught) {
		if ((caught as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw caught;
	}
}

/**
 * Runs `work` while this process holds the lock file `lockFile`, shared by every process on the
 * machine; waits (blocking, polling every `pollMs`) while another live process holds it. The lock
 * is taken atomically (a hard link to a file naming this process fails when the lock exists), and
 * a lock whose holder died is taken over.
 */
export function withLock<T>(lockFile: string, work: () => T, { pollMs = 100 }: { pollMs?: number } = {}): T {
	fs.mkdirSync(path.dirname(lockFile), { recursive: true });
	const mine = `${lockFile}.${process.pid}`;
	fs.writeFileSync(mine, String(process.pid));
	try {
		for (;;) {
			try {
				fs.linkSync(mine, lockFile);
				break;
			} catch (caught) {
				if ((caught as NodeJS.ErrnoException).code !== 'EEXIST') throw caught;
			}
			const holder = lockHolder(lockFile);
			if (holder === null) continue; // released just now: try again at once
			if (isRunning(holder)) Atomics.wait(sleeper, 0, 0, pollMs);
			else fs.rmSync(lockFile, { force: true });
		}
	} finally {
		fs.rmSync(mine, { force: true });
	}
	try {
		return work();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

/** Resolves true when nothing listens on the port yet. */
function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

export async function findFreePort(from: number, to: number): Promise<number> {
	for (let port = from; port <= to; port++) {
		if (await isPortFree(port)) return port;
	}
	throw new Error(`[e2e] no free port between ${from} and ${to}; is an earlier test server still running?`);
}

/** A directory under the OS temp folder that holds every data dir of this run. */
export function makeRunDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-e2e-'));
}

/** The app's own environment only: no database URL, SMTP or origin leaks in from the shell. */
function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
	for (const name of ['DATABASE_URL', 'SMTP_URL', 'ORIGIN', 'AUTH_SECRET', 'MAIL_FROM']) delete env[name];
	return env;
}

/**
 * Starts `node scripts/server.mjs` on `port` with an empty data dir and waits for the setup
 * link it logs on its first start. Rejects with the log when the server stops or stays silent.
 */
export async function startApp({
	port,
	dataDir,
	env = {}
}: {
	port: number;
	dataDir: string;
	env?: NodeJS.ProcessEnv;
}): Promise<RunningApp> {
	fs.mkdirSync(dataDir, { recursive: true });
	const logFile = path.join(dataDir, 'server.log');
	const log = fs.createWriteStream(logFile);
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'server.mjs')], {
		cwd: ROOT,
		env: { ...serverEnv(port, dataDir), ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	child.stderr!.pipe(log, { end: false });

	const setupLink = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => fail('did not print a setup link within 30 s'), 30_000);
		function fail(reason: string) {
			clearTimeout(timer);
			child.kill('SIGKILL');
			const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
			reject(new Error(`[e2e] the server on port ${port} ${reason}. Log (${logFile}):\n${tail}`));
		}
		let buffered = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			log.write(chunk);
			buffered += chunk.toString('utf8');
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) {
				const link = readSetupLink(line);
				if (link) {
					clearTimeout(timer);
					resolve(link);
				}
			}
		});
		void exited.then((code) => fail(`stopped (exit ${code}) before it was ready`));
	});

	const baseURL = `http://localhost:${port}`;
	return {
		baseURL,
		port,
		dataDir,
		outboxDir: path.join(dataDir, 'outbox'),
		logFile,
		setupLink,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
			await exited;
			clearTimeout(killer);
			log.end();
		}
	};
}

/** The setup link's form as a browser without JavaScript posts it: the first organisation and its admin. */
export function setupFormPost(organisationName: string, admin: { name: string; email: string; password: string }): RequestInit {
	return {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			organisationName,
			clientTerm: 'client',
			defaultLocale: 'nl',
			adminName: admin.name,
			adminEmail: admin.email,
			password: admin.password,
			passwordConfirm: admin.password
		})
	};
}

/**
 * The cookies a response sets that stay (the session, the language), as the Cookie header of the
 * requests after it. The notice a redirect leaves for the next page (tweespraak_notice) is left
 * out: a browser sends it once and the page it shows deletes it, while a test that sent it with
 * every request would see that notice instead of the one its request made.
 */
export function cookieHeaderOf(response: { headers: Headers }): string {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0]!)
		.filter((pair) => !pair.startsWith('tweespraak_notice='))
		.join('; ');
}

function readSetupLink(line: string): string | undefined {
	if (!line.startsWith('{')) return undefined;
	try {
		const entry = JSON.parse(line) as { event?: string; setupLink?: string };
		return entry.event === 'setup.link' ? entry.setupLink : undefined;
	} catch {
		return undefined;
	}
}

/** Runs the operator CLI (scripts/tweespraak.mjs) against an installation's data dir. */
export function runCli(app: AppInfo, args: string[]): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'tweespraak.mjs'), ...args], {
		cwd: ROOT,
		env: serverEnv(app.port, app.dataDir),
		encoding: 'utf8',
		timeout: 30_000
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
