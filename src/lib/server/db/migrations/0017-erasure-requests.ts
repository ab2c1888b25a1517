import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Erasure on request (docs/decisions/011-data-lifecycle.md): an admin asks, a second admin or the
 * collaboration's holder confirms (the organisation's choice), and only then is it erased. A
 * request names its target by id and its reason by a code, never by typed text, so nothing of
 * the client outlives the erasure here; after it, the target ids are replaced by pseudonyms.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.alterTable('organisations')
		.addColumn('erasure_confirmation', 'text', (c) =>
			c
				.notNull()
				.defaultTo('secondAdmin')
				.check(sql`erasure_confirmation in ('secondAdmin', 'holder')`)
		)
		.execute();
	await db.schema
		.createTable('erasure_requests')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('collaboration', 'participant')`))
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addColumn('collaboration_id', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('requested_at', t.timestamp, (c) => c.notNull())
		.addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('decided_at', t.timestamp)
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'erased', 'cancelled')`))
		.execute();
	// One open request per target.
	await db.schema
		.createIndex('erasure_requests_one_pending')
		.on('erasure_requests')
		.columns(['organisation_id', 'target_id'])
		.unique()
		.where(sql.ref('status'), '=', 'pending')
		.execute();
	await db.schema.createIndex('erasure_requests_org_idx').on('erasure_requests').columns(['organisation_id', 'requested_at']).execute();
}
