import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export function newId(): string {
	return randomUUID();
}

/** A URL-safe secret with 256 bits of entropy; only its hash is stored. */
export function newSecretToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function tokensMatch(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether `token` could be one of newSecretToken's (with room for older lengths): anything else is not looked up. */
export function looksLikeSecretToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
