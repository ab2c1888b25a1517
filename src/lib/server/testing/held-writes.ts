import type Database from 'better-sqlite3';
import pg from 'pg';
import { waitFor } from './instances.ts';

/**
 * Sends `request` while this other SQLite connection holds the database's write lock (BEGIN
 * IMMEDIATE: SQLite locks the whole database for a write, not one row), so the server's write
 * gives up with SQLITE_BUSY after its busy timeout; then lets go, having stored nothing.
 */
export async function sendWhileSqliteLocked<T>(connection: Database.Database, request: () => Promise<T>): Promise<T> {
	connection.exec('begin immediate');
	try {
		return await request();
	} finally {
		connection.exec('rollback');
	}
}

/**
 * Sends `request` while `connection` holds a row (`hold`, an update of it in an open transaction),
 * and commits once `observer` sees a statement of this database waiting for a lock: at repeatable
 * read, the request's own update of that row then fails as a serialization failure (40001).
 */
export async function sendWhilePostgresRowHeld<T>(
	connection: pg.Client,
	observer: pg.Client,
	hold: { sql: string; params: unknown[] },
	request: () => Promise<T>
): Promise<T> {
	await connection.query('begin');
	let held = true;
	try {
		await connection.query(hold.sql, hold.params);
		const answer = request();
		await waitFor(async () => {
			const { rows } = await observer.query(
				"select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
			);
			return (rows[0] as { waiting: number }).waiting > 0 || undefined;
		}, 'the request to wait for the held row');
		await connection.query('commit');
		held = false;
		return await answer;
	} finally {
		if (held) await connection.query('rollback');
	}
}

/**
 * Makes `databaseUrl`'s database run every transaction at repeatable read: a transaction that
 * finds its row changed by one that committed after it began then fails (40001) instead of going
 * on with the newer row, as it would at read committed.
 */
export async function useRepeatableRead(databaseUrl: string): Promise<void> {
	const admin = new pg.Client({ connectionString: databaseUrl });
	await admin.connect();
	try {
		await admin.query(`alter database ${new URL(databaseUrl).pathname.slice(1)} set default_transaction_isolation = 'repeatable read'`);
	} finally {
		await admin.end();
	}
}
