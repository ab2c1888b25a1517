// `npm run bench`: start-up time, request latency and memory of the built server on this
// machine, written to docs/BENCHMARKS.md. Traffic goes to 127.0.0.1 only, bounded in count.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 4399);
const BASE = `http://localhost:${PORT}`;
const REQUESTS = 400;
const CONCURRENCY = 8;

function ensureBuild() {
	if (fs.existsSync(path.join(root, 'build', 'handler.js')) && !process.argv.includes('--rebuild')) return;
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(1);
}

async function startServer(dataDir) {
	const started = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'scripts/server.mjs')], {
		cwd: root,
		env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	for (let i = 0; i < 300; i++) {
		const ok = await fetch(`${BASE}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 50));
	}
	const link = output.match(/http:\/\/localhost:\d+\/setup\/[\w-]+/)?.[0];
	return { child, startupMs: performance.now() - started, link };
}

async function setupAdmin(link) {
	const body = new URLSearchParams({
		organisationName: 'Bench',
		clientTerm: 'client',
		defaultLocale: 'nl',
		adminName: 'Bench Admin',
		adminEmail: 'bench@example.nl',
		password: 'bench password long enough',
		passwordConfirm: 'bench password long enough'
	});
	const response = await fetch(link.replace(/localhost:\d+/, `localhost:${PORT}`), {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: BASE, accept: 'text/html' }
	});
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

async function measure(url, cookie) {
	const times = [];
	let next = 0;
	async function worker() {
		while (next < REQUESTS) {
			next++;
			const t = performance.now();
			const response = await fetch(url, { headers: cookie ? { cookie } : {} });
			await response.arrayBuffer();
			if (!response.ok) throw new Error(`${url} answered ${response.status}`);
			times.push(performance.now() - t);
		}
	}
	const started = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const total = performance.now() - started;
	times.sort((a, b) => a - b);
	const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
	return { p50: pick(0.5), p95: pick(0.95), perSecond: (REQUESTS / total) * 1000 };
}

function rssMb(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

ensureBuild();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-bench-'));
const server = await startServer(dataDir);
try {
	if (!server.link) throw new Error('no setup link in the server output');
	const cookie = await setupAdmin(server.link);
	const results = {
		'GET /healthz': await measure(`${BASE}/healthz`),
		'GET /sign-in (anonymous page)': await measure(`${BASE}/sign-in`),
		'GET /admin/staff (signed in, database reads)': await measure(`${BASE}/admin/staff`, cookie)
	};
	const memory = rssMb(server.child.pid);
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const lines = [
		'# Benchmarks',
		'',
		'Written by `npm run bench` (scripts/bench.mjs). Figures are from the machine and date below; rerun after changing a measured path.',
		'',
		`- Date: ${new Date().toISOString().slice(0, 10)}`,
		`- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
		`- Node.js ${process.version}; database: ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite (embedded)'}`,
		`- Load: ${REQUESTS} requests per row, ${CONCURRENCY} at a time, over loopback`,
		'',
		'| measure | p50 | p95 | requests/s |',
		'| --- | --- | --- | --- |',
		...Object.entries(results).map(
			([name, r]) => `| ${name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.perSecond.toFixed(0)} |`
		),
		'',
		`- Start-up to healthy (migrations on an empty database included): ${server.startupMs.toFixed(0)} ms`,
		`- Server memory (RSS) after the runs: ${memory.toFixed(0)} MB`,
		''
	];
	fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
	fs.writeFileSync(path.join(root, 'docs/BENCHMARKS.md'), lines.join('\n'));
	console.log(lines.join('\n'));
} finally {
	server.child.kill('SIGTERM');
	fs.rmSync(dataDir, { recursive: true, force: true });
}
