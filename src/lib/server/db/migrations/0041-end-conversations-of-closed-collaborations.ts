import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** The phases in which a conversation has ended (participation.models.ts, isConversationRunning); kept as written here. */
const ENDED_PHASES = ['closed', 'abandoned'] as const;

/** Audit rows per insert: far below either database's limit on bound values. */
const AUDIT_ROWS_PER_STATEMENT = 500;

/**
 * Closing a collaboration ends its planned and running conversations as abandoned (decision 011,
 * "Closing ends the conversations"), but only since that change: a collaboration closed before it
 * may still have a conversation running, whose personal links and devices still work. This ends
 * each of them as closing does now: abandoned, without join code, its version raised, ended at the
 * moment the collaboration was closed (closing writes the same moment to both), with a
 * `conversation.abandoned` audit event by the system (`collaborationClosed: true`, and that this
 * migration did it). A collaboration that is open again keeps its conversations: reopening
 * after closing left them running on purpose. Devices that follow one hear of it on their next
 * request, as for any ended conversation.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	const closedCollaboration = (conversation: string) =>
		sql<boolean>`exists (select 1 from collaborations col
			where col.organisation_id = ${sql.ref(`${conversation}.organisation_id`)}
			and col.id = ${sql.ref(`${conversation}.collaboration_id`)}
			and col.status = 'closed')`;

	const running = await db
		.selectFrom('conversations as c')
		.select(['c.id', 'c.organisation_id', 'c.phase'])
		.where('c.phase', 'not in', ENDED_PHASES)
		.where(closedCollaboration('c'))
		.orderBy('c.id')
		.execute();
	if (running.length === 0) return;

	await db
		.updateTable('conversations')
		.set({
			phase: 'abandoned',
			join_code: null,
			ended_at: sql`(select col.closed_at from collaborations col
				where col.organisation_id = conversations.organisation_id and col.id = conversations.collaboration_id)`,
			version: sql`version + 1`
		})
		.where('phase', 'not in', ENDED_PHASES)
		.where(closedCollaboration('conversations'))
		.execute();

	const occurredAt = new Date().toISOString();
	const events = running.map((conversation: { id: string; organisation_id: string; phase: string }) => ({
		id: randomUUID(),
		occurred_at: occurredAt,
		organisation_id: conversation.organisation_id,
		actor_type: 'system',
		action: 'conversation.abandoned',
		target_type: 'conversation',
		target_id: conversation.id,
		details: JSON.stringify({
			from: conversation.phase,
			to: 'abandoned',
			collaborationClosed: true,
			migration: '0041-end-conversations-of-closed-collaborations'
		})
	}));
	for (let start = 0; start < events.length; start += AUDIT_ROWS_PER_STATEMENT) {
		await db
			.insertInto('audit_events')
			.values(events.slice(start, start + AUDIT_ROWS_PER_STATEMENT))
			.execute();
	}
}
