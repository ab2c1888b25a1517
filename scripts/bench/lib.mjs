// Shared helpers of `npm run bench`: the built server as a child process, throwaway PostgreSQL
// databases, bounded worker pools and percentiles. Loopback only; every loop has a fixed length.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds when there is no build yet, or when asked to (--rebuild). */
export function ensureBuild() {
	if (fs.existsSync(path.join(root, 'build', 'handler.js')) && !process.argv.includes('--rebuild')) return;
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(1);
}

/** Newest modification time under the sources the build is made from (to warn about a stale build). */
export function buildIsOlderThanSources() {
	const built = path.join(root, 'build', 'handler.js');
	if (!fs.existsSync(built)) return false;
	const builtAt = fs.statSync(built).mtimeMs;
	const newest = (target) => {
		const stat = fs.statSync(target);
		if (!stat.isDirectory()) return stat.mtimeMs;
		let max = stat.mtimeMs;
		for (const entry of fs.readdirSync(target)) {
			if (entry === 'paraglide' || entry === 'node_modules') continue;
			max = Math.max(max, newest(path.join(target, entry)));
		}
		return max;
	};
	return ['src', 'messages', 'static'].some((dir) => fs.existsSync(path.join(root, dir)) && newest(path.join(root, dir)) > builtAt);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node scripts/server.mjs` on 127.0.0.1:`port` and waits (at most 15 s) until /healthz
 * answers. `databaseUrl` empty means the embedded SQLite database in `dataDir`.
 */
export async function startServer({ port, dataDir, databaseUrl }) {
	const base = `http://localhost:${port}`;
	const started = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'scripts/server.mjs')], {
		cwd: root,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	let healthy = false;
	for (let i = 0; i < 300 && !healthy && child.exitCode === null; i++) {
		healthy = await fetch(`${base}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (!healthy) await sleep(50);
	}
	const startupMs = performance.now() - started;
	if (!healthy) {
		child.kill('SIGTERM');
		throw new Error(`the server on port ${port} did not become healthy:\n${output}`);
	}
	return {
		child,
		base,
		startupMs,
		output: () => output,
		setupLink: () => output.match(/http:\/\/localhost:\d+\/setup\/[\w-]+/)?.[0],
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await Promise.race([exited, sleep(12_000)]);
		}
	};
}

const TICKS_PER_SECOND = 100;

function processTicks(pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/**
 * CPU seconds used so far (Linux /proc; undefined elsewhere): by one process, by all local
 * PostgreSQL processes, by this process, and by the whole machine (to see other work on it).
 */
export function cpuSnapshot(serverPid) {
	try {
		/** @type {Map<string, number>} each PostgreSQL process's CPU seconds so far, by pid */
		const postgres = new Map();
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
					postgres.set(entry, processTicks(entry) / TICKS_PER_SECOND);
			} catch {
				// The process ended meanwhile.
			}
		}
		const [, ...times] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
		const machine = times.slice(0, 8).reduce((a, b) => a + b, 0) - times[3] - times[4];
		const own = process.cpuUsage();
		return {
			server: processTicks(serverPid) / TICKS_PER_SECOND,
			postgres,
			bench: (own.user + own.system) / 1e6,
			machine: machine / TICKS_PER_SECOND
		};
	} catch {
		return undefined;
	}
}

/** CPU seconds per operation between two snapshots, in ms; `other` is what the rest of the machine used meanwhile. */
export function cpuPerOperation(before, after, operations) {
	if (!before || !after) return undefined;
	const used = (key) => after[key] - before[key];
	const postgres = postgresUsed(before.postgres, after.postgres);
	const other = Math.max(0, used('machine') - used('server') - postgres - used('bench'));
	const per = (seconds) => (seconds * 1000) / operations;
	return { server: per(used('server')), postgres: per(postgres), bench: per(used('bench')), otherSeconds: other };
}

/**
 * The CPU seconds PostgreSQL's processes used between two snapshots, process by process: one that
 * started meanwhile counts from zero, one that ended meanwhile (a pool's idle connection closing)
 * drops out with what it used in between. Summing the totals instead took a process that ended
 * off the second total with all its CPU since it started, and made the figure negative.
 * @param {Map<string, number>} before
 * @param {Map<string, number>} after
 */
export function postgresUsed(before, after) {
	let seconds = 0;
	for (const [pid, now] of after) seconds += Math.max(0, now - (before.get(pid) ?? 0));
	return seconds;
}

/**
 * Waits until the process has used less than `share` of a core for `windowMs` (at most
 * `timeoutMs`), and returns how long that took. A server just started on a freshly generated
 * database first does its background work (every reminder that is due and its mail), which is
 * not what a bench of requests should count.
 */
export async function waitUntilIdle(pid, { windowMs = 1000, share = 0.05, timeoutMs = 120_000 } = {}) {
	const started = performance.now();
	if (!fs.existsSync(`/proc/${pid}/stat`)) return 0; // not Linux: nothing to wait for
	while (performance.now() - started < timeoutMs) {
		const before = processTicks(pid);
		await sleep(windowMs);
		if ((processTicks(pid) - before) / TICKS_PER_SECOND < (share * windowMs) / 1000) break;
	}
	return performance.now() - started;
}

/** Resident memory of a process, in MB. */
export function rssMb(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

export function makeTempDir(label) {
	return fs.mkdtempSync(path.join(os.tmpdir(), `tweespraak-bench-${label}-`));
}

/**
 * The PostgreSQL server to use: BENCH_DATABASE_URL (any database on it; used to create and drop
 * throwaway ones), else a local one on 127.0.0.1:5432 if it answers within 2 s; else none.
 */
export async function findPostgres() {
	const url = process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		const { rows } = await client.query('show server_version');
		return { url, version: String(rows[0].server_version).split(' ')[0] };
	} catch (error) {
		if (process.env.BENCH_DATABASE_URL) throw new Error(`BENCH_DATABASE_URL does not answer: ${error.message}`);
		return undefined;
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** Creates `tw_bench_<pid>_<label>` on that server; returns its URL and a function that drops it. */
export async function createThrowawayDatabase(adminUrl, label) {
	const name = `tw_bench_${process.pid}_${label}`.replace(/[^a-z0-9_]/g, '_');
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		name,
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			try {
				await client.query(`drop database if exists ${name} with (force)`);
			} finally {
				await client.end();
			}
		}
	};
}

const cleanups = [];

/** Work to do when the bench ends, also on Ctrl-C: stopping servers, dropping databases. */
export function onCleanup(task) {
	cleanups.push(task);
	return task;
}

export async function runCleanups() {
	for (const task of cleanups.splice(0).reverse()) await task().catch((error) => console.error(`cleanup failed: ${error.message}`));
}

/** Runs `task(item, index)` for every item, at most `concurrency` at a time. */
export async function runPool(items, concurrency, task) {
	const results = new Array(items.length);
	let next = 0;
	async function worker() {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return results;
}

/** p50, p95 and max of a list of milliseconds (nearest rank). */
export function summarise(times) {
	const sorted = [...times].sort((a, b) => a - b);
	const pick = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
	return { count: sorted.length, p50: pick(0.5), p95: pick(0.95), max: sorted[sorted.length - 1] };
}

export const ms = (value) => `${value.toFixed(1)} ms`;
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * fetch, tried once more when the server had already closed the kept-alive connection the request
 * went out on (it closes idle ones after 5 s; on a busy machine the client may not notice in time).
 * Such a request never reached the application, so sending it again cannot submit twice.
 */
export async function request(url, init) {
	try {
		return await fetch(url, init);
	} catch (error) {
		if (error?.cause?.code !== 'UND_ERR_SOCKET' && error?.cause?.code !== 'ECONNRESET') throw error;
		return fetch(url, init);
	}
}

/** The Cookie header a browser would send back after these Set-Cookie headers (values only). */
export function cookiesFrom(response) {
	return (
		response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			// A cookie being cleared has an empty value; a value may itself end in '=' (base64 padding).
			.filter((pair) => pair.slice(pair.indexOf('=') + 1) !== '')
			.join('; ')
	);
}
