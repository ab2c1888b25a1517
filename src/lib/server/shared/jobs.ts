import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { isDomainError } from './errors.ts';
import { createJobsRepository } from './jobs.repository.ts';
import { newId } from './tokens.ts';

/**
 * Background jobs, durable in the database: a usecase enqueues a job in its own transaction (so
 * it exists exactly when the change does), and a runner on every instance claims due jobs,
 * runs the handler registered for their kind and records the outcome (jobs.runner.ts).
 * Execution is at least once: a handler must be safe to run again — see
 * docs/decisions/005-job-runner.md. Payloads hold ids and codes only: the handler reads
 * what it needs when it runs, so no client content waits in the queue or reaches a log.
 */

export const JOBS_CHANNEL = 'tweespraak_jobs';
export const DEFAULT_MAX_ATTEMPTS = 8;

export type JobPayloadValue = string | number | boolean | null | JobPayloadValue[] | { [key: string]: JobPayloadValue };
export type JobPayload = { [key: string]: JobPayloadValue };

/** A claimed job as its handler sees it. */
export interface Job {
	id: string;
	kind: string;
	organisationId: string | null;
	payload: unknown;
	/** 1 on the first run. */
	attempt: number;
	maxAttempts: number;
}

export interface JobHandlerInput {
	ctx: AppContext;
	job: Job;
	/** Aborted when the job times out, its lease is lost, or the instance stops. */
	signal: AbortSignal;
}

export type JobHandler = (input: JobHandlerInput) => Promise<void>;

export interface EnqueueJobInput {
	ctx: Pick<AppContext, 'clock' | 'database'>;
	/** The usecase's transaction, so the job is enqueued only if it commits; ctx.db otherwise. */
	db?: Kysely<Database>;
	kind: string;
	payload: JobPayload;
	/** The same key is never enqueued twice (while the finished job is kept, JOB_RETENTION_DAYS). */
	dedupeKey: string;
	organisationId?: string | null;
	/** Not before this moment; now when left out. */
	runAt?: Date;
	maxAttempts?: number;
}

/** Enqueues a job unless its dedupe key is already taken; true when this call added it. */
export async function enqueueJob(input: EnqueueJobInput): Promise<boolean> {
	const { ctx } = input;
	const db = input.db ?? ctx.database.db;
	const now = ctx.clock.now();
	const inserted = await createJobsRepository(db, ctx.database.dialect).insert({
		id: newId(),
		kind: input.kind,
		dedupeKey: input.dedupeKey,
		organisationId: input.organisationId ?? null,
		payload: JSON.stringify(input.payload),
		runAt: (input.runAt ?? now).toISOString(),
		maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
		now: now.toISOString()
	});
	if (!inserted) return false;
	if (ctx.database.dialect === 'postgres') {
		// Inside a transaction PostgreSQL delivers this on commit, and not at all on rollback.
		await sql`select pg_notify(${JOBS_CHANNEL}, '')`.execute(db);
	} else {
		wakeLocalRunners(ctx.database);
	}
	return true;
}

const localRunners = new WeakMap<DatabaseHandle, Set<() => void>>();

/** SQLite has one instance: its runner is told in process. */
export function onLocalEnqueue(database: DatabaseHandle, wake: () => void): () => void {
	const set = localRunners.get(database) ?? new Set();
	set.add(wake);
	localRunners.set(database, set);
	return () => set.delete(wake);
}

function wakeLocalRunners(database: DatabaseHandle): void {
	const wakers = localRunners.get(database);
	if (!wakers?.size) return;
	// SQLite serves one query at a time, so a claim made now waits until an open transaction
	// that enqueued this job has committed, and then sees it.
	setTimeout(() => wakers.forEach((wake) => wake()), 0);
}

/** A failure that another attempt cannot fix (a malformed payload): the job fails at once. */
export class PermanentJobError extends Error {
	readonly code: string;
	constructor(code: string) {
		super(code);
		this.name = 'PermanentJobError';
		this.code = code;
	}
}

export interface Backoff {
	baseMs: number;
	maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 3_600_000 };

/**
 * How long to wait before attempt `failedAttempt + 1`: doubling from `baseMs` up to `maxMs`,
 * spread by ±20 % so jobs that failed together (an SMTP outage) do not all come back at once.
 */
export function retryDelayMs(failedAttempt: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
	const exponent = Math.max(0, Math.min(failedAttempt - 1, 30));
	const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
	return Math.round(Math.min(backoff.maxMs, delay * (0.8 + 0.4 * random())));
}

const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * What is stored and logged about a failure: a code (a domain error's code, a system or SMTP
 * error code, or the error's class), never its message — a message may quote client content.
 */
export function jobErrorCode(error: unknown): string {
	if (isDomainError(error) || error instanceof PermanentJobError) return error.code;
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && CODE_PATTERN.test(code)) return code;
	if (typeof code === 'number' && Number.isInteger(code)) return String(code);
	if (error instanceof Error && CODE_PATTERN.test(error.name)) return error.name;
	return 'unknown';
}
