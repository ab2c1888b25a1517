// `npm test`: everything CI runs, stopping at the first failure.
// Each stage starts as soon as the stages it needs have passed, so the two cores are not left
// idle (decisions 015 and 024, part eleven):
//   build → lint, types and unit side by side → integration on SQLite and on PostgreSQL side by
//   side → end-to-end, which starts once the SQLite run has passed, beside PostgreSQL's tail.
// The build comes first: it also generates the Paraglide messages the type check and the tests
// import. Each integration run is one Vitest worker (its files one after another); a test that
// needs the built server calls buildIfStale, which builds at most once for all (a lock; decision
// 024, part seven). When a stage fails, no stage starts any more and the ones running are
// stopped (as by Ctrl-C), so a failure ends the run as early as before.
// Outside CI a missing Chromium or an unset/unreachable TEST_DATABASE_URL skips that stage with
// a loud warning; with CI=true it fails the run. The last lines summarise every stage.
// While working on one part: `npm test -- --only e2e` or `npm test -- --skip lint,types`
// (stage ids: lint, build, types, unit, sqlite, postgres, e2e).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromiumForTests } from './test-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CI = ['true', '1', 'yes'].includes(String(process.env.CI ?? '').toLowerCase());
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-test-'));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
// The tools' `#!/usr/bin/env node` must find this same Node first.
const baseEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
	console.error(`npm test needs Node.js 22.17 or newer (24 LTS recommended); this is ${process.version}.`);
	process.exit(1);
}

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */
/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped' | 'stopped' | 'not run', seconds?: number, note?: string, counts?: Counts }[]} */
const results = [];

function box(lines) {
	const width = Math.max(...lines.map((line) => line.length));
	const edge = '═'.repeat(width + 2);
	console.log(`\n╔${edge}╗\n${lines.map((line) => `║ ${line.padEnd(width)} ║`).join('\n')}\n╚${edge}╝\n`);
}

function header(index, total, name, command) {
	console.log(`\n━━━ [${index}/${total}] ${name}${command ? ` — ${command}` : ''} ━━━\n`);
}

/**
 * Runs one command; resolves whether it succeeded and its duration. Its output is shown as it
 * comes, or, for a stage running beside another (`io.output` set), kept and shown afterwards.
 * `io.signal` stops it as Ctrl-C would (Vitest and Playwright then end their workers and
 * servers themselves).
 */
function run(command, args, env = baseEnv, io = {}) {
	const started = performance.now();
	return new Promise((resolve) => {
		if (io.signal?.aborted) return resolve({ ok: false, seconds: 0 });
		const child = spawn(command, args, { cwd: root, env, stdio: io.output ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
		if (io.output) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => io.output.push(chunk));
		io.signal?.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
		child.once('error', (error) => {
			console.error(`Could not run ${command}: ${error.message}`);
			resolve({ ok: false, seconds: (performance.now() - started) / 1000 });
		});
		child.once('close', (code) => resolve({ ok: code === 0, seconds: (performance.now() - started) / 1000 }));
	});
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function vitestCounts(file) {
	const report = readJson(file);
	if (!report) return undefined;
	return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(file) {
	const stats = readJson(file)?.stats;
	if (!stats) return undefined;
	return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

/** Whether a PostgreSQL server answers at `url` (3 s at most). */
async function canReachPostgres(url) {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	} finally {
		await client.end().catch(() => {});
	}
}

function withoutTestDatabase() {
	const env = { ...baseEnv };
	delete env.TEST_DATABASE_URL;
	return env;
}

/** A stage that cannot run here: a warning outside CI, a failure in CI. */
function unavailable(name, problem, remedy) {
	if (CI) {
		box([`FAILED: ${name}`, problem, 'With CI=true every stage must run.', remedy]);
		return { status: 'failed', note: problem };
	}
	box([`WARNING: ${name} SKIPPED`, problem, remedy, 'CI runs this stage and fails when it cannot.']);
	return { status: 'skipped', note: problem };
}

const stages = [
	{
		id: 'lint',
		name: 'lint',
		command: 'npm run lint',
		async run(io) {
			if (!fs.existsSync(path.join(root, 'eslint.config.js'))) {
				console.log('eslint.config.js is not there yet: lint is skipped (this is not an error).');
				return { status: 'skipped', note: 'no eslint.config.js' };
			}
			return run('npm', ['run', '--silent', 'lint'], baseEnv, io);
		}
	},
	{
		// First, because it also generates the Paraglide messages (src/lib/paraglide) that the type
		// check and the tests import; the end-to-end tests then reuse this build.
		id: 'build',
		name: 'build',
		command: 'vite build',
		async run(io) {
			return run(bin('vite'), ['build', '--logLevel', 'warn'], baseEnv, io);
		}
	},
	{
		id: 'types',
		name: 'types',
		command: 'svelte-kit sync && svelte-check --tsconfig ./tsconfig.json',
		async run(io) {
			const sync = await run(bin('svelte-kit'), ['sync'], baseEnv, io);
			if (!sync.ok) return sync;
			const check = await run(bin('svelte-check'), ['--tsconfig', './tsconfig.json'], baseEnv, io);
			return { ok: check.ok, seconds: sync.seconds + check.seconds };
		}
	},
	{
		id: 'unit',
		name: 'unit tests',
		command: 'vitest run --project unit',
		async run(io) {
			const file = path.join(reportDir, 'unit.json');
			const outcome = await run(
				bin('vitest'),
				['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
				baseEnv,
				io
			);
			return { ...outcome, counts: vitestCounts(file) };
		}
	},
	{
		id: 'sqlite',
		name: 'integration tests (SQLite)',
		command: 'vitest run --project integration',
		async run(io) {
			const file = path.join(reportDir, 'integration-sqlite.json');
			const args = ['run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
			const outcome = await run(bin('vitest'), args, withoutTestDatabase(), io);
			return { ...outcome, counts: vitestCounts(file) };
		}
	},
	{
		id: 'postgres',
		name: 'integration tests (PostgreSQL)',
		command: 'TEST_DATABASE_URL=… TEST_DIALECTS=postgres vitest run --project integration',
		async run(io) {
			const url = process.env.TEST_DATABASE_URL?.trim();
			const remedy = 'Set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres.';
			if (!url) return unavailable(this.name, 'TEST_DATABASE_URL is not set.', remedy);
			const reach = await canReachPostgres(url);
			if (!reach.ok) return unavailable(this.name, `TEST_DATABASE_URL does not answer: ${reach.reason}`, remedy);
			const file = path.join(reportDir, 'integration-postgres.json');
			const outcome = await run(
				bin('vitest'),
				['run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
				{ ...baseEnv, TEST_DIALECTS: 'postgres' },
				io
			);
			return { ...outcome, counts: vitestCounts(file) };
		}
	},
	{
		id: 'e2e',
		name: 'end-to-end tests',
		command: 'playwright test',
		async run(io) {
			const chromium = chromiumForTests();
			if (!fs.existsSync(chromium)) {
				return unavailable(
					this.name,
					`Chromium is not at ${chromium}.`,
					'Install it (apt-get install chromium-headless-shell, or chromium) or set CHROMIUM_PATH.'
				);
			}
			const file = path.join(reportDir, 'e2e.json');
			const outcome = await run(bin('playwright'), ['test', '--reporter=list,json'], { ...baseEnv, PLAYWRIGHT_JSON_OUTPUT_FILE: file }, io);
			return { ...outcome, counts: playwrightCounts(file) };
		}
	}
];

const { values: cli } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } });
const listed = (value) =>
	new Set(
		(value ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean)
	);
const only = listed(cli.only);
const skip = listed(cli.skip);
const LEFT_OUT = 'left out on the command line';
const leftOut = (stage) => (only.size && !only.has(stage.id)) || skip.has(stage.id);
for (const id of [...only, ...skip]) {
	if (!stages.some((stage) => stage.id === id)) {
		console.error(`Unknown stage "${id}"; the stages are ${stages.map((stage) => stage.id).join(', ')}.`);
		process.exit(2);
	}
}

// What each stage waits for (decisions 015 and 024). A stage left out on the command line
// counts as passed for the stages after it. The end-to-end suite waits for the SQLite run only:
// it then shares the cores with the PostgreSQL run's tail, which has one Vitest worker waiting
// on the database most of the time (decision 024, part ten).
const needs = {
	build: [],
	lint: ['build'],
	types: ['build'],
	unit: ['build'],
	sqlite: ['lint', 'types', 'unit'],
	postgres: ['lint', 'types', 'unit'],
	e2e: ['lint', 'types', 'unit', 'sqlite']
};
const outcomes = new Map();
const running = new Map();
const stop = new AbortController();
let terminal; // the stage whose output is shown as it comes; the others show theirs when done
let stoppedBy;

function finished(id) {
	const stage = stages.find((candidate) => candidate.id === id);
	return leftOut(stage) || ['passed', 'skipped'].includes(outcomes.get(id)?.status);
}

function startReadyStages() {
	if (stoppedBy) return;
	for (const stage of stages) {
		if (leftOut(stage) || outcomes.has(stage.id) || running.has(stage.id)) continue;
		if (!needs[stage.id].every(finished)) continue;
		const index = stages.indexOf(stage);
		const live = terminal === undefined;
		const io = live ? { signal: stop.signal } : { output: [], signal: stop.signal };
		if (live) {
			terminal = stage.id;
			header(index + 1, stages.length, stage.name, stage.command);
		} else {
			console.log(
				`\n(${stage.name} runs beside ${stages.find((other) => other.id === terminal)?.name}; its output follows when it is done)\n`
			);
		}
		const started = performance.now();
		const done = stage.run(io).then((outcome) => {
			running.delete(stage.id);
			if (terminal === stage.id) terminal = undefined;
			if (io.output) {
				header(index + 1, stages.length, stage.name, stage.command);
				process.stdout.write(Buffer.concat(io.output));
			}
			const seconds = (performance.now() - started) / 1000;
			let status = outcome.status ?? (outcome.ok ? 'passed' : 'failed');
			let note = outcome.note;
			if (status === 'failed' && stoppedBy) [status, note] = ['stopped', `stopped because ${stoppedBy} failed`];
			outcomes.set(stage.id, { name: stage.name, status, seconds, note, counts: outcome.counts });
			if (status === 'failed' && !stoppedBy) {
				stoppedBy = stage.name;
				stop.abort();
			}
			startReadyStages();
		});
		running.set(stage.id, done);
	}
}

startReadyStages();
while (running.size) await Promise.all(running.values());
for (const stage of stages) {
	if (outcomes.has(stage.id)) results.push(outcomes.get(stage.id));
	else if (leftOut(stage)) results.push({ name: stage.name, status: 'skipped', note: LEFT_OUT });
	else results.push({ name: stage.name, status: 'not run', note: 'an earlier stage failed' });
}

const ICON = { passed: '✔', failed: '✖', skipped: '⚠', stopped: '·', 'not run': '·' };
console.log('\n━━━ Summary ━━━');
for (const result of results) {
	const time = result.seconds === undefined ? '' : `${result.seconds.toFixed(1)} s`;
	const counts = result.counts ? `${result.counts.passed} passed, ${result.counts.failed} failed, ${result.counts.skipped} skipped` : '';
	const detail = [counts, result.note].filter(Boolean).join('; ');
	console.log(`${ICON[result.status]} ${result.name.padEnd(32)} ${result.status.padEnd(8)} ${time.padStart(8)}  ${detail}`);
}
const total = results.reduce(
	(sum, result) => ({
		passed: sum.passed + (result.counts?.passed ?? 0),
		failed: sum.failed + (result.counts?.failed ?? 0),
		skipped: sum.skipped + (result.counts?.skipped ?? 0)
	}),
	{ passed: 0, failed: 0, skipped: 0 }
);
const failed = results.some((result) => result.status === 'failed');
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
const skippedStages = results.filter((result) => result.status === 'skipped').map((result) => `${result.name} (${result.note})`);
if (skippedStages.length) console.log(`⚠ skipped: ${skippedStages.join(', ')}`);
console.log(failed ? '✖ npm test FAILED' : '✔ npm test passed');
fs.rmSync(reportDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
