import { beforeEach, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../context.ts';
import { CapturingMailer, describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createJobsRepository } from './jobs.repository.ts';
import { createJobRunner, type JobRunnerOptions } from './jobs.runner.ts';
import { enqueueJob, PermanentJobError, type JobHandler } from './jobs.ts';
import { createLogger } from './logger.ts';

const HOUR = 3_600_000;

/** A logger whose JSON lines the test can read. */
function capturingLogger() {
	const lines: string[] = [];
	const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
	return { logger, lines };
}

/** Resolves once `condition` holds; fails the test after 10 s. */
async function waitFor(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** A handler that waits until the test lets it finish. */
function blockingHandler() {
	const started: string[] = [];
	let release: () => void = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	const handler: JobHandler = async ({ job }) => {
		started.push(job.id);
		await released;
	};
	return { handler, started, release };
}

describeOnBothDatabases('job runner', (dialect) => {
	const t = useTestContext(dialect);

	beforeEach(async () => {
		await t.ctx.db.deleteFrom('jobs').execute();
	});

	function runner(handlers: Record<string, JobHandler>, options: Partial<JobRunnerOptions> & { ctx?: AppContext } = {}) {
		return createJobRunner(options.ctx ?? t.ctx, { handlers, pollIntervalMs: 50, leaseMs: 60_000, ...options });
	}

	const findJob = (dedupeKey: string) => createJobsRepository(t.ctx.db, dialect).findByDedupeKey(dedupeKey);

	it('an enqueued job runs once, with its payload, and is marked done', async () => {
		const seen: unknown[] = [];
		const jobs = runner({ 'test.echo': async ({ job }) => void seen.push(job.payload) });
		expect(await enqueueJob({ ctx: t.ctx, kind: 'test.echo', payload: { id: 'a1', n: 2 }, dedupeKey: 'once' })).toBe(true);
		expect(await jobs.runDueJobs()).toBe(1);
		expect(await jobs.runDueJobs()).toBe(0);
		expect(seen).toEqual([{ id: 'a1', n: 2 }]);
		expect(await findJob('once')).toMatchObject({ status: 'done', attempts: 1, leaseOwner: null, lastError: null });
		expect((await findJob('once'))!.doneAt).not.toBeNull();
	});

	it('the same dedupe key is enqueued once, also after the job has run', async () => {
		const runs: string[] = [];
		const jobs = runner({ 'test.count': async ({ job }) => void runs.push(job.id) });
		const enqueue = () => enqueueJob({ ctx: t.ctx, kind: 'test.count', payload: {}, dedupeKey: 'dedupe-me' });
		expect(await Promise.all([enqueue(), enqueue()])).toEqual(expect.arrayContaining([true, false]));
		await jobs.runDueJobs();
		expect(await enqueue()).toBe(false);
		await jobs.runDueJobs();
		expect(runs).toHaveLength(1);
	});

	it("a job enqueued in a usecase's transaction exists only if the transaction commits", async () => {
		await expect(
			t.ctx.db.transaction().execute(async (trx) => {
				await enqueueJob({ ctx: t.ctx, db: trx, kind: 'test.tx', payload: {}, dedupeKey: 'rolled-back' });
				throw new Error('the usecase fails');
			})
		).rejects.toThrow('the usecase fails');
		await t.ctx.db.transaction().execute(async (trx) => {
			await enqueueJob({ ctx: t.ctx, db: trx, kind: 'test.tx', payload: {}, dedupeKey: 'committed' });
		});
		expect(await findJob('rolled-back')).toBeUndefined();
		expect(await findJob('committed')).toMatchObject({ status: 'pending' });
	});

	it('a job planned for later does not run before its time', async () => {
		const runs: string[] = [];
		const jobs = runner({ 'test.later': async ({ job }) => void runs.push(job.id) });
		const runAt = new Date(t.ctx.clock.now().getTime() + HOUR);
		await enqueueJob({ ctx: t.ctx, kind: 'test.later', payload: {}, dedupeKey: 'later', runAt });
		expect(await jobs.runDueJobs()).toBe(0);
		t.ctx.clock.advance(HOUR);
		expect(await jobs.runDueJobs()).toBe(1);
		expect(runs).toHaveLength(1);
	});

	it('a failing job is retried with a growing wait, then marked failed and logged with its code only', async () => {
		const { logger, lines } = capturingLogger();
		let attempts = 0;
		const jobs = runner(
			{
				'test.fail': async () => {
					attempts += 1;
					throw Object.assign(new Error('could not reach the mailbox of Sam (12)'), { code: 'ECONNECTION' });
				}
			},
			{ ctx: { ...t.ctx, logger } }
		);
		await enqueueJob({ ctx: t.ctx, kind: 'test.fail', payload: {}, dedupeKey: 'flaky', maxAttempts: 3 });
		const before = t.ctx.clock.now().getTime();
		await jobs.runDueJobs();
		const first = await findJob('flaky');
		expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNECTION', leaseOwner: null });
		const firstWait = new Date(first!.runAt).getTime() - before;
		expect(firstWait).toBeGreaterThanOrEqual(24_000);
		expect(await jobs.runDueJobs()).toBe(0); // not due again yet

		t.ctx.clock.advance(2 * HOUR);
		const second = t.ctx.clock.now().getTime();
		await jobs.runDueJobs();
		const retried = await findJob('flaky');
		expect(retried).toMatchObject({ status: 'pending', attempts: 2 });
		expect(new Date(retried!.runAt).getTime() - second).toBeGreaterThan(firstWait * 1.2);

		t.ctx.clock.advance(2 * HOUR);
		await jobs.runDueJobs();
		t.ctx.clock.advance(2 * HOUR);
		expect(await jobs.runDueJobs()).toBe(0);
		expect(attempts).toBe(3);
		expect(await findJob('flaky')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'ECONNECTION' });
		const failed = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.event === 'jobs.failed');
		expect(failed).toEqual([expect.objectContaining({ level: 50, kind: 'test.fail', code: 'ECONNECTION', attempt: 3 })]);
		expect(lines.join('\n')).not.toContain('Sam');
	});

	it('a permanent failure (a malformed payload) fails at once, without retries', async () => {
		const jobs = runner({
			'test.permanent': async () => {
				throw new PermanentJobError('invalid_payload');
			}
		});
		await enqueueJob({ ctx: t.ctx, kind: 'test.permanent', payload: {}, dedupeKey: 'permanent' });
		await jobs.runDueJobs();
		expect(await findJob('permanent')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'invalid_payload' });
	});

	it('a kind this instance does not know is retried, for a newer instance may know it', async () => {
		const jobs = runner({});
		await enqueueJob({ ctx: t.ctx, kind: 'test.from-the-future', payload: {}, dedupeKey: 'unknown-kind' });
		await jobs.runDueJobs();
		expect(await findJob('unknown-kind')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'unknown_kind' });
	});

	it("a crashed runner's job is taken over by another runner once its lease has expired, and runs there once", async () => {
		await enqueueJob({ ctx: t.ctx, kind: 'test.crash', payload: {}, dedupeKey: 'crashed' });
		// What a runner that died mid-job leaves behind: the job claimed, with a lease nobody renews.
		const repo = createJobsRepository(t.ctx.db, dialect);
		const now = t.ctx.clock.now();
		const [claimed] = await repo.claimDue({
			owner: 'crashed-instance',
			now: now.toISOString(),
			leaseExpiresAt: new Date(now.getTime() + 60_000).toISOString(),
			limit: 10
		});
		expect(claimed).toMatchObject({ status: 'running', leaseOwner: 'crashed-instance' });

		const runs: string[] = [];
		const survivor = runner({ 'test.crash': async ({ job }) => void runs.push(job.id) });
		expect(await survivor.runDueJobs()).toBe(0); // the lease still holds
		t.ctx.clock.advance(61_000);
		expect(await survivor.runDueJobs()).toBe(1);
		expect(runs).toEqual([claimed!.id]);
		expect(await findJob('crashed')).toMatchObject({ status: 'done', attempts: 2 });
		// The crashed runner, were it to come back, can no longer change the outcome.
		expect(
			await repo.markRetry(claimed!.id, 'crashed-instance', { runAt: now.toISOString(), errorCode: 'late', now: now.toISOString() })
		).toBe(false);
		expect(await findJob('crashed')).toMatchObject({ status: 'done' });
	});

	it('a job that keeps killing its instance stops after its attempts', async () => {
		await enqueueJob({ ctx: t.ctx, kind: 'test.poison', payload: {}, dedupeKey: 'poison', maxAttempts: 2 });
		const repo = createJobsRepository(t.ctx.db, dialect);
		for (let i = 0; i < 2; i++) {
			const now = t.ctx.clock.now();
			await repo.claimDue({
				owner: `dead-${i}`,
				now: now.toISOString(),
				leaseExpiresAt: new Date(now.getTime() + 1000).toISOString(),
				limit: 10
			});
			t.ctx.clock.advance(2000);
		}
		const runs: string[] = [];
		await runner({ 'test.poison': async ({ job }) => void runs.push(job.id) }).runDueJobs();
		expect(runs).toEqual([]);
		expect(await findJob('poison')).toMatchObject({ status: 'failed', lastError: 'attempts_exhausted' });
	});

	it('a running job renews its lease, so no other runner takes it while it runs', async () => {
		const blocking = blockingHandler();
		const busy = runner({ 'test.long': blocking.handler }, { leaseMs: 300 });
		await enqueueJob({ ctx: t.ctx, kind: 'test.long', payload: {}, dedupeKey: 'long' });
		const running = busy.runDueJobs();
		await waitFor(() => blocking.started.length === 1, 'the job to start');
		const firstLease = (await findJob('long'))!.leaseExpiresAt!;
		t.ctx.clock.advance(10_000); // far past the first lease
		await waitFor(async () => (await findJob('long'))!.leaseExpiresAt! > firstLease, 'the lease to be renewed');
		const other = runner({ 'test.long': blocking.handler });
		expect(await other.runDueJobs()).toBe(0);
		blocking.release();
		await running;
		expect(blocking.started).toHaveLength(1);
		expect(await findJob('long')).toMatchObject({ status: 'done', attempts: 1 });
	});

	it('stopping gives a still-running job back to the queue at once, not counted as an attempt', async () => {
		const blocking = blockingHandler();
		const stopping = runner({ 'test.slow': blocking.handler }, { shutdownGraceMs: 50 });
		await enqueueJob({ ctx: t.ctx, kind: 'test.slow', payload: {}, dedupeKey: 'slow' });
		stopping.start();
		await waitFor(() => blocking.started.length === 1, 'the job to start');
		await stopping.stop();
		expect(await findJob('slow')).toMatchObject({ status: 'pending', attempts: 0, leaseOwner: null, leaseExpiresAt: null });
		const runs: string[] = [];
		expect(await runner({ 'test.slow': async ({ job }) => void runs.push(job.id) }).runDueJobs()).toBe(1);
		blocking.release();
		expect(await findJob('slow')).toMatchObject({ status: 'done', attempts: 1 });
	});

	it('a started runner picks up a newly enqueued job without waiting for its next poll', async () => {
		const runs: string[] = [];
		const started = runner({ 'test.wake': async ({ job }) => void runs.push(job.id) }, { pollIntervalMs: 600_000 });
		started.start();
		try {
			await new Promise((resolve) => setTimeout(resolve, 200)); // the first poll has found nothing and sleeps
			await t.ctx.db.transaction().execute((trx) => enqueueJob({ ctx: t.ctx, db: trx, kind: 'test.wake', payload: {}, dedupeKey: 'wake' }));
			await waitFor(async () => (await findJob('wake'))?.status === 'done', 'the job to run');
			expect(runs).toHaveLength(1);
		} finally {
			await started.stop();
		}
	});

	it('finished jobs are purged after 30 days, which frees their dedupe keys', async () => {
		const jobs = runner({ 'test.old': async () => {} });
		await enqueueJob({ ctx: t.ctx, kind: 'test.old', payload: {}, dedupeKey: 'old' });
		await jobs.runDueJobs();
		await createJobsRepository(t.ctx.db, dialect).purgeFinished(new Date(t.ctx.clock.now().getTime() - 30 * 24 * HOUR).toISOString());
		expect(await findJob('old')).toBeDefined();
		t.ctx.clock.advance(31 * 24 * HOUR);
		await jobs.runSchedules();
		expect(await findJob('old')).toBeUndefined();
	});

	it.runIf(dialect === 'postgres')('on PostgreSQL two instances working at once run each of 60 jobs exactly once', async () => {
		const other = await createAppContext({
			config: t.ctx.config,
			logger: createLogger('silent'),
			clock: t.ctx.clock,
			mailer: new CapturingMailer()
		});
		try {
			const executions: { jobId: string; instance: string }[] = [];
			const handlerFor =
				(instance: string): JobHandler =>
				async ({ job }) => {
					executions.push({ jobId: job.id, instance });
					await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
				};
			const ids: string[] = [];
			for (let i = 0; i < 60; i++) {
				await enqueueJob({ ctx: t.ctx, kind: 'test.parallel', payload: { i }, dedupeKey: `parallel-${i}` });
				ids.push((await findJob(`parallel-${i}`))!.id);
			}
			const first = runner({ 'test.parallel': handlerFor('first') }, { concurrency: 3 });
			const second = runner({ 'test.parallel': handlerFor('second') }, { ctx: other, concurrency: 3 });
			const counts = await Promise.all([first.runDueJobs(), second.runDueJobs(), first.runDueJobs(), second.runDueJobs()]);
			expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
			expect(executions.map((e) => e.jobId).toSorted()).toEqual(ids.toSorted());
			expect(new Set(executions.map((e) => e.instance))).toEqual(new Set(['first', 'second']));
			const statuses = await t.ctx.db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', 'test.parallel').execute();
			expect(statuses.every((row) => row.status === 'done' && row.attempts === 1)).toBe(true);
		} finally {
			await other.database.destroy();
		}
	});

	it.runIf(dialect === 'postgres')('on PostgreSQL a runner is woken by a job another instance enqueues (NOTIFY)', async () => {
		const other = await createAppContext({
			config: t.ctx.config,
			logger: createLogger('silent'),
			clock: t.ctx.clock,
			mailer: new CapturingMailer()
		});
		const runs: string[] = [];
		const listening = runner({ 'test.notify': async ({ job }) => void runs.push(job.id) }, { pollIntervalMs: 600_000 });
		listening.start();
		try {
			await new Promise((resolve) => setTimeout(resolve, 300)); // LISTEN is set up, the first poll found nothing
			await other.db
				.transaction()
				.execute((trx) => enqueueJob({ ctx: other, db: trx, kind: 'test.notify', payload: {}, dedupeKey: 'notify' }));
			await waitFor(async () => (await findJob('notify'))?.status === 'done', 'the job to run');
			expect(runs).toHaveLength(1);
		} finally {
			await listening.stop();
			await other.database.destroy();
		}
	});
});
