import type { Kysely } from 'kysely';

/**
 * Personal links and the devices they let in (docs/decisions/007-personal-links-and-private-preparation.md).
 * A device session remembers the link it was opened with, so ending the link ends the device and
 * the device can be told why; a link remembers the link that replaced it, so its page can say
 * "a new link was made" only when that is true.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('device_sessions').addColumn('link_id', 'text').execute();
	await db.schema.alterTable('participant_links').addColumn('replaced_by', 'text').execute();
	await db.schema.createIndex('device_sessions_link_idx').on('device_sessions').column('link_id').execute();
}
