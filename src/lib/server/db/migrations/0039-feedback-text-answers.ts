import type { Kysely } from 'kysely';

/**
 * Answers in words to session feedback (issue 14, docs/decisions/019): free text (`string`,
 * `text`) and the code of a nominal choice, as JSON item key → text, on the participant's party,
 * beside the values on the line (`ratings`), so nothing that counts means or trends ever reads a
 * word. Null for a party without such items, and for every answer given before. It touches only
 * `conversation_parties`, so it runs the same with or without the migrations numbered before it
 * that other work adds.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('conversation_parties').addColumn('text_values_json', 'text').execute();
}
