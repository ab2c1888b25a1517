// Production server: SvelteKit's adapter-node handler behind a small wrapper that decides the
// request origin at run time. adapter-node bakes its origin in at build time and otherwise
// assumes https, which refuses every form post on plain http://localhost. Here ORIGIN (if set)
// wins, else the request is taken as plain http on the Host it came to.
// See docs/decisions/003-origin-and-security-headers.md.
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relaunchTuned } from './server-process.mjs';
import { collectWhenIdle, fullCollection, loadMallocTrim } from './idle-gc.mjs';
import { observedResponseClass } from './every-response.mjs';

const PROTO = 'x-tweespraak-forwarded-proto';
const HOST = 'x-tweespraak-forwarded-host';
process.env.PROTOCOL_HEADER = PROTO;
process.env.HOST_HEADER = HOST;
// The host above carries the port already; adapter-node would add the port of a PORT_HEADER (its
// documentation suggests X-Forwarded-Port behind a proxy), which a client can send itself: a
// made-up value failed every page or changed the origin. ORIGIN is the setting for a proxy.
delete process.env.PORT_HEADER;
// adapter-node's one limit for every body: the largest a route takes (the Questionnaire import,
// src/lib/server/http/body-limit.ts, 1536 KB) and then some, so that hooks.server.ts answers
// every route over its own limit (512 KB for all others) with a message that names it.
process.env.BODY_SIZE_LIMIT ||= '2M';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** How long an idle kept-alive connection stays open (see where the server is made). */
const KEEP_ALIVE_MS = 65_000;

/** A start-up failure: one plain line on stderr that names the problem, exit code 1. */
function fail(message) {
	console.error(message);
	process.exit(1);
}

/** SvelteKit reports invalid variables over several lines; keep only the reasons. */
function describeStartError(error) {
	const text = error instanceof Error ? error.message : String(error);
	const reasons = text
		.split('\n')
		.filter((line) => line.trim().startsWith('- '))
		.map((line) => line.trim().slice(2));
	return reasons.length > 0 ? reasons.join('; ') : text.split('\n')[0];
}

/** Starts the server; resolves once it listens. */
export async function startServer() {
	let origin = null;
	if (process.env.ORIGIN?.trim()) {
		try {
			origin = new URL(process.env.ORIGIN.trim());
		} catch {
			fail(`ORIGIN must be the public address without a path, like https://tweespraak.example.nl, got "${process.env.ORIGIN}"`);
		}
	}
	// The port is taken first, the app loaded after: loading it starts work (migrations, the job
	// runner, a new organisation's setup link) that a second server on a port already in use must
	// not do before it fails. A request that arrives meanwhile waits for the app.
	let handler;
	let appLoaded;
	const app = new Promise((resolve) => (appLoaded = resolve));
	// Pages are rendered per request, so they are compressed here (static assets are served
	// precompressed and pass through). Live event streams must reach the browser unbuffered.
	const compress = compression({
		// A page is a few dozen KB: brotli's default 4 MB window only made each response's encoder
		// hold more memory (decision 025). 256 KB still covers the largest page.
		brotli: { params: { [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
		filter: (req, res) => !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') && compression.filter(req, res)
	});
	// Once the requests stop, one full garbage collection gives the burst's garbage back (decision 025).
	// With it, malloc's free pages go back to the system too (decision 025, part five).
	const collect = fullCollection({ releaseFreed: globalThis.gc ? await loadMallocTrim() : undefined });
	const atRest = collect ? collectWhenIdle({ collect }) : undefined;
	// Every response carries the security headers and is logged, also those the hooks never see.
	const server = http.createServer({ ServerResponse: observedResponseClass({ https: origin?.protocol === 'https:' }) }, (req, res) => {
		atRest?.touch();
		// Always overwrite: a client must not choose the origin by sending these headers itself.
		req.headers[PROTO] = origin ? origin.protocol.slice(0, -1) : 'http';
		req.headers[HOST] = origin ? origin.host : (req.headers.host ?? 'localhost');
		const respond = () =>
			compress(req, res, () =>
				handler(req, res, () => {
					res.statusCode = 404;
					res.end('Not found');
				})
			);
		if (handler) respond();
		else void app.then(respond);
	});
	// An idle kept-alive connection stays open 65 s, not Node's 5 s: longer than a proxy or load
	// balancer keeps one idle (nginx and the common cloud balancers: 60 s). Shorter, the proxy may
	// send the next request on a connection this server is just closing, and the user gets a reset
	// or a 502 instead of the page. Headers must then be allowed a little longer still.
	server.keepAliveTimeout = KEEP_ALIVE_MS;
	server.headersTimeout = KEEP_ALIVE_MS + 1000;
	// Checked before listening, as src/env.ts checks it (config.ts, parse.PORT) only once the app
	// loads: listening first on a wrong PORT failed with Node's words, without naming the variable.
	const rawPort = process.env.PORT?.trim() || '3000';
	const port = Number(rawPort);
	if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
		fail(`Tweespraak could not start: PORT must be a whole number from 1 to 65535, got "${rawPort}"`);
	}
	const host = process.env.HOST || '0.0.0.0';
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	}).catch((error) => fail(`Tweespraak could not listen on HOST=${host} PORT=${port}: ${error.message}`));
	try {
		({ handler } = await import(pathToFileURL(path.join(root, 'build', 'handler.js')).href));
	} catch (error) {
		// Configuration errors from src/env.ts and failed start-up tasks end here: one line, exit 1.
		fail(`Tweespraak could not start: ${describeStartError(error)}`);
	}
	appLoaded();
	// Loading the app is work too (module sources read, code compiled): its garbage is given back
	// like a burst's once the server has had no request for a while.
	atRest?.touch();
	console.log(
		JSON.stringify({
			level: 30,
			time: new Date().toISOString(),
			service: 'tweespraak',
			event: 'server.listening',
			port,
			msg: `Tweespraak listens on port ${port}`
		})
	);

	// `node scripts/tweespraak.mjs restore` refuses to replace the database while this runs.
	const pidFile = path.join(path.resolve(process.env.DATA_DIR?.trim() || 'data'), 'tweespraak.pid');
	if (!process.env.DATABASE_URL?.trim()) {
		try {
			fs.mkdirSync(path.dirname(pidFile), { recursive: true });
			fs.writeFileSync(pidFile, String(process.pid));
			// Only this server's own: a server started on the same DATA_DIR while this one was still
			// stopping (its last streams closing) wrote its pid since, and restore must keep seeing it.
			process.once('exit', () => {
				try {
					if (fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.rmSync(pidFile, { force: true });
				} catch {
					// Already gone.
				}
			});
		} catch {
			// Not fatal: restore then cannot tell that this server runs.
		}
	}

	const shutdown = async (signal) => {
		console.log(
			JSON.stringify({
				level: 30,
				time: new Date().toISOString(),
				service: 'tweespraak',
				event: 'server.stopping',
				signal,
				msg: 'shutting down'
			})
		);
		setTimeout(() => process.exit(0), 10_000).unref();
		// The app (hooks.server.ts) hands over what must finish first: the job runner gives its
		// running jobs back to the queue instead of leaving them locked until their lease expires.
		const pending = [new Promise((resolve) => server.close(resolve))];
		process.emit('tweespraak:shutdown', { signal, waitFor: (work) => pending.push(work) });
		server.closeIdleConnections?.();
		await Promise.allSettled(pending);
		process.exit(0);
	};
	process.once('SIGTERM', () => shutdown('SIGTERM'));
	process.once('SIGINT', () => shutdown('SIGINT'));
	return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	relaunchTuned();
	await startServer();
}
