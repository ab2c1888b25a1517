import { sql, type Kysely } from 'kysely';

/**
 * Session feedback: at most one unanswered session feedback per collaboration, also when
 * "start" is pressed twice at once — the same guard the quick check has (0002). Starting again
 * goes on with the one that is still waiting for answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('conversations_one_unfinished_session_feedback')
		.on('conversations')
		.column('collaboration_id')
		.unique()
		.where(sql<boolean>`method = 'sessionFeedback' and phase = 'rating'`)
		.execute();
}
