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
