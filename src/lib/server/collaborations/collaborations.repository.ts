import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { lockedOnPostgres } from '../db/dialect-of.ts';
import type { Database } from '../db/schema.ts';
import type { CollaborationDetails } from './collaborations.schemas.ts';

export type CollaborationStatus = 'open' | 'closed';
export type ProfessionalRole = 'holder' | 'co';

export interface CollaborationRecord {
	id: string;
	label: string;
	status: CollaborationStatus;
	rhythmWeeks: number | null;
	nextDueOn: string | null;
	createdAt: string;
	updatedAt: string;
	closedAt: string | null;
}

export interface CollaborationListRecord extends CollaborationRecord {
	myRole: ProfessionalRole;
	participantCount: number;
}

const COLUMNS = ['c.id', 'c.label', 'c.status', 'c.rhythmWeeks', 'c.nextDueOn', 'c.createdAt', 'c.updatedAt', 'c.closedAt'] as const;

/** Collaborations and the professionals who hold them; every query is scoped by organisation. */
export function createCollaborationsRepository(db: Kysely<Database>) {
	return {
		async insertCollaboration(
			input: CollaborationDetails & { id: string; organisationId: string; createdBy: string; now: string }
		): Promise<void> {
			await db
				.insertInto('collaborations')
				.values({
					id: input.id,
					organisationId: input.organisationId,
					label: input.label,
					status: 'open',
					rhythmWeeks: input.rhythmWeeks,
					nextDueOn: input.nextDueOn,
					createdBy: input.createdBy,
					createdAt: input.now,
					updatedAt: input.now,
					closedAt: null
				})
				.execute();
		},

		async findCollaboration(organisationId: string, collaborationId: string): Promise<CollaborationRecord | undefined> {
			return db
				.selectFrom('collaborations as c')
				.select(COLUMNS)
				.where('c.organisationId', '=', organisationId)
				.where('c.id', '=', collaborationId)
				.executeTakeFirst();
		},

		/**
		 * The collaboration read to decide a write in the same transaction. On PostgreSQL its row is
		 * locked: for share by a write that needs it open and the actor among its professionals (a
		 * start), for update by one that changes who holds it (a handover). A close or a handover in
		 * flight (closing updates the row, a handover locks it for update) is then waited for and read,
		 * and one that comes later waits until this transaction ends. SQLite has one writer.
		 */
		async lockCollaboration(
			organisationId: string,
			collaborationId: string,
			dialect: Dialect,
			mode: 'share' | 'update'
		): Promise<CollaborationRecord | undefined> {
			const query = db
				.selectFrom('collaborations as c')
				.select(COLUMNS)
				.where('c.organisationId', '=', organisationId)
				.where('c.id', '=', collaborationId);
			return lockedOnPostgres(query, dialect, mode).executeTakeFirst();
		},

		/** This collaboration's own quick-check instrument key (null: the organisation's choice). */
		async findQuickCheckInstrumentKey(organisationId: string, collaborationId: string): Promise<string | null> {
			const row = await db
				.selectFrom('collaborations')
				.select('quickCheckInstrumentKey')
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.executeTakeFirst();
			return row?.quickCheckInstrumentKey ?? null;
		},

		async setQuickCheckInstrumentKey(organisationId: string, collaborationId: string, key: string | null, now: string): Promise<void> {
			await db
				.updateTable('collaborations')
				.set({ quickCheckInstrumentKey: key, updatedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.execute();
		},

		/** Whether one of the organisation's collaborations has this key as its own quick-check instrument. */
		async isQuickCheckInstrumentKeyUsed(organisationId: string, key: string): Promise<boolean> {
			const row = await db
				.selectFrom('collaborations')
				.select('id')
				.where('organisationId', '=', organisationId)
				.where('quickCheckInstrumentKey', '=', key)
				.executeTakeFirst();
			return row !== undefined;
		},

		/** The collaborations a professional holds or co-holds, with their active participants counted. */
		async listForProfessional(organisationId: string, userId: string): Promise<CollaborationListRecord[]> {
			const rows = await db
				.selectFrom('collaborationProfessionals as cp')
				.innerJoin('collaborations as c', (j) =>
					j.onRef('c.organisationId', '=', 'cp.organisationId').onRef('c.id', '=', 'cp.collaborationId')
				)
				.select(COLUMNS)
				.select('cp.role as myRole')
				.select((eb) =>
					eb
						.selectFrom('participants as p')
						.select((sub) => sub.fn.countAll<number | string>().as('count'))
						.whereRef('p.organisationId', '=', 'c.organisationId')
						.whereRef('p.collaborationId', '=', 'c.id')
						.where('p.removedAt', 'is', null)
						.as('participantCount')
				)
				.where('cp.organisationId', '=', organisationId)
				.where('cp.userId', '=', userId)
				.execute();
			return rows.map((row) => ({ ...row, participantCount: Number(row.participantCount ?? 0) }));
		},

		/** The ids of the open collaborations `userId` holds in the organisation, oldest first. */
		async listHeldOpenCollaborationIds(organisationId: string, userId: string): Promise<string[]> {
			const rows = await db
				.selectFrom('collaborationProfessionals as cp')
				.innerJoin('collaborations as c', (join) =>
					join.onRef('c.organisationId', '=', 'cp.organisationId').onRef('c.id', '=', 'cp.collaborationId')
				)
				.select('c.id')
				.where('cp.organisationId', '=', organisationId)
				.where('cp.userId', '=', userId)
				.where('cp.role', '=', 'holder')
				.where('c.status', '=', 'open')
				.orderBy('c.createdAt')
				.execute();
			return rows.map((row) => row.id);
		},

		/** How many open collaborations each holder holds in the organisation; holders of none are left out. */
		async countOpenCollaborationsPerHolder(organisationId: string): Promise<{ userId: string; count: number }[]> {
			const rows = await db
				.selectFrom('collaborationProfessionals as cp')
				.innerJoin('collaborations as c', (join) =>
					join.onRef('c.organisationId', '=', 'cp.organisationId').onRef('c.id', '=', 'cp.collaborationId')
				)
				.select(['cp.userId', (eb) => eb.fn.countAll<number>().as('count')])
				.where('cp.organisationId', '=', organisationId)
				.where('cp.role', '=', 'holder')
				.where('c.status', '=', 'open')
				.groupBy('cp.userId')
				.execute();
			return rows.map((row) => ({ userId: row.userId, count: Number(row.count) }));
		},

		async updateDetails(organisationId: string, collaborationId: string, details: CollaborationDetails, now: string): Promise<void> {
			await db
				.updateTable('collaborations')
				.set({ label: details.label, rhythmWeeks: details.rhythmWeeks, nextDueOn: details.nextDueOn, updatedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.execute();
		},

		/**
		 * Marks the collaboration as changed. On PostgreSQL this also locks its row until the
		 * transaction ends, so two changes that each check "one participant stays" run one after the other.
		 */
		async touch(organisationId: string, collaborationId: string, now: string): Promise<void> {
			await db
				.updateTable('collaborations')
				.set({ updatedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.execute();
		},

		/** Closing stamps closed_at, which starts the retention clock; reopening clears it. */
		async setStatus(organisationId: string, collaborationId: string, status: CollaborationStatus, now: string): Promise<void> {
			await db
				.updateTable('collaborations')
				.set({ status, closedAt: status === 'closed' ? now : null, updatedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.execute();
		},

		async addProfessional(input: {
			organisationId: string;
			collaborationId: string;
			userId: string;
			role: ProfessionalRole;
			now: string;
		}): Promise<void> {
			await db
				.insertInto('collaborationProfessionals')
				.values({
					organisationId: input.organisationId,
					collaborationId: input.collaborationId,
					userId: input.userId,
					role: input.role,
					addedAt: input.now
				})
				.execute();
		},

		/** Takes these professionals (at least one), holder or co, off the collaboration. */
		async removeProfessionals(organisationId: string, collaborationId: string, userIds: readonly string[]): Promise<void> {
			await db
				.deleteFrom('collaborationProfessionals')
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('userId', 'in', userIds)
				.execute();
		},

		async listProfessionals(
			organisationId: string,
			collaborationId: string
		): Promise<{ userId: string; role: ProfessionalRole; addedAt: string }[]> {
			return db
				.selectFrom('collaborationProfessionals')
				.select(['userId', 'role', 'addedAt'])
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.execute();
		},

		/**
		 * Open collaborations whose next conversation falls between two dates (inclusive), in every
		 * organisation: ids and dates only. For the system's reminder schedule, which serves all
		 * organisations; everything else it reads is scoped by organisation again.
		 */
		async listOpenDueBetween(from: string, to: string): Promise<{ organisationId: string; id: string; nextDueOn: string }[]> {
			const rows = await db
				.selectFrom('collaborations')
				.select(['organisationId', 'id', 'nextDueOn'])
				.where('status', '=', 'open')
				.where('nextDueOn', '>=', from)
				.where('nextDueOn', '<=', to)
				.orderBy('nextDueOn')
				.orderBy('id')
				.execute();
			return rows.map((row) => ({ ...row, nextDueOn: row.nextDueOn! }));
		},

		/** Removes a co-professional; the holder is never removed this way. True when one was removed. */
		async removeCoProfessional(organisationId: string, collaborationId: string, userId: string): Promise<boolean> {
			const result = await db
				.deleteFrom('collaborationProfessionals')
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('userId', '=', userId)
				.where('role', '=', 'co')
				.executeTakeFirst();
			return Number(result.numDeletedRows) > 0;
		}
	};
}

export type CollaborationsRepository = ReturnType<typeof createCollaborationsRepository>;
