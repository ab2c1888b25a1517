import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../shared/logger.ts';
import { createThrowawayDatabase, describeOnBothDatabases, testDatabaseUrl, useTestContext } from '../testing/test-context.ts';
import { createDatabase } from './database.ts';

/** The named statements this connection holds (PostgreSQL); a statement with a `*` so it is never prepared itself. */
async function preparedOnThisConnection(db: Kysely<any>): Promise<string[]> {
	const { rows } = await sql<{ statement: string }>`select * from pg_prepared_statements where name like ${'tw_%'}`.execute(db);
	return rows.map((row) => row.statement);
}

describeOnBothDatabases('statements kept prepared', (dialect) => {
	const t = useTestContext(dialect);

	it('a kept statement answers for the values of each run', async () => {
		const { ctx } = t;
		const db = ctx.database.authDb;
		await sql`create table kept_test (id text primary key, name text)`.execute(db);
		for (const id of ['a', 'b', 'c']) await sql`insert into kept_test (id, name) values (${id}, ${`name ${id}`})`.execute(db);
		const from = (name: string) => db.selectFrom('kept_test').select('id').where('name', '>=', name).orderBy('id').execute();
		const runs = [];
		for (const name of ['name a', 'name c', 'name b', 'name a', 'name d', 'name c'])
			runs.push((await from(name)).map((row) => row.id).join(''));
		expect(runs).toEqual(['abc', 'c', 'bc', 'abc', '', 'c']);
		await sql`drop table kept_test`.execute(db);
	});

	it('a kept join answers for the values of each run: 0 and 1, limits, lists, patterns and a quoted question mark', async () => {
		// On SQLite each parameter reaches the statement as +? (sqlite-plans.ts), so SQLite plans it once.
		const { ctx } = t;
		const db = ctx.database.authDb;
		await sql`create table kept_parent (id text primary key, flag integer not null, label text)`.execute(db);
		await sql`create table kept_child (id text primary key, parent_id text not null, rank integer not null, note text)`.execute(db);
		await sql`create unique index kept_child_noted on kept_child (parent_id, rank) where note is not null`.execute(db);
		for (const [id, flag, label] of [
			['p1', 0, 'why?'],
			['p2', 1, 'because'],
			['p3', 2, '50%_off']
		] as const)
			await sql`insert into kept_parent (id, flag, label) values (${id}, ${flag}, ${label})`.execute(db);
		for (const [id, parent, rank, note] of [
			['c1', 'p1', 1, 'a'],
			['c2', 'p1', 2, null],
			['c3', 'p2', 1, 'b'],
			['c4', 'p2', 2, 'c'],
			['c5', 'p3', 1, null]
		] as const)
			await sql`insert into kept_child (id, parent_id, rank, note) values (${id}, ${parent}, ${rank}, ${note})`.execute(db);
		const children = (flag: number, limit: number) =>
			db
				.selectFrom('kept_child as c')
				.innerJoin('kept_parent as p', 'p.id', 'c.parent_id')
				.select('c.id')
				.where('p.flag', '=', flag)
				.where('c.rank', 'in', [1, 2])
				.orderBy('c.id')
				.limit(limit)
				.execute();
		const runs = [];
		for (const [flag, limit] of [
			[0, 5],
			[1, 1],
			[2, 5],
			[1, 5],
			[0, 1],
			[3, 5]
		] as const)
			runs.push((await children(flag, limit)).map((row) => row.id).join(''));
		expect(runs).toEqual(['c1c2', 'c3', 'c5', 'c3c4', 'c1', '']);
		const noted = (parent: string) =>
			db.selectFrom('kept_child').select('id').where('parent_id', '=', parent).where('note', 'is not', null).orderBy('id').execute();
		expect([(await noted('p1')).length, (await noted('p2')).length, (await noted('p3')).length]).toEqual([1, 2, 0]);
		const labelled = (pattern: string) =>
			sql<{
				id: string;
				asked: string;
			}>`select id, 'asked?' as asked from kept_parent where label like ${pattern} escape '\\' order by id`.execute(db);
		expect((await labelled('%?')).rows).toEqual([{ id: 'p1', asked: 'asked?' }]);
		expect((await labelled('50\\%%')).rows).toEqual([{ id: 'p3', asked: 'asked?' }]);
		expect((await labelled('%')).rows.map((row) => row.id)).toEqual(['p1', 'p2', 'p3']);
		await sql`drop table kept_child`.execute(db);
		await sql`drop table kept_parent`.execute(db);
	});

	it('a column added meanwhile (a newer instance migrating) breaks no statement, with or without `*`', async () => {
		const { ctx } = t;
		const db = ctx.database.authDb;
		await sql`create table migrated_test (id text primary key, name text)`.execute(db);
		await sql`insert into migrated_test (id, name) values (${'a'}, ${'Anna'})`.execute(db);
		await db.transaction().execute(async (trx) => {
			const named = () => trx.selectFrom('migrated_test').select(['id', 'name']).where('id', '=', 'a').execute();
			const all = () => trx.selectFrom('migrated_test').selectAll().where('id', '=', 'a').execute();
			expect(await named()).toEqual([{ id: 'a', name: 'Anna' }]);
			expect(await all()).toEqual([{ id: 'a', name: 'Anna' }]);
			if (dialect === 'postgres') {
				const prepared = await preparedOnThisConnection(trx);
				expect(prepared.some((statement) => statement.includes('"migrated_test"'))).toBe(true);
				expect(prepared.filter((statement) => statement.includes('*'))).toEqual([]);
			}
			await sql`alter table migrated_test add column extra text`.execute(trx);
			expect(await named()).toEqual([{ id: 'a', name: 'Anna' }]);
			expect(await all()).toEqual([{ id: 'a', name: 'Anna', extra: null }]);
		});
		await sql`drop table migrated_test`.execute(db);
	});
});

describe.runIf(testDatabaseUrl)('prepared statements refused by PostgreSQL', () => {
	it('when PostgreSQL refuses a prepared statement, that statement fails once, a warning says so, and nothing is prepared any more', async () => {
		const throwaway = await createThrowawayDatabase();
		const warnings: unknown[] = [];
		const logger = { warn: (entry: unknown) => void warnings.push(entry) } as unknown as Logger;
		const handle = createDatabase({ databaseUrl: throwaway.url, dataDir: '.', logger });
		const db = handle.authDb;
		try {
			await sql`create table refused_test (id text primary key)`.execute(db);
			await sql`insert into refused_test (id) values (${'a'})`.execute(db);
			const find = (executor: Kysely<any>) => executor.selectFrom('refused_test').select('id').where('id', '=', 'a').execute();
			// What a pooler in transaction mode does to a connection's statements.
			const refused = db.transaction().execute(async (trx) => {
				expect(await find(trx)).toEqual([{ id: 'a' }]);
				await sql`deallocate all`.execute(trx);
				return find(trx);
			});
			await expect(refused).rejects.toMatchObject({ code: '26000' });
			expect(warnings).toEqual([expect.objectContaining({ event: 'db.prepared_statements_off', code: '26000' })]);
			await db.transaction().execute(async (trx) => {
				await sql`deallocate all`.execute(trx);
				expect(await find(trx)).toEqual([{ id: 'a' }]);
				expect(await find(trx)).toEqual([{ id: 'a' }]);
				expect(await preparedOnThisConnection(trx)).toEqual([]);
			});
			expect(warnings).toHaveLength(1);
		} finally {
			await handle.destroy();
			await throwaway.drop();
		}
	});
});
