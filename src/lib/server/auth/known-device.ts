import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isSameSignature, signWithStoredSecret } from '../shared/secrets.ts';

/**
 * A "known device" for sign-in (OWASP's device cookie): a browser where this account signed in
 * before carries a signed cookie naming the account. Such a browser is not held back by the
 * account's failure limit, which a stranger can fill; it has a failure limit of its own.
 * See docs/decisions/012-throttling.md.
 */
export const KNOWN_DEVICE_COOKIE = 'tweespraak_known_device';
/** Sent only to the sign-in pages. */
export const KNOWN_DEVICE_COOKIE_PATH = '/sign-in';
export const KNOWN_DEVICE_DAYS = 365;

const sign = (db: Kysely<Database>, payload: string) => signWithStoredSecret(db, 'known_device_secret', payload);

/** A new cookie value for this account on this browser. */
export async function issueKnownDevice(db: Kysely<Database>, userId: string): Promise<string> {
	const deviceId = randomBytes(12).toString('base64url');
	const payload = `${userId}.${deviceId}`;
	return `${payload}.${await sign(db, payload)}`;
}

/** The device's id when `value` is a genuine cookie of this account, else null. */
export async function readKnownDevice(db: Kysely<Database>, value: string | undefined, userId: string): Promise<string | null> {
	const parts = value?.split('.');
	if (!parts || parts.length !== 3 || parts[0] !== userId || !parts[1]) return null;
	return isSameSignature(parts[2] ?? '', await sign(db, `${parts[0]}.${parts[1]}`)) ? parts[1] : null;
}
