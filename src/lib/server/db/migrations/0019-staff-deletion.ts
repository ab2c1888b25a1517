import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Deleting a staff account (issue 13, part 5): the account's personal data go, its membership
 * stays as the organisation's record of who acted, numbered "former staff member N" within the
 * organisation (docs/decisions/011-data-lifecycle.md). The number is unique per organisation;
 * PostgreSQL and SQLite both let several memberships without a number (NULL) through.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema.alterTable('memberships').addColumn('deleted_at', t.timestamp).execute();
	await db.schema.alterTable('memberships').addColumn('former_number', 'integer').execute();
	await db.schema
		.createIndex('memberships_former_number_unique')
		.on('memberships')
		.columns(['organisation_id', 'former_number'])
		.unique()
		.execute();
}
