import type { Kysely } from 'kysely';

/**
 * An organisation's own instrument can also take the built-in session feedback's place (issue 14,
 * docs/decisions/019-fhir-questionnaires.md), as its default: an SRS-like four questions on a
 * line, say. Null means the built-in session feedback. As for the quick check, the column names
 * an instrument key, so a new version is used from the next session feedback on.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisations').addColumn('session_feedback_instrument_key', 'text').execute();
}
