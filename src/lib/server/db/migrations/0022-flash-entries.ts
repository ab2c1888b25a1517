import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * What one page hands the next across a redirect and nothing else may read (issue 12, parts 2
 * and 4): a secret made by a form post and shown once (a personal link, a two-factor secret), and
 * the text a person typed and did not send when they pressed another button. Encrypted with a
 * key that only the browser's cookie holds; taken (deleted) by the one page load it is for, and
 * useless after `expires_at` (src/lib/server/http/flash.ts).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.createTable('flash_entries')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('expires_at', t.timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('flash_entries_expires_idx').on('flash_entries').column('expires_at').execute();
}
