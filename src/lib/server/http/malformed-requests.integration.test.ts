// Malformed requests against the real built server (scripts/server.mjs), on SQLite and, with
// TEST_DATABASE_URL, on PostgreSQL: every form action and endpoint found under src/routes (so a
// new route is covered without touching this file), anonymously and as a signed-in admin, with
// broken bodies, NUL bytes and other controls in every field, bad route and query parameters and
// redirect targets that leave the site. None may answer 5xx or write an error line to the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import { ROOT, buildIfStale, findFreePort, startApp, type RunningApp } from '../../../../e2e/support/server.ts';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';

const ADMIN = { name: 'Fuzz Beheer', email: 'fuzz-admin@tweespraak.test', password: 'een lang fuzz wachtwoord' };
const UUID = '0190c0de-aaaa-7bbb-8ccc-123456789abc';

interface Target {
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
function enumerateRoutes(): Target[] {
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
function fieldNames(): string[] {
	const names = new Set<string>(['next', 'code', 'partyId', 'conversationId', 'email', 'password', 'name']);
	for (const file of sourceFiles(path.join(ROOT, 'src'), (name) => name.endsWith('.svelte'))) {
		for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bname=["'{`]+([A-Za-z][\w.-]*)/g)) names.add(match[1]!);
	}
	return [...names];
}

const NASTY_VALUES = [
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

type Body = [string | null, string | Uint8Array];

const urlEncoded = (fields: string[], value: (index: number) => string): Body => [
	'application/x-www-form-urlencoded',
	fields.map((field, index) => `${encode(field)}=${encode(value(index))}`).join('&')
];

/** Every field at once, each with another of the nasty values; `turn` shifts which field gets which. */
const mixedBody = (fields: string[], turn: number) => urlEncoded(fields, (index) => NASTY_VALUES[(index + turn) % NASTY_VALUES.length]!);

/** The malformed bodies: [content type, body]. */
function malformedBodies(fields: string[]): Body[] {
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

const JSON_BODY: [string, string] = ['application/json', '{"conversationId":"x","partyId":"y"}'];

interface Outcome {
	label: string;
	status: number;
}

describe.each(getTestDialects())('malformed requests against the built server (%s)', (dialect) => {
	let app: RunningApp;
	let database: ThrowawayDatabase | undefined;
	let runDir: string;
	let adminCookie = '';
	const outcomes: Outcome[] = [];

	async function send(label: string, url: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set('origin', app.baseURL);
		headers.set('accept', headers.get('accept') ?? 'text/html');
		headers.set('x-forwarded-for', '10.77.0.1');
		if (init.cookie) headers.set('cookie', init.cookie);
		// Joined as text: new URL('//host/x', base) would go to another host instead of sending that path.
		const response = await fetch(new URL(app.baseURL.replace(/\/$/, '') + url), { ...init, headers, redirect: 'manual' });
		await response.arrayBuffer();
		outcomes.push({ label, status: response.status });
		return response;
	}

	beforeAll(async () => {
		buildIfStale();
		runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-fuzz-'));
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
		const port = await findFreePort(41_000 + Math.floor(Math.random() * 500), 41_999);
		app = await startApp({
			port,
			dataDir: path.join(runDir, 'data'),
			env: {
				ADDRESS_HEADER: 'X-Forwarded-For',
				XFF_DEPTH: '1',
				METRICS_TOKEN: 'fuzz-metrics-token-of-at-least-32-characters',
				...(database ? { DATABASE_URL: database.url } : {})
			}
		});
		// The setup link is logged just before the server listens.
		for (
			let tries = 0;
			!(await fetch(new URL('/healthz', app.baseURL)).then(
				(r) => r.ok,
				() => false
			));
			tries++
		) {
			if (tries > 100) throw new Error('the server did not answer /healthz');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const setup = await send('setup', new URL(app.setupLink).pathname, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				organisationName: 'Fuzz',
				clientTerm: 'client',
				defaultLocale: 'nl',
				adminName: ADMIN.name,
				adminEmail: ADMIN.email,
				password: ADMIN.password,
				passwordConfirm: ADMIN.password
			})
		});
		expect(setup.status).toBe(303);
		const cookies = setup.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
		adminCookie = cookies.join('; ');
	}, 240_000);

	/** Rows in `table`, read straight from this server's database (SQLite file or PostgreSQL). */
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

	it('at least 1,000 malformed requests over every form action and endpoint: never a 5xx, never an error line in the log', async () => {
		const targets = enumerateRoutes();
		expect(targets.length).toBeGreaterThan(30);
		const fields = fieldNames();
		const bodies = malformedBodies(fields);
		let turn = 0;
		for (const who of ['anonymous', 'admin'] as const) {
			const cookie = who === 'admin' ? adminCookie : undefined;
			for (const target of targets) {
				// Signing out would end the admin's session half-way.
				if (who === 'admin' && target.routeId === '/sign-out') continue;
				for (const action of target.actions) {
					// Signing out on a handed-over device ends the session it is sent with, whatever the body.
					if (who === 'admin' && action === '?/signOut') continue;
					const url = target.path + action;
					// Always a broken multipart body, text/plain and JSON; as admin (past the sign-in redirect) also SvelteKit's
					// binary form, every field with a nasty value, and one more kind in turn, so each kind reaches many actions.
					turn += 1;
					const chosen =
						who === 'anonymous'
							? [bodies[0]!, bodies[3]!]
							: [bodies[0]!, bodies[3]!, bodies[5]!, mixedBody(fields, turn), bodies[turn % bodies.length]!];
					for (const [type, body] of [...chosen, JSON_BODY]) {
						await send(`${who} POST ${url} ${type}`, url, {
							method: 'POST',
							cookie,
							headers: type ? { 'content-type': type } : {},
							body: body as BodyInit
						});
					}
				}
				// A GET-only endpoint without parameters gets bad queries; one with parameters gets bad values below.
				if (target.kind === 'endpoint' && target.actions.length === 0 && target.params.length === 0) {
					for (const query of ['?q=%C3%28', '?reference=%00&from=%00&staff=x']) {
						await send(`${who} GET ${target.path}${query}`, target.path + query, { cookie });
					}
				}
				if (target.kind === 'page') {
					await send(`${who} POST ${target.path}?/default`, `${target.path}?/default`, {
						method: 'POST',
						cookie,
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body: 'a=b'
					});
					for (const query of [
						'?next=/%09/evil.example',
						'?next=/%E3%80%82/evil.example',
						'?code=%00',
						'?team=%00&period=%00',
						'?q=%C3%28'
					]) {
						await send(`${who} GET ${target.path}${query}`, target.path + query, { cookie });
					}
				}
				/** A GET of `path`, and a form post of `body` to its first action. */
				const getAndPost = async (path: string, body: string) => {
					await send(`${who} GET ${path}`, path, { cookie });
					await send(`${who} POST ${path}`, path + (target.actions[0] ?? ''), {
						method: 'POST',
						cookie,
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body
					});
				};
				// A path that a browser reads as another site's (a Post/Redirect/Get back to it was a 500).
				for (const odd of [`/${target.path}`, `/\\${target.path.slice(1)}`, `//evil.example${target.path}`]) {
					await getAndPost(odd, '__page=%2Fc&__group=&__submit=&name=a');
				}
				for (const param of target.params.length > 0 ? ['a%00b', '%C0%AF', 'x'.repeat(3000)] : []) {
					await getAndPost(target.path.replace(UUID, param).replace('x'.repeat(43), param).replace('onbekend', param), 'name=a');
				}
			}
		}
		// /metrics (METRICS_TOKEN is set for this server): a missing, broken or wrong token is a 401, never more.
		for (const authorization of ['', 'Bearer', 'Bearer x', `Bearer ${'x'.repeat(5000)}`, 'Basic %00', 'Bearer \u00e9t\u00e9']) {
			const response = await send(`metrics ${authorization.slice(0, 20)}`, '/metrics', {
				headers: authorization ? { authorization: encodeURI(authorization) } : {}
			});
			expect(response.status).toBe(401);
		}
		// Cookies are input too: the app's own, decoded by SvelteKit and better-auth.
		for (const value of ['%00', 'a%00b', '%ED%A0%80', '%', 'x'.repeat(4000)]) {
			const cookie = [
				'tweespraak.session_token',
				'tweespraak_device',
				'tweespraak_handover',
				'tweespraak_locale',
				'tweespraak_known_device'
			]
				.map((name) => `${name}=${value}`)
				.join('; ');
			for (const url of ['/', '/start', '/c', '/handover/return', '/join?code=AAAAAAAA']) await send(`cookie ${url}`, url, { cookie });
			await send('cookie sign-in', '/sign-in', {
				method: 'POST',
				cookie,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: ADMIN.email, password: 'wrong password' })
			});
		}
		expect(outcomes.length).toBeGreaterThanOrEqual(1000);
		expect(outcomes.filter((outcome) => outcome.status >= 500)).toEqual([]);
		const errorLines = fs
			.readFileSync(app.logFile, 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('{') && (JSON.parse(line) as { level?: number }).level! >= 50);
		expect(errorLines).toEqual([]);
	}, 300_000);

	it('a form action with a broken multipart or text/plain body answers 400 with a clear message, and changes nothing', async () => {
		for (const [type, body] of malformedBodies(['name']).slice(0, 6)) {
			const response = await fetch(new URL('/admin/teams?/create', app.baseURL), {
				method: 'POST',
				headers: { origin: app.baseURL, cookie: adminCookie, 'content-type': type!, accept: 'text/html' },
				body: body as BodyInit,
				redirect: 'manual'
			});
			expect(response.status, type!).toBe(400);
			expect(await response.text()).toContain('Dit verzoek klopt niet');
		}
		const page = await (await fetch(new URL('/admin/teams', app.baseURL), { headers: { cookie: adminCookie } })).text();
		expect(page).not.toContain('half');
	});

	it('an unreadable body to an action that takes no fields answers 400 and the action does not run (regression: it reset a wording)', async () => {
		const list = await (await fetch(new URL('/admin/wording', app.baseURL), { headers: { cookie: adminCookie } })).text();
		let page: string | undefined;
		for (const [, candidate] of list.matchAll(/href="(\/admin\/wording\/nl\/\w+)"/g)) {
			const saved = await send('wording save', `${candidate}?/save`, {
				method: 'POST',
				cookie: adminCookie,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ text: 'Onze eigen tekst' })
			});
			if (saved.status === 303) {
				page = candidate;
				break;
			}
		}
		expect(page, 'a wording the admin can save').toBeDefined();
		const before = await countRows('message_overrides');
		expect(before).toBeGreaterThan(0);
		for (const [type, body] of malformedBodies(['text']).slice(0, 6)) {
			const response = await fetch(new URL(`${page}?/reset`, app.baseURL), {
				method: 'POST',
				headers: { origin: app.baseURL, cookie: adminCookie, 'content-type': type!, accept: 'text/html' },
				body: body as BodyInit,
				redirect: 'manual'
			});
			expect(response.status, type!).toBe(400);
			expect(await response.text(), type!).toContain('Dit verzoek klopt niet');
		}
		expect(await countRows('message_overrides')).toBe(before);
	});

	it('hand-over and release with a JSON body answer 400, not 500', async () => {
		for (const url of ['/participation/handover', '/participation/release']) {
			const response = await send(`json ${url}`, url, {
				method: 'POST',
				cookie: adminCookie,
				headers: { 'content-type': JSON_BODY[0] },
				body: JSON_BODY[1]
			});
			expect(response.status, url).toBe(400);
		}
	});

	it('a NUL byte in a team name is removed, the same on both databases (regression: PostgreSQL refused it with a 500)', async () => {
		const response = await send('team with NUL', '/admin/teams?/create', {
			method: 'POST',
			cookie: adminCookie,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=Wijk%00team%07%20Oost'
		});
		expect(response.status).toBe(303);
		const page = await (await fetch(new URL('/admin/teams', app.baseURL), { headers: { cookie: adminCookie } })).text();
		expect(page).toContain('Wijkteam Oost');
	});

	it('a required name of invisible characters only (zero-width, fillers, blank braille) is refused as empty with its translated message, and stores nothing', async () => {
		const before = await countRows('teams');
		for (const name of ['\u200B', ' \u200B\u200C\u200D\u2060 ', '\u00AD\uFEFF', '\u115F\u1160', '\u3164', '\u2800', '\u180E']) {
			const response = await fetch(new URL('/admin/teams?/create', app.baseURL), {
				method: 'POST',
				headers: { origin: app.baseURL, cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams({ name }),
				redirect: 'manual'
			});
			expect(response.status, JSON.stringify(name)).toBe(400);
			expect(await response.text(), JSON.stringify(name)).toContain('Vul dit veld in.');
		}
		expect(await countRows('teams')).toBe(before);
	});

	it('signing in from a link whose next= would leave the site lands on the start page, signed in (regression: a 500)', async () => {
		for (const next of ['/\t/evil.example', '/\u3002/evil.example', '/.//evil.example', '//evil.example']) {
			const response = await send(`sign-in next=${JSON.stringify(next)}`, '/sign-in', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.77.0.2' },
				body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, next })
			});
			expect(response.status, next).toBe(303);
			const location = response.headers.get('location')!;
			expect(new URL(location, app.baseURL).origin, next).toBe(app.baseURL);
			expect(location, next).toMatch(/^\/(?!\/)/);
		}
	});

	it('POST ?/default on a page with named actions answers 400, not 500', async () => {
		const response = await send('default', '/admin/teams?/default', {
			method: 'POST',
			cookie: adminCookie,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=x'
		});
		expect(response.status).toBe(400);
	});
});
