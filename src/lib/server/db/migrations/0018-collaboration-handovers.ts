import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Handing a collaboration over to another professional (issue 13, parts 4 and 5). A row keeps
 * who held it, who holds it now, who did it and the note for the new professional; it goes with
 * the collaboration (retention, erasure). `noticeConversationId` is the next conversation, whose
 * participant page tells the client the new name once.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.createTable('collaboration_handovers')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('collaboration_id', 'text', (c) => c.notNull())
		.addColumn('from_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('to_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('note', 'text')
		.addColumn('notice_conversation_id', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addForeignKeyConstraint(
			'collaboration_handovers_collaboration_fk',
			['organisation_id', 'collaboration_id'],
			'collaborations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('collaboration_handovers_collaboration_idx')
		.on('collaboration_handovers')
		.columns(['organisation_id', 'collaboration_id', 'created_at'])
		.execute();
}
