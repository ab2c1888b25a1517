import type { Kysely } from 'kysely';
import type { Database, ErasureConfirmation, ErasureRequestsTable, ErasureTombstonesTable } from '../db/schema.ts';
import { staffChangeOf, type StaffChange } from './erasures-to-repeat.ts';

export type ErasureRequestRecord = Pick<
	ErasureRequestsTable,
	'id' | 'targetType' | 'targetId' | 'reason' | 'requestedBy' | 'requestedAt' | 'decidedAt' | 'status'
>;

const COLUMNS = ['r.id', 'r.targetType', 'r.targetId', 'r.reason', 'r.requestedBy', 'r.requestedAt', 'r.decidedAt', 'r.status'] as const;

/** Erasure requests (migration 0017); every query is scoped by organisation. */
export function createErasureRequestsRepository(db: Kysely<Database>) {
	return {
		/** The collaboration a reference names in this organisation (itself, or a participant's), if it still exists. */
		async findCollaborationOf(
			organisationId: string,
			targetType: 'collaboration' | 'participant',
			reference: string
		): Promise<string | undefined> {
			const row =
				targetType === 'collaboration'
					? await db
							.selectFrom('collaborations')
							.select('id as collaborationId')
							.where('organisationId', '=', organisationId)
							.where('id', '=', reference)
							.executeTakeFirst()
					: await db
							.selectFrom('participants')
							.select('collaborationId')
							.where('organisationId', '=', organisationId)
							.where('id', '=', reference)
							.executeTakeFirst();
			return row?.collaborationId;
		},

		async findConfirmation(organisationId: string): Promise<ErasureConfirmation> {
			const row = await db
				.selectFrom('organisations')
				.select('erasureConfirmation')
				.where('id', '=', organisationId)
				.executeTakeFirstOrThrow();
			return row.erasureConfirmation;
		},

		async insert(row: Omit<ErasureRequestsTable, 'decidedBy' | 'decidedAt' | 'status'>): Promise<void> {
			await db
				.insertInto('erasureRequests')
				.values({ ...row, decidedBy: null, decidedAt: null, status: 'pending' })
				.execute();
		},

		async find(organisationId: string, requestId: string): Promise<ErasureRequestRecord | undefined> {
			return db
				.selectFrom('erasureRequests as r')
				.select(COLUMNS)
				.where('r.organisationId', '=', organisationId)
				.where('r.id', '=', requestId)
				.executeTakeFirst();
		},

		async decide(
			organisationId: string,
			requestId: string,
			status: 'erased' | 'cancelled',
			userId: string | null,
			now: string
		): Promise<boolean> {
			const result = await db
				.updateTable('erasureRequests')
				.set({ status, decidedBy: userId, decidedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', requestId)
				.where('status', '=', 'pending')
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		/**
		 * After an erasure: requests naming an erased id now name its pseudonym, and pending ones
		 * are done (by `userId`, or by retention when null).
		 */
		async closeRequestsNaming(
			organisationId: string,
			pseudonyms: ReadonlyMap<string, string>,
			userId: string | null,
			now: string
		): Promise<void> {
			const ids = [...pseudonyms.keys()];
			for (let i = 0; i < ids.length; i += 200) {
				const part = ids.slice(i, i + 200);
				const rows = await db
					.selectFrom('erasureRequests')
					.select(['id', 'targetId', 'collaborationId', 'status'])
					.where('organisationId', '=', organisationId)
					.where((eb) => eb.or([eb('targetId', 'in', part), eb('collaborationId', 'in', part)]))
					.execute();
				for (const row of rows) {
					const pending = row.status === 'pending' && pseudonyms.has(row.targetId);
					await db
						.updateTable('erasureRequests')
						.set({
							targetId: pseudonyms.get(row.targetId) ?? row.targetId,
							collaborationId: pseudonyms.get(row.collaborationId) ?? row.collaborationId,
							...(pending ? { status: 'erased' as const, decidedBy: userId, decidedAt: now } : {})
						})
						.where('id', '=', row.id)
						.execute();
				}
			}
		},

		async listForOrganisation(organisationId: string): Promise<ErasureRequestRecord[]> {
			return db
				.selectFrom('erasureRequests as r')
				.select(COLUMNS)
				.where('r.organisationId', '=', organisationId)
				.orderBy('r.requestedAt', 'desc')
				.limit(200)
				.execute();
		},

		async listPendingForHolder(organisationId: string, userId: string): Promise<ErasureRequestRecord[]> {
			return db
				.selectFrom('erasureRequests as r')
				.innerJoin('collaborationProfessionals as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'r.organisationId').onRef('cp.collaborationId', '=', 'r.collaborationId')
				)
				.select(COLUMNS)
				.where('r.organisationId', '=', organisationId)
				.where('r.status', '=', 'pending')
				.where('cp.userId', '=', userId)
				.where('cp.role', '=', 'holder')
				.orderBy('r.requestedAt', 'desc')
				.execute();
		},

		/** Records what an erasure on request erased, by its real id (migration 0040); a tombstone already there stays as it is. */
		async recordTombstone(tombstone: ErasureTombstonesTable): Promise<void> {
			await db
				.insertInto('erasureTombstones')
				.values(tombstone)
				.onConflict((oc) => oc.columns(['organisationId', 'targetType', 'targetId']).doNothing())
				.execute();
		},

		/** Every tombstone of the installation, oldest first: what a restore of an older backup must erase again. */
		async listAllTombstones(): Promise<ErasureTombstonesTable[]> {
			return db
				.selectFrom('erasureTombstones')
				.select(['organisationId', 'targetType', 'targetId', 'erasedAt'])
				.orderBy('erasedAt')
				.orderBy('targetId')
				.execute();
		},

		/** Every deactivated or deleted staff account of the installation: what a restore of an older backup must switch off again. */
		async listStaffChanges(): Promise<StaffChange[]> {
			const rows = await db
				.selectFrom('memberships')
				.select(['organisationId', 'userId', 'deactivatedAt', 'deletedAt', 'formerNumber'])
				.where('status', '=', 'deactivated')
				.orderBy('organisationId')
				.orderBy('userId')
				.execute();
			return rows.map(staffChangeOf);
		},

		async organisationExists(organisationId: string): Promise<boolean> {
			return !!(await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst());
		}
	};
}
