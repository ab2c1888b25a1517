import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';
import { replaceColumnCheck } from './widen-check.ts';

const OLD_ROLE_CHECK = `role in ('admin', 'teamLead', 'professional', 'trajectoryCoordinator')`;
const NEW_ROLE_CHECK = `role in ('admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer')`;

/**
 * Sign-in with the organisation's own OpenID Connect provider (docs/decisions/018-identity.md):
 * one provider per organisation, its e-mail domains in a table of their own so that the
 * database itself refuses a domain another organisation on the installation already claimed.
 * And the privacy officer's role: reads the audit and access logs, the processing register and
 * the retention overview, never a client's content.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.createTable('identity_providers')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull().unique().references('organisations.id').onDelete('cascade'))
		.addColumn('discovery_url', 'text', (c) => c.notNull())
		.addColumn('client_id', 'text', (c) => c.notNull())
		// Encrypted with the auth secret; never shown again after it is saved.
		.addColumn('client_secret', 'text', (c) => c.notNull())
		.addColumn('staff_only', t.boolean, (c) => c.notNull().defaultTo(dialect === 'postgres' ? false : 0))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('identity_provider_domains')
		.addColumn('domain', 'text', (c) => c.primaryKey().notNull())
		.addColumn('provider_id', 'text', (c) => c.notNull().references('identity_providers.id').onDelete('cascade'))
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('identity_provider_domains_provider_idx').on('identity_provider_domains').column('provider_id').execute();
	await replaceColumnCheck(db, dialect, { table: 'membership_roles', column: 'role', from: OLD_ROLE_CHECK, to: NEW_ROLE_CHECK });
}
