import type { Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../db/schema.ts';

export interface AuditEvent {
	id: string;
	occurredAt: string;
	actorType: AuditEventsTable['actorType'];
	actorId: string | null;
	/** The staff member's current name; null for the system, people without an account, or a removed user. */
	actorName: string | null;
	/** Set when the staff member's account was deleted: the page shows "former staff member N" (staffDisplayName). */
	actorFormerNumber: number | null;
	/** For a participant's device: the participant, whose id gives the log a pseudonymous reference. */
	actorParticipantId: string | null;
	action: string;
	targetType: string | null;
	targetId: string | null;
	/** The collaboration whose client data the event concerns, when it concerns one. */
	collaborationId: string | null;
}

/** One entry of the access log (NEN 7513): an audit event that names a collaboration. */
export interface AccessEntry extends AuditEvent {
	collaborationId: string;
	actorRole: string | null;
	clientAddress: string | null;
}

export interface AccessFilter {
	collaborationId?: string;
	/** A staff member's user id. */
	actorId?: string;
	/** ISO timestamps: from inclusive, until exclusive. */
	from?: string;
	until?: string;
	/** Paging: only entries before this time. */
	before?: string;
}

export interface AuditFilter {
	/** ISO timestamps: from inclusive, until exclusive. */
	from?: string;
	until?: string;
	action?: string;
	/** A staff member's user id: what they did. */
	actorId?: string;
	/** An id the event names: the collaboration it concerns, or the thing it is about. */
	reference?: string;
	/** Paging: only events before this time. */
	before?: string;
}

/**
 * Reading the audit log; writing is shared/audit.ts (recordAudit), inside each usecase's
 * transaction, and the only deletion is the retention purge (retention.purge.repository.ts).
 * Nothing here changes an event: the database refuses it anyway (migrations 0001, 0016, 0026).
 */
export function createAuditRepository(db: Kysely<Database>) {
	const events = () =>
		db
			.selectFrom('auditEvents as e')
			.leftJoin('users as u', 'u.id', 'e.actorId')
			.leftJoin('memberships as m', (join) => join.onRef('m.organisationId', '=', 'e.organisationId').onRef('m.userId', '=', 'e.actorId'))
			// A participant's device is logged by its party id (one per conversation); its participant tells two people apart.
			.leftJoin('conversationParties as cp', (join) =>
				join.onRef('cp.organisationId', '=', 'e.organisationId').onRef('cp.id', '=', 'e.actorId')
			)
			.select([
				'e.id',
				'e.occurredAt',
				'e.actorType',
				'e.actorId',
				'u.name as actorName',
				'm.formerNumber as actorFormerNumber',
				'cp.participantId as actorParticipantId',
				'e.action',
				'e.targetType',
				'e.targetId',
				'e.collaborationId'
			]);
	const accessQuery = (organisationId: string, filter: AccessFilter) => {
		let query = events()
			.select(['e.actorRole', 'e.clientAddress'])
			.where('e.organisationId', '=', organisationId)
			.where('e.collaborationId', 'is not', null);
		if (filter.collaborationId) query = query.where('e.collaborationId', '=', filter.collaborationId);
		if (filter.actorId) query = query.where('e.actorId', '=', filter.actorId).where('e.actorType', '=', 'staff');
		if (filter.from) query = query.where('e.occurredAt', '>=', filter.from);
		if (filter.until) query = query.where('e.occurredAt', '<', filter.until);
		if (filter.before) query = query.where('e.occurredAt', '<', filter.before);
		return query;
	};
	// Plain comparisons only (timestamps as ISO text, ids, codes): the same rows on SQLite and PostgreSQL.
	const eventQuery = (organisationId: string, filter: AuditFilter) => {
		let query = events().where('e.organisationId', '=', organisationId);
		if (filter.from) query = query.where('e.occurredAt', '>=', filter.from);
		if (filter.until) query = query.where('e.occurredAt', '<', filter.until);
		if (filter.action) query = query.where('e.action', '=', filter.action);
		if (filter.actorId) query = query.where('e.actorId', '=', filter.actorId).where('e.actorType', '=', 'staff');
		const reference = filter.reference;
		if (reference) query = query.where((eb) => eb.or([eb('e.collaborationId', '=', reference), eb('e.targetId', '=', reference)]));
		if (filter.before) query = query.where('e.occurredAt', '<', filter.before);
		return query;
	};
	/** How many rows a filtered query finds (whatever it selects: the count replaces it). */
	const countRows = async (query: { clearSelect(): ReturnType<ReturnType<typeof events>['clearSelect']> }) => {
		const row = await query
			.clearSelect()
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(row.n);
	};
	return {
		/** The organisation's events as filtered, newest first. */
		async listEvents(organisationId: string, filter: AuditFilter, limit: number): Promise<AuditEvent[]> {
			return eventQuery(organisationId, filter).orderBy('e.occurredAt', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
		},

		async countEvents(organisationId: string, filter: AuditFilter): Promise<number> {
			return countRows(eventQuery(organisationId, filter));
		},

		/** The access log of the organisation as filtered, newest first. */
		async listAccessEntries(organisationId: string, filter: AccessFilter, limit: number): Promise<AccessEntry[]> {
			const rows = await accessQuery(organisationId, filter).orderBy('e.occurredAt', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
			return rows.map((row) => ({ ...row, collaborationId: row.collaborationId! }));
		},

		async countAccessEntries(organisationId: string, filter: AccessFilter): Promise<number> {
			return countRows(accessQuery(organisationId, filter));
		}
	};
}
