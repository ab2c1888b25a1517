// Shared by the malformed-requests.*.integration.test.ts files (src/lib/server/http): the routes
// and form fields read from src/routes, the malformed bodies and nasty values, and the real built
// server (scripts/server.mjs) with a signed-in admin, on SQLite or PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Dialect } from '../db/database.ts';
import { sourceFiles } from './source-files.ts';
import {
	ROOT,
	buildIfStale,
	cookieHeaderOf,
	findFreePort,
	setupFormPost,
	startApp,
	type RunningApp
} from '../../../../e2e/support/server.ts';
import { waitForHealthz } from './instances.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './test-context.ts';

export const ADMIN = { name: 'Fuzz Beheer', email: 'fuzz-admin@tweespraak.test', password: 'een lang fuzz wachtwoord' };
export const UUID = '0190c0de-aaaa-7bbb-8ccc-123456789abc';

export interface Target {
	/** A URL path with placeholder values for its parameters. */
	path: string;
	routeId: string;
	/** `?/name` for a named action, '' for a default action or an endpoint's POST. */
	actions: string[];
	kind: 'page' | 'endpoint';
	/** Whether the route has parameters (then malformed ones are tried too). */
	params: string[];
}

/** Every route with a form action or a POST handler, and every page, from the files under src/routes. */
export function enumerateRoutes(): Target[] {
	const routesDir = path.join(ROOT, 'src', 'routes');
	const targets: Target[] = [];
	const files = sourceFiles(routesDir, (name) => name === '+page.server.ts' || name === '+server.ts');
	for (const full of files) {
		const dir = path.dirname(full);
		const fileName = path.basename(full);
		const routeId = '/' + path.relative(routesDir, dir).split(path.sep).join('/');
		const source = fs.readFileSync(full, 'utf8');
		const segments = routeId.split('/').filter((segment) => segment && !/^\(.*\)$/.test(segment));
		const params = segments.filter((segment) => segment.startsWith('[')).map((segment) => segment.slice(1, -1).split('=')[0]!);
		const urlPath = '/' + segments.map((segment) => (segment.startsWith('[') ? placeholder(segment) : segment)).join('/');
		if (fileName === '+server.ts') {
			if (/export const POST\b/.test(source)) targets.push({ path: urlPath, routeId, actions: [''], kind: 'endpoint', params });
			// A GET-only endpoint (exports, /metrics, live updates): bad queries and parameters below.
			else if (/export const GET\b/.test(source)) targets.push({ path: urlPath, routeId, actions: [], kind: 'endpoint', params });
			continue;
		}
		// `export const actions = { … };` or `… } satisfies Actions satisfies RedirectOnSuccess;`
		const block = source.match(/export const actions[^{]*\{([\s\S]*?)\n\}[^\n]*;/)?.[1] ?? '';
		const names = [...block.matchAll(/^\t(\w+):/gm)].map((match) => match[1]!);
		// A page that has actions but whose names this reader cannot find would silently drop out of the fuzzing.
		if (/export const actions\b/.test(source) && names.length === 0) throw new Error(`no action names found in ${full}`);
		targets.push({
			path: urlPath,
			routeId,
			actions: names.map((name) => (name === 'default' ? '' : `?/${name}`)),
			kind: 'page',
			params
		});
	}
	return targets;
}

function placeholder(segment: string): string {
	if (segment.includes('=id')) return UUID;
	if (/token/i.test(segment)) return 'x'.repeat(43);
	return 'onbekend';
}

/** Every form field name the pages use, read from their markup. */
export function fieldNames(): string[] {
	const names = new Set<string>(['next', 'code', 'partyId', 'conversationId', 'email', 'password', 'name']);
	for (const file of sourceFiles(path.join(ROOT, 'src'), (name) => name.endsWith('.svelte'))) {
		for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bname=["'{`]+([A-Za-z][\w.-]*)/g)) names.add(match[1]!);
	}
	return [...names];
}

export const NASTY_VALUES = [
	'Team\u0000Noord',
	`${UUID}\u0000`,
	'\u0000',
	'a\u0001\u0008\u000B\u001B\u007F\u0085b',
	'x\uD800y',
	'/\t/evil.example',
	'/\u3002/evil.example',
	'/.//evil.example',
	'9'.repeat(400),
	'é'.repeat(5000)
];

/** Percent-encoding that also writes a lone surrogate, as the invalid UTF-8 bytes a client might send. */
const encode = (text: string) => text.split('\uD800').map(encodeURIComponent).join('%ED%A0%80');

export type Body = [string | null, string | Uint8Array];

const urlEncoded = (fields: string[], value: (index: number) => string): Body => [
	'application/x-www-form-urlencoded',
	fields.map((field, index) => `${encode(field)}=${encode(value(index))}`).join('&')
];

/** Every field at once, each with another of the nasty values; `turn` shifts which field gets which. */
export const mixedBody = (fields: string[], turn: number) =>
	urlEncoded(fields, (index) => NASTY_VALUES[(index + turn) % NASTY_VALUES.length]!);

/** The malformed bodies: [content type, body]. */
export function malformedBodies(fields: string[]): Body[] {
	return [
		['multipart/form-data; boundary=----tweespraak', 'this is not multipart at all'],
		['multipart/form-data; boundary=----tweespraak', '------tweespraak\r\nContent-Disposition: form-data; name="name"\r\n\r\nhalf'],
		['multipart/form-data', '--x\r\n\r\n'],
		['text/plain', 'name=Team\nemail=a@b.c'],
		['text/plain;charset=utf-8', '\u0000'],
		['application/x-sveltekit-formdata', new Uint8Array([0, 255, 255, 255, 255])],
		['application/x-www-form-urlencoded', '%zz=%&name=%E0%A4%A&%C3%28=%ED%A0%80'],
		['application/x-www-form-urlencoded', ''],
		['application/x-www-form-urlencoded', 'name=' + 'x'.repeat(200_000)],
		...NASTY_VALUES.map((nasty) => urlEncoded(fields, () => nasty)),
		['application/x-www-form-urlencoded', fields.map((field) => `${field}=a&${field}=%00&${field}[]=b`).join('&')]
	];
}

export const JSON_BODY: [string, string] = ['application/json', '{"conversationId":"x","partyId":"y"}'];

export interface Outcome {
	label: string;
	status: number;
}

export interface MalformedRequestsServer {
	readonly app: RunningApp;
	/** The session cookie of the admin who set the organisation up. */
	readonly adminCookie: string;
	/** Every answer `send` got, by label. */
	readonly outcomes: Outcome[];
	/** Sends a request as a browser on this site would (origin, accept), from one address; the body is read and dropped. */
	send(label: string, url: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
	/** Rows in `table`, read straight from this server's database (SQLite file or PostgreSQL). */
	countRows(table: string): Promise<number>;
}

/** For a describe block: the built server on `dialect`, set up through its setup link, with the admin signed in. */
export function useMalformedRequestsServer(dialect: Dialect): MalformedRequestsServer {
	let app: RunningApp | undefined;
	let database: ThrowawayDatabase | undefined;
	let runDir: string;
	let adminCookie = '';
	const outcomes: Outcome[] = [];

	async function send(label: string, url: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
		const baseURL = app!.baseURL;
		const headers = new Headers(init.headers);
		headers.set('origin', baseURL);
		headers.set('accept', headers.get('accept') ?? 'text/html');
		headers.set('x-forwarded-for', '10.77.0.1');
		if (init.cookie) headers.set('cookie', init.cookie);
		// Joined as text: new URL('//host/x', base) would go to another host instead of sending that path.
		const response = await fetch(new URL(baseURL.replace(/\/$/, '') + url), { ...init, headers, redirect: 'manual' });
		await response.arrayBuffer();
		outcomes.push({ label, status: response.status });
		return response;
	}

	beforeAll(async () => {
		buildIfStale();
		runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-fuzz-'));
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
		const port = await findFreePort(41_000 + Math.floor(Math.random() * 500), 41_999);
		const started = await startApp({
			port,
			dataDir: path.join(runDir, 'data'),
			env: {
				ADDRESS_HEADER: 'X-Forwarded-For',
				XFF_DEPTH: '1',
				METRICS_TOKEN: 'fuzz-metrics-token-of-at-least-32-characters',
				...(database ? { DATABASE_URL: database.url } : {})
			}
		});
		app = started;
		await waitForHealthz(started.baseURL);
		const setup = await send('setup', new URL(started.setupLink).pathname, setupFormPost('Fuzz', ADMIN));
		expect(setup.status).toBe(303);
		adminCookie = cookieHeaderOf(setup);
	}, 240_000);

	async function countRows(table: string): Promise<number> {
		if (database) {
			const client = new pg.Client({ connectionString: database.url });
			await client.connect();
			try {
				return (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
			} finally {
				await client.end();
			}
		}
		const db = new Database(path.join(runDir, 'data', 'tweespraak.db'), { readonly: true });
		try {
			return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
		} finally {
			db.close();
		}
	}

	afterAll(async () => {
		await app?.stop();
		await database?.drop();
		if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
	});

	return {
		get app() {
			if (!app) throw new Error('The server is only available inside tests');
			return app;
		},
		get adminCookie() {
			return adminCookie;
		},
		outcomes,
		send,
		countRows
	};
}
