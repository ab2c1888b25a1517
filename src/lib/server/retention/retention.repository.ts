import { sql, type Kysely } from 'kysely';
import { chunks } from '../db/chunks.ts';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { CHUNK, createTrajectoryRetentionRepository } from './retention.trajectories.repository.ts';

/**
 * The data lifecycle's queries: what is due for erasure, every id that belongs to a
 * collaboration or trajectory, and the deletes themselves. Child rows go with their parent
 * through the schema's ON DELETE CASCADE (migrations 0002, 0003, 0009); the erasure test checks
 * every table for leftovers, so a new table without a cascade shows up there.
 */

export interface ErasableCollaboration {
	id: string;
	createdAt: string;
	status: 'open' | 'closed';
	closedAt: string | null;
}

export interface AuditRow {
	id: string;
	actorId: string | null;
	sessionId: string | null;
	targetId: string | null;
	details: string | null;
	collaborationId: string | null;
}

export function createRetentionRepository(db: Kysely<Database>, dialect: Dialect) {
	return {
		...createTrajectoryRetentionRepository(db, dialect),
		/**
		 * SQLite: writes the WAL into the database file and empties it (a TRUNCATE checkpoint), so pages
		 * as they were before an erasure leave the files. Nothing to do on PostgreSQL.
		 */
		async emptyWriteAheadLog(): Promise<void> {
			if (dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db);
		},

		async listOrganisations(): Promise<{ id: string; retentionDays: number }[]> {
			return db.selectFrom('organisations').select(['id', 'retentionDays']).orderBy('id').execute();
		},

		async findRetentionDays(organisationId: string): Promise<number | undefined> {
			const row = await db.selectFrom('organisations').select('retentionDays').where('id', '=', organisationId).executeTakeFirst();
			return row?.retentionDays;
		},

		/** Closed collaborations, oldest close first; only those closed at or before `closedBefore` when given. */
		async listClosedCollaborations(
			organisationId: string,
			options: { closedBefore?: string; limit: number }
		): Promise<{ id: string; closedAt: string }[]> {
			let query = db
				.selectFrom('collaborations')
				.select(['id', 'closedAt'])
				.where('organisationId', '=', organisationId)
				.where('status', '=', 'closed')
				.where('closedAt', 'is not', null);
			if (options.closedBefore) query = query.where('closedAt', '<=', options.closedBefore);
			const rows = await query.orderBy('closedAt').orderBy('id').limit(options.limit).execute();
			return rows.map((row) => ({ id: row.id, closedAt: row.closedAt! }));
		},

		async countOpenCollaborations(organisationId: string): Promise<number> {
			const row = await db
				.selectFrom('collaborations')
				.select((eb) => eb.fn.countAll<number | string>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('status', '=', 'open')
				.executeTakeFirst();
			return Number(row?.count ?? 0);
		},

		/**
		 * The collaboration and its conversations, locked against a concurrent change or erasure until
		 * the transaction ends (PostgreSQL; SQLite has one writer). Every change of a conversation locks
		 * its row first (a rating, an agreement, a preparation, a link's claim), so a change in flight
		 * is waited for, and its rows and audit events are then erased and pseudonymised with the rest;
		 * a change that comes later waits for the erasure and then finds nothing. The conversations
		 * first: a change holding one may still insert a row that names the collaboration (an
		 * agreement), which waits while the collaboration is locked; and once more after it, for one
		 * started meanwhile (a start locks the collaboration for share, lockStartableCollaboration).
		 */
		async lockCollaboration(organisationId: string, collaborationId: string): Promise<ErasableCollaboration | undefined> {
			const query = db
				.selectFrom('collaborations')
				.select(['id', 'createdAt', 'status', 'closedAt'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId);
			if (dialect !== 'postgres') return query.executeTakeFirst();
			const lockConversations = () =>
				db
					.selectFrom('conversations')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('collaborationId', '=', collaborationId)
					.orderBy('id')
					.forUpdate()
					.execute();
			await lockConversations();
			const collaboration = await query.forUpdate().executeTakeFirst();
			await lockConversations();
			return collaboration;
		},

		/** Every id of a record that belongs to the collaboration: what the audit log may name. */
		async collectCollaborationIds(organisationId: string, collaborationId: string): Promise<string[]> {
			const scope = { organisationId, collaborationId };
			const ofConversations = <
				T extends 'conversationParties' | 'participantLinks' | 'deviceSessions' | 'conversationTopics' | 'recordingMoments'
			>(
				table: T
			) =>
				db
					.selectFrom(`${table} as x` as 'conversationParties as x')
					.innerJoin('conversations as c', (j) =>
						j.onRef('c.organisationId', '=', 'x.organisationId').onRef('c.id', '=', 'x.conversationId')
					)
					.select('x.id')
					.where('c.organisationId', '=', scope.organisationId)
					.where('c.collaborationId', '=', scope.collaborationId)
					.execute();
			const lists = await Promise.all([
				db
					.selectFrom('participants')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('collaborationId', '=', collaborationId)
					.execute(),
				db
					.selectFrom('conversations')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('collaborationId', '=', collaborationId)
					.execute(),
				db
					.selectFrom('agreements')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('collaborationId', '=', collaborationId)
					.execute(),
				db
					.selectFrom('agreementReviews as r')
					.innerJoin('agreements as a', (j) => j.onRef('a.organisationId', '=', 'r.organisationId').onRef('a.id', '=', 'r.agreementId'))
					.select('r.id')
					.where('a.organisationId', '=', organisationId)
					.where('a.collaborationId', '=', collaborationId)
					.execute(),
				ofConversations('conversationParties'),
				ofConversations('participantLinks'),
				ofConversations('deviceSessions'),
				ofConversations('conversationTopics'),
				ofConversations('recordingMoments')
			]);
			return [collaborationId, ...lists.flat().map((row) => row.id)];
		},

		/**
		 * What a person could recognise the collaboration by: its label and its participants' names and
		 * addresses; and the ids a mail about it carries in the outbox (MailMessage.about), which find it
		 * even when a label, name or address has changed since it was sent.
		 */
		async findCollaborationTraces(organisationId: string, collaborationId: string): Promise<string[]> {
			const label = await db
				.selectFrom('collaborations')
				.select('label')
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.executeTakeFirst();
			const people = await db
				.selectFrom('participants')
				.select(['id', 'displayName', 'email'])
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.execute();
			return [collaborationId, label?.label, ...people.flatMap((p) => [p.id, p.displayName, p.email])].filter((t): t is string => !!t);
		},

		/**
		 * The participant and every conversation they have a party in, locked in the order
		 * lockCollaboration locks a collaboration's: a change of those conversations in flight (the
		 * participant's rating or preparation) is waited for and then erased with the rest; one that
		 * comes later finds no party of theirs.
		 */
		async lockParticipant(
			organisationId: string,
			participantId: string
		): Promise<{ id: string; collaborationId: string; displayName: string; email: string | null; createdAt: string } | undefined> {
			const query = db
				.selectFrom('participants')
				.select(['id', 'collaborationId', 'displayName', 'email', 'createdAt'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', participantId);
			if (dialect !== 'postgres') return query.executeTakeFirst();
			const lockConversations = () =>
				db
					.selectFrom('conversations')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('id', 'in', (eb) =>
						eb
							.selectFrom('conversationParties')
							.select('conversationId')
							.where('organisationId', '=', organisationId)
							.where('participantId', '=', participantId)
					)
					.orderBy('id')
					.forUpdate()
					.execute();
			await lockConversations();
			const participant = await query.forUpdate().executeTakeFirst();
			await lockConversations();
			return participant;
		},

		/** The participant, their parties in every conversation, and those parties' links and device sessions. */
		async collectParticipantIds(organisationId: string, participantId: string): Promise<string[]> {
			const parties = await db
				.selectFrom('conversationParties')
				.select('id')
				.where('organisationId', '=', organisationId)
				.where('participantId', '=', participantId)
				.execute();
			const partyIds = parties.map((p) => p.id);
			const more: string[] = [];
			for (const part of chunks(partyIds, CHUNK)) {
				const links = await db
					.selectFrom('participantLinks')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('partyId', 'in', part)
					.execute();
				const devices = await db
					.selectFrom('deviceSessions')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('partyId', 'in', part)
					.execute();
				more.push(...links.map((r) => r.id), ...devices.map((r) => r.id));
			}
			return [participantId, ...partyIds, ...more];
		},

		/** Deletes the participant; their parties, ratings, texts, preparations, links and device sessions go with it. */
		async deleteParticipant(organisationId: string, participantId: string): Promise<void> {
			await db.deleteFrom('participants').where('organisationId', '=', organisationId).where('id', '=', participantId).execute();
		},

		/** Deletes the collaboration; everything below it goes with it (ON DELETE CASCADE). */
		async deleteCollaboration(organisationId: string, collaborationId: string): Promise<boolean> {
			const result = await db
				.deleteFrom('collaborations')
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.executeTakeFirst();
			return Number(result.numDeletedRows) > 0;
		},

		/** The organisation's audit events since `since` that name any of `ids`, in any field. */
		async findAuditEventsNaming(organisationId: string, since: string, ids: readonly string[]): Promise<AuditRow[]> {
			const found = new Map<string, AuditRow>();
			for (const part of chunks(ids, 50)) {
				const rows = await db
					.selectFrom('auditEvents')
					.select(['id', 'actorId', 'sessionId', 'targetId', 'details', 'collaborationId'])
					.where('organisationId', '=', organisationId)
					.where('occurredAt', '>=', since)
					.where((eb) =>
						eb.or([
							eb('targetId', 'in', part),
							eb('actorId', 'in', part),
							eb('sessionId', 'in', part),
							eb('collaborationId', 'in', part),
							...part.map((id) => eb('details', 'like', `%${id}%`))
						])
					)
					.execute();
				for (const row of rows) found.set(row.id, row);
			}
			return [...found.values()];
		},

		async findExistingUserIds(ids: readonly string[]): Promise<Set<string>> {
			const found = new Set<string>();
			for (const part of chunks(ids, CHUNK)) {
				for (const row of await db.selectFrom('users').select('id').where('id', 'in', part).execute()) found.add(row.id);
			}
			return found;
		},

		/** Lets this transaction (and no other) rewrite audit ids; revokePermit before the commit. */
		async grantAuditPermit(permitId: string): Promise<void> {
			await db.insertInto('auditErasurePermits').values({ id: permitId }).execute();
		},

		async revokeAuditPermit(permitId: string): Promise<void> {
			await db.deleteFrom('auditErasurePermits').where('id', '=', permitId).execute();
		},

		async updateAuditEvent(row: AuditRow): Promise<void> {
			await db
				.updateTable('auditEvents')
				.set({
					actorId: row.actorId,
					sessionId: row.sessionId,
					targetId: row.targetId,
					details: row.details,
					collaborationId: row.collaborationId
				})
				.where('id', '=', row.id)
				.execute();
		},

		/** Deletes the organisation's jobs (pending or finished) whose payload names any of `ids`. */
		async deleteJobsNaming(organisationId: string, ids: readonly string[]): Promise<number> {
			let deleted = 0;
			for (const part of chunks(ids, 50)) {
				const result = await db
					.deleteFrom('jobs')
					.where('organisationId', '=', organisationId)
					.where((eb) => eb.or(part.map((id) => eb('payload', 'like', `%${id}%`))))
					.executeTakeFirst();
				deleted += Number(result.numDeletedRows);
			}
			return deleted;
		}
	};
}

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
