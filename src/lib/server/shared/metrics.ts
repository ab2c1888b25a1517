import { timingSafeEqual, createHash } from 'node:crypto';
import type { LogEvent } from 'kysely';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../context.ts';

/**
 * Metrics for operators (Prometheus text format at /metrics, README "Metrics"), with prom-client.
 * Labels hold route ids (`/(staff)/collaborations/[collaborationId=id]`), methods, status codes and
 * job kinds — never a URL, an id or anything a person typed, so no client data reaches a scraper.
 * One registry per process; each instance behind a load balancer is scraped on its own.
 *
 * Only counted when metrics are on (METRICS_TOKEN set; the server calls enableMetrics when it
 * starts): nobody else reads them, and prom-client with its default process metrics made every
 * server about 5 MB larger and every request pay for its two figures (decision 025). Until then,
 * and without the token, every count below does nothing.
 */
interface Instruments {
	registry: Registry;
	httpRequests: Counter<'route' | 'method' | 'status'>;
	httpDuration: Histogram<'route' | 'method'>;
	liveStreamsOpen: Gauge;
	mailFailures: Counter;
	databaseErrors: Counter;
	groupCommitBatches: Counter;
	groupCommitMembers: Counter;
	jobs: Gauge<'status'>;
	pool: Gauge<'state'>;
}

let instruments: Instruments | undefined;
let enabling: Promise<void> | undefined;

/** Loads prom-client and starts counting; once per process. */
export function enableMetrics(): Promise<void> {
	return (enabling ??= (async () => {
		const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = await import('prom-client');
		const registry = new Registry();
		collectDefaultMetrics({ register: registry, prefix: 'tweespraak_' });
		const registers = [registry];
		instruments = {
			registry,
			httpRequests: new Counter({
				name: 'tweespraak_http_requests_total',
				help: 'HTTP requests answered, by route id, method and status',
				labelNames: ['route', 'method', 'status'] as const,
				registers
			}),
			httpDuration: new Histogram({
				name: 'tweespraak_http_request_duration_seconds',
				help: 'Time to answer an HTTP request (until the headers), by route id and method',
				labelNames: ['route', 'method'] as const,
				buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
				registers
			}),
			liveStreamsOpen: new Gauge({
				name: 'tweespraak_live_streams_open',
				help: 'Live-update streams (server-sent events) open on this instance',
				registers
			}),
			mailFailures: new Counter({
				name: 'tweespraak_mail_failures_total',
				help: 'Mails that could not be sent (SMTP or outbox)',
				registers
			}),
			databaseErrors: new Counter({
				name: 'tweespraak_database_errors_total',
				help: 'Database queries that failed (including refusals the app handles, such as unique violations)',
				registers
			}),
			groupCommitBatches: new Counter({
				name: 'tweespraak_group_commit_batches_total',
				help: 'Shared transactions committed by group commit (db/group-commit.ts); members / batches is the mean batch size',
				registers
			}),
			groupCommitMembers: new Counter({
				name: 'tweespraak_group_commit_members_total',
				help: 'Writes (submissions, conversation changes, view audits) committed in a shared transaction',
				registers
			}),
			jobs: new Gauge({
				name: 'tweespraak_jobs',
				help: 'Background jobs in the database by status (pending = queued), all instances together',
				labelNames: ['status'] as const,
				registers
			}),
			pool: new Gauge({
				name: 'tweespraak_database_pool_connections',
				help: 'PostgreSQL pool of this instance: total, idle and waiting clients (absent on SQLite)',
				labelNames: ['state'] as const,
				registers
			})
		};
	})());
}

export const liveStreamsOpen = {
	inc: (): void => instruments?.liveStreamsOpen.inc(),
	dec: (): void => instruments?.liveStreamsOpen.dec()
};

export const mailFailures = { inc: (): void => instruments?.mailFailures.inc() };

export const groupCommitBatches = { inc: (): void => instruments?.groupCommitBatches.inc() };

export const groupCommitMembers = { inc: (members: number): void => instruments?.groupCommitMembers.inc(members) };

/** For Kysely's `log` option: counts failed queries, logs nothing (a query may hold client data). */
export function countDatabaseErrors(event: LogEvent): void {
	if (event.level === 'error') instruments?.databaseErrors.inc();
}

/** A route id as a label: unmatched requests (404s, probes) share one label instead of their URL. */
export function routeLabel(routeId: string | null): string {
	return routeId ?? 'unmatched';
}

export function observeRequest(input: { routeId: string | null; method: string; status: number; seconds: number }): void {
	if (!instruments) return;
	const { httpRequests, httpDuration } = instruments;
	const route = routeLabel(input.routeId);
	const method = /^[A-Z]{3,7}$/.test(input.method) ? input.method : 'OTHER';
	httpRequests.inc({ route, method, status: String(input.status) });
	httpDuration.observe({ route, method }, input.seconds);
}

/** Compares the bearer token in constant time (hashes of equal length, so its length leaks nothing either). */
export function isMetricsTokenValid(expected: string | undefined, authorization: string | null): boolean {
	if (!expected || !authorization) return false;
	const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
	if (!match) return false;
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(match[1]!), digest(expected));
}

/** The figures read at scrape time: jobs by status from the database, the pool from this instance. */
async function refreshGauges(ctx: AppContext, { jobs, pool }: Instruments): Promise<void> {
	const rows = await ctx.db
		.selectFrom('jobs')
		.select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
		.groupBy('status')
		.execute();
	jobs.reset();
	for (const status of ['pending', 'running', 'done', 'failed']) {
		jobs.set({ status }, Number(rows.find((row) => row.status === status)?.n ?? 0));
	}
	const pg = ctx.database.pool;
	if (pg) {
		pool.set({ state: 'total' }, pg.totalCount);
		pool.set({ state: 'idle' }, pg.idleCount);
		pool.set({ state: 'waiting' }, pg.waitingCount);
	}
}

/** The metrics page in Prometheus text format. */
export async function renderMetrics(ctx: AppContext): Promise<{ contentType: string; body: string }> {
	await enableMetrics();
	const ready = instruments!;
	await refreshGauges(ctx, ready);
	return { contentType: ready.registry.contentType, body: await ready.registry.metrics() };
}
