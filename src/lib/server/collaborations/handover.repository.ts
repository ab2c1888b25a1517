import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

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

/** The new professional's name to show the client in this conversation; null when there is none. */
export async function findHandoverNotice(
	db: Kysely<Database>,
	input: { organisationId: string; conversationId: string }
): Promise<string | null> {
	const row = await db
		.selectFrom('collaborationHandovers as h')
		.innerJoin('users as u', 'u.id', 'h.toUserId')
		.select('u.name')
		.where('h.organisationId', '=', input.organisationId)
		.where('h.noticeConversationId', '=', input.conversationId)
		.orderBy('h.createdAt', 'desc')
		.orderBy('h.id', 'desc')
		.executeTakeFirst();
	return row?.name ?? null;
}

/** The newest handover note for the current holder, to show on the collaboration page. */
export async function findHandoverNote(
	db: Kysely<Database>,
	input: { organisationId: string; collaborationId: string; userId: string }
): Promise<{ note: string; createdAt: string } | null> {
	const row = await db
		.selectFrom('collaborationHandovers')
		.select(['note', 'toUserId', 'createdAt'])
		.where('organisationId', '=', input.organisationId)
		.where('collaborationId', '=', input.collaborationId)
		.orderBy('createdAt', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!row || row.toUserId !== input.userId || !row.note) return null;
	return { note: row.note, createdAt: String(row.createdAt) };
}
