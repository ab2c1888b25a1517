import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Every part of a preparation, as shared before this migration: all of it at once. */
const ALL_PARTS = '["wishes","cards","moment","safety"]';

/**
 * The learning conversation of equals (issue 15, parts 4 and 5; docs/decisions/013): a
 * preparation is shared per part (`shared_parts`, a JSON array of part names) and its moment may
 * name the card it is about, so it comes back in that topic's sheet; a recording moment names
 * the topic it is about. A preparation shared before shared all of its parts.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	await db.schema
		.alterTable('preparations')
		.addColumn('shared_parts', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();
	await db.updateTable('preparations').set({ shared_parts: ALL_PARTS }).where('shared_at', 'is not', null).execute();
	await db.schema.alterTable('preparations').addColumn('moment_deck_id', 'text').execute();
	await db.schema.alterTable('preparations').addColumn('moment_card_key', 'text').execute();
	await db.schema.alterTable('recording_moments').addColumn('topic_id', 'text').execute();
}
