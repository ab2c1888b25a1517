import type { ClientLocale, Locale, Role } from '../db/schema.ts';

interface RequestTrace {
	/** Correlates audit events and log lines of one request. */
	requestId?: string;
	/** The better-auth session (staff) or device session (participant) the request came with. */
	sessionId?: string;
	/** Where the request came from (ADDRESS_HEADER / XFF_DEPTH): the access log's "from where". */
	address?: string;
}

/** A signed-in staff member acting within their (active) organisation membership. */
export interface StaffActor extends RequestTrace {
	type: 'staff';
	userId: string;
	organisationId: string;
	roles: readonly Role[];
	locale: Locale;
}

/**
 * A participant's device (own phone, or the professional's device in hand-over mode): bound to
 * one party of one conversation, and able to reach nothing else.
 */
export interface ParticipantActor extends RequestTrace {
	type: 'participant';
	organisationId: string;
	/** The collaboration of that conversation (fixed for its life): named by every access-log entry. */
	collaborationId: string;
	conversationId: string;
	partyId: string;
	participantId: string;
	deviceSessionId: string;
	mode: 'ownDevice' | 'handover';
	locale: ClientLocale;
	/** Let in with a personal link (or took its party's link on): leaving frees the link too. */
	byLink?: boolean;
}

/**
 * A participant's own phone after its conversation closed: it may read that participant's own
 * outcome of that conversation (agreements, actions, the review) for a while, and nothing else
 * (docs/decisions/010-the-client-keeps-the-outcome.md). A separate type, so every usecase that
 * admits a participant or staff refuses it without knowing it exists; party-doors.ts requireOwnOutcome
 * is the one door.
 */
export interface OutcomeReaderActor extends RequestTrace {
	type: 'outcomeReader';
	organisationId: string;
	collaborationId: string;
	conversationId: string;
	partyId: string;
	participantId: string;
	deviceSessionId: string;
	locale: ClientLocale;
	/** When the outcome stops being readable on this phone. */
	readableUntil: string;
}

/**
 * A signed-in account without an organisation membership: a professional from outside who was
 * invited into a learning trajectory. Reaches the trajectories they take part in, nothing else
 * (requireAccess refuses every permission; hooks.server.ts answers 404 on other staff pages).
 */
export interface GuestActor extends RequestTrace {
	type: 'guest';
	userId: string;
	locale: Locale;
	/** The client language they read their trajectory pages in (decision 021); null: the device's choice. */
	clientLocale?: ClientLocale | null;
}

/** Someone without an account: a setup page, an invitation, a password reset. */
export interface AnonymousActor extends RequestTrace {
	type: 'anonymous';
}

/** Start-up tasks and jobs. */
export interface SystemActor extends RequestTrace {
	type: 'system';
}

export type Actor = StaffActor | ParticipantActor | OutcomeReaderActor | GuestActor | AnonymousActor | SystemActor;

export const systemActor: SystemActor = { type: 'system' };
