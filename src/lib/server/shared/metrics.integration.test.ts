import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { GET } from '../../../routes/metrics/+server.ts';
import { setAppContext } from '../context.ts';
import { enqueueJob } from './jobs.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { isMetricsTokenValid, observeRequest } from './metrics.ts';

const TOKEN = 'metrics-token-of-at-least-32-characters';

describeOnBothDatabases('/metrics', (dialect) => {
	const t = useTestContext(dialect);

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
