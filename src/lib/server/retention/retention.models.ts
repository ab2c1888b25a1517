/**
 * Pure rules of the data lifecycle (docs/decisions/011-data-lifecycle.md): when something is due
 * for erasure, and how the audit log keeps its events without the erased record's ids.
 */

const DAY_MS = 86_400_000;

/** The moment a closed collaboration's data is erased: its close plus the retention period. */
export function collaborationErasureDue(closedAt: string, retentionDays: number): Date {
	return new Date(new Date(closedAt).getTime() + retentionDays * DAY_MS);
}

/** A trajectory's last day (YYYY-MM-DD) plus the retention period, as the first day it may be erased. */
export function trajectoryErasureDue(lastDay: string, retentionDays: number): Date {
	// The end of the last day in Amsterdam is at the latest 24:00 +01:00, so the day after, 00:00 UTC, is safe.
	return new Date(new Date(`${lastDay}T00:00:00.000Z`).getTime() + (retentionDays + 1) * DAY_MS);
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
