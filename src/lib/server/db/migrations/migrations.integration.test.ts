import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../../testing/test-context.ts';
import { createDatabase, type DatabaseHandle, type Dialect } from '../database.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';

const NOW = '2026-11-01T10:00:00.000Z';

/** A quick check with a party and a rating, written with the schema as 0002 left it. */
async function seedQuickCheck(db: Kysely<any>): Promise<void> {
	await sql`insert into organisations (id, name, client_term, default_locale, min_group_size, retention_days, require_two_factor, created_at, updated_at, plan_term)
		values ('org', 'Org', 'client', 'nl', 5, 365, ${0}, ${NOW}, ${NOW}, 'familyPlan')`.execute(db);
	await sql`insert into collaborations (id, organisation_id, label, status, created_at, updated_at)
		values ('col', 'org', 'Gezin A', 'open', ${NOW}, ${NOW})`.execute(db);
	await sql`insert into instruments (id, key, version, method, content_json, published_at)
		values ('ins', 'test', 1, 'quickCheck', '{}', ${NOW})`.execute(db);
	await sql`insert into conversations (id, organisation_id, collaboration_id, method, instrument_id, phase, started_at, join_code)
		values ('con', 'org', 'col', 'quickCheck', 'ins', 'rating', ${NOW}, 'ACDEFG')`.execute(db);
	await sql`insert into conversation_parties (id, organisation_id, conversation_id, kind, present)
		values ('par', 'org', 'con', 'professional', ${1})`.execute(db);
	await sql`insert into ratings (organisation_id, conversation_id, party_id, instrument_id, item_key, value, created_at)
		values ('org', 'con', 'par', 'ins', 'omgang', 70, ${NOW})`.execute(db);
}

for (const dialect of getTestDialects()) {
	describe(`migration 0003 on a database with quick checks (${dialect})`, () => {
		let handle: DatabaseHandle | undefined;
		let throwaway: ThrowawayDatabase | undefined;

		afterEach(async () => {
			await handle?.destroy();
			await throwaway?.drop();
			handle = undefined;
			throwaway = undefined;
		});

		async function open(d: Dialect): Promise<DatabaseHandle> {
			if (d === 'postgres') {
				throwaway = await createThrowawayDatabase();
				return createDatabase({ databaseUrl: throwaway.url, dataDir: '.' });
			}
			return createDatabase({ databaseUrl: undefined, dataDir: path.join(os.tmpdir(), 'tweespraak-tests'), sqliteFile: ':memory:' });
		}

		it('keeps every conversation, party and rating and lets conversations take the learning conversation phases', async () => {
			handle = await open(dialect);
			await migrateTo(handle, '0002-collaborations-and-quick-check');
			await seedQuickCheck(handle.authDb);

			await migrateToLatest(handle);

			const db = handle.authDb;
			const { rows: conversations } = await sql<{
				id: string;
				phase: string;
				join_code: string;
			}>`select id, phase, join_code from conversations`.execute(db);
			expect(conversations).toEqual([{ id: 'con', phase: 'rating', join_code: 'ACDEFG' }]);
			const { rows: ratings } = await sql<{ value: number }>`select value from ratings where conversation_id = 'con'`.execute(db);
			expect(ratings).toEqual([{ value: 70 }]);

			await sql`update conversations set phase = 'safety' where id = 'con'`.execute(db);
			await expect(sql`update conversations set phase = 'dancing' where id = 'con'`.execute(db)).rejects.toThrow();
		});

		it('still enforces the foreign keys and cascades from a conversation to its parties and ratings', async () => {
			handle = await open(dialect);
			await migrateTo(handle, '0002-collaborations-and-quick-check');
			await seedQuickCheck(handle.authDb);
			await migrateToLatest(handle);
			const db = handle.authDb;

			await expect(
				sql`insert into conversation_parties (id, organisation_id, conversation_id, kind, present) values ('p2', 'org', 'nope', 'professional', ${1})`.execute(
					db
				)
			).rejects.toThrow();
			// Still unique among running conversations.
			await expect(
				sql`insert into conversations (id, organisation_id, collaboration_id, method, phase, started_at, join_code)
					values ('con2', 'org', 'col', 'sessionFeedback', 'rating', ${NOW}, 'ACDEFG')`.execute(db)
			).rejects.toThrow();

			await sql`delete from conversations where id = 'con'`.execute(db);
			const { rows } = await sql<{
				n: number;
			}>`select (select count(*) from conversation_parties) + (select count(*) from ratings) as n`.execute(db);
			expect(Number(rows[0]!.n)).toBe(0);
		});
	});
}
