import type { Locale, Role } from '../db/schema.ts';

interface RequestTrace {
	/** Correlates audit events and log lines of one request. */
	requestId?: string;
	/** The better-auth session (staff) or device session (participant) the request came with. */
	sessionId?: string;
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
	conversationId: string;
	partyId: string;
	participantId: string;
	deviceSessionId: string;
	mode: 'ownDevice' | 'handover';
	locale: Locale;
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
}

/** Someone without an account: a setup page, an invitation, a password reset. */
export interface AnonymousActor extends RequestTrace {
	type: 'anonymous';
}

/** Start-up tasks and jobs. */
export interface SystemActor extends RequestTrace {
	type: 'system';
}

export type Actor = StaffActor | ParticipantActor | GuestActor | AnonymousActor | SystemActor;

export const systemActor: SystemActor = { type: 'system' };
