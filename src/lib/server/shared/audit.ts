import type { Insertable, Kysely } from 'kysely';
import type { AuditAction, AuditTargetType } from '#lib/audit-actions.ts';
import { chunks } from '../db/chunks.ts';
import { standaloneCommits } from '../db/group-commit.ts';
import { reusableStatement } from '../db/reusable.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import type { Clock } from './clock.ts';
import { newId } from './tokens.ts';

export interface AuditTarget {
	type: AuditTargetType;
	id: string;
}

export interface AuditEntry {
	actor: Actor;
	action: AuditAction;
	organisationId?: string | null;
	target?: AuditTarget;
	/** Access log (NEN 7513): the collaboration whose client data this event viewed or changed. */
	collaborationId?: string;
	/** The role the actor acted in (a staff role, or a participant's audience). */
	role?: string;
	/** Ids, codes and counts only — never names, e-mail addresses or anything a client typed. */
	details?: Record<string, string | number | boolean | null>;
}

/** Built and compiled once per number of events and their shape (db/reusable.ts): every change writes here. */
const insertAuditEventsStatement = reusableStatement((db: Kysely<Database>, rows: AuditRow[]) => db.insertInto('auditEvents').values(rows));

/**
 * Appends one event to the audit log. Call it inside the usecase's transaction so the
 * event exists exactly when the change does.
 */
export async function recordAudit(db: Kysely<Database>, clock: Clock, entry: AuditEntry): Promise<void> {
	await recordAudits(db, clock, [entry]);
}

/**
 * Appends several events at once (one statement per 500), in order. Inside a transaction they commit with
 * it. Standing alone (a page view, an access-log entry before a page reads) on SQLite they share a
 * transaction with the other writes arriving at the same moment (db/group-commit.ts), one fsync
 * for them all instead of one each; on PostgreSQL they commit on their own. Either way they are
 * stored when this resolves.
 */
export async function recordAudits(db: Kysely<Database>, clock: Clock, entries: readonly AuditEntry[]): Promise<void> {
	await writeAuditRows(db, auditRows(clock, entries));
}

/** An audit event as stored, its time taken from its own clock (auditRows). */
export type AuditRow = Insertable<Database['auditEvents']>;

/**
 * Events made into rows now, to be written later with others in one statement: a change's events
 * with its access-log entry (StaffChange.logAccess), one insert instead of two.
 */
export function auditRows(clock: Clock, entries: readonly AuditEntry[]): AuditRow[] {
	return entries.map((entry) => auditRow(clock, entry));
}

/** Writes rows made by auditRows, in order, as recordAudits writes its events. */
export async function writeAuditRows(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<void> {
	if (rows.length === 0) return;
	// A long list (a professional's hundreds of collaborations, logged as one page shows them) goes in
	// pieces: one statement binds at most 32,766 values on SQLite and 65,535 on PostgreSQL.
	const parts = chunks(rows, AUDIT_ROWS_PER_STATEMENT);
	const insertAll = async (trx: Kysely<Database>) => {
		for (const part of parts) await insertAuditEventsStatement(trx, part);
	};
	const shared = standaloneCommits(db);
	if (shared) await shared.run(insertAll);
	else if (parts.length === 1 || db.isTransaction) await insertAll(db);
	else await db.transaction().execute(insertAll);
}

/** Rows per insert: 15 values each, far below either database's limit on bound values. */
const AUDIT_ROWS_PER_STATEMENT = 500;

function auditRow(clock: Clock, entry: AuditEntry): AuditRow {
	const { actor } = entry;
	return {
		id: newId(),
		occurredAt: clock.now().toISOString(),
		organisationId:
			entry.organisationId ??
			(actor.type === 'staff' || actor.type === 'participant' || actor.type === 'outcomeReader' ? actor.organisationId : null),
		actorType: actor.type,
		// A participant is recorded by their party id: pseudonymous, like the rest of the log.
		actorId:
			actor.type === 'staff' || actor.type === 'guest'
				? actor.userId
				: actor.type === 'participant' || actor.type === 'outcomeReader'
					? actor.partyId
					: null,
		sessionId: actor.sessionId ?? null,
		requestId: actor.requestId ?? null,
		action: entry.action,
		targetType: entry.target?.type ?? null,
		targetId: entry.target?.id ?? null,
		details: entry.details ? JSON.stringify(entry.details) : null,
		collaborationId: entry.collaborationId ?? null,
		actorRole: entry.role ?? null,
		clientAddress: actor.address ?? null
	};
}
