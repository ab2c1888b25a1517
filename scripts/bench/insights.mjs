// Team and organisation dashboards under growing data (issue 5): for 10 000, 100 000 and
// 1 000 000 ratings, on SQLite and on PostgreSQL, a generated organisation (scripts/seed/scale.mjs)
// is written into a fresh database, the built server is started on it, and the admin's
// organisation dashboard and a team lead's team dashboard are requested over HTTP.
// Part of `npm run bench`; alone: `node scripts/bench/insights.mjs [--sizes 10000,100000]`, which
// rewrites only the insights section of docs/BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedScale } from '../seed/scale.mjs';
import { openContext } from './fixtures.mjs';
import {
	cpuPerOperation,
	cpuSnapshot,
	createThrowawayDatabase,
	ensureBuild,
	findPostgres,
	makeTempDir,
	ms,
	onCleanup,
	request,
	root,
	runCleanups,
	startServer,
	summarise,
	waitUntilIdle
} from './lib.mjs';

export const SIZES = [10_000, 100_000, 1_000_000];
export const REQUESTS = 60;
export const WARMUP = 10;
export const TARGET = { p95Ms: 150, ratio: 3 };
const PASSWORD = 'bench insights password';
const SECTION_START = '<!-- insights:start -->';
const SECTION_END = '<!-- insights:end -->';

async function signIn(base, email) {
	const response = await request(`${base}/sign-in`, {
		method: 'POST',
		body: new URLSearchParams({ email, password: PASSWORD }),
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html' }
	});
	if (response.status !== 303) throw new Error(`signing in as ${email} answered ${response.status}`);
	// Values may end in '=' (base64), so only cookies set to nothing are left out.
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((pair) => pair.slice(pair.indexOf('=') + 1) !== '')
		.join('; ');
}

async function get(url, cookie) {
	const started = performance.now();
	const response = await request(url, { headers: { cookie }, redirect: 'manual' });
	const html = await response.text();
	const elapsed = performance.now() - started;
	// A dashboard with figures, not a redirect to the sign-in page or an empty state.
	if (response.status !== 200 || !html.includes('id="coverage-title"'))
		throw new Error(`${url} answered ${response.status} without a dashboard`);
	return elapsed;
}

/**
 * One at a time: the latency a team lead or admin sees, not the machine's throughput. With the
 * CPU time the server (and PostgreSQL) used per request, which other work on the machine does
 * not inflate the way it inflates wall-clock times.
 */
async function measure(url, cookie, serverPid) {
	for (let i = 0; i < WARMUP; i++) await get(url, cookie);
	const times = [];
	const before = cpuSnapshot(serverPid);
	for (let i = 0; i < REQUESTS; i++) times.push(await get(url, cookie));
	return { ...summarise(times), cpu: cpuPerOperation(before, cpuSnapshot(serverPid), REQUESTS) };
}

async function measureSize({ database, size, port, postgres }) {
	const label = `insights-${database}-${size}`;
	const dataDir = makeTempDir(label);
	const cleanDir = onCleanup(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
	let databaseUrl;
	if (postgres) {
		const throwaway = await createThrowawayDatabase(postgres.url, `insights_${size}`);
		onCleanup(() => throwaway.drop());
		databaseUrl = throwaway.url;
	}
	const loadBefore = os.loadavg()[0];
	const ctx = await openContext({ dataDir, databaseUrl });
	const seedStarted = performance.now();
	let seeded;
	try {
		seeded = await seedScale(ctx, { ratings: size, seed: 11, password: PASSWORD });
	} finally {
		await ctx.database.destroy();
	}
	const seedSeconds = (performance.now() - seedStarted) / 1000;
	console.log(`${database} ${size}: generated in ${seedSeconds.toFixed(0)} s; measuring…`);
	const server = await startServer({ port, dataDir, databaseUrl });
	try {
		// On a fresh database the server first queues and sends every reminder that is due (over a
		// thousand at the largest size): background work, not the dashboards, so it is let finish.
		const settleSeconds = (await waitUntilIdle(server.child.pid)) / 1000;
		const admin = await signIn(server.base, seeded.admin.email);
		const lead = await signIn(server.base, seeded.teamLeads[0].email);
		const dashboard = `${server.base}/insights/dashboard`;
		// The first view after the quarters ended summarises them (four, the default period).
		const coldMs = await get(dashboard, admin);
		const organisation = await measure(dashboard, admin, server.child.pid);
		const team = await measure(dashboard, lead, server.child.pid);
		return {
			database,
			size,
			rows: seeded.ratings + seeded.blindRatings,
			collaborations: seeded.collaborations,
			teams: seeded.teams,
			seedSeconds,
			settleSeconds,
			coldMs,
			organisation,
			team,
			load: [loadBefore, os.loadavg()[0]]
		};
	} finally {
		await server.stop();
		await cleanDir();
	}
}

/** Every size on SQLite, then (when one answers) on PostgreSQL. */
export async function measureInsights({ port, sizes = SIZES, postgres }) {
	const results = [];
	for (const size of sizes) {
		results.push(await measureSize({ database: 'SQLite', size, port }));
		await runCleanups();
	}
	if (postgres) {
		for (const size of sizes) {
			results.push(await measureSize({ database: 'PostgreSQL', size, port, postgres }));
			await runCleanups();
		}
	}
	return { results, postgresVersion: postgres?.version, sizes };
}

const count = (n) => n.toLocaleString('en-GB').replaceAll(',', ' ');

export function insightsSection(insights) {
	if (!insights) return [];
	const { results, sizes } = insights;
	const largest = Math.max(...sizes);
	const rows = results.map((r) => {
		const met = r.size !== largest || (r.organisation.p95 <= TARGET.p95Ms && r.team.p95 <= TARGET.p95Ms);
		// The server's own CPU only: PostgreSQL's share cannot be told apart from other work on a shared machine.
		const cpu = (m) => (m.cpu ? `${m.cpu.server.toFixed(1)} ms` : 'not measured');
		return `| ${r.database} | ${count(r.size)} (${count(r.rows)} rows, ${count(r.collaborations)} collaborations, ${r.teams} teams) | ${r.seedSeconds.toFixed(0)} s | ${ms(r.coldMs)} | ${ms(r.organisation.p50)} / ${ms(r.organisation.p95)} | ${cpu(r.organisation)} | ${ms(r.team.p50)} / ${ms(r.team.p95)} | ${cpu(r.team)} | ${r.size === largest ? (met ? 'met' : 'missed') : '—'} | ${r.load.map((l) => l.toFixed(1)).join(' → ')} |`;
	});
	const ratios = ['SQLite', 'PostgreSQL'].flatMap((database) => {
		const big = results.find((r) => r.database === database && r.size === largest);
		const previous = results.find((r) => r.database === database && r.size === largest / 10);
		if (!big || !previous) return [];
		const org = big.organisation.p95 / previous.organisation.p95;
		const team = big.team.p95 / previous.team.p95;
		const met = org < TARGET.ratio && team < TARGET.ratio;
		return [
			`${database}: p95 at ${count(largest)} is ${org.toFixed(2)}× (organisation) and ${team.toFixed(2)}× (team) that at ${count(largest / 10)} — ${met ? 'met' : 'missed'}.`
		];
	});
	const busiest = Math.max(...results.flatMap((r) => r.load));
	const cpus = results.flatMap((r) => [r.organisation.cpu?.server, r.team.cpu?.server]).filter((v) => v !== undefined);
	const loadNote =
		busiest > 4 && cpus.length > 0
			? `This run shared the machine with other work (load average up to ${busiest.toFixed(0)} on two cores): the clock times, the p95 above all, measure waiting for a core more than the dashboards. The server's CPU per request stayed between ${Math.min(...cpus).toFixed(1)} and ${Math.max(...cpus).toFixed(1)} ms from the smallest to the largest size.`
			: '';
	return [
		SECTION_START,
		'## Insights dashboards (issue 5)',
		'',
		`Target: p95 ≤ ${TARGET.p95Ms} ms at ${count(largest)} ratings on SQLite and on PostgreSQL, and less than ${TARGET.ratio}× slower than at a tenth of that.`,
		'',
		`Method: for each size a fresh database gets one generated organisation (\`scripts/seed/scale.mjs\`, seed 11: teams of six professionals with fifteen collaborations each, one to three participants, quick checks every rhythm over two years, 5% abandoned and a running one per collaboration with blind ratings, agreements and reviews; "ratings" counts every row of the ratings table). The built server is started on it and left to finish its start-up background work first (queueing and mailing the reminders that are due in the generated data: over a thousand at the largest size; it took up to ${Math.max(...results.map((r) => r.settleSeconds ?? 0)).toFixed(0)} s here), so it does not count as the dashboards' CPU; then the admin and the lead of the first team sign in. "First view" is the admin's first \`GET /insights/dashboard\` (default period: the last four completed quarters), which summarises those quarters once (docs/decisions/006); then ${WARMUP} warm-up requests and ${REQUESTS} timed ones, one at a time, for the organisation dashboard (admin) and the team dashboard (team lead). Times are the full HTTP round trip, page rendered. "Server CPU per request" is the CPU time the server process used during the timed requests divided by their number (Linux \`/proc\`): unlike the clock times it hardly grows when other work shares the machine, so it shows what a quiet machine would need. The last column is the machine's load average (two cores) around each size: above 2, other processes competed for the cores and the clock times are longer than on a machine of one's own.`,
		'',
		'| database | ratings | generated in | first view | organisation p50 / p95 | server CPU per request | team p50 / p95 | server CPU per request | target | load average (1 min) before → after |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		...rows,
		'',
		...ratios,
		'',
		loadNote,
		'',
		'A dashboard reads only the frozen quarter cells (a few thousand rows at the largest size: teams × measures × quarters) and runs the suppression in memory; it never touches the ratings, so its time grows with the number of teams, not with the number of ratings. The first view after a quarter ends pays for the summary once: it reads that quarter’s ratings through the indexes of migration 0008.',
		SECTION_END,
		''
	];
}

/** Replaces the insights section of docs/BENCHMARKS.md (or appends it), leaving the rest as it is. */
async function writeSection(insights) {
	const file = path.join(root, 'docs/BENCHMARKS.md');
	const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
	const section = insightsSection(insights).join('\n');
	const start = existing.indexOf(SECTION_START);
	const end = existing.indexOf(SECTION_END);
	const next =
		start !== -1 && end !== -1
			? existing.slice(0, start) + section.trimEnd() + existing.slice(end + SECTION_END.length)
			: `${existing.trimEnd()}\n\n${section}`;
	const prettier = await import('prettier');
	fs.writeFileSync(file, await prettier.format(next, { ...(await prettier.resolveConfig(file)), filepath: file }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const sizesArg = process.argv.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length);
	const sizes = sizesArg ? sizesArg.split(',').map(Number) : SIZES;
	process.once('SIGINT', () => void runCleanups().then(() => process.exit(130)));
	ensureBuild();
	try {
		const insights = await measureInsights({ port: Number(process.env.BENCH_PORT ?? 4399), sizes, postgres: await findPostgres() });
		await writeSection(insights);
		console.log(insightsSection(insights).join('\n'));
	} finally {
		await runCleanups();
	}
}
