// The real built server (scripts/server.mjs) on PostgreSQL when the database ends its
// connections: a restart, a failover, an administrator's pg_terminate_backend. An outside review
// found that the pool's idle connections then reported an 'error' event nobody listened to, and
// Node ended the whole server: no /healthz 503 (README, "Health"), no recovery, every instance at
// once. SQLite has no connection to lose, so this runs on PostgreSQL only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { freePort, startInstance, waitFor, waitUntilHealthy, type Instance } from '../testing/instances.ts';
import { createThrowawayDatabase, testDatabaseUrl, type ThrowawayDatabase } from '../testing/test-context.ts';

describe.runIf(testDatabaseUrl)('the server when PostgreSQL ends its connections (postgres)', () => {
	let database: ThrowawayDatabase | undefined;
	let instance: Instance | undefined;
	let dataDir = '';
	let base = '';
	let name = '';

	/** One statement as the administrator, on the test server's own database. */
	async function admin(statement: string, values: unknown[] = []): Promise<void> {
		const client = new pg.Client({ connectionString: testDatabaseUrl });
		await client.connect();
		try {
			await client.query(statement, values);
		} finally {
			await client.end();
		}
	}

	const endConnections = () =>
		admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);

	const health = () =>
		fetch(`${base}/healthz`).then(
			async (response) => ({ status: response.status, body: (await response.json()) as { status: string } }),
			() => undefined
		);

	beforeAll(async () => {
		buildIfStale();
		database = await createThrowawayDatabase();
		name = new URL(database.url).pathname.slice(1);
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-connection-lost-'));
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		instance = startInstance({
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: database.url,
			LOG_LEVEL: 'warn'
		});
		await waitUntilHealthy(instance, base);
	}, 240_000);

	afterAll(async () => {
		await admin(`alter database ${name} allow_connections true`).catch(() => undefined);
		if (instance && instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGTERM');
		await instance?.exited;
		await database?.drop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('keeps running when its idle connections are ended, and answers with new ones', { timeout: 60_000 }, async () => {
		// Several requests at once, so the pool holds more than one idle connection.
		await Promise.all(Array.from({ length: 6 }, () => health()));
		await endConnections();
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(instance!.child.exitCode).toBeNull();
		expect(instance!.child.signalCode).toBeNull();
		expect(await waitFor(async () => ((await health())?.status === 200 ? true : undefined), 'a healthy answer')).toBe(true);
		expect(instance!.logs.some((line) => line.event === 'db.connection_lost')).toBe(true);
	});

	it('answers /healthz with 503 while the database cannot be reached, and 200 once it can again', { timeout: 60_000 }, async () => {
		await admin(`alter database ${name} allow_connections false`);
		await endConnections();
		const degraded = await waitFor(async () => {
			const answer = await health();
			return answer?.status === 503 ? answer : undefined;
		}, 'a 503 from /healthz');
		expect(degraded.body.status).toBe('degraded');
		expect(instance!.child.exitCode).toBeNull();
		await admin(`alter database ${name} allow_connections true`);
		expect(await waitFor(async () => ((await health())?.status === 200 ? true : undefined), 'a healthy answer again')).toBe(true);
	});
});
