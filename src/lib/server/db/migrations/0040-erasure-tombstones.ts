import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * A tombstone per erasure on request (docs/decisions/011-data-lifecycle.md, amendment "Restoring
 * a backup repeats the erasures since"): the organisation, what was erased and its real id, and
 * when. Ids only, never a label or a name. A restore reads them from the database it replaces and
 * the next start erases them again; the audit log cannot say what to erase, as it names erased
 * records by pseudonyms. It touches no other table, so it runs the same with or without the
 * migrations numbered before it that other work adds.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.createTable('erasure_tombstones')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('collaboration', 'participant')`))
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addColumn('erased_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('erasure_tombstones_pk', ['organisation_id', 'target_type', 'target_id'])
		.execute();
}
