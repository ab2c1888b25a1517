import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * An organisation's provider that proves its addresses itself without saying so in its ID tokens
 * (docs/decisions/018, amendment after an outside attacker pass): an admin marks it. Unmarked,
 * a sign-in needs `email_verified: true`. A provider added from now on starts unmarked. One that
 * exists at the upgrade was set up under the rule that trusted a provider's silence, and its
 * organisation's staff may sign in only through it: it starts marked, so the upgrade does not lock
 * them out, and its admin sees the tick on the page and can take it away. It touches only
 * `identity_providers`.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	const [no, yes] = dialect === 'postgres' ? [false, true] : [0, 1];
	await db.schema
		.alterTable('identity_providers')
		.addColumn('verifies_addresses', t.boolean, (c) => c.notNull().defaultTo(no))
		.execute();
	await db.updateTable('identity_providers').set({ verifies_addresses: yes }).execute();
}
