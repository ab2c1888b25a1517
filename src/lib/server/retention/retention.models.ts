/**
 * Pure rules of the data lifecycle (docs/decisions/011-data-lifecycle.md): when something is due
 * for erasure, and how the audit log keeps its events without the erased record's ids.
 */

import type { OrganisationsTable } from '../db/schema.ts';

const DAY_MS = 86_400_000;

/** Personal links and invitations stay this long after they expired, so their "expired" message can still be told apart. */
export const EXPIRED_TOKEN_GRACE_DAYS = 30;
/** Throttling counters are kept a day: far longer than the longest window (an hour), so no limit ends early. */
export const RATE_LIMIT_KEEP_DAYS = 1;

/**
 * The audit log, access log included (NEN 7513), is kept five years from each event and then
 * purged: long enough to answer a client's or the inspectorate's question about who looked at a
 * record, no longer (docs/decisions/016-access-log.md).
 */
export const AUDIT_LOG_KEEP_DAYS = 5 * 365 + 1;

/**
 * An erasure tombstone is needed only while a backup from before the erasure may still be
 * restored. Backups may be kept no longer than the organisation's retention period (README); this
 * margin covers a copy rotated a little late. Nightly backups still on the server count as well
 * (erasureTombstoneCutoff). Decision 011, amendment "Tombstones have a retention of their own".
 */
export const ERASURE_TOMBSTONE_MARGIN_DAYS = 30;

/** How long the retention job keeps something: an organisation setting counted from an event, or a fixed number of days. */
export type RetentionRule =
	| { setting: Extract<keyof OrganisationsTable, 'retentionDays'>; from: 'closedAt' | 'lastDay' }
	| { setting: Extract<keyof OrganisationsTable, 'retentionDays'>; plusDays: number; from: 'erasedAt' }
	| { days: number; from: 'expiry' | 'windowStart' | 'occurredAt' };

/**
 * Every rule the retention job (runRetentionSweep) applies, by the name its result counts it
 * under. The sweep reports each one (SweepResult), the purge reads its days from here, and the
 * processing register (privacy/) names them: a rule added here without a register entry fails
 * privacy.register.test.ts.
 */
export const RETENTION_RULES = {
	collaborations: { setting: 'retentionDays', from: 'closedAt' },
	trajectories: { setting: 'retentionDays', from: 'lastDay' },
	sessions: { days: 0, from: 'expiry' },
	deviceSessions: { days: 0, from: 'expiry' },
	links: { days: EXPIRED_TOKEN_GRACE_DAYS, from: 'expiry' },
	invitations: { days: EXPIRED_TOKEN_GRACE_DAYS, from: 'expiry' },
	verifications: { days: 0, from: 'expiry' },
	rateLimits: { days: RATE_LIMIT_KEEP_DAYS, from: 'windowStart' },
	auditEvents: { days: AUDIT_LOG_KEEP_DAYS, from: 'occurredAt' },
	erasureTombstones: { setting: 'retentionDays', plusDays: ERASURE_TOMBSTONE_MARGIN_DAYS, from: 'erasedAt' }
} as const satisfies Record<string, RetentionRule>;

export type RetentionRuleKey = keyof typeof RETENTION_RULES;
/** The rules counted per organisation (its retention period); the others are one purge over the installation. */
export type PurgeRuleKey = Exclude<RetentionRuleKey, 'collaborations' | 'trajectories' | 'erasureTombstones'>;

/** The cut-offs of the purge of expired tokens and counters: what lies before them goes. Rate limits count in milliseconds. */
export function purgeCutoffs(now: Date): Record<Exclude<PurgeRuleKey, 'rateLimits'>, string> & { rateLimits: number } {
	const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
	return {
		sessions: before(RETENTION_RULES.sessions.days).toISOString(),
		deviceSessions: before(RETENTION_RULES.deviceSessions.days).toISOString(),
		links: before(RETENTION_RULES.links.days).toISOString(),
		invitations: before(RETENTION_RULES.invitations.days).toISOString(),
		verifications: before(RETENTION_RULES.verifications.days).toISOString(),
		rateLimits: before(RETENTION_RULES.rateLimits.days).getTime(),
		auditEvents: before(RETENTION_RULES.auditEvents.days).toISOString()
	};
}

/** The moment a closed collaboration's data is erased: its close plus the retention period. */
export function collaborationErasureDue(closedAt: string, retentionDays: number): Date {
	return new Date(new Date(closedAt).getTime() + retentionDays * DAY_MS);
}

/** A trajectory's last day (YYYY-MM-DD) plus the retention period, as the first day it may be erased. */
export function trajectoryErasureDue(lastDay: string, retentionDays: number): Date {
	// The end of the last day in Amsterdam is at the latest 24:00 +01:00, so the day after, 00:00 UTC, is safe.
	return new Date(new Date(`${lastDay}T00:00:00.000Z`).getTime() + (retentionDays + 1) * DAY_MS);
}

/**
 * The cut-off for one organisation's erasure tombstones: a tombstone of an erasure before it goes.
 * That is the retention period plus the margin ago, or earlier when a nightly backup on the server
 * (`oldestBackupDay`, YYYY-MM-DD in Amsterdam) is older than that: a tombstone stays while any
 * backup that may be restored was made before its erasure. The backup's day is counted from a day
 * before it began, so the time zone can only make a tombstone stay longer.
 */
export function erasureTombstoneCutoff(now: Date, retentionDays: number, oldestBackupDay?: string): string {
	const byPeriod = now.getTime() - (retentionDays + RETENTION_RULES.erasureTombstones.plusDays) * DAY_MS;
	const byBackup = oldestBackupDay ? new Date(`${oldestBackupDay}T00:00:00.000Z`).getTime() - DAY_MS : Number.POSITIVE_INFINITY;
	return new Date(Math.min(byPeriod, byBackup)).toISOString();
}

/** The cut-off for one organisation: what closed before it is due now. */
export function retentionCutoff(now: Date, retentionDays: number): string {
	return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Replaces every erased id in an audit field (an id column or the JSON details) by its
 * pseudonym; other ids (the staff member who acted, a team) stay as they are.
 */
export function pseudonymise(value: string | null, pseudonyms: ReadonlyMap<string, string>): string | null {
	if (value === null) return null;
	return value.replace(UUID, (id) => pseudonyms.get(id.toLowerCase()) ?? id);
}

/** The ids (UUIDs, lower case) in an audit field. */
export function idsIn(value: string | null): string[] {
	return value === null ? [] : [...value.matchAll(UUID)].map((match) => match[0].toLowerCase());
}
