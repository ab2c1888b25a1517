import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.ts';
import { getTestDialects, useDatabaseAtMigration } from '../../testing/test-context.ts';

const NOW = '2026-11-01T10:00:00.000Z';

/** Written with the schema as 0042 left it: an organisation whose staff sign in through its own provider. */
async function seedProviderBeforeTheChange(db: Kysely<any>, yes: boolean | number, no: boolean | number): Promise<void> {
	await sql`insert into organisations (id, name, client_term, default_locale, min_group_size, retention_days, require_two_factor, created_at, updated_at, plan_term)
		values ('org', 'Org', 'client', 'nl', 5, 365, ${no}, ${NOW}, ${NOW}, 'familyPlan')`.execute(db);
	await sql`insert into identity_providers (id, organisation_id, discovery_url, client_id, client_secret, staff_only, created_at, updated_at)
		values ('idp', 'org', 'https://login.example.nl/.well-known/openid-configuration', 'tweespraak', 'sealed', ${yes}, ${NOW}, ${NOW})`.execute(
		db
	);
}

for (const dialect of getTestDialects()) {
	describe(`migration 0043 on an organisation's provider set up before it (${dialect})`, () => {
		const databaseAtMigration = useDatabaseAtMigration(dialect);

		it('a provider that existed before the upgrade keeps letting its staff in (marked as checking addresses itself); a provider added later starts unmarked', async () => {
			const handle = await databaseAtMigration('0042-link-release');
			const [yes, no] = dialect === 'postgres' ? [true, false] : [1, 0];
			await seedProviderBeforeTheChange(handle.authDb, yes, no);

			expect(await migrateToLatest(handle)).toContain('0043-provider-verifies-addresses');

			const db = handle.authDb;
			await sql`insert into organisations (id, name, client_term, default_locale, min_group_size, retention_days, require_two_factor, created_at, updated_at, plan_term)
				values ('later', 'Later', 'client', 'nl', 5, 365, ${no}, ${NOW}, ${NOW}, 'familyPlan')`.execute(db);
			await sql`insert into identity_providers (id, organisation_id, discovery_url, client_id, client_secret, staff_only, created_at, updated_at)
				values ('new', 'later', 'https://login.example.org/.well-known/openid-configuration', 'tw', 'sealed', ${no}, ${NOW}, ${NOW})`.execute(db);
			const { rows } = await sql<{ id: string; verifies_addresses: boolean | number }>`
				select id, verifies_addresses from identity_providers order by id`.execute(db);
			expect(rows.map((row) => ({ id: row.id, verifies: Boolean(row.verifies_addresses) }))).toEqual([
				{ id: 'idp', verifies: true },
				{ id: 'new', verifies: false }
			]);
		});
	});
}
