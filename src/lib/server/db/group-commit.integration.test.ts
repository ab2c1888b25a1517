import { RawNode, sql, type Kysely, type KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createGroupCommit } from './group-commit.ts';
import type { Database } from './schema.ts';

const insert = (trx: Kysely<Database>, id: string) => sql`insert into group_commit_test (id) values (${id})`.execute(trx);

describeOnBothDatabases('group commit', (dialect) => {
	const t = useTestContext(dialect);

	async function stored(): Promise<string[]> {
		const { rows } = await sql<{ id: string }>`select id from group_commit_test order by id`.execute(t.ctx.database.authDb);
		return rows.map((row) => row.id);
	}

	async function withTable(test: () => Promise<void>) {
		await sql`create table group_commit_test (id text primary key)`.execute(t.ctx.database.authDb);
		try {
			await test();
		} finally {
			await sql`drop table group_commit_test`.execute(t.ctx.database.authDb);
		}
	}

	it('writes that arrive together share one transaction, and each is stored when its promise resolves', async () => {
		await withTable(async () => {
			const commits = createGroupCommit(t.ctx.db, { windowMs: 5 });
			const ids = ['a', 'b', 'c', 'd', 'e'];
			await Promise.all(ids.map((id) => commits.run((trx) => insert(trx, id))));
			expect(commits.stats()).toEqual({ batches: 1, members: 5 });
			expect(await stored()).toEqual(ids);
		});
	});

	it('a write alone in its batch is a transaction of its own: no savepoint round trips, stored, and its failure is its own', async () => {
		await withTable(async () => {
			const sent: string[] = [];
			const counting: KyselyPlugin = {
				transformQuery: ({ node }) => {
					if (RawNode.is(node)) sent.push(node.sqlFragments.join('?').trim());
					return node;
				},
				transformResult: async ({ result }) => result
			};
			const commits = createGroupCommit(t.ctx.db.withPlugin(counting), { windowMs: 1 });
			await commits.run((trx) => insert(trx, 'a'));
			await expect(commits.run((trx) => insert(trx, 'a'))).rejects.toThrow();
			await expect(
				commits.run(async (trx) => {
					await insert(trx, 'b');
					throw new Error('refused after writing');
				})
			).rejects.toThrow('refused after writing');
			expect(sent.filter((statement) => /savepoint/i.test(statement))).toEqual([]);
			expect(sent.filter((statement) => statement.startsWith('insert'))).toHaveLength(3);
			expect(await stored()).toEqual(['a']);
			expect(commits.stats()).toEqual({ batches: 1, members: 1 });
		});
	});

	it('a member that fails is rolled back and fails alone; the others of its batch are stored', async () => {
		await withTable(async () => {
			const commits = createGroupCommit(t.ctx.db, { windowMs: 5 });
			const outcomes = await Promise.allSettled([
				commits.run((trx) => insert(trx, 'a')),
				commits.run(async (trx) => {
					await insert(trx, 'b');
					throw new Error('refused after writing');
				}),
				// A database error (a duplicate key) inside the batch, too.
				commits.run((trx) => insert(trx, 'a')),
				commits.run((trx) => insert(trx, 'c'))
			]);
			expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
			expect(await stored()).toEqual(['a', 'c']);
			expect(commits.stats()).toEqual({ batches: 1, members: 4 });
		});
	});

	it('when the shared transaction fails as a whole, every member that had succeeded is stored on its own', async () => {
		await withTable(async () => {
			const commits = createGroupCommit(t.ctx.db, { windowMs: 5 });
			let breakTheBatch = true;
			const outcomes = await Promise.allSettled([
				commits.run((trx) => insert(trx, 'a')),
				commits.run(async (trx) => {
					await insert(trx, 'b');
					// Breaks the savepoint the batch would release next: the shared transaction fails, once.
					if (breakTheBatch) {
						breakTheBatch = false;
						await sql`release savepoint group_commit_member`.execute(trx);
					}
				}),
				commits.run((trx) => insert(trx, 'c'))
			]);
			expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
			expect(await stored()).toEqual(['a', 'b', 'c']);
			expect(commits.stats()).toEqual({ batches: 0, members: 0 });
		});
	});

	// PostgreSQL commits a few batches at once; SQLite has one connection and one batch at a time.
	it.skipIf(dialect !== 'postgres')(
		'a member that loses a deadlock to another batch runs again alone and is stored, not refused',
		async () => {
			await withTable(async () => {
				await sql`insert into group_commit_test (id) values ('x'), ('y')`.execute(t.ctx.database.authDb);
				const lock = (trx: Kysely<Database>, id: string) => sql`update group_commit_test set id = id where id = ${id}`.execute(trx);
				const commits = createGroupCommit(t.ctx.db, { windowMs: 1, inFlight: 2, maxMembers: 2 });
				let yLocked!: () => void;
				const yIsLocked = new Promise<void>((resolve) => (yLocked = resolve));
				// Batch one locks x then y; batch two y then x: the two wait for each other.
				const outcomes = await Promise.allSettled([
					commits.run((trx) => lock(trx, 'x')),
					commits.run(async (trx) => {
						await yIsLocked;
						await lock(trx, 'y');
					}),
					commits.run(async (trx) => {
						await lock(trx, 'y');
						yLocked();
					}),
					commits.run((trx) => lock(trx, 'x'))
				]);
				expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : outcome.status))).toEqual([
					'fulfilled',
					'fulfilled',
					'fulfilled',
					'fulfilled'
				]);
			});
		},
		30_000
	);
});
