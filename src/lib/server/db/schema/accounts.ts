import type { Generated } from 'kysely';
import type { ClientLocale, Locale, MembershipStatus, Role, StoredBoolean, TeamRole, Timestamp } from './common.ts';

/** Staff accounts (better-auth), organisations, teams, invitations, the audit log and the rate limiter. */

export interface SystemSettingsTable {
	key: string;
	value: string;
}

export interface UsersTable {
	id: string;
	name: string;
	email: string;
	emailVerified: StoredBoolean;
	image: string | null;
	twoFactorEnabled: StoredBoolean | null;
	locale: Generated<Locale>;
	/** A guest's client language (migration 0036, decision 021); null: `locale`. */
	clientLocale: ClientLocale | null;
	handoverPinHash: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface SessionsTable {
	id: string;
	token: string;
	userId: string;
	expiresAt: Timestamp;
	ipAddress: string | null;
	userAgent: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface AccountsTable {
	id: string;
	accountId: string;
	providerId: string;
	userId: string;
	password: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

/** better-auth's two-factor secrets and backup codes. */
export interface TwoFactorsTable {
	id: string;
	secret: string;
	backupCodes: string;
	userId: string;
	verified: StoredBoolean | null;
	failedVerificationCount: number | null;
	lockedUntil: Timestamp | null;
}

/** better-auth's short-lived tokens (password reset: `value` is the user id). */
export interface VerificationsTable {
	id: string;
	identifier: string;
	value: string;
	expiresAt: Timestamp;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface OrganisationsTable {
	id: string;
	name: string;
	clientTerm: string;
	planTerm: Generated<string>;
	defaultLocale: Locale;
	minGroupSize: number;
	retentionDays: number;
	requireTwoFactor: StoredBoolean;
	/** Who confirms an erasure an admin asked for (migration 0017). */
	erasureConfirmation: Generated<ErasureConfirmation>;
	/** The quick check's instrument key when not Samen Sterker (migration 0028). */
	quickCheckInstrumentKey: string | null;
	/** The instrument key session feedback uses when not the built-in one (migration 0033). */
	sessionFeedbackInstrumentKey: string | null;
	/** The client languages offered, comma-separated ("nl,en,ar"; migration 0030). */
	clientLocales: Generated<string>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

/** The organisation's own OpenID Connect provider (migration 0027, decision 018). */
export interface IdentityProvidersTable {
	id: string;
	organisationId: string;
	discoveryUrl: string;
	clientId: string;
	/** Encrypted with the auth secret. */
	clientSecret: string;
	/** Staff sign in only through the provider; password sign-in is refused. */
	staffOnly: StoredBoolean;
	/**
	 * An admin says the provider proves every address itself, though its ID tokens do not say so
	 * (no `email_verified`, as Microsoft Entra ID); unset, a sign-in needs `email_verified: true`.
	 */
	verifiesAddresses: StoredBoolean;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface IdentityProviderDomainsTable {
	/** Lower case; unique on the installation. */
	domain: string;
	providerId: string;
	organisationId: string;
}

export type ErasureConfirmation = 'secondAdmin' | 'holder';

export interface ErasureRequestsTable {
	id: string;
	organisationId: string;
	targetType: 'collaboration' | 'participant';
	targetId: string;
	collaborationId: string;
	/** A code (ERASURE_REASONS), never typed text. */
	reason: string;
	requestedBy: string | null;
	requestedAt: Timestamp;
	decidedBy: string | null;
	decidedAt: Timestamp | null;
	status: 'pending' | 'erased' | 'cancelled';
}

/**
 * One row per erasure on request (migration 0040): its real id, so an erasure can be repeated
 * after restoring a backup made before it (decision 011). Ids only.
 */
export interface ErasureTombstonesTable {
	organisationId: string;
	targetType: 'collaboration' | 'participant';
	targetId: string;
	erasedAt: Timestamp;
}

export interface MembershipsTable {
	organisationId: string;
	userId: string;
	status: MembershipStatus;
	createdAt: Timestamp;
	deactivatedAt: Timestamp | null;
	/** When an admin deleted the account's personal data (migration 0019); the membership stays as the organisation's record. */
	deletedAt: Generated<Timestamp | null>;
	/** "Former staff member N": unique within the organisation, set when the account was deleted. */
	formerNumber: Generated<number | null>;
}

export interface MembershipRolesTable {
	organisationId: string;
	userId: string;
	role: Role;
}

export interface TeamsTable {
	id: string;
	organisationId: string;
	name: string;
	createdAt: Timestamp;
}

export interface TeamMembersTable {
	organisationId: string;
	teamId: string;
	userId: string;
	role: TeamRole;
}

export interface InvitationsTable {
	id: string;
	organisationId: string;
	email: string;
	/** JSON array of Role. */
	roles: string;
	teamId: string | null;
	/** A staff invitation: Dutch or English; a trajectory invitation: any client language (docs/decisions/021). */
	locale: ClientLocale;
	tokenHash: string;
	invitedBy: string | null;
	createdAt: Timestamp;
	expiresAt: Timestamp;
	acceptedAt: Timestamp | null;
	revokedAt: Timestamp | null;
	/** 'trajectory': accepting creates an account without a membership (trajectories feature). */
	kind: Generated<InvitationKind>;
}

export type InvitationKind = 'staff' | 'trajectory';

export interface AuditEventsTable {
	id: string;
	occurredAt: Timestamp;
	organisationId: string | null;
	actorType: 'staff' | 'participant' | 'outcomeReader' | 'guest' | 'system' | 'anonymous';
	actorId: string | null;
	sessionId: string | null;
	requestId: string | null;
	action: string;
	targetType: string | null;
	targetId: string | null;
	/** JSON object; never client content. */
	details: string | null;
	/** Access log (NEN 7513): the collaboration whose client data was viewed or changed. */
	collaborationId: string | null;
	/** The role the actor acted in: a staff role, or the participant's audience for a participant's device. */
	actorRole: string | null;
	/** Where the request came from, as ADDRESS_HEADER / XFF_DEPTH configure it. */
	clientAddress: string | null;
}

/** Held by an erasing transaction while it pseudonymises audit events (migration 0016); always empty outside it. */
export interface AuditErasurePermitsTable {
	id: string;
}

/** Held by the retention purge while it deletes audit events older than `before` (migration 0026); always empty outside it. */
export interface AuditPurgePermitsTable {
	id: string;
	before: Timestamp;
}

export interface RateLimitsTable {
	key: string;
	windowStart: number;
	count: number;
}

/** An organisation's own wording of one client text in one language (migration 0030). */
export interface MessageOverridesTable {
	organisationId: string;
	locale: ClientLocale;
	messageKey: string;
	text: string;
	updatedAt: Timestamp;
}
