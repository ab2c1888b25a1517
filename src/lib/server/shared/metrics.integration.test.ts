import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../../routes/metrics/+server.ts';
import { setAppContext } from '../context.ts';
import { enqueueJob } from './jobs.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { enableMetrics, isMetricsTokenValid, observeRequest } from './metrics.ts';

const TOKEN = 'metrics-token-of-at-least-32-characters';

describeOnBothDatabases('/metrics', (dialect) => {
	const t = useTestContext(dialect);

	// As the server does when it starts with METRICS_TOKEN set (hooks.server.ts).
	beforeAll(() => enableMetrics());

	/** Calls the real endpoint with the test context, METRICS_TOKEN as given. */
	async function scrape(token: string | undefined, authorization?: string) {
		setAppContext({ ...t.ctx, config: { ...t.ctx.config, metricsToken: token } });
		const headers = new Headers(authorization ? { authorization } : {});
		const response = await (GET as (event: unknown) => Promise<Response>)({ request: new Request('http://app.test/metrics', { headers }) });
		return { status: response.status, headers: response.headers, body: await response.text() };
	}

	afterEach(() => setAppContext(t.ctx));

	it('is off by default: without METRICS_TOKEN it answers 404, whatever the request carries', async () => {
		expect((await scrape(undefined, `Bearer ${TOKEN}`)).status).toBe(404);
	});

	it('refuses a scrape without the token or with a wrong one (401), and shows no figure', async () => {
		for (const authorization of [undefined, 'Bearer', `Bearer ${TOKEN}x`, `Basic ${btoa(`user:${TOKEN}`)}`, TOKEN, 'Bearer short']) {
			const response = await scrape(TOKEN, authorization);
			expect(response.status).toBe(401);
			expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
			expect(response.body).not.toContain('tweespraak_');
		}
	});

	it('with the token: requests by route id and status, latency, live streams, jobs, mail failures, database and memory', async () => {
		observeRequest({ routeId: '/(staff)/collaborations/[collaborationId=id]', method: 'GET', status: 200, seconds: 0.12 });
		observeRequest({ routeId: null, method: 'GET', status: 404, seconds: 0.001 });
		await enqueueJob({ ctx: t.ctx, kind: 'metrics.test', payload: {}, dedupeKey: `metrics-${Math.random()}` });
		const response = await scrape(TOKEN, `Bearer ${TOKEN}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		for (const line of [
			'tweespraak_http_requests_total{route="/(staff)/collaborations/[collaborationId=id]",method="GET",status="200"}',
			'tweespraak_http_requests_total{route="unmatched",method="GET",status="404"}',
			'tweespraak_http_request_duration_seconds_bucket{le="0.25",route="/(staff)/collaborations/[collaborationId=id]",method="GET"}',
			'tweespraak_live_streams_open ',
			'tweespraak_jobs{status="pending"} ',
			'tweespraak_jobs{status="failed"} ',
			'tweespraak_mail_failures_total ',
			'tweespraak_database_errors_total ',
			'tweespraak_process_resident_memory_bytes '
		]) {
			expect(response.body).toContain(line);
		}
		expect(Number(/tweespraak_jobs\{status="pending"\} (\d+)/.exec(response.body)?.[1])).toBeGreaterThanOrEqual(1);
		if (dialect === 'postgres') expect(response.body).toContain('tweespraak_database_pool_connections{state="total"}');
		// No client data in labels: route ids only, never a URL with an id in it.
		expect(response.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
	});

	it('a failed query is counted as a database error', async () => {
		const errors = async () => Number(/tweespraak_database_errors_total (\d+)/.exec((await scrape(TOKEN, `Bearer ${TOKEN}`)).body)?.[1]);
		const before = await errors();
		await expect(sql`select * from no_such_table`.execute(t.ctx.db)).rejects.toThrow();
		expect(await errors()).toBe(before + 1);
	});
});

it('compares the token whole: a prefix, a longer value or another scheme is refused', () => {
	expect(isMetricsTokenValid(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
	expect(isMetricsTokenValid(TOKEN, `bearer   ${TOKEN}`)).toBe(true);
	expect(isMetricsTokenValid(TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
	expect(isMetricsTokenValid(TOKEN, `Bearer ${TOKEN}${TOKEN}`)).toBe(false);
	expect(isMetricsTokenValid(undefined, `Bearer ${TOKEN}`)).toBe(false);
	expect(isMetricsTokenValid(TOKEN, null)).toBe(false);
});

describe('without METRICS_TOKEN (decision 025)', () => {
	it('nothing is counted and prom-client is not even loaded; enabling loads it and counts from then on', () => {
		// A process of its own: this test process has loaded prom-client already.
		const script = `
			const { createRequire } = await import('node:module');
			const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/prom-client/'));
			const metrics = await import(${JSON.stringify(new URL('./metrics.ts', import.meta.url).href)});
			metrics.observeRequest({ routeId: '/sign-in', method: 'GET', status: 200, seconds: 0.01 });
			metrics.liveStreamsOpen.inc();
			metrics.mailFailures.inc();
			const before = loaded();
			await metrics.enableMetrics();
			metrics.observeRequest({ routeId: '/sign-in', method: 'GET', status: 200, seconds: 0.01 });
			const ctx = { db: { selectFrom: () => ({ select: () => ({ groupBy: () => ({ execute: async () => [] }) }) }) }, database: {} };
			const { body } = await metrics.renderMetrics(ctx);
			console.log(JSON.stringify({
				before,
				after: loaded(),
				requests: /tweespraak_http_requests_total\\{route="\\/sign-in",method="GET",status="200"\\} (\\d+)/.exec(body)?.[1],
				streams: /tweespraak_live_streams_open (\\d+)/.exec(body)?.[1],
				mailFailures: /tweespraak_mail_failures_total (\\d+)/.exec(body)?.[1]
			}));
		`;
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
		expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({
			before: false,
			after: true,
			requests: '1',
			streams: '0',
			mailFailures: '0'
		});
	});
});
