import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * A personal link its device stopped with (docs/decisions/007, amendment 2026-12-07): leaving on
 * the device frees the link, so the same link opens again, as a code does. `claimed_at` keeps
 * saying the link was opened (reminders and the professional's overview rely on it); `released_at`
 * says no device holds it now. It touches only `participant_links`, so it runs the same with or
 * without the migrations numbered before it that other work adds.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema.alterTable('participant_links').addColumn('released_at', t.timestamp).execute();
}
