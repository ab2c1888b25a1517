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
	action: string;
	targetType: string | null;
	targetId: string | null;
}

/** Reading the audit log; writing is shared/audit.ts (recordAudit), inside each usecase's transaction. */
export function createAuditRepository(db: Kysely<Database>) {
	return {
		/** Newest first; only events before `before` (an ISO timestamp) when given. */
		async listEvents(organisationId: string, options: { before?: string; limit: number }): Promise<AuditEvent[]> {
			let query = db
				.selectFrom('auditEvents as e')
				.leftJoin('users as u', 'u.id', 'e.actorId')
				.leftJoin('memberships as m', (join) => join.onRef('m.organisationId', '=', 'e.organisationId').onRef('m.userId', '=', 'e.actorId'))
				.select([
					'e.id',
					'e.occurredAt',
					'e.actorType',
					'e.actorId',
					'u.name as actorName',
					'm.formerNumber as actorFormerNumber',
					'e.action',
					'e.targetType',
					'e.targetId'
				])
				.where('e.organisationId', '=', organisationId);
			if (options.before) query = query.where('e.occurredAt', '<', options.before);
			return query.orderBy('e.occurredAt', 'desc').orderBy('e.id', 'desc').limit(options.limit).execute();
		}
	};
}
