import type { ConversationPhase } from '../db/schema.ts';

/**
 * Join codes as the conversations feature makes them: eight characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 25^8 ≈ 1.5 × 10^11 codes, enough that
 * guessing needs no overall limit (docs/decisions/012-throttling.md). Six-character codes made
 * before that still work until their conversation ends.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 8;
const LEGACY_JOIN_CODE_LENGTH = 6;
const WELL_FORMED = new RegExp(`^(?:[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}|[${JOIN_CODE_ALPHABET}]{${LEGACY_JOIN_CODE_LENGTH}})$`);

/** What people type or read out: lower case, spaces, a dash in the middle ("k7m-3qx"). */
export function normaliseJoinCode(raw: string): string {
	return raw
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-–—_.]/g, '');
}

export function isWellFormedJoinCode(code: string): boolean {
	return WELL_FORMED.test(code);
}

/** A device session lasts as long as its conversation, and never longer than this. */
export const DEVICE_SESSION_HOURS = 12;

export function deviceSessionExpiresAt(now: Date): string {
	return new Date(now.getTime() + DEVICE_SESSION_HOURS * 3_600_000).toISOString();
}

/** Closed and abandoned conversations take no one in and keep no device connected. */
export function isConversationRunning(phase: ConversationPhase): boolean {
	return phase !== 'closed' && phase !== 'abandoned';
}

export type DeviceMode = 'ownDevice' | 'handover';
