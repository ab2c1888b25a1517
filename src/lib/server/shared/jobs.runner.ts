import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import type { AppContext } from '../context.ts';
import { createJobsRepository, type JobRecord } from './jobs.repository.ts';
import {
	DEFAULT_BACKOFF,
	JOBS_CHANNEL,
	jobErrorCode,
	onLocalEnqueue,
	PermanentJobError,
	retryDelayMs,
	type Backoff,
	type Job,
	type JobHandler
} from './jobs.ts';

/** Finished jobs are kept this long (their dedupe keys with them), then purged. */
export const JOB_RETENTION_DAYS = 30;

/** Recurring work, e.g. "enqueue the reminders that are due". Every instance runs it; enqueueing by dedupe key makes that safe. */
export interface Schedule {
	name: string;
	everyMs: number;
	/** Returns a count for the log (jobs enqueued, rows purged). */
	run(ctx: AppContext): Promise<number>;
}

export interface JobRunnerOptions {
	handlers: Record<string, JobHandler>;
	schedules?: Schedule[];
	pollIntervalMs: number;
	leaseMs: number;
	/** Jobs run at once by this instance. */
	concurrency?: number;
	/** A handler still running after this is aborted and its job retried. */
	jobTimeoutMs?: number;
	/** How long stop() waits for running jobs before it gives them back to the queue. */
	shutdownGraceMs?: number;
	backoff?: Backoff;
	/** Identifies this runner in lease_owner: host, process id and a random part. */
	owner?: string;
}

export interface JobRunner {
	readonly owner: string;
	/** Polls, runs the schedules and (PostgreSQL) listens for new jobs until stop(). */
	start(): void;
	/** Claims and runs due jobs until none is left; the number run. start() calls it on every poll. */
	runDueJobs(): Promise<number>;
	/** Runs every schedule once. */
	runSchedules(): Promise<void>;
	/** Stops claiming, waits a little for running jobs, and gives unfinished ones back; idempotent. */
	stop(): Promise<void>;
}

interface Running {
	job: JobRecord;
	controller: AbortController;
}

const DAY_MS = 86_400_000;

export function defaultRunnerOwner(): string {
	return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

export function createJobRunner(ctx: AppContext, options: JobRunnerOptions): JobRunner {
	const { logger, clock } = ctx;
	const owner = options.owner ?? defaultRunnerOwner();
	const repo = createJobsRepository(ctx.db, ctx.database.dialect);
	const concurrency = options.concurrency ?? 4;
	const jobTimeoutMs = options.jobTimeoutMs ?? 10 * 60_000;
	const backoff = options.backoff ?? DEFAULT_BACKOFF;
	const purge: Schedule = {
		name: 'jobs.purge',
		everyMs: 3_600_000,
		run: () => repo.purgeFinished(new Date(clock.now().getTime() - JOB_RETENTION_DAYS * DAY_MS).toISOString())
	};
	const schedules = [...(options.schedules ?? []), purge];
	const running = new Map<string, Running>();
	const timers: ReturnType<typeof setInterval>[] = [];
	let state: 'idle' | 'started' | 'stopping' | 'stopped' = 'idle';
	let wakeSleeper: (() => void) | undefined;
	let loop: Promise<void> | undefined;
	let stopListening: (() => Promise<void>) | undefined;
	let stopLocalWake: (() => void) | undefined;
	const nowIso = () => clock.now().toISOString();
	const leaseFromNow = () => new Date(clock.now().getTime() + options.leaseMs).toISOString();

	// A wake-up while jobs are being claimed is kept, so the next sleep ends at once.
	let wokenWhileBusy = false;
	function wake(): void {
		if (wakeSleeper) wakeSleeper();
		else wokenWhileBusy = true;
	}

	async function sleep(ms: number): Promise<void> {
		if (wokenWhileBusy) {
			wokenWhileBusy = false;
			return;
		}
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				wakeSleeper = undefined;
				resolve();
			}
			wakeSleeper = done;
		});
	}

	async function runDueJobs(): Promise<number> {
		let count = 0;
		while (state === 'idle' || state === 'started') {
			const claimed = await repo.claimDue({ owner, now: nowIso(), leaseExpiresAt: leaseFromNow(), limit: concurrency });
			await Promise.all(claimed.map(execute));
			count += claimed.length;
			if (claimed.length < concurrency) break;
		}
		return count;
	}

	async function execute(record: JobRecord): Promise<void> {
		const controller = new AbortController();
		running.set(record.id, { job: record, controller });
		const renewal = setInterval(() => void renew(record, controller), Math.max(10, Math.floor(options.leaseMs / 3)));
		const started = performance.now();
		try {
			// A job whose earlier attempts all ended with the instance dying (it kept the lease) stops here.
			if (record.attempts > record.maxAttempts) throw new PermanentJobError('attempts_exhausted');
			await runHandler(toJob(record), controller);
			const done = await repo.markDone(record.id, owner, nowIso());
			const ms = Math.round(performance.now() - started);
			if (done) logger.debug({ event: 'jobs.done', jobId: record.id, kind: record.kind, attempt: record.attempts, ms }, 'job done');
			else logger.warn({ event: 'jobs.lease_lost', jobId: record.id, kind: record.kind }, 'job finished after its lease was lost');
		} catch (error) {
			await recordFailure(record, error).catch((cause: unknown) =>
				logger.error({ event: 'jobs.record_failed', jobId: record.id, code: jobErrorCode(cause) }, 'could not record a job failure')
			);
		} finally {
			clearInterval(renewal);
			running.delete(record.id);
		}
	}

	async function runHandler(job: Job, controller: AbortController): Promise<void> {
		const handler = options.handlers[job.kind];
		// Unknown here, perhaps known to a newer instance during a rolling update: retried.
		if (!handler) throw Object.assign(new Error('unknown job kind'), { code: 'unknown_kind' });
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				controller.abort();
				reject(Object.assign(new Error('job timed out'), { code: 'timeout' }));
			}, jobTimeoutMs);
		});
		try {
			await Promise.race([handler({ ctx, job, signal: controller.signal }), timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	async function renew(record: JobRecord, controller: AbortController): Promise<void> {
		if (controller.signal.aborted) return;
		try {
			if (await repo.renewLease(record.id, owner, leaseFromNow(), nowIso())) return;
			logger.warn({ event: 'jobs.lease_lost', jobId: record.id, kind: record.kind }, 'job lease lost while running');
			controller.abort();
		} catch (error) {
			logger.warn({ event: 'jobs.renew_failed', jobId: record.id, code: jobErrorCode(error) }, 'could not renew a job lease');
		}
	}

	async function recordFailure(record: JobRecord, error: unknown): Promise<void> {
		const errorCode = jobErrorCode(error);
		const fields = { jobId: record.id, kind: record.kind, attempt: record.attempts, code: errorCode };
		if (error instanceof PermanentJobError || record.attempts >= record.maxAttempts) {
			if (await repo.markFailed(record.id, owner, { errorCode, now: nowIso() })) {
				logger.error({ event: 'jobs.failed', ...fields }, 'job failed for good');
			}
			return;
		}
		const retryInMs = retryDelayMs(record.attempts, backoff);
		const runAt = new Date(clock.now().getTime() + retryInMs).toISOString();
		if (await repo.markRetry(record.id, owner, { runAt, errorCode, now: nowIso() })) {
			logger.warn({ event: 'jobs.retry_scheduled', ...fields, retryInMs }, 'job failed; it will be retried');
		}
	}

	async function runSchedule(schedule: Schedule): Promise<void> {
		try {
			const count = await schedule.run(ctx);
			logger.debug({ event: 'jobs.schedule_ran', schedule: schedule.name, count }, 'schedule ran');
			if (count > 0) wake();
		} catch (error) {
			logger.warn({ event: 'jobs.schedule_failed', schedule: schedule.name, code: jobErrorCode(error) }, 'schedule failed');
		}
	}

	async function runSchedules(): Promise<void> {
		for (const schedule of schedules) await runSchedule(schedule);
	}

	async function pollUntilStopped(): Promise<void> {
		while (state === 'started') {
			try {
				await runDueJobs();
			} catch (error) {
				logger.warn({ event: 'jobs.poll_failed', code: jobErrorCode(error) }, 'could not claim jobs');
			}
			if (state === 'started') await sleep(options.pollIntervalMs);
		}
	}

	return {
		owner,
		runDueJobs,
		runSchedules,
		start() {
			if (state !== 'idle') return;
			state = 'started';
			stopLocalWake = onLocalEnqueue(ctx.database, wake);
			if (ctx.database.pool) stopListening = listenForJobs(ctx, ctx.database.pool, wake);
			for (const schedule of schedules) {
				const timer = setInterval(() => void runSchedule(schedule), schedule.everyMs);
				timer.unref?.();
				timers.push(timer);
			}
			loop = runSchedules().then(pollUntilStopped);
			logger.info({ event: 'jobs.runner_started', owner, pollIntervalMs: options.pollIntervalMs }, 'job runner started');
		},
		async stop() {
			if (state === 'stopping' || state === 'stopped') return;
			state = 'stopping';
			timers.forEach(clearInterval);
			stopLocalWake?.();
			wake();
			await Promise.race([loop ?? Promise.resolve(), delay(options.shutdownGraceMs ?? 5000)]);
			// Whatever still runs goes back to the queue now rather than stay locked until its lease expires.
			for (const { job, controller } of running.values()) {
				controller.abort();
				const released = await repo.release(job.id, owner, nowIso()).catch(() => false);
				if (released) logger.info({ event: 'jobs.released', jobId: job.id, kind: job.kind }, 'job given back at shutdown');
			}
			await stopListening?.();
			state = 'stopped';
			logger.info({ event: 'jobs.runner_stopped', owner }, 'job runner stopped');
		}
	};
}

function toJob(record: JobRecord): Job {
	let payload: unknown;
	try {
		payload = JSON.parse(record.payload);
	} catch {
		throw new PermanentJobError('invalid_payload');
	}
	return {
		id: record.id,
		kind: record.kind,
		organisationId: record.organisationId,
		payload,
		attempt: record.attempts,
		maxAttempts: record.maxAttempts
	};
}

/**
 * PostgreSQL: one LISTEN connection wakes the runner when any instance enqueues a job. Polling
 * stays the safety net, so a lost connection only slows things down until it is back.
 */
function listenForJobs(ctx: AppContext, pool: pg.Pool, wake: () => void): () => Promise<void> {
	let client: pg.PoolClient | undefined;
	let closed = false;
	let retry: ReturnType<typeof setTimeout> | undefined;
	/** One try again at a time: a connection lost while it was being set up fails twice (its error and its LISTEN). */
	const retryLater = () => {
		if (!closed && !retry) retry = setTimeout(connect, 5000);
	};
	const onError = () => {
		const lost = client;
		client = undefined;
		lost?.release(true);
		retryLater();
	};
	async function connect(): Promise<void> {
		retry = undefined;
		let next: pg.PoolClient | undefined;
		try {
			next = await pool.connect();
			next.on('notification', (message) => message.channel === JOBS_CHANNEL && wake());
			next.on('error', onError);
			await next.query(`LISTEN ${JOBS_CHANNEL}`);
			if (closed) {
				next.release();
				return;
			}
			client = next;
		} catch (error) {
			// A client that failed while it was set up goes back broken, so the pool does not keep it out.
			next?.off('error', onError);
			next?.release(true);
			ctx.logger.warn({ event: 'jobs.listen_failed', code: jobErrorCode(error) }, 'jobs wake-up connection failed; polling only');
			retryLater();
		}
	}
	const connecting = connect();
	return async () => {
		closed = true;
		clearTimeout(retry);
		await connecting;
		const last = client;
		client = undefined;
		if (!last) return;
		last.off('error', onError);
		await last.query(`UNLISTEN ${JOBS_CHANNEL}`).catch(() => undefined);
		last.release();
	};
}
