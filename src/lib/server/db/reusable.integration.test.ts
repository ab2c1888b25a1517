import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { reusableStatement } from './reusable.ts';
import type { Database } from './schema.ts';

/** A table of this test only, reached through the application's names (camelCase) like any other. */
const table = (db: Kysely<Database>) => db as unknown as Kysely<{ reusableTest: { id: string; displayName: string; note: string | null } }>;

const insertRows = reusableStatement((db: Kysely<Database>, rows: { id: string; displayName: string; note?: string | null }[]) =>
	table(db).insertInto('reusableTest').values(rows)
);
const findByName = reusableStatement((db: Kysely<Database>, { from, ids }: { from: string; ids: string[] }) =>
	table(db)
		.selectFrom('reusableTest')
		.select(['id', 'displayName', 'note'])
		.where('displayName', '>=', from)
		.where('id', 'in', ids)
		.orderBy('id')
);
const rename = reusableStatement((db: Kysely<Database>, { id, displayName }: { id: string; displayName: string }) =>
	table(db).updateTable('reusableTest').set({ displayName }).where('id', '=', id)
);

describeOnBothDatabases('statements built once (reusableStatement)', (dialect) => {
	const t = useTestContext(dialect);

	it('runs with the values of each run, per shape, in and outside a transaction, and refuses a value used while building', async () => {
		const { ctx } = t;
		await sql`create table reusable_test (id text primary key, display_name text not null, note text)`.execute(ctx.database.authDb);
		await insertRows(ctx.db, [{ id: 'a', displayName: 'Anna', note: 'x' }]);
		// Another number of rows, a null and a left-out column: other shapes, other statements.
		await insertRows(ctx.db, [
			{ id: 'b', displayName: 'Bram', note: null },
			{ id: 'c', displayName: 'Cor' }
		]);
		await insertRows(ctx.db, [{ id: 'd', displayName: 'Dirk', note: 'y' }]);
		const names = async (from: string, ids: string[]) => (await findByName(ctx.db, { from, ids })).rows;
		expect(await names('A', ['a', 'b', 'c', 'd'])).toEqual([
			{ id: 'a', displayName: 'Anna', note: 'x' },
			{ id: 'b', displayName: 'Bram', note: null },
			{ id: 'c', displayName: 'Cor', note: null },
			{ id: 'd', displayName: 'Dirk', note: 'y' }
		]);
		expect((await names('C', ['a', 'c'])).map((row) => row.id)).toEqual(['c']);
		expect((await names('B', ['b', 'c', 'd'])).map((row) => row.id)).toEqual(['b', 'c', 'd']);
		await ctx.db.transaction().execute(async (trx) => {
			const result = await rename(trx, { id: 'b', displayName: 'Bea' });
			expect(Number(result.numAffectedRows)).toBe(1);
			expect(Number((await rename(trx, { id: 'z', displayName: 'Zoë' })).numAffectedRows)).toBe(0);
		});
		expect((await names('Be', ['b'])).map((row) => row.displayName)).toEqual(['Bea']);

		const inspecting = reusableStatement((db: Kysely<Database>, { id }: { id: string }) =>
			table(db).selectFrom('reusableTest').select('id').where('id', '=', `${id}`)
		);
		await expect(inspecting(ctx.db, { id: 'a' })).rejects.toThrow(/did not reach the statement/);
		await sql`drop table reusable_test`.execute(ctx.database.authDb);
	});
});
