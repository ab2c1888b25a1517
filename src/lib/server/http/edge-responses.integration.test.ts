// Responses that do not come from a page or an action, against the real built server
// (scripts/server.mjs), on SQLite and, with TEST_DATABASE_URL, on PostgreSQL: a body too large
// that did not announce its size, the answers made before the app's hooks run (SvelteKit's
// trailing-slash redirect, static files), and the status of a page that shows a throttle's wait.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { freePort, startInstance, waitFor, waitUntilHealthy, type Instance } from '../testing/instances.ts';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';

/** More than the server's BODY_SIZE_LIMIT (2M, scripts/server.mjs). */
const OVER_THE_LIMIT = 2.5 * 1024 * 1024;

const SECURITY_HEADERS = {
	'referrer-policy': 'same-origin',
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'x-robots-tag': 'noindex, nofollow'
};

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

describe.each(getTestDialects())('responses outside the pages (%s)', (dialect) => {
	let instance: Instance | undefined;
	let database: ThrowawayDatabase | undefined;
	let dataDir = '';
	let port = 0;

	beforeAll(async () => {
		buildIfStale();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-edge-'));
		database = dialect === 'postgres' ? await createThrowawayDatabase() : undefined;
		port = await freePort();
		instance = startInstance({
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: database?.url ?? '',
			LOG_LEVEL: 'info'
		});
		await waitUntilHealthy(instance, `http://127.0.0.1:${port}`);
	}, 240_000);

	afterAll(async () => {
		if (instance && instance.child.exitCode === null) instance.child.kill('SIGTERM');
		await instance?.exited;
		await database?.drop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	/** One request; a body given as chunks is sent without Content-Length (Transfer-Encoding: chunked). */
	function send(method: string, url: string, headers: Record<string, string | number> = {}, chunks?: Buffer[]): Promise<Answer> {
		return new Promise((resolve, reject) => {
			const request = http.request({
				host: '127.0.0.1',
				port,
				method,
				path: url,
				headers: { origin: `http://127.0.0.1:${port}`, ...headers }
			});
			request.once('error', reject);
			request.once('response', (response) => {
				const received: Buffer[] = [];
				response.on('data', (chunk: Buffer) => received.push(chunk));
				response.once('end', () =>
					resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(received).toString('utf8') })
				);
			});
			for (const chunk of chunks ?? []) request.write(chunk);
			request.end();
		});
	}

	const requestLines = (requestId: string) =>
		instance!.logs.filter((line) => line.event === 'http.request' && line.requestId === requestId);

	it('a chunked body over the limit gets 413 and the same message as one that announced its size, not 400', async () => {
		const form = { 'content-type': 'application/x-www-form-urlencoded' };
		const field = Buffer.from('email=');
		const filler = Buffer.alloc(64 * 1024, 'a');
		const chunks = [field, ...Array.from({ length: Math.ceil(OVER_THE_LIMIT / filler.length) }, () => filler)];
		const chunked = await send('POST', '/sign-in', form, chunks);
		const requestId = String(chunked.headers['x-request-id']);
		const announced = await send('POST', '/sign-in', { ...form, 'content-length': 600 * 1024 }, [Buffer.alloc(600 * 1024, 'a')]);
		expect(announced.status).toBe(413);
		expect(announced.text).toContain('512 KB');
		expect(chunked).toMatchObject({ status: 413, text: announced.text });
		await waitFor(() => requestLines(requestId).length > 0 || undefined, 'the log line of the chunked post');
		expect(instance!.logs.filter((line) => line.requestId === requestId).map((line) => line.event)).toEqual([
			'http.too_large',
			'http.request'
		]);
	});

	it("a page that shows a throttle's wait answers 429, as the posts do: the join page after 20 wrong codes, a personal link after 30 wrong ones", async () => {
		const html = { accept: 'text/html' };
		for (let i = 0; i < 20; i++) expect((await send('GET', `/join?code=WRNGCD${String(i).padStart(2, 'A')}`, html)).status).toBe(200);
		const join = await send('GET', '/join?code=WRNGCODE', html);
		expect(join.status).toBe(429);
		expect(join.text).toContain('Wacht');
		expect(join.text).toContain('<form');
		// The page's data for SvelteKit's own navigation stays 200: its client reads the wait from it.
		expect((await send('GET', '/join/__data.json?code=WRNGCODE')).status).toBe(200);
		for (let i = 0; i < 30; i++) expect((await send('GET', `/l/not-a-link-${i}`, html)).status).toBe(200);
		const link = await send('GET', '/l/not-a-link-either', html);
		expect(link.status).toBe(429);
		expect(link.text).toContain('Wacht');
	});

	it('a redirect made before the page loads and a static file carry the security headers (with noindex) and are logged once, like a page; robots.txt disallows every address', async () => {
		const asked = [
			['GET', '/sign-in/', 308],
			['GET', '/join/', 308],
			['HEAD', '/c/', 308],
			['GET', '/favicon.svg', 200],
			['GET', '/robots.txt', 200],
			['GET', '/sign-in', 200]
		] as const;
		const requestIds: string[] = [];
		for (const [method, url, status] of asked) {
			const answer = await send(method, url);
			const requestId = String(answer.headers['x-request-id']);
			requestIds.push(requestId);
			expect({ url, status: answer.status, requestId }).toEqual({ url, status, requestId: expect.stringMatching(/^[\w-]{36}$/) });
			expect(answer.headers).toMatchObject(SECURITY_HEADERS);
			const logged = await waitFor(
				() => (requestLines(requestId).length > 0 ? requestLines(requestId) : undefined),
				`the log line of ${url}`
			);
			expect(logged).toEqual([expect.objectContaining({ method, status })]);
		}
		// A crawler is asked to stay out of every address, and told not to index what it finds anyway.
		expect((await send('GET', '/robots.txt')).text).toMatch(/^User-agent: \*\nDisallow: \/$/m);
		// Not twice: the hooks log a page, the server wrapper only what the hooks did not see.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(requestIds.map((requestId) => requestLines(requestId).length)).toEqual(asked.map(() => 1));
	});
});
