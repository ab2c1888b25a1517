import type { Generated } from 'kysely';

/**
 * Table types as the application sees them: camelCase names (CamelCasePlugin), timestamps as
 * ISO-8601 UTC strings, booleans as stored (SQLite 0/1, PostgreSQL true/false) — repositories
 * turn those into JavaScript booleans with `toBoolean`. See docs/decisions/001-database.md.
 */
export type Timestamp = string;
export type StoredBoolean = boolean | number;

export type Role = 'admin' | 'teamLead' | 'professional' | 'trajectoryCoordinator';
export type TeamRole = 'member' | 'lead';
export type MembershipStatus = 'active' | 'deactivated';
export type Locale = 'nl' | 'en';

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

export interface OrganisationsTable {
	id: string;
	name: string;
	clientTerm: string;
	defaultLocale: Locale;
	minGroupSize: number;
	retentionDays: number;
	requireTwoFactor: StoredBoolean;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface MembershipsTable {
	organisationId: string;
	userId: string;
	status: MembershipStatus;
	createdAt: Timestamp;
	deactivatedAt: Timestamp | null;
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
	locale: Locale;
	tokenHash: string;
	invitedBy: string | null;
	createdAt: Timestamp;
	expiresAt: Timestamp;
	acceptedAt: Timestamp | null;
	revokedAt: Timestamp | null;
}

export interface AuditEventsTable {
	id: string;
	occurredAt: Timestamp;
	organisationId: string | null;
	actorType: 'staff' | 'participant' | 'system' | 'anonymous';
	actorId: string | null;
	sessionId: string | null;
	requestId: string | null;
	action: string;
	targetType: string | null;
	targetId: string | null;
	/** JSON object; never client content. */
	details: string | null;
}

export interface RateLimitsTable {
	key: string;
	windowStart: number;
	count: number;
}

export interface Database {
	systemSettings: SystemSettingsTable;
	users: UsersTable;
	sessions: SessionsTable;
	accounts: AccountsTable;
	organisations: OrganisationsTable;
	memberships: MembershipsTable;
	membershipRoles: MembershipRolesTable;
	teams: TeamsTable;
	teamMembers: TeamMembersTable;
	invitations: InvitationsTable;
	auditEvents: AuditEventsTable;
	rateLimits: RateLimitsTable;
}

export function toBoolean(value: StoredBoolean | null | undefined): boolean {
	return value === true || value === 1;
}

/**
 * Booleans are written as 0/1: better-sqlite3 cannot bind JavaScript booleans, and PostgreSQL
 * reads the text '0'/'1' into a boolean column.
 */
export function fromBoolean(value: boolean): 0 | 1 {
	return value ? 1 : 0;
}
