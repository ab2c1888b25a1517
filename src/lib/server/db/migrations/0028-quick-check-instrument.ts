import type { Kysely } from 'kysely';

/**
 * An organisation's own instruments, imported as FHIR R4 Questionnaires (issue 14,
 * docs/decisions/019-fhir-questionnaires.md), can take Samen Sterker's place in the quick check:
 * as the organisation's default, or for one collaboration. Null means Samen Sterker. The column
 * names an instrument key (every published version of it), so a new version is used from the
 * next quick check on; a conversation keeps the version it started with.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisations').addColumn('quick_check_instrument_key', 'text').execute();
	await db.schema.alterTable('collaborations').addColumn('quick_check_instrument_key', 'text').execute();
}
