import type { ConversationPhase, Method } from '../db/schema.ts';

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

/**
 * How long a participant's own phone keeps reading its outcome after the conversation closed
 * (docs/decisions/010): long enough to look again at home, to save or mail it; a button ends it sooner.
 */
export const OUTCOME_READ_DAYS = 7;

export function outcomeReadableUntil(endedAt: string): string {
	return new Date(Date.parse(endedAt) + OUTCOME_READ_DAYS * 86_400_000).toISOString();
}

/**
 * Whether a device session whose conversation has ended may still read its outcome: an own
 * phone (a hand-over device goes back to the professional), a closed quick check or learning
 * conversation (an abandoned one has no outcome; session feedback makes no agreements), within
 * OUTCOME_READ_DAYS of the close.
 */
export function canReadOutcome(session: {
	mode: DeviceMode;
	method: Method;
	phase: ConversationPhase;
	endedAt: string | null;
	now: string;
}): boolean {
	if (session.mode !== 'ownDevice' || session.phase !== 'closed' || session.endedAt === null) return false;
	if (session.method !== 'quickCheck' && session.method !== 'learningConversation') return false;
	return session.now < outcomeReadableUntil(session.endedAt);
}

/** The pages of a participant's device: /c, and the two methods' steps that have a page of their own. */
export type ParticipantPage = '/c' | '/c/feedback' | '/c/preparation';

/**
 * The page a participant's device shows for its conversation, the one rule the three pages follow
 * (each sends a device that is on another page straight to this one): session feedback has a page
 * of its own (one page, about a minute), and so has a learning conversation being prepared (each
 * party prepares privately); everything else is /c.
 */
export function participantPageOf(conversation: { method: Method; phase: ConversationPhase }): ParticipantPage {
	if (conversation.method === 'sessionFeedback') return '/c/feedback';
	if (conversation.phase === 'preparation') return '/c/preparation';
	return '/c';
}

/** Closed and abandoned conversations take no one in and keep no device connected. */
export function isConversationRunning(phase: ConversationPhase): boolean {
	return phase !== 'closed' && phase !== 'abandoned';
}

export type DeviceMode = 'ownDevice' | 'handover';

/** Where the participant's conversation stands, for the device's own pages (/c and the pages it sends to). */
export interface ParticipantHome {
	conversationId: string;
	method: Method;
	phase: ConversationPhase;
	displayName: string;
	mode: DeviceMode;
	/** Let in with a personal link: stopping on this device frees the link, so the page says to open it again. */
	byLink: boolean;
	/** After a handover, the first conversation names the new professional ("Je nieuwe begeleider is …"). */
	newProfessional: string | null;
}
