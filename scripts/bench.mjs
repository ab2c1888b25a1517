// `npm run bench`: figures of the built server on this machine, written to docs/BENCHMARKS.md —
// start-up, request latency and memory (SQLite), and the quick check's figures (issue 3): bytes
// of the rating page, rating submissions per second and live-event delay, on SQLite and, when one
// answers (BENCH_DATABASE_URL, else 127.0.0.1:5432), on a throwaway PostgreSQL database.
// Traffic goes to 127.0.0.1 only, bounded in count; servers and databases are removed afterwards.
// Options: --rebuild (build first even if build/ exists); BENCH_PORT (default 4399).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openContext } from './bench/fixtures.mjs';
import {
	buildIsOlderThanSources,
	createThrowawayDatabase,
	ensureBuild,
	findPostgres,
	makeTempDir,
	onCleanup,
	root,
	rssMb,
	runCleanups,
	sleep,
	startServer
} from './bench/lib.mjs';
import { IDLE_MS } from './idle-gc.mjs';
import { measureInsights } from './bench/insights.mjs';
import { measureLiveDelay } from './bench/live.mjs';
import { measurePageWeight } from './bench/page-weight.mjs';
import { measureBareHttp, measureRatingThroughput, measureRouteFloor } from './bench/ratings.mjs';
import { measureSlowPhone } from './bench/slow-phone.mjs';
import { renderReport } from './bench/report.mjs';
import { measurePlainRequests, setupAdmin } from './bench/requests.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4399);

process.once('SIGINT', () => void runCleanups().then(() => process.exit(130)));

/** Starts a server on its own data directory (and database); stopped and removed by runCleanups. */
async function serverWithContext(results, label, databaseUrl) {
	const dataDir = makeTempDir(label);
	onCleanup(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
	const server = await startWatched(results, label, dataDir, databaseUrl);
	const ctx = await openContext({ dataDir, databaseUrl });
	onCleanup(() => ctx.database.destroy());
	/**
	 * The same data on a server just started: memory with live streams is read on it, not on one
	 * that has just run the throughput tests — glibc keeps the pages that earlier peak freed, so
	 * RSS there shows that peak rather than what the streams cost.
	 */
	const fresh = async (previous) => {
		await previous.stop();
		return startWatched(results, `${label} (fresh)`, dataDir, databaseUrl);
	};
	return { server, ctx, fresh };
}

async function startWatched(results, label, dataDir, databaseUrl) {
	const server = await startServer({ port: PORT, dataDir, databaseUrl });
	onCleanup(async () => {
		await server.stop();
		// Warnings and errors the server logged while measured (the first-run setup link aside).
		const problems = server
			.output()
			.split('\n')
			.filter((line) => /"level":[456]0/.test(line) && !line.includes('"event":"setup.link"'));
		results.serverProblems.push(...problems.map((line) => `${label}: ${line.slice(0, 300)}`));
	});
	return server;
}

async function runSqlite(results) {
	const { server, ctx, fresh } = await serverWithContext(results, 'sqlite');
	results.startupMs = server.startupMs;
	results.requests = await measurePlainRequests(server, await setupAdmin(server));
	results.memoryRightAfter = rssMb(server.child.pid);
	// What the server holds at rest (issue 17): once no request has come for IDLE_MS it gives the
	// burst's garbage back (scripts/idle-gc.mjs); read after that, with a margin for its check.
	await sleep(IDLE_MS + 3000);
	results.memory = rssMb(server.child.pid);
	console.log('SQLite: requests measured; rating page…');
	results.pageWeight = await measurePageWeight({ ctx, server });
	console.log('SQLite: the rating page on a slow phone…');
	results.slowPhone = fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium') ? await measureSlowPhone({ ctx, server }) : null;
	console.log('SQLite: rating submissions…');
	// Before the submissions, whose fixtures grow the database: the floor's own first run after start.
	results.routeFloor = await measureRouteFloor({ server });
	const ratings = await measureRatingThroughput({ ctx, server });
	results.sqlite = { ratings };
	if (ratings.via === 'http') {
		results.sqlite.ratingsFollowed = await measureRatingThroughput({ ctx, server, follow: true });
		// The same POSTs again on the now warm server (V8 has compiled the hot paths), as a server in use is.
		results.sqlite.ratingsWarm = { ...(await measureRatingThroughput({ ctx, server })), warm: true };
		results.sqlite.memoryAfter = rssMb(server.child.pid);
		console.log('SQLite: live-event delay, on a server just started…');
		results.sqlite.live = await measureLiveDelay({ ctx, server: await fresh(server), submitVia: 'http' });
	} else {
		results.liveNotes.push(
			'SQLite: not measured. On SQLite the live hub is in the server process, so the submit has to reach that server over HTTP, and the participant screen has no rating form yet.'
		);
		results.notes.push('The participant screen has no rating form yet: submissions were measured at usecase level, without HTTP.');
	}
	results.sqlite.memoryAfter ??= rssMb(server.child.pid);
}

async function runPostgres(results, postgres) {
	const database = await createThrowawayDatabase(postgres.url, 'quickcheck');
	onCleanup(() => database.drop());
	const { server: first, ctx, fresh } = await serverWithContext(results, 'postgres', database.url);
	let server = first;
	console.log('PostgreSQL: rating submissions…');
	const ratings = await measureRatingThroughput({ ctx, server });
	results.postgres = { version: postgres.version, ratings };
	if (ratings.via === 'http') {
		results.postgres.ratingsFollowed = await measureRatingThroughput({ ctx, server, follow: true });
		results.postgres.ratingsWarm = { ...(await measureRatingThroughput({ ctx, server })), warm: true };
		console.log('PostgreSQL: live-event delay (HTTP), on a server just started…');
		server = await fresh(server);
		results.postgres.liveHttp = await measureLiveDelay({ ctx, server, submitVia: 'http' });
	}
	console.log('PostgreSQL: live-event delay (another process), on a server just started…');
	server = await fresh(server);
	results.postgres.liveOther = await measureLiveDelay({ ctx, server, submitVia: 'usecase' });
	for (const key of ['memoryWithStreams', 'memoryWithHalfTheStreams'])
		results.postgres[key] = Math.max(results.postgres.liveHttp?.[key] ?? 0, results.postgres.liveOther[key]);
}

ensureBuild();
const results = { notes: [], liveNotes: [], serverProblems: [], loadBefore: os.loadavg()[0] };
if (results.loadBefore > 0.5)
	console.warn(`The machine may be busy (load average ${results.loadBefore.toFixed(2)}): figures will be lower than on a quiet machine.`);
if (buildIsOlderThanSources()) {
	console.warn('build/ is older than the sources: these figures are of the last build (run with --rebuild to build first).');
	results.notes.push('Measured on a build older than the sources at the time.');
}
try {
	console.log('A bare node:http hello-world, the yardstick for the submissions…');
	results.bareHttp = await measureBareHttp({ port: PORT });
	await runSqlite(results);
	await runCleanups();
	const postgres = await findPostgres();
	if (postgres) await runPostgres(results, postgres);
	else results.liveNotes.push('PostgreSQL: not measured; no PostgreSQL server answered.');
	await runCleanups();
	console.log('Insights dashboards at 10 000, 100 000 and 1 000 000 ratings…');
	results.insights = await measureInsights({ port: PORT, postgres });
} finally {
	await runCleanups();
}
results.loadAfter = os.loadavg()[0];
// Formatted as `npm run lint` expects it (prettier checks docs/ too).
const file = path.join(root, 'docs/BENCHMARKS.md');
const prettier = await import('prettier');
// The test suite's timings (decision 015) are measured by hand, not by the bench: carried over.
const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const testSuite = previous.match(/^## Test suite\b[\s\S]*?(?=^## |(?![\s\S]))/m)?.[0] ?? '';
const report = await prettier.format(`${renderReport(results)}\n${testSuite}`, {
	...(await prettier.resolveConfig(file)),
	filepath: file
});
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, report);
console.log(report);
