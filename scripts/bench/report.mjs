// docs/BENCHMARKS.md from the results of one `npm run bench`.
import os from 'node:os';
import { IDLE_MS } from '../idle-gc.mjs';
import { kb, ms } from './lib.mjs';
import { insightsSection } from './insights.mjs';
import * as live from './live.mjs';
import * as ratings from './ratings.mjs';
import { CPU_SLOWDOWN, SLOW_4G } from './slow-phone.mjs';
import * as requests from './requests.mjs';

export const TARGETS = { pageKb: 30, slowPhoneMs: 1000, liveP95Ms: 250 };
/** Rating submissions per second (issue 17): the POST alone, first run after start, and the phone's round trip. */
export const RATING_TARGETS = { SQLite: { post: 2000, roundTrip: 800 }, PostgreSQL: { post: 1000, roundTrip: 600 } };

const verdict = (met) => (met ? 'met' : 'missed');
const by = (value, target, unit) => `${Math.abs(value - target).toFixed(unit === 'KB' ? 1 : 0)}${unit === '/s' ? '' : ' '}${unit}`;

function pageSection(page) {
	const { pageKb } = TARGETS;
	const totalKb = page.total / 1024;
	const rows = page.parts.map((p) => `| ${p.kind} | \`${p.path}\` | ${p.encoding} | ${kb(p.wire)} | ${kb(p.raw)} |`);
	return [
		'### Bytes a phone downloads for the rating page',
		'',
		`Target ≤ ${pageKb} KB: **${kb(page.total)} — ${verdict(totalKb <= pageKb)}**${totalKb <= pageKb ? '' : ` by ${by(totalKb, pageKb, 'KB')}`}.`,
		'',
		`Method: a participant joins over HTTP (\`/join?code=…\`, then "I am …", which sets the device cookie); then \`GET ${ratings.PARTICIPANT_PAGE}\` in phase "rating" and every same-origin stylesheet, module preload, preload, script (also the \`import()\` of SvelteKit's start-up script and the static imports of each module), icon and font it uses, each with \`accept-encoding: br, gzip\`; bytes counted as they arrive (body only, no headers). A font counts only when the page has a character in its \`unicode-range\`, as a browser does.`,
		'',
		`Per kind: ${Object.entries(page.byKind)
			.map(([kind, bytes]) => `${kind} ${kb(bytes)}`)
			.join(', ')}.`,
		`That is a first visit; the hashed files under \`/_app/immutable/\` are cached as immutable, so a later visit downloads ${kb(page.repeatVisit)}.`,
		page.parts[0].encoding === 'none'
			? `The server sent the HTML uncompressed; with Brotli (e.g. in a reverse proxy) it would be ${kb(page.htmlBrotli)} instead of ${kb(page.parts[0].wire)}.`
			: '',
		page.skippedFonts.length > 0
			? `Not fetched for this page (no character in their unicode-range): ${page.skippedFonts.map((f) => `\`${f}\``).join(', ')}.`
			: '',
		'',
		'| kind | path | encoding | on the wire | decoded |',
		'| --- | --- | --- | --- | --- |',
		...rows,
		''
	];
}

function slowPhoneSection(slow) {
	if (!slow) return ['### The rating page on a slow phone', '', 'Not measured: no Chromium (set CHROMIUM_PATH).', ''];
	const met = slow.usable <= TARGETS.slowPhoneMs;
	return [
		'### The rating page on a slow phone',
		'',
		`Target usable ≤ ${TARGETS.slowPhoneMs} ms: **${ms(slow.usable)} — ${verdict(met)}**${met ? '' : ` by ${ms(slow.usable - TARGETS.slowPhoneMs)}`}.`,
		'',
		`Method: Chromium at 360 × 740 px with an empty cache, ${SLOW_4G.latency} ms latency, ${((SLOW_4G.downloadThroughput * 8) / 1e6).toFixed(1)} Mbit/s down and ${((SLOW_4G.uploadThroughput * 8) / 1e3).toFixed(0)} kbit/s up, the CPU slowed ${CPU_SLOWDOWN}×; a participant who joined opens \`${ratings.PARTICIPANT_PAGE}\`. Usable: the page has loaded and its fonts are ready, whichever comes last; the fonts' moment is taken in the page when their last load ends (until 2026-12-05 it was read by a script asked after the load, which added that script's round trip, 100–250 ms, to the figure). Median of ${slow.runs} visits.`,
		'',
		'| first byte | first contentful paint | fonts ready | loaded | usable |',
		'| --- | --- | --- | --- | --- |',
		`| ${ms(slow.firstByte)} | ${slow.firstPaint === null ? '—' : ms(slow.firstPaint)} | ${slow.fontsReady === undefined ? '—' : ms(slow.fontsReady)} | ${ms(slow.loaded)} | ${ms(slow.usable)} |`,
		''
	];
}

function ratingsSection(results, bareHttp, routeFloor) {
	const path = (r) =>
		r.via !== 'http'
			? 'usecase level, no HTTP'
			: `HTTP, POST \`${ratings.PARTICIPANT_PAGE}${r.action}\`${r.follow ? ` + GET of the page it redirects to` : ''}${r.warm ? ', again on the warm server' : r.follow ? '' : ', first run after start'}`;
	const target = (database, r) => RATING_TARGETS[database][r.follow ? 'roundTrip' : 'post'];
	const missedBy = (database, r) => {
		if (r.warm) return '—';
		const goal = target(database, r);
		return r.perSecond >= goal ? `≥ ${goal}: met` : `≥ ${goal}: missed by ${by(r.perSecond, goal, '/s')}`;
	};
	// Beside each figure, its share of the bare node:http hello-world measured in the same run.
	const share = (r) => (bareHttp ? ` (${((r.perSecond / bareHttp.perSecond) * 100).toFixed(1)} % of bare HTTP)` : '');
	const cpu = (r) =>
		r.cpu
			? `${r.cpu.server.toFixed(2)} / ${r.cpu.postgres.toFixed(2)} / ${r.cpu.bench.toFixed(2)} ms; ${r.cpu.otherSeconds.toFixed(1)} s`
			: 'not measured';
	const rows = results.map(
		({ database, r }) =>
			`| ${database} | ${path(r)} | ${r.count} | ${r.perSecond.toFixed(0)}${share(r)} | ${ms(r.p50)} | ${ms(r.p95)} | ${cpu(r)} | ${missedBy(database, r)} |`
	);
	return [
		'### Rating submissions per second',
		'',
		`Targets on this machine: the POST alone, first run after start, SQLite ≥ ${RATING_TARGETS.SQLite.post}/s and PostgreSQL ≥ ${RATING_TARGETS.PostgreSQL.post}/s; the phone's round trip (POST + the page it redirects to) SQLite ≥ ${RATING_TARGETS.SQLite.roundTrip}/s and PostgreSQL ≥ ${RATING_TARGETS.PostgreSQL.roundTrip}/s.`,
		'',
		bareHttp
			? `Yardstick: a bare \`node:http\` hello-world in a process of its own, under the same load generator (fetch, ${ratings.CONCURRENCY} at a time) in the same run: ${bareHttp.perSecond.toFixed(0)} requests/s over ${bareHttp.count} requests. Each figure below is also given as a percentage of it.`
			: 'Yardstick: the bare `node:http` hello-world was not measured.',
		'',
		...(routeFloor
			? [
					`Ceiling of the app's own request path: \`GET /healthz\` on the SQLite server, under the same load (${routeFloor.count} requests, ${ratings.CONCURRENCY} at a time), before the submissions: ${routeFloor.perSecond.toFixed(0)} requests/s${bareHttp ? ` (${((routeFloor.perSecond / bareHttp.perSecond) * 100).toFixed(1)} % of bare HTTP)` : ''}${routeFloor.cpu ? `, ${routeFloor.cpu.server.toFixed(2)} ms of server CPU a request` : ''}. It passes the same server wrapper, hooks (request id, security headers, language, input guard, authentication of a visitor without cookies) and routing as every page and runs one \`select 1\`: no page or form is answered faster, so a submission target above this figure cannot be met by the submission's own code alone.`,
					''
				]
			: []),
		`Method: ${ratings.CONVERSATIONS} running quick checks, each with one participant who joined on their own device (prepared beforehand, not timed); then every participant submits all five items once, ${ratings.CONCURRENCY} at a time. Over HTTP this is the participant's rating form posted as a browser without JavaScript posts it (device cookie, \`Origin\` = base URL, \`Accept: text/html\`), answered by the server with a redirect. The target is judged on the POST alone; a second run also loads the page the answer redirects to, as the phone's browser does next, and a third repeats the first on the same server, now warm: V8 compiles the hot paths over the first thousand or so requests, so the first run after start (${ratings.WARMUP} submissions of warm-up) shows a freshly started server, the third one that has been in use. The database is checked afterwards for all submissions.`,
		'',
		'| database | path | submissions | per second | p50 | p95 | CPU per submission: server / PostgreSQL / bench; other work | target |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
		...rows,
		'',
		`CPU per submission is the CPU time used during the timed run divided by the submissions: of the server process, of all local PostgreSQL processes (0 on SQLite) and of the benchmark process (the load generator; on the usecase path it does the work itself); "other work" is the CPU time the rest of the machine used meanwhile (Linux \`/proc\`). Two cores give at most 2 000 ms of CPU per second: the sum of the three, times the rate, shows how close the machine ran to full.`,
		''
	];
}

function liveSection(results, notes) {
	const rows = results.map(
		({ database, label, r }) =>
			`| ${database} | ${label} | ${ms(r.submit.p50)} | ${ms(r.toEvent.p50)} / ${ms(r.toEvent.p95)} / ${ms(r.toEvent.max)} | ${ms(r.toScreen.p50)} / ${ms(r.toScreen.p95)} / ${ms(r.toScreen.max)} | ${verdict(r.toScreen.p95 <= TARGETS.liveP95Ms)} |`
	);
	return [
		`### Live-event delay with ${live.CONVERSATIONS} simultaneous conversations`,
		'',
		`Target p95 ≤ ${TARGETS.liveP95Ms} ms from one device's submit to the other device's screen.`,
		'',
		`Method: each measurement below starts its own server on the same data (the server that ran the submissions above is stopped first, so its memory reading shows the streams, not that earlier peak). ${live.CONVERSATIONS} running quick checks with two joined participants each; both participants' devices of every conversation hold the live stream open (\`GET /live/conversations/<id>\` with the device cookie, ${live.STREAMS} streams at once, over plain node:http sockets). Then participant 2 of each conversation submits, ${live.CONCURRENCY} at a time. Measured from the start of the submit to the \`change\` event arriving on participant 1's stream ("event"), and to participant 1's page having been loaded again (\`GET ${ratings.PARTICIPANT_PAGE}\`, what static/live-client.js does on that event, as participant pages carry no other JavaScript: "screen"). The target is judged on "screen".`,
		'',
		'| database | submit path | submit p50 | event p50 / p95 / max | screen p50 / p95 / max | target |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows,
		'',
		results.length > 0
			? `Where the delay goes (p50): the submit itself (${results.map(({ r }) => ms(r.submit.p50)).join(', ')}, in table order), the event reaching the other stream after that (${results.map(({ r }) => ms(Math.max(0, r.toEvent.p50 - r.submit.p50))).join(', ')}), and reloading the page (${results.map(({ r }) => ms(r.toScreen.p50 - r.toEvent.p50)).join(', ')}). On PostgreSQL the event goes through NOTIFY and the server's LISTEN connection even when the submit reached the same server.`
			: '',
		...notes.map((note) => `\n${note}`),
		''
	];
}

/**
 * Where the time of a rating submission goes. The statement count and the profile are from hand
 * measurements on 2026-11-23 (statement counter, CPU profile of the server); the CPU figures
 * come from this run.
 */
function timeSection(results) {
	const sqlite = results.sqlite.ratings;
	const pg = results.postgres?.ratings;
	const pgWarm = results.postgres?.ratingsWarm;
	const followed = results.sqlite.ratingsFollowed;
	const lines = [
		'### Where the time of a rating submission goes',
		'',
		"One `POST /c?/rate` runs 9 database statements (8 on SQLite, which has no `pg_notify`): the device-session lookup (hooks); then in one transaction the version bump that locks the conversation, the list of parties, the insert of the five ratings, marking the party as submitted, the audit event and the commit; on PostgreSQL also `pg_notify`. The published instrument is kept in memory (a version never changes). The statements of this path are built and compiled once per shape and reused (`src/lib/server/db/reusable.ts`), and run as prepared statements on both databases. A CPU profile of the server under this load (2026-11-23, before that change) showed SQLite's own work (the commit's fsync with `synchronous = FULL` about two thirds of it), Kysely building and compiling queries, socket writes and SvelteKit, in that order.",
		'',
		`- **SQLite** — one Node thread does all the work, so the server process is the limit${sqlite.cpu ? ` (${sqlite.cpu.server.toFixed(2)} ms CPU per POST in the first run)` : ''}. Durability stays as decided (\`synchronous = FULL\`, docs/decisions/001).`
	];
	if (pg?.cpu) {
		const total = pg.cpu.server + pg.cpu.postgres + pg.cpu.bench;
		lines.push(
			`- **PostgreSQL** — the two cores are shared by the server, PostgreSQL and the load generator: in the first run per POST the server used ${pg.cpu.server.toFixed(2)} ms CPU, PostgreSQL ${pg.cpu.postgres.toFixed(2)} ms and the load generator ${pg.cpu.bench.toFixed(2)} ms, ${total.toFixed(1)} ms together (at most ${(2000 / total).toFixed(0)} POSTs/s on two cores; measured ${pg.perSecond.toFixed(0)}/s).` +
				(pgWarm?.cpu
					? ` Warm, the server needed ${pgWarm.cpu.server.toFixed(2)} ms and the rate was ${pgWarm.perSecond.toFixed(0)}/s.`
					: '') +
				' Fewer round trips per submission (for example the `pg_notify` sent inside the transaction instead of after it) is the next step; PostgreSQL on cores or a machine of its own, the usual set-up with several instances, lifts the limit as well.'
		);
	}
	if (followed?.cpu) {
		lines.push(
			`- **The page after the submit** — a phone\'s browser follows the redirect and loads \`/c\` again; that page costs more than the POST (${(followed.cpu.server - sqlite.cpu.server).toFixed(2)} ms of server CPU on SQLite: two usecases\' reads, rendering and compression), so a full round trip of a phone runs at about half the POST rate (table above).`
		);
	}
	return [...lines, ''];
}

/** Server memory targets (issue 17), RSS in MB: after start and the plain requests, and with the live streams open. */
export const MEMORY_TARGETS = { afterRequestsMb: 150, withStreamsMb: 250, streams: 1000 };

/** Issue 17's targets in one table, from this run (the test suite's time is measured by CI, below). */
function targetsSection(results, liveResults) {
	const mark = (met) => (met ? 'met' : 'missed');
	const rate = (r) =>
		r
			? `${r.perSecond.toFixed(0)}/s${results.bareHttp ? ` (${((r.perSecond / results.bareHttp.perSecond) * 100).toFixed(1)} % of bare HTTP)` : ''}`
			: '—';
	const row = (figure, value, target, met) => `| ${figure} | ${value} | ${target} | ${met === undefined ? '—' : mark(met)} |`;
	// Judged at the target's own number of streams (half of the live run's); the full run's figure beside it.
	const streamsAt = (key) =>
		[
			results.sqlite.live ? `SQLite ${results.sqlite.live[key].toFixed(0)} MB` : null,
			results.postgres ? `PostgreSQL ${results.postgres[key].toFixed(0)} MB` : null
		].filter(Boolean);
	const streams = streamsAt('memoryWithHalfTheStreams');
	const allStreams = streamsAt('memoryWithStreams');
	const streamPeak = Math.max(results.sqlite.live?.memoryWithHalfTheStreams ?? 0, results.postgres?.memoryWithHalfTheStreams ?? 0);
	const liveP95 = Math.max(...liveResults.map(({ r }) => r.toScreen.p95));
	const { SQLite, PostgreSQL } = RATING_TARGETS;
	const pg = results.postgres;
	return [
		'## Targets at a glance (issue 17)',
		'',
		'| figure | this run | target | verdict |',
		'| --- | --- | --- | --- |',
		row(
			'rating submissions/s, SQLite, POST alone, first run after start',
			rate(results.sqlite.ratings),
			`≥ ${SQLite.post}/s`,
			results.sqlite.ratings.perSecond >= SQLite.post
		),
		row(
			'rating submissions/s, PostgreSQL, POST alone, first run',
			rate(pg?.ratings),
			`≥ ${PostgreSQL.post}/s`,
			pg ? pg.ratings.perSecond >= PostgreSQL.post : undefined
		),
		row(
			'phone round trip/s (POST + the page it redirects to), SQLite / PostgreSQL',
			`${rate(results.sqlite.ratingsFollowed)} / ${rate(pg?.ratingsFollowed)}`,
			`≥ ${SQLite.roundTrip} / ≥ ${PostgreSQL.roundTrip}`,
			results.sqlite.ratingsFollowed && pg?.ratingsFollowed
				? results.sqlite.ratingsFollowed.perSecond >= SQLite.roundTrip && pg.ratingsFollowed.perSecond >= PostgreSQL.roundTrip
				: undefined
		),
		row(
			`server RSS after start and ${requests.REQUESTS * Object.keys(results.requests).length} requests, at rest${results.memoryRightAfter ? ` (right after the last answer: ${results.memoryRightAfter.toFixed(0)} MB)` : ''}`,
			`${results.memory.toFixed(0)} MB`,
			`≤ ${MEMORY_TARGETS.afterRequestsMb} MB`,
			results.memory <= MEMORY_TARGETS.afterRequestsMb
		),
		row(
			`server RSS with ${live.STREAMS / 2} live streams open (with all ${live.STREAMS}: ${allStreams.join(' / ') || '—'})`,
			streams.join(' / ') || '—',
			`≤ ${MEMORY_TARGETS.withStreamsMb} MB`,
			streams.length > 0 ? streamPeak <= MEMORY_TARGETS.withStreamsMb : undefined
		),
		row(
			`live delay to the screen, p95, ${live.CONVERSATIONS} conversations (${live.STREAMS} devices)`,
			liveResults.length > 0 ? liveResults.map(({ database, r }) => `${database} ${ms(r.toScreen.p95)}`).join(' / ') : '—',
			`≤ ${TARGETS.liveP95Ms} ms`,
			liveResults.length > 0 ? liveP95 <= TARGETS.liveP95Ms : undefined
		),
		row(
			'rating page, first visit, compressed',
			kb(results.pageWeight.total),
			`≤ ${TARGETS.pageKb} KB`,
			results.pageWeight.total / 1024 <= TARGETS.pageKb
		),
		row(
			`rating page usable on slow 4G with ${CPU_SLOWDOWN}× CPU slowdown (Chromium)`,
			results.slowPhone ? ms(results.slowPhone.usable) : 'not measured',
			`≤ ${TARGETS.slowPhoneMs} ms`,
			results.slowPhone ? results.slowPhone.usable <= TARGETS.slowPhoneMs : undefined
		),
		'| `npm test` on two cores (CI) | see "Test suite" below | ≤ 10 min | — |',
		''
	];
}

export function renderReport(results) {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const requestRows = Object.entries(results.requests).map(
		([name, r]) => `| ${name} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.perSecond.toFixed(0)} |`
	);
	const ratingResults = [
		{ database: 'SQLite', r: results.sqlite.ratings },
		...(results.sqlite.ratingsFollowed ? [{ database: 'SQLite', r: results.sqlite.ratingsFollowed }] : []),
		...(results.sqlite.ratingsWarm ? [{ database: 'SQLite', r: results.sqlite.ratingsWarm }] : []),
		...(results.postgres ? [{ database: 'PostgreSQL', r: results.postgres.ratings }] : []),
		...(results.postgres?.ratingsFollowed ? [{ database: 'PostgreSQL', r: results.postgres.ratingsFollowed }] : []),
		...(results.postgres?.ratingsWarm ? [{ database: 'PostgreSQL', r: results.postgres.ratingsWarm }] : [])
	];
	const liveResults = [
		...(results.sqlite.live ? [{ database: 'SQLite', label: 'HTTP, same server (in-process hub)', r: results.sqlite.live }] : []),
		...(results.postgres?.liveHttp
			? [{ database: 'PostgreSQL', label: 'HTTP, same server (NOTIFY/LISTEN)', r: results.postgres.liveHttp }]
			: []),
		...(results.postgres?.liveOther
			? [{ database: 'PostgreSQL', label: 'usecase in another process (NOTIFY crosses to the server)', r: results.postgres.liveOther }]
			: [])
	];
	return [
		'# Benchmarks',
		'',
		'Written by `npm run bench` (scripts/bench.mjs and scripts/bench/). Figures are from the machine and date below; rerun after changing a measured path. All traffic goes over loopback to the built server (`node scripts/server.mjs`, `LOG_LEVEL=warn`); the benchmark itself runs on the same two cores and takes some of their time. PostgreSQL is measured on a throwaway database on the server of `BENCH_DATABASE_URL`, else on one at 127.0.0.1:5432 when it answers; `BENCH_PORT` sets the port (default 4399), `--rebuild` builds first.',
		'',
		`- Date: ${new Date().toISOString().slice(0, 10)}`,
		`- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
		`- Node.js ${process.version}`,
		`- Other load on the machine: load average (1 min, lagging) ${results.loadBefore.toFixed(2)} when the bench started, ${results.loadAfter.toFixed(2)} when it ended, the bench's own work included; the CPU time other processes used during each timed run is in the submissions table. Other work lowers every figure: run it on a quiet machine`,
		`- Databases: SQLite (embedded, WAL, synchronous=FULL, file on local disk)${results.postgres ? `; PostgreSQL ${results.postgres.version} on 127.0.0.1 (throwaway database, pool of 10 per process)` : '; PostgreSQL: none found (set BENCH_DATABASE_URL or run one on 127.0.0.1:5432)'}`,
		'',
		...targetsSection(results, liveResults),
		'## Requests (SQLite)',
		'',
		`Load: ${requests.REQUESTS} requests per row, ${requests.CONCURRENCY} at a time.`,
		'',
		'| measure | p50 | p95 | requests/s |',
		'| --- | --- | --- | --- |',
		...requestRows,
		'',
		`- Start-up to healthy (migrations on an empty database included): ${results.startupMs.toFixed(0)} ms`,
		`- Server memory (RSS) right after these requests: ${results.memoryRightAfter?.toFixed(0) ?? '—'} MB; at rest, ${((IDLE_MS + 3000) / 1000).toFixed(0)} s after the last (the server gives a burst's garbage back once no request has come for ${(IDLE_MS / 1000).toFixed(0)} s, decision 025): ${results.memory.toFixed(0)} MB; after the quick-check runs below (SQLite): ${results.sqlite.memoryAfter.toFixed(0)} MB${results.postgres ? `; with ${live.STREAMS} live streams open on a server just started (PostgreSQL): ${results.postgres.memoryWithStreams.toFixed(0)} MB` : ''}${results.sqlite.live ? `; with ${live.STREAMS} live streams open on a server just started (SQLite): ${results.sqlite.live.memoryWithStreams.toFixed(0)} MB` : ''}${
			results.sqlite.live
				? `; with ${live.STREAMS / 2} (SQLite / PostgreSQL): ${[results.sqlite.live, results.postgres]
						.filter(Boolean)
						.map((r) => r.memoryWithHalfTheStreams.toFixed(0))
						.join(' / ')} MB`
				: ''
		}`,
		'',
		'## Quick check (issue 3)',
		'',
		...pageSection(results.pageWeight),
		...slowPhoneSection(results.slowPhone),
		...ratingsSection(ratingResults, results.bareHttp, results.routeFloor),
		...liveSection(liveResults, results.liveNotes),
		...timeSection(results),
		`Server warnings and errors logged during the runs: ${results.serverProblems.length === 0 ? 'none' : results.serverProblems.length}.`,
		...results.serverProblems.slice(0, 10).map((line) => `\n    ${line}`),
		'',
		...insightsSection(results.insights),
		...(results.notes.length > 0 ? ['## Notes', '', ...results.notes.map((n) => `- ${n}`), ''] : [])
	]
		.filter((line, i, lines) => !(line === '' && lines[i - 1] === ''))
		.join('\n');
}
