// Regression (outside attacker pass): the server took any client's X-Request-Id as the request's
// id, so an attacker chose the id written into the log and into the audit log a privacy officer
// reads. Against the real built server (scripts/server.mjs), on SQLite and, with
// TEST_DATABASE_URL, on PostgreSQL: only the proxy trusted for client addresses may name it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIfStale, findFreePort, setupFormPost, startApp, type RunningApp } from '../../../../e2e/support/server.ts';
import { waitFor } from '../testing/instances.ts';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The audit events the setup link's post writes. */
const SET_UP = ['organisation.created', 'auth.signed_in'];
const ADMIN = { name: 'Spoor Beheer', email: 'spoor-admin@tweespraak.test', password: 'een lang spoor wachtwoord' };

describe.each(getTestDialects())("a request's id in the log and the audit log (%s)", (dialect) => {
	let app: RunningApp | undefined;
	let database: ThrowawayDatabase | undefined;
	let runDir = '';

	afterEach(async () => {
		await app?.stop();
		await database?.drop();
		if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
		app = database = undefined;
	});

	async function start(env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
		buildIfStale();
		runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-request-id-'));
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
		const port = await findFreePort(42_000 + Math.floor(Math.random() * 500), 42_999);
		app = await startApp({
			port,
			dataDir: path.join(runDir, 'data'),
			env: { ...env, ...(database ? { DATABASE_URL: database.url } : {}) }
		});
		return app;
	}

	/** The first organisation made through the setup link: an audit event with the request's id. */
	async function setUp(headers: Record<string, string>): Promise<Response> {
		const init = setupFormPost('Spoor', ADMIN);
		const response = await fetch(app!.setupLink, {
			...init,
			redirect: 'manual',
			headers: { ...(init.headers as Record<string, string>), origin: app!.baseURL, accept: 'text/html', ...headers }
		});
		expect(response.status).toBe(303);
		return response;
	}

	async function auditRequestIds(): Promise<{ action: string; requestId: string | null }[]> {
		const sql = 'select action, request_id as "requestId" from audit_events order by occurred_at';
		if (database) {
			const client = new pg.Client({ connectionString: database.url });
			await client.connect();
			try {
				return (await client.query<{ action: string; requestId: string | null }>(sql)).rows;
			} finally {
				await client.end();
			}
		}
		const db = new Database(path.join(app!.dataDir, 'tweespraak.db'), { readonly: true });
		try {
			return db.prepare(sql).all() as { action: string; requestId: string | null }[];
		} finally {
			db.close();
		}
	}

	function requestLine(requestId: string): Promise<Record<string, unknown>> {
		return waitFor(() => {
			const lines = fs
				.readFileSync(app!.logFile, 'utf8')
				.split('\n')
				.filter((line) => line.startsWith('{'));
			return lines
				.map((line) => JSON.parse(line) as Record<string, unknown>)
				.find((line) => line.event === 'http.request' && line.requestId === requestId);
		}, `the log line of request ${requestId}`);
	}

	it(
		"a client's own X-Request-Id does not become the request's id: the response, the log and the audit event carry the server's",
		{ timeout: 120_000 },
		async () => {
			await start();
			const response = await setUp({ 'x-request-id': 'forged-audit-trail' });
			const requestId = response.headers.get('x-request-id')!;
			expect(requestId).toMatch(UUID);
			expect(await auditRequestIds()).toEqual(SET_UP.map((action) => ({ action, requestId })));
			// The sent value is kept apart in the log line, under a name that says it is not to be trusted.
			expect(await requestLine(requestId)).toMatchObject({ untrustedRequestId: 'forged-audit-trail' });
			// Also on a response answered before the app's hooks (the server's response class).
			const redirect = await fetch(`${app!.baseURL}/sign-in/`, { redirect: 'manual', headers: { 'x-request-id': 'forged-too' } });
			expect(redirect.status).toBe(308);
			expect(redirect.headers.get('x-request-id')).toMatch(UUID);
		}
	);

	it(
		'behind the proxy trusted for client addresses (ADDRESS_HEADER), the id it sends is kept; a request that did not come through it gets its own',
		{ timeout: 120_000 },
		async () => {
			await start({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
			const response = await setUp({ 'x-request-id': 'proxy-trace-7', 'x-forwarded-for': '203.0.113.9' });
			expect(response.headers.get('x-request-id')).toBe('proxy-trace-7');
			expect(await auditRequestIds()).toEqual(SET_UP.map((action) => ({ action, requestId: 'proxy-trace-7' })));
			const straight = await fetch(`${app!.baseURL}/healthz`, { headers: { 'x-request-id': 'forged-around-the-proxy' } });
			expect(straight.headers.get('x-request-id')).toMatch(UUID);
		}
	);
});
