import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * An organisation's provider that proves its addresses itself without saying so in its ID tokens
 * (docs/decisions/018, amendment after an outside attacker pass): an admin marks it. Unmarked,
 * a sign-in needs `email_verified: true`. Existing providers start unmarked, as new ones do: only
 * an admin can say that their directory does not let people choose their own address. It touches
 * only `identity_providers`, so it runs the same with or without the migrations numbered before
 * it that other work adds.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.alterTable('identity_providers')
		.addColumn('verifies_addresses', t.boolean, (c) => c.notNull().defaultTo(dialect === 'postgres' ? false : 0))
		.execute();
}
