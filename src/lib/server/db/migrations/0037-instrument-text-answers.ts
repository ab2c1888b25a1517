import type { Kysely } from 'kysely';

/**
 * Answers in words to a trajectory moment's instrument (issue 14, docs/decisions/019): free text
 * (`string`, `text`) and the code of a nominal choice, as JSON item key → text, beside the values
 * on the line (`values_json`), so nothing that counts means or trends ever reads a word. Null for
 * an answer without such items, and for every answer given before.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('trajectory_instrument_answers').addColumn('text_values_json', 'text').execute();
}
