import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * A secret generated once and kept in the database, so every instance sharing the database
 * signs and reads cookies with the same key without extra configuration.
 */
export async function getOrCreateStoredSecret(db: Kysely<Database>, key: string): Promise<string> {
	const candidate = randomBytes(48).toString('base64url');
	await db
		.insertInto('systemSettings')
		.values({ key, value: candidate })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db.selectFrom('systemSettings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
	return row.value;
}
