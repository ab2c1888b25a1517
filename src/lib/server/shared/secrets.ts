import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Per database, the secrets already read: a secret never changes once stored. */
const readSecrets = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * A secret generated once and kept in the database, so every instance sharing the database
 * signs and reads cookies with the same key without extra configuration. Read once per database
 * and then kept (a failed read is tried again next time).
 */
export function getOrCreateStoredSecret(db: Kysely<Database>, key: string): Promise<string> {
	let secrets = readSecrets.get(db);
	if (!secrets) readSecrets.set(db, (secrets = new Map()));
	let secret = secrets.get(key);
	if (!secret) {
		secret = storeOrReadSecret(db, key);
		secrets.set(key, secret);
		secret.catch(() => secrets.delete(key));
	}
	return secret;
}

async function storeOrReadSecret(db: Kysely<Database>, key: string): Promise<string> {
	const candidate = randomBytes(48).toString('base64url');
	await db
		.insertInto('systemSettings')
		.values({ key, value: candidate })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db.selectFrom('systemSettings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
	return row.value;
}

/** An HMAC-SHA256 of `payload` with the stored secret `key`, base64url. */
export async function signWithStoredSecret(db: Kysely<Database>, key: string, payload: string): Promise<string> {
	return createHmac('sha256', await getOrCreateStoredSecret(db, key))
		.update(payload)
		.digest('base64url');
}

/** Whether a signature someone sent is the expected one, in constant time. */
export function isSameSignature(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}
