import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { newId } from '../shared/tokens.ts';
import type { PurgeRuleKey, purgeCutoffs } from './retention.models.ts';

/**
 * The retention job's purge of what is past its use (RETENTION_RULES in retention.models.ts):
 * expired staff sessions, then participants' device sessions that expired (a hand-over's only
 * while the staff session it locks is gone too, or the lock would lift), personal links and
 * unaccepted invitations a while after they expired, better-auth's expired tokens, and
 * throttling counters whose window is long over. Each is one statement; the numbers removed.
 * Erasure tombstones go per organisation, as their period counts on its retention period.
 */
export function createRetentionPurgeRepository(db: Kysely<Database>) {
	return {
		async purgeExpired(cutoffs: ReturnType<typeof purgeCutoffs>): Promise<Record<PurgeRuleKey, number>> {
			const sessions = await db.deleteFrom('sessions').where('expiresAt', '<', cutoffs.sessions).executeTakeFirst();
			const deviceSessions = await db
				.deleteFrom('deviceSessions')
				.where('expiresAt', '<', cutoffs.deviceSessions)
				.where((eb) =>
					eb.or([
						eb('lockedStaffSessionId', 'is', null),
						eb('revokedAt', 'is not', null),
						eb.not(eb.exists(eb.selectFrom('sessions as s').select('s.id').whereRef('s.id', '=', 'deviceSessions.lockedStaffSessionId')))
					])
				)
				.executeTakeFirst();
			const links = await db.deleteFrom('participantLinks').where('expiresAt', '<', cutoffs.links).executeTakeFirst();
			const invitations = await db
				.deleteFrom('invitations')
				.where('acceptedAt', 'is', null)
				.where((eb) => eb.or([eb('expiresAt', '<', cutoffs.invitations), eb('revokedAt', '<', cutoffs.invitations)]))
				.executeTakeFirst();
			const verifications = await db.deleteFrom('verifications').where('expiresAt', '<', cutoffs.verifications).executeTakeFirst();
			const rateLimits = await db.deleteFrom('rateLimits').where('windowStart', '<', cutoffs.rateLimits).executeTakeFirst();
			const auditEvents = await purgeAuditEvents(db, cutoffs.auditEvents);
			return {
				auditEvents,
				sessions: Number(sessions.numDeletedRows),
				deviceSessions: Number(deviceSessions.numDeletedRows),
				links: Number(links.numDeletedRows),
				invitations: Number(invitations.numDeletedRows),
				verifications: Number(verifications.numDeletedRows),
				rateLimits: Number(rateLimits.numDeletedRows)
			};
		},

		/** Removes one organisation's erasure tombstones of erasures before `before` (decision 011); the number removed. */
		async purgeErasureTombstones(organisationId: string, before: string): Promise<number> {
			const result = await db
				.deleteFrom('erasureTombstones')
				.where('organisationId', '=', organisationId)
				.where('erasedAt', '<', before)
				.executeTakeFirst();
			return Number(result.numDeletedRows);
		}
	};
}

/**
 * The one way an audit event is ever deleted: past its retention, inside a transaction that holds
 * a purge permit naming the cut-off. The database refuses every other delete (migration 0026),
 * and refuses even this one for an event at or after the cut-off.
 */
async function purgeAuditEvents(db: Kysely<Database>, before: string): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const permitId = newId();
		await trx.insertInto('auditPurgePermits').values({ id: permitId, before }).execute();
		const result = await trx.deleteFrom('auditEvents').where('occurredAt', '<', before).executeTakeFirst();
		await trx.deleteFrom('auditPurgePermits').where('id', '=', permitId).execute();
		return Number(result.numDeletedRows);
	});
}
