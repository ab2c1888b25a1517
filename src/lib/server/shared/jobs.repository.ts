import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Database, JobStatus } from '../db/schema.ts';

export interface JobRecord {
	id: string;
	kind: string;
	dedupeKey: string;
	organisationId: string | null;
	payload: string;
	status: JobStatus;
	runAt: string;
	attempts: number;
	maxAttempts: number;
	leaseOwner: string | null;
	leaseExpiresAt: string | null;
	lastError: string | null;
	createdAt: string;
	doneAt: string | null;
}

export interface NewJob {
	id: string;
	kind: string;
	dedupeKey: string;
	organisationId: string | null;
	payload: string;
	runAt: string;
	maxAttempts: number;
	now: string;
}

const COLUMNS = [
	'id',
	'kind',
	'dedupeKey',
	'organisationId',
	'payload',
	'status',
	'runAt',
	'attempts',
	'maxAttempts',
	'leaseOwner',
	'leaseExpiresAt',
	'lastError',
	'createdAt',
	'doneAt'
] as const;

/**
 * The jobs table. Queue-wide by nature (the runner serves every organisation); jobs carry their
 * organisation for erasure, and handlers scope their own reads. Every change of a claimed job is
 * conditional on the lease owner, so a runner that lost its lease cannot overwrite the outcome
 * of the runner that took the job over.
 */
export function createJobsRepository(db: Kysely<Database>, dialect: Dialect) {
	const owned = (id: string, owner: string) =>
		db.updateTable('jobs').where('id', '=', id).where('leaseOwner', '=', owner).where('status', '=', 'running');

	return {
		/** False when a job with this dedupe key exists (or existed and is still kept). */
		async insert(job: NewJob): Promise<boolean> {
			const rows = await db
				.insertInto('jobs')
				.values({
					id: job.id,
					kind: job.kind,
					dedupeKey: job.dedupeKey,
					organisationId: job.organisationId,
					payload: job.payload,
					status: 'pending',
					runAt: job.runAt,
					attempts: 0,
					maxAttempts: job.maxAttempts,
					leaseOwner: null,
					leaseExpiresAt: null,
					lastError: null,
					createdAt: job.now,
					updatedAt: job.now,
					doneAt: null
				})
				.onConflict((oc) => oc.column('dedupeKey').doNothing())
				.returning('id')
				.execute();
			return rows.length > 0;
		},

		/**
		 * Takes up to `limit` claimable jobs — pending and due, or running with an expired lease (a
		 * crashed instance) — for `owner`, and counts the attempt. The one dialect-specific query:
		 * on PostgreSQL several instances claim at once, and FOR UPDATE SKIP LOCKED lets each take
		 * different rows without waiting; the array() makes the candidates be chosen exactly once.
		 * SQLite has one writer at a time, so its single UPDATE … RETURNING is already atomic.
		 */
		async claimDue(input: { owner: string; now: string; leaseExpiresAt: string; limit: number }): Promise<JobRecord[]> {
			const candidates = db
				.selectFrom('jobs')
				.select('id')
				.where((eb) =>
					eb.or([
						eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', input.now)]),
						eb.and([eb('status', '=', 'running'), eb('leaseExpiresAt', '<', input.now)])
					])
				)
				.orderBy('runAt')
				.orderBy('id')
				.limit(input.limit);
			const update = db.updateTable('jobs').set((eb) => ({
				status: 'running',
				attempts: eb('attempts', '+', 1),
				leaseOwner: input.owner,
				leaseExpiresAt: input.leaseExpiresAt,
				updatedAt: input.now
			}));
			const claimed =
				dialect === 'postgres'
					? update.where(sql<boolean>`${sql.ref('id')} = any(array(${candidates.forUpdate().skipLocked()}))`)
					: update.where('id', 'in', candidates);
			return claimed.returning(COLUMNS).execute();
		},

		/** False when the lease was lost (it expired and another runner took the job). */
		async renewLease(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean> {
			const result = await owned(id, owner).set({ leaseExpiresAt, updatedAt: now }).executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		async markDone(id: string, owner: string, now: string): Promise<boolean> {
			const result = await owned(id, owner)
				.set({ status: 'done', doneAt: now, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		/** Back to the queue for another attempt at `runAt`, with the code of what went wrong. */
		async markRetry(id: string, owner: string, input: { runAt: string; errorCode: string; now: string }): Promise<boolean> {
			const result = await owned(id, owner)
				.set({
					status: 'pending',
					runAt: input.runAt,
					lastError: input.errorCode,
					leaseOwner: null,
					leaseExpiresAt: null,
					updatedAt: input.now
				})
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		async markFailed(id: string, owner: string, input: { errorCode: string; now: string }): Promise<boolean> {
			const result = await owned(id, owner)
				.set({
					status: 'failed',
					lastError: input.errorCode,
					doneAt: input.now,
					leaseOwner: null,
					leaseExpiresAt: null,
					updatedAt: input.now
				})
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		/** Gives an unfinished job back at shutdown: due at once, and the interrupted attempt not counted. */
		async release(id: string, owner: string, now: string): Promise<boolean> {
			const result = await owned(id, owner)
				.set((eb) => ({
					status: 'pending',
					runAt: now,
					attempts: eb('attempts', '-', 1),
					leaseOwner: null,
					leaseExpiresAt: null,
					updatedAt: now
				}))
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		/** Removes finished jobs (done or failed) older than `before`; their dedupe keys are free again. */
		async purgeFinished(before: string): Promise<number> {
			const result = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('doneAt', '<', before).executeTakeFirst();
			return Number(result.numDeletedRows);
		},

		async findByDedupeKey(dedupeKey: string): Promise<JobRecord | undefined> {
			return db.selectFrom('jobs').select(COLUMNS).where('dedupeKey', '=', dedupeKey).executeTakeFirst();
		}
	};
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
