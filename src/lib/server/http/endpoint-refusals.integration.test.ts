// An endpoint (+server.ts) whose write loses to a concurrent one answers with the translated
// changed-meanwhile message, as a page does, and changes nothing: a form post goes back to the page
// it came from, which shows the message as an alert; a request that came from no page of ours gets
// the message as text with the 409. Against the real built server (scripts/server.mjs), on SQLite
// and, with TEST_DATABASE_URL, on PostgreSQL, through the language switch (/language, a form in
// every page's header: it stores a staff member's language on their account). Before, such an
// endpoint fell back to src/error.html, which shows the status only ("fout 409").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, cookieHeaderOf, findFreePort, setupFormPost, startApp, type RunningApp } from '../../../../e2e/support/server.ts';
import { waitForHealthz } from '../testing/instances.ts';
import { sendWhilePostgresRowHeld, sendWhileSqliteLocked, useRepeatableRead } from '../testing/held-writes.ts';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';

const ADMIN = { name: 'Botsing Beheer', email: 'botsing-admin@tweespraak.test', password: 'een lang botsing wachtwoord' };
/** messages/nl.json error_changed_meanwhile: the admin reads their pages in Dutch. */
const CHANGED_MEANWHILE_NL = 'Iemand anders veranderde dit op hetzelfde moment, of het werd twee keer verstuurd. Er is niets opgeslagen.';

interface Answer {
	status: number;
	headers: Headers;
	text: string;
}

/**
 * Another connection that holds the admin's account row while the request writes it: on SQLite
 * the write lock (BEGIN IMMEDIATE) for longer than the server's busy timeout, so the request gives
 * up with SQLITE_BUSY; on PostgreSQL (repeatable read) the row, updated in a transaction that
 * commits once the request waits for it, so the request's update fails as a serialization failure.
 */
interface Holder {
	lose(request: () => Promise<Answer>): Promise<Answer>;
	/** The admin's language as stored on their account. */
	locale(): Promise<string>;
	close(): Promise<void>;
}

describe.each(getTestDialects())('an endpoint whose write loses to a concurrent one (%s)', (dialect) => {
	let app: RunningApp | undefined;
	let database: ThrowawayDatabase | undefined;
	let runDir = '';
	let adminCookie = '';
	let holder: Holder;

	beforeAll(async () => {
		buildIfStale();
		runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-endpoint-refusals-'));
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
		if (database) await useRepeatableRead(database.url);
		const port = await findFreePort(42_000 + Math.floor(Math.random() * 500), 42_999);
		app = await startApp({
			port,
			dataDir: path.join(runDir, 'data'),
			env: { JOBS_POLL_INTERVAL_MS: '600000', ...(database ? { DATABASE_URL: database.url } : {}) }
		});
		await waitForHealthz(app.baseURL);
		const setup = await send(new URL(app.setupLink).pathname, setupFormPost('Botsing', ADMIN));
		expect(setup.status).toBe(303);
		adminCookie = cookieHeaderOf(setup);
		holder = database ? await postgresHolder(database.url) : sqliteHolder(path.join(runDir, 'data', 'tweespraak.db'));
	}, 240_000);

	afterAll(async () => {
		await holder?.close();
		await app?.stop();
		await database?.drop();
		if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
	});

	async function send(url: string, init: RequestInit = {}): Promise<Answer> {
		const headers = new Headers(init.headers);
		headers.set('origin', app!.baseURL);
		headers.set('accept', 'text/html');
		const response = await fetch(new URL(url, app!.baseURL), { ...init, headers, redirect: 'manual' });
		return { status: response.status, headers: response.headers, text: await response.text() };
	}

	function sqliteHolder(file: string): Holder {
		const connection = new Database(file);
		return {
			lose: (request) => sendWhileSqliteLocked(connection, request),
			locale: async () => (connection.prepare('select locale from users where email = ?').get(ADMIN.email) as { locale: string }).locale,
			close: async () => {
				connection.close();
			}
		};
	}

	async function postgresHolder(url: string): Promise<Holder> {
		const connection = new pg.Client({ connectionString: url });
		const observer = new pg.Client({ connectionString: url });
		await Promise.all([connection.connect(), observer.connect()]);
		return {
			lose: (request) =>
				sendWhilePostgresRowHeld(
					connection,
					observer,
					{ sql: 'update users set locale = locale where email = $1', params: [ADMIN.email] },
					request
				),
			locale: async () =>
				(await observer.query<{ locale: string }>('select locale from users where email = $1', [ADMIN.email])).rows[0]!.locale,
			close: async () => {
				await Promise.all([connection.end(), observer.end()]);
			}
		};
	}

	/** The language switch in the page header, as the browser posts it from `from` (or from nowhere). */
	const switchToEnglish = (from?: string) => () =>
		send('/language', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				cookie: adminCookie,
				...(from ? { referer: app!.baseURL + from } : {})
			},
			body: new URLSearchParams({ locale: 'en', next: from ?? '/start' })
		});
	const cookieNames = (answer: Answer) => answer.headers.getSetCookie().map((cookie) => cookie.split('=')[0]);

	it('a form post goes back to its page, which shows the changed-meanwhile message in Dutch; the language stays Dutch', async () => {
		const before = await holder.locale();

		const answer = await holder.lose(switchToEnglish('/account'));

		expect(answer.status).toBe(303);
		expect(answer.headers.get('location')).toBe('/account');
		// Not the English cookie the failed switch had set: nothing of it holds.
		expect(cookieNames(answer)).toEqual(['tweespraak_notice']);
		const notice = answer.headers.getSetCookie()[0]!.split(';')[0]!;
		const page = await send('/account', { headers: { cookie: `${adminCookie}; ${notice}` } });
		expect(page.status).toBe(200);
		expect(page.text).toContain(CHANGED_MEANWHILE_NL);
		expect(page.text).toMatch(/role="alert"[^>]*>[^<]*Iemand anders veranderde dit/);
		expect(await holder.locale()).toBe(before);
		// The message is shown once.
		expect((await send('/account', { headers: { cookie: adminCookie } })).text).not.toContain(CHANGED_MEANWHILE_NL);
	}, 60_000);

	it('a post from no page of ours gets the message in Dutch as text with 409; the language stays Dutch', async () => {
		const before = await holder.locale();

		const answer = await holder.lose(switchToEnglish());

		expect(answer.status).toBe(409);
		expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(answer.text).toContain(CHANGED_MEANWHILE_NL);
		expect(cookieNames(answer)).not.toContain('tweespraak_locale');
		expect(await holder.locale()).toBe(before);
	}, 60_000);

	/** The hand-over form (a device given to a participant) with what a tampered page sends: no conversation nor party. */
	const handOverNothing = (from?: string) =>
		send('/participation/handover', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				cookie: adminCookie,
				...(from ? { referer: app!.baseURL + from } : {})
			},
			body: new URLSearchParams({ next: '/start' })
		});

	it('any other refusal of an endpoint reads translated too: the form goes back to its page with the message, not the status-only error page', async () => {
		const answer = await handOverNothing('/account');

		expect(answer.status).toBe(303);
		expect(answer.headers.get('location')).toBe('/account');
		// Not the device cookies of a hand-over: nothing of it holds.
		expect(cookieNames(answer)).toEqual(['tweespraak_notice']);
		const notice = answer.headers.getSetCookie()[0]!.split(';')[0]!;
		const page = await send('/account', { headers: { cookie: `${adminCookie}; ${notice}` } });
		expect(page.text).toMatch(/role="alert"[^>]*>[^<]*Controleer de velden hieronder/);

		const fromNowhere = await handOverNothing();
		expect(fromNowhere.status).toBe(400);
		expect(fromNowhere.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(fromNowhere.text).toContain('Controleer de velden hieronder');
		expect(fromNowhere.text).not.toContain('fout 400');
	}, 60_000);

	it('without a concurrent write the same switch is stored (what the tests above hold back)', async () => {
		const answer = await switchToEnglish('/account')();

		expect(answer.status).toBe(303);
		expect(cookieNames(answer)).toContain('tweespraak_locale');
		expect(await holder.locale()).toBe('en');
	}, 60_000);
});
