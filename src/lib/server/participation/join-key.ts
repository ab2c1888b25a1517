import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isSameSignature, signWithStoredSecret } from '../shared/secrets.ts';

/**
 * The key in the QR code's link beside a join code (docs/decisions/012-throttling.md). A code
 * can be guessed, so wrong codes from one address are throttled, and a stranger in the waiting
 * room could fill that address's bucket for everyone on the same wifi. The QR code carries the
 * code and this key: an HMAC of the code with a secret kept in the database, which nobody can
 * make without the professional's screen. A phone that scanned it is let in whatever the
 * address's bucket says; it knows no more than the code it already shows.
 */
const SECRET_KEY = 'join_key_secret';
const KEY_LENGTH = 22; // 132 bits, base64url
const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The key for a (normalised) join code. */
export async function joinKeyFor(db: Kysely<Database>, code: string): Promise<string> {
	return (await signWithStoredSecret(db, SECRET_KEY, `join:${code}`)).slice(0, KEY_LENGTH);
}

/** Whether `key` is the QR code's key for this (normalised) join code. */
export async function isJoinKeyFor(db: Kysely<Database>, code: string, key: string | undefined): Promise<boolean> {
	return key !== undefined && KEY_PATTERN.test(key) && isSameSignature(key, await joinKeyFor(db, code));
}

/** What a form may carry as a join key: the pattern, or nothing. */
export function readJoinKey(value: string | null | undefined): string | undefined {
	return value && KEY_PATTERN.test(value) ? value : undefined;
}
