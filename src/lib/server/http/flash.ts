import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';

/**
 * A flash: what one form post hands the page it redirects to, across the 303 (Post/Redirect/Get),
 * when it cannot travel in the address nor in a cookie of its own — a secret the database keeps
 * only as a hash (a personal link, a two-factor secret), or text typed and not sent (issue 12).
 *
 * - Stored server-side (table flash_entries), so any instance answers the GET and the size is
 *   not a cookie's. The browser holds only a random token in an HttpOnly cookie.
 * - Encrypted (AES-256-GCM) with a key derived from that token, and found by the token's hash:
 *   the database alone reads nothing, the cookie alone holds nothing.
 * - Single use: the one page load it is for (its kind and path) takes it, and that deletes it.
 * - Short-lived: useless after two minutes; expired rows go with the next flash written.
 * - Its owner's only: sealed for the session that posted (a staff member's or guest's sign-in, a
 *   participant's device session; `flashOwner`), so on a shared computer whoever signs in next
 *   in the same browser, within those two minutes, is never shown another's drafts or secret.
 *
 * The notice (notice.ts) remains the way to say what a post did; a flash carries what the
 * notice may not: see redirectWithSecret there, and page-form.ts for the drafts.
 */

export const FLASH_TTL_MS = 120_000;

export type FlashKind = 'secret' | 'drafts';

type FlashContext = { db: Kysely<Database>; clock: Clock };

/**
 * Whose a flash is: the session the request came with. A request without one (signed out) has
 * an owner of its own that no signed-in session matches.
 */
export function flashOwner(actor: Actor): string {
	if (actor.type === 'participant' || actor.type === 'outcomeReader') return `device:${actor.deviceSessionId}`;
	return actor.sessionId ? `session:${actor.sessionId}` : NO_OWNER;
}

/** The owner of a request without a session. */
export const NO_OWNER = 'nobody';

export const flashCookieName = (kind: FlashKind) => `tweespraak_flash_${kind}`;

function derive(token: string, purpose: 'id' | 'key'): Buffer {
	return createHash('sha256').update(`tweespraak flash ${purpose}\0${token}`).digest();
}

const additionalData = (kind: FlashKind, path: string, owner: string) => Buffer.from(`${kind}\n${path}\n${owner}`);

function seal(token: string, kind: FlashKind, path: string, owner: string, value: unknown): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', derive(token, 'key'), iv);
	cipher.setAAD(additionalData(kind, path, owner));
	const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(token: string, kind: FlashKind, path: string, owner: string, payload: string): unknown {
	try {
		const raw = Buffer.from(payload, 'base64url');
		const decipher = createDecipheriv('aes-256-gcm', derive(token, 'key'), raw.subarray(0, 12));
		decipher.setAAD(additionalData(kind, path, owner));
		decipher.setAuthTag(raw.subarray(12, 28));
		return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
	} catch {
		return undefined;
	}
}

/** Stores `value` for the next load of `path` by the same `owner` (flashOwner); returns the token for the cookie. */
export async function putFlash(
	ctx: FlashContext,
	input: { kind: FlashKind; path: string; owner: string; value: unknown }
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	const now = ctx.clock.now();
	await ctx.db.deleteFrom('flashEntries').where('expiresAt', '<=', now.toISOString()).execute();
	await ctx.db
		.insertInto('flashEntries')
		.values({
			id: derive(token, 'id').toString('hex'),
			kind: input.kind,
			path: input.path,
			payload: seal(token, input.kind, input.path, input.owner, input.value),
			expiresAt: new Date(now.getTime() + FLASH_TTL_MS).toISOString()
		})
		.execute();
	return token;
}

/**
 * The value stored under `token` for this kind and path, once: taking it deletes it. Undefined
 * when there is none (never stored, taken before, expired, or meant for another page or another
 * owner; one asked for by another owner is gone all the same).
 */
export async function takeFlash(
	ctx: FlashContext,
	input: { token: string; kind: FlashKind; path: string; owner: string }
): Promise<unknown> {
	if (!/^[\w-]{43}$/.test(input.token)) return undefined;
	const row = await ctx.db
		.deleteFrom('flashEntries')
		.where('id', '=', derive(input.token, 'id').toString('hex'))
		.where('kind', '=', input.kind)
		.where('path', '=', input.path)
		.where('expiresAt', '>', ctx.clock.now().toISOString())
		.returning('payload')
		.executeTakeFirst();
	return row ? unseal(input.token, input.kind, input.path, input.owner, row.payload) : undefined;
}

/** The cookie's attributes: HttpOnly, same-site, as long as the flash lives. */
export function flashCookieOptions(secure: boolean) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: FLASH_TTL_MS / 1000 };
}

/** The same cookie as a Set-Cookie header, for a response already made (the drafts hook). */
export function flashSetCookieHeader(kind: FlashKind, token: string, secure: boolean): string {
	return `${flashCookieName(kind)}=${token}; Path=/; Max-Age=${FLASH_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
