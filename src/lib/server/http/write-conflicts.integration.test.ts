// A write that loses to a concurrent one answers 409 with the translated 'changed meanwhile'
// message, stores nothing and is logged as a warning with the database's code, also where no
// failFromError catches it: the load of a client's trajectory link (/t/[token]) counts a wrong link
// in the throttle (rate_limits) and throws anything else on to handleError (hooks.server.ts); the
// sign-in action counts a failed sign-in and answers with failFromError. Against the real built
// server (scripts/server.mjs), on SQLite and, with TEST_DATABASE_URL, on PostgreSQL; before
// handleError mapped write conflicts, the load answered 500 on both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { freePort, startInstance, waitFor, waitUntilHealthy, type Instance } from '../testing/instances.ts';
import { sendWhilePostgresRowHeld, sendWhileSqliteLocked, useRepeatableRead } from '../testing/held-writes.ts';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';

/** Looks like a link's secret (so it is looked up and, not found, counted as a wrong link) but is nobody's. */
const UNKNOWN_LINK = '/t/' + 'x'.repeat(43);
/** The throttle's buckets of this address (rate-limit.ts): wrong links, and failed sign-ins. */
const LINK_BUCKET = 'link-ip:127.0.0.1';
const SIGN_IN_BUCKET = 'signin-ip:127.0.0.1';
/** messages/pl.json error_changed_meanwhile: /t/ is a client page, read in the client's language. */
const CHANGED_MEANWHILE_PL = 'Ktoś inny zmienił to w tym samym momencie albo zostało to wysłane dwa razy. Nic nie zostało zapisane.';
/** messages/nl.json error_changed_meanwhile: the sign-in page is a staff page, in Dutch. */
const CHANGED_MEANWHILE_NL = 'Iemand anders veranderde dit op hetzelfde moment, of het werd twee keer verstuurd. Er is niets opgeslagen.';

interface Answer {
	status: number;
	text: string;
}

/**
 * Another connection that holds what the request's write needs: on SQLite the write lock (BEGIN
 * IMMEDIATE) for longer than the server's busy timeout, so the request gives up with SQLITE_BUSY;
 * on PostgreSQL the throttle's row, updated in a transaction that commits once the request waits
 * for it, so the request's update of that row fails as a serialization failure (40001).
 */
interface Holder {
	/** Sends the request while holding `key`'s row, and lets go when the request can only have lost. */
	lose(key: string, request: () => Promise<Answer>): Promise<Answer>;
	/** The bucket's count as stored. */
	count(key: string): Promise<number | undefined>;
	close(): Promise<void>;
}

describe.each(getTestDialects())('a write that loses to a concurrent one answers 409, never a 500 (%s)', (dialect) => {
	let instance: Instance | undefined;
	let database: ThrowawayDatabase | undefined;
	let dataDir = '';
	let base = '';

	beforeAll(async () => {
		buildIfStale();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-write-conflicts-'));
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
		if (database) await useRepeatableRead(database.url);
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		instance = startInstance({
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: database?.url ?? '',
			LOG_LEVEL: 'info',
			// The background jobs would wait for the held SQLite lock too, another 5 s per test.
			JOBS_POLL_INTERVAL_MS: '600000'
		});
		await waitUntilHealthy(instance, base);
	}, 240_000);

	afterAll(async () => {
		if (instance && instance.child.exitCode === null) instance.child.kill('SIGTERM');
		await instance?.exited;
		await database?.drop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	function sqliteHolder(): Holder {
		const connection = new Database(path.join(dataDir, 'tweespraak.db'));
		return {
			lose: (_key, request) => sendWhileSqliteLocked(connection, request),
			count: async (key) =>
				(connection.prepare('select count from rate_limits where key = ?').get(key) as { count: number } | undefined)?.count,
			close: async () => {
				connection.close();
			}
		};
	}

	async function postgresHolder(): Promise<Holder> {
		const connection = new pg.Client({ connectionString: database!.url });
		const observer = new pg.Client({ connectionString: database!.url });
		await Promise.all([connection.connect(), observer.connect()]);
		return {
			lose: (key, request) =>
				sendWhilePostgresRowHeld(
					connection,
					observer,
					{ sql: 'update rate_limits set count = count where key = $1', params: [key] },
					request
				),
			count: async (key) => {
				const { rows } = await observer.query('select count from rate_limits where key = $1', [key]);
				return rows[0] === undefined ? undefined : Number((rows[0] as { count: number }).count);
			},
			close: async () => {
				await Promise.all([connection.end(), observer.end()]);
			}
		};
	}

	let holder: Holder;
	beforeAll(async () => {
		holder = dialect === 'postgres' ? await postgresHolder() : sqliteHolder();
	});
	afterAll(async () => holder?.close());

	const send = async (url: string, init: RequestInit = {}): Promise<Answer> => {
		const response = await fetch(base + url, { redirect: 'manual', ...init });
		return { status: response.status, text: await response.text() };
	};

	/** The warn line of the request's write conflict: its route and the database's code, nothing the client sent. */
	async function conflictLogged(route: string) {
		const line = await waitFor(
			() => instance!.logs.find((logged) => logged.event === 'http.write_conflict' && logged.route === route),
			`the write conflict of ${route} in the log`
		);
		expect(line).toMatchObject({ level: 40, code: dialect === 'postgres' ? '40001' : 'SQLITE_BUSY' });
		expect(typeof line.requestId).toBe('string');
		return JSON.stringify(line);
	}

	it('a load (a client opening a trajectory link) answers 409 with the changed-meanwhile message in the client language and counts nothing', async () => {
		const headers = { cookie: 'tweespraak_locale=pl' };
		// A first wrong link is counted: the bucket's row exists, so the next count updates it.
		expect((await send(UNKNOWN_LINK, { headers })).status).toBe(404);
		expect(await holder.count(LINK_BUCKET)).toBe(1);

		const { status, text } = await holder.lose(LINK_BUCKET, () => send(UNKNOWN_LINK, { headers }));
		expect(status).toBe(409);
		expect(text).toContain(CHANGED_MEANWHILE_PL);
		expect(await holder.count(LINK_BUCKET)).toBe(1);
		expect(await conflictLogged('/t/[token]')).not.toContain('x'.repeat(20));
		expect(instance!.logs.filter((line) => line.event === 'http.error')).toEqual([]);
	}, 60_000);

	it('an action that catches it with failFromError answers the form again with 409 and the message, and logs the same line', async () => {
		const signIn = () =>
			send('/sign-in', {
				method: 'POST',
				headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: 'niemand@tweespraak.test', password: 'een fout wachtwoord' })
			});
		expect((await signIn()).status).toBe(400);
		expect(await holder.count(SIGN_IN_BUCKET)).toBe(1);

		const { status, text } = await holder.lose(SIGN_IN_BUCKET, signIn);
		expect(status).toBe(409);
		expect(text).toContain(CHANGED_MEANWHILE_NL);
		expect(text).toContain('niemand@tweespraak.test');
		expect(await holder.count(SIGN_IN_BUCKET)).toBe(1);
		const line = await conflictLogged('/sign-in');
		expect(line).not.toContain('niemand');
		expect(line).not.toContain('wachtwoord');
		expect(instance!.logs.filter((logged) => logged.event === 'http.error')).toEqual([]);
	}, 60_000);
});
