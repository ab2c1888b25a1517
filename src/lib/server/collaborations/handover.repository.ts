import type { Kysely } from 'kysely';
import { staffDisplayName } from '#lib/staff-name.ts';
import type { Database } from '../db/schema.ts';
import { reusableStatement } from '../db/reusable.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';

/**
 * Records a handover: who held the collaboration (null: nobody did), who holds it now and who
 * handed it over (null: not a staff member). The note is null when none was written; the client
 * is told at the next conversation (attachHandoverNotice).
 */
export async function insertHandover(
	db: Kysely<Database>,
	input: {
		id: string;
		organisationId: string;
		collaborationId: string;
		fromUserId: string | null;
		toUserId: string;
		byUserId: string | null;
		note: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('collaborationHandovers')
		.values({
			id: input.id,
			organisationId: input.organisationId,
			collaborationId: input.collaborationId,
			fromUserId: input.fromUserId,
			toUserId: input.toUserId,
			byUserId: input.byUserId,
			note: input.note,
			noticeConversationId: null,
			createdAt: input.now
		})
		.execute();
}

/**
 * Called when a conversation starts, inside its transaction: a handover not yet shown to the
 * client is tied to this conversation, whose participant page names the new professional.
 */
export async function attachHandoverNotice(
	trx: Kysely<Database>,
	input: { organisationId: string; collaborationId: string; conversationId: string }
): Promise<void> {
	await trx
		.updateTable('collaborationHandovers')
		.set({ noticeConversationId: input.conversationId })
		.where('organisationId', '=', input.organisationId)
		.where('collaborationId', '=', input.collaborationId)
		.where('noticeConversationId', 'is', null)
		.execute();
}

/** Read on every page a phone loads (its home): built and compiled once (db/reusable.ts). */
const findHandoverNoticeStatement = reusableStatement(
	(db: Kysely<Database>, { organisationId, conversationId }: { organisationId: string; conversationId: string }) =>
		db
			.selectFrom('collaborationHandovers as h')
			.select('h.toUserId')
			.where('h.organisationId', '=', organisationId)
			.where('h.noticeConversationId', '=', conversationId)
			.orderBy('h.createdAt', 'desc')
			.orderBy('h.id', 'desc')
);

/** The new professional's name to show the client in this conversation; null when there is none. */
export async function findHandoverNotice(
	db: Kysely<Database>,
	input: { organisationId: string; conversationId: string }
): Promise<string | null> {
	const {
		rows: [row]
	} = await findHandoverNoticeStatement(db, { organisationId: input.organisationId, conversationId: input.conversationId });
	if (!row?.toUserId) return null;
	const names = await createStaffRepository(db).findStaffNames(input.organisationId, [row.toUserId]);
	return names.has(row.toUserId) ? staffDisplayName(names.get(row.toUserId)) : null;
}

export interface HandoverRecord {
	id: string;
	createdAt: string;
	/** Names as the records show them: "former staff member N" once an account was deleted; '' when unknown. */
	fromName: string;
	toName: string;
	byName: string;
	note: string | null;
	toUserId: string | null;
}

/** Every handover of the collaboration, newest first, with the names of who held it, who took it and who did it. */
export async function listHandovers(
	db: Kysely<Database>,
	input: { organisationId: string; collaborationId: string }
): Promise<HandoverRecord[]> {
	const rows = await db
		.selectFrom('collaborationHandovers')
		.select(['id', 'createdAt', 'fromUserId', 'toUserId', 'byUserId', 'note'])
		.where('organisationId', '=', input.organisationId)
		.where('collaborationId', '=', input.collaborationId)
		.orderBy('createdAt', 'desc')
		.orderBy('id', 'desc')
		.execute();
	const ids = rows.flatMap((row) => [row.fromUserId, row.toUserId, row.byUserId]).filter((id): id is string => id !== null);
	const names = await createStaffRepository(db).findStaffNames(input.organisationId, ids);
	const nameOf = (id: string | null) => (id ? staffDisplayName(names.get(id)) : '');
	return rows.map((row) => ({
		id: row.id,
		createdAt: String(row.createdAt),
		fromName: nameOf(row.fromUserId),
		toName: nameOf(row.toUserId),
		byName: nameOf(row.byUserId),
		note: row.note,
		toUserId: row.toUserId
	}));
}

/** The organisation's open collaborations with their holder: references and dates only, never a label. */
export async function listOpenCollaborationsByHolder(
	db: Kysely<Database>,
	organisationId: string
): Promise<{ id: string; holderId: string; createdAt: string; nextDueOn: string | null }[]> {
	const rows = await db
		.selectFrom('collaborations as c')
		.innerJoin('collaborationProfessionals as cp', (join) =>
			join.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.collaborationId', '=', 'c.id').on('cp.role', '=', 'holder')
		)
		.select(['c.id', 'cp.userId as holderId', 'c.createdAt', 'c.nextDueOn'])
		.where('c.organisationId', '=', organisationId)
		.where('c.status', '=', 'open')
		.orderBy('c.createdAt')
		.orderBy('c.id')
		.execute();
	return rows.map((row) => ({ ...row, createdAt: String(row.createdAt) }));
}
