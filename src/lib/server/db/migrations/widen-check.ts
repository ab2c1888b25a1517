import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Replaces the CHECK on one column (to let it hold new values). PostgreSQL swaps the constraint;
 * SQLite cannot change a CHECK in place, so the table is rebuilt the way SQLite documents it
 * (foreign keys off, copy, rename, indexes back, foreign key check) in one transaction.
 * Migrations on SQLite run outside a transaction, so the pragma takes effect.
 */
export async function replaceColumnCheck(
	db: Kysely<any>,
	dialect: Dialect,
	{ table, column, from, to }: { table: string; column: string; from: string; to: string }
): Promise<void> {
	if (dialect === 'postgres') {
		const { rows } = await sql<{ conname: string }>`
			select conname from pg_constraint
			where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${`%${column}%`}
		`.execute(db);
		if (rows.length !== 1) throw new Error(`Expected one ${column} check on ${table}, found ${rows.length}.`);
		await sql`alter table ${sql.table(table)} drop constraint ${sql.id(rows[0]!.conname)}`.execute(db);
		await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_check`)} check (${sql.raw(to)})`.execute(db);
		return;
	}

	const { rows: tables } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
	const createSql = tables[0]?.sql;
	if (!createSql?.includes(from)) throw new Error(`The ${table} table does not have the expected ${column} check.`);
	const { rows: indexes } = await sql<{ sql: string }>`
		select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null
	`.execute(db);
	const rebuilt = `${table}_new`;

	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			const newSql = createSql.replace(from, to).replace(new RegExp(`^create table "?${table}"?`, 'i'), `create table "${rebuilt}"`);
			await sql.raw(newSql).execute(trx);
			await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(trx);
			await sql`drop table ${sql.table(table)}`.execute(trx);
			await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(trx);
			for (const index of indexes) await sql.raw(index.sql).execute(trx);
			const { rows: violations } = await sql`pragma foreign_key_check`.execute(trx);
			if (violations.length > 0) throw new Error(`Rebuilding ${table} broke a foreign key.`);
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}
