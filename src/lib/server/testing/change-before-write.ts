import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { waitFor } from './instances.ts';

/**
 * The context a request runs in, with `meanwhile` (another actor's change, on the real context)
 * done after the usecase read and checked what it decides on, just before its first write
 * transaction (`ctx.db.transaction()`, or the group commit's `ctx.database.commits.run()`) starts. A refusal decided from the reads before that
 * transaction misses the change; one decided inside it sees it. For the regression (race) tests
 * of "the rule is read again where the write happens" (decision 009's amendment and its kin).
 */
export function withChangeBeforeTheWrite(ctx: AppContext, meanwhile: () => Promise<unknown>): AppContext {
	const db = ctx.db;
	let done = false;
	const first = async () => {
		if (done) return;
		done = true;
		await meanwhile();
	};
	const held = new Proxy(db, {
		get(target, property) {
			if (property === 'transaction')
				return () => ({
					execute: async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
						await first();
						return db.transaction().execute(work);
					}
				});
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		}
	});
	// A conversation's changes run in the group commit's shared transaction (decision 022), not ctx.db's.
	const commits = ctx.database.commits;
	const run: typeof commits.run = async (work) => {
		await first();
		return commits.run(work);
	};
	return { ...ctx, db: held, database: { ...ctx.database, commits: { run, stats: () => commits.stats() } } };
}

/** How many statements of this database wait for a lock now (PostgreSQL). */
export async function statementsWaitingForALock(db: Kysely<Database>): Promise<number> {
	const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
		where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
	return rows[0]!.waiting;
}

/**
 * PostgreSQL: another actor's change (`change`) is made in a transaction left open, then `write`
 * starts; once a statement waits for a lock (the write waiting for the change), or the write has
 * already ended without waiting (which the caller's expectation then shows), the change commits.
 * Resolves with the write's error, or 'written' when it succeeded. The change is rolled back if
 * anything fails before its commit. For the regression (race, PostgreSQL) tests: a write that
 * reads the rule again under a lock waits for the change in flight and then sees it.
 */
export async function writeWhileChangeHeld(
	db: Kysely<Database>,
	change: (trx: Transaction<Database>) => Promise<unknown>,
	write: () => Promise<unknown>,
	what: string
): Promise<unknown> {
	const held = await db.startTransaction().execute();
	try {
		await change(held);
		const outcome = write().then(
			() => 'written',
			(error: unknown) => error
		);
		await waitFor(
			async () =>
				(await statementsWaitingForALock(db)) > 0 || (await Promise.race([outcome, Promise.resolve(undefined)])) !== undefined || undefined,
			what
		);
		await held.commit().execute();
		return await outcome;
	} finally {
		if (!held.isCommitted) await held.rollback().execute();
	}
}
