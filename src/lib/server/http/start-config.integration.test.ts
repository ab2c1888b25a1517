// A wrong setting stops the start of the real built server (scripts/server.mjs) with one line that
// names the variable (README, "Configuration"), on SQLite and, with TEST_DATABASE_URL, on
// PostgreSQL. An outside review found two that did not: a wrong XFF_DEPTH let the server start and
// then failed every sign-in and join with a 500, a wrong PORT failed in Node's own words, and a
// wrong TWEESPRAAK_NODE_TUNING was read as on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { freePort, startInstance, waitFor, waitUntilHealthy, type Instance } from '../testing/instances.ts';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';

describe.each(getTestDialects())('a wrong setting stops the start (%s)', (dialect) => {
	let database: ThrowawayDatabase | undefined;
	const instances: Instance[] = [];
	const dataDirs: string[] = [];

	beforeAll(async () => {
		buildIfStale();
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
	}, 240_000);

	afterAll(async () => {
		for (const instance of instances)
			if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
		await Promise.all(instances.map((instance) => instance.exited));
		await database?.drop();
		for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
	});

	async function start(env: Record<string, string>) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-start-config-'));
		dataDirs.push(dataDir);
		const port = await freePort();
		const instance = startInstance({
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: database?.url ?? '',
			LOG_LEVEL: 'warn',
			ADDRESS_HEADER: 'X-Forwarded-For',
			...env
		});
		instances.push(instance);
		return { instance, base: `http://127.0.0.1:${port}` };
	}

	/** A server started with `env` that answers /healthz. */
	async function startHealthy(env: Record<string, string>) {
		const started = await start(env);
		await waitUntilHealthy(started.instance, started.base);
		return started;
	}

	/** Stops the server; it ends cleanly. */
	async function stopCleanly(instance: Instance) {
		instance.child.kill('SIGTERM');
		expect(await instance.exited).toBe(0);
	}

	async function refusedWith(env: Record<string, string>): Promise<string> {
		const { instance } = await start(env);
		// The old server started on such a value and ran on; give it the time a start takes.
		const stillRunning = new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 20_000));
		expect(await Promise.race([instance.exited, stillRunning])).toBe(1);
		const line = await waitFor(() => (instance.stderr().includes('\n') ? instance.stderr() : undefined), 'the line on standard error');
		expect(line.trim().split('\n')).toHaveLength(1);
		return line.trim();
	}

	it.each(['abc', '0', '-1', '1.5'])('XFF_DEPTH=%j is refused at the start, naming the variable', { timeout: 60_000 }, async (value) => {
		expect(await refusedWith({ XFF_DEPTH: value })).toBe(
			`Tweespraak could not start: XFF_DEPTH must be a whole number from 1 to 100, got "${value}"`
		);
	});

	it.each(['abc', '70000'])('PORT=%j is refused at the start, naming the variable', { timeout: 60_000 }, async (value) => {
		expect(await refusedWith({ PORT: value })).toBe(
			`Tweespraak could not start: PORT must be a whole number from 1 to 65535, got "${value}"`
		);
	});

	// Taken as given before: every sign-in and join then answered 400.
	it('an ADDRESS_HEADER that no header can be named is refused at the start, naming the variable', { timeout: 60_000 }, async () => {
		expect(await refusedWith({ ADDRESS_HEADER: 'X Forwarded For' })).toBe(
			'Tweespraak could not start: ADDRESS_HEADER must be the name of a request header, like X-Forwarded-For, got "X Forwarded For"'
		);
	});

	// A new user's mistyped HOST failed with "could not listen on host.invalid:3000", not naming the variable.
	it('a HOST that cannot be listened on is refused at the start, naming HOST and PORT', { timeout: 60_000 }, async () => {
		expect(await refusedWith({ HOST: 'host.invalid' })).toMatch(
			/^Tweespraak could not listen on HOST=host\.invalid PORT=\d+: getaddrinfo (ENOTFOUND|EAI_AGAIN) host\.invalid$/
		);
	});

	// A new user's wrong port or database name in DATABASE_URL stopped the start with pg's own words only.
	it('a DATABASE_URL that cannot be reached is refused at the start, naming the variable', { timeout: 60_000 }, async () => {
		const port = await freePort();
		expect(await refusedWith({ DATABASE_URL: `postgres://tweespraak@127.0.0.1:${port}/tweespraak` })).toBe(
			`Tweespraak could not start: DATABASE_URL names a PostgreSQL database Tweespraak cannot reach: connect ECONNREFUSED 127.0.0.1:${port}`
		);
	});

	it.each(['maybe', 'true'])(
		'TWEESPRAAK_NODE_TUNING=%j is refused at the start, naming the variable',
		{ timeout: 60_000 },
		async (value) => {
			expect(await refusedWith({ TWEESPRAAK_NODE_TUNING: value })).toBe(
				`Tweespraak could not start: TWEESPRAAK_NODE_TUNING must be on or off, got "${value}"`
			);
		}
	);

	it(
		'with PORT_HEADER set, as adapter-node suggests behind a proxy, a client still cannot choose the origin: a made-up X-Forwarded-Port changes no answer',
		{ timeout: 60_000 },
		async () => {
			const { instance, base } = await startHealthy({ PORT_HEADER: 'X-Forwarded-Port' });
			// adapter-node added the header's port to the origin: "abc" failed every page with a
			// 400, and a number turned the origin into one the form-post check then refused.
			const page = await fetch(`${base}/sign-in`, { headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-port': 'abc' } });
			expect(page.status).toBe(200);
			const signIn = await fetch(`${base}/sign-in`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: base, accept: 'application/json', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-port': '8443' },
				body: new URLSearchParams({ email: 'nobody@example.nl', password: 'not-the-password' })
			});
			expect(signIn.status).toBe(400);
			expect(await signIn.text()).not.toMatch(/cross-site/i);
			await stopCleanly(instance);
		}
	);

	it(
		'behind a proxy, a request that did not come through it (no X-Forwarded-For, or fewer addresses than XFF_DEPTH) is refused with 400 and a message on every page that counts by address, never a 500',
		{ timeout: 60_000 },
		async () => {
			const { instance, base } = await startHealthy({ XFF_DEPTH: '2' });
			const form = (fields: Record<string, string>) => ({
				method: 'POST',
				redirect: 'manual' as const,
				headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields)
			});
			const token = 'a'.repeat(43);
			const requests: [string, RequestInit][] = [
				['/sign-in', form({ email: 'nobody@example.nl', password: 'not-the-password' })],
				['/sign-in/two-factor', form({ code: '123456' })],
				['/forgot-password', form({ email: 'nobody@example.nl' })],
				[`/l/${token}`, { redirect: 'manual' }],
				[`/l/${token}`, form({})],
				[`/t/${token}`, { redirect: 'manual' }],
				[`/t/${token}?/rate`, form({})]
			];
			const refused = 'We weten niet waar dit verzoek vandaan komt';
			for (const forwardedFor of [undefined, '203.0.113.9']) {
				for (const [url, init] of requests) {
					const headers = new Headers(init.headers);
					if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
					const response = await fetch(base + url, { ...init, headers });
					const text = await response.text();
					expect({ url, forwardedFor, status: response.status, says: text.includes(refused) }).toEqual({
						url,
						forwardedFor,
						status: 400,
						says: true
					});
				}
			}
			// With both addresses the proxies add, the same page answers as it does: a link that does not work.
			const through = await fetch(`${base}/l/${token}`, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' } });
			expect({ status: through.status, says: (await through.text()).includes(refused) }).toEqual({ status: 200, says: false });
			// A health check straight from the load balancer needs no address.
			expect((await fetch(`${base}/healthz`)).status).toBe(200);
			await stopCleanly(instance);
		}
	);

	it('a right XFF_DEPTH starts, and a sign-in behind the proxies is answered, not failed', { timeout: 60_000 }, async () => {
		const { instance, base } = await startHealthy({ XFF_DEPTH: '2' });
		const response = await fetch(`${base}/sign-in`, {
			method: 'POST',
			headers: { origin: base, accept: 'application/json', 'x-forwarded-for': '203.0.113.9, 198.51.100.7' },
			body: new URLSearchParams({ email: 'nobody@example.nl', password: 'not-the-password' })
		});
		expect(response.status).toBe(400);
		await stopCleanly(instance);
	});
});
