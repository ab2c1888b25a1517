import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

const OLD_LOCALE_CHECK = "locale in ('nl', 'en')";
const NEW_LOCALE_CHECK = "locale in ('nl', 'en', 'ar', 'tr', 'pl', 'uk')";

/**
 * Client languages (issue 16, docs/decisions/021-client-languages-rtl-and-read-aloud.md): a
 * participant may read the client pages in Arabic, Turkish, Polish or Ukrainian too; an
 * organisation chooses which of them it offers (Dutch and English at first, as before); and it may
 * word a client text its own way per language, without a new release.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await widenParticipantLocaleCheck(db, dialect);
	await db.schema
		.alterTable('organisations')
		.addColumn('client_locales', 'text', (c) => c.notNull().defaultTo('nl,en'))
		.execute();
	await db.schema
		.createTable('message_overrides')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('locale', 'text', (c) => c.notNull().check(sql.raw(NEW_LOCALE_CHECK)))
		.addColumn('message_key', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('message_overrides_pk', ['organisation_id', 'locale', 'message_key'])
		.execute();
}

/**
 * PostgreSQL swaps the constraint; SQLite cannot change a CHECK in place, so the table is rebuilt
 * as SQLite documents it (as migration 0003 did for conversations): foreign keys off, copy,
 * rename, indexes back, foreign key check, in one transaction.
 */
async function widenParticipantLocaleCheck(db: Kysely<any>, dialect: Dialect): Promise<void> {
	if (dialect === 'postgres') {
		const { rows } = await sql<{ conname: string }>`
			select conname from pg_constraint
			where conrelid = 'participants'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%locale%'
		`.execute(db);
		if (rows.length !== 1) throw new Error(`Expected one locale check on participants, found ${rows.length}.`);
		await sql`alter table participants drop constraint ${sql.id(rows[0]!.conname)}`.execute(db);
		await sql`alter table participants add constraint participants_locale_check check (${sql.raw(NEW_LOCALE_CHECK)})`.execute(db);
		return;
	}
	const { rows: tables } = await sql<{ sql: string }>`
		select sql from sqlite_master where type = 'table' and name = 'participants'
	`.execute(db);
	const createSql = tables[0]?.sql;
	if (!createSql?.includes(OLD_LOCALE_CHECK)) throw new Error('The participants table does not have the expected locale check.');
	const { rows: indexes } = await sql<{ sql: string }>`
		select sql from sqlite_master where type = 'index' and tbl_name = 'participants' and sql is not null
	`.execute(db);
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			const newSql = createSql
				.replace(OLD_LOCALE_CHECK, NEW_LOCALE_CHECK)
				.replace(/^create table "?participants"?/i, 'create table "participants_new"');
			await sql.raw(newSql).execute(trx);
			await sql`insert into participants_new select * from participants`.execute(trx);
			await sql`drop table participants`.execute(trx);
			await sql`alter table participants_new rename to participants`.execute(trx);
			for (const index of indexes) await sql.raw(index.sql).execute(trx);
			const { rows: violations } = await sql`pragma foreign_key_check`.execute(trx);
			if (violations.length > 0) throw new Error('Rebuilding participants broke a foreign key.');
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}
