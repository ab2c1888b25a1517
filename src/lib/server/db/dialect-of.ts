import { PostgresAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.ts';
import type { Database } from './schema.ts';

/**
 * The dialect a query builder (the database or one of its transactions) speaks, for a door that is
 * handed only the builder and must lock a row on PostgreSQL (`for share`, which SQLite does not
 * know; SQLite has one writer, so its transaction reads the latest without a lock). Usecases that
 * have the context use `ctx.database.dialect` instead.
 */
export function dialectOf(db: Kysely<Database>): Dialect {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A read that decides a write, with its rows locked on PostgreSQL (`for share` or `for update`), so
 * a change in flight is waited for and then read; SQLite has one writer, so its transaction reads
 * the latest without a lock (and knows no `for share`).
 */
export function lockedOnPostgres<Q extends { forShare(): Q; forUpdate(): Q }>(query: Q, dialect: Dialect, mode: 'share' | 'update'): Q {
	if (dialect !== 'postgres') return query;
	return mode === 'share' ? query.forShare() : query.forUpdate();
}
