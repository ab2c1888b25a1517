import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Staff accounts (better-auth's tables, with snake_case names), organisations, teams, roles,
 * invitations, the audit log and the rate limiter.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);

	await db.schema
		.createTable('system_settings')
		.addColumn('key', 'text', (c) => c.primaryKey().notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('email_verified', t.boolean, (c) => c.notNull().defaultTo(dialect === 'postgres' ? false : 0))
		.addColumn('image', 'text')
		.addColumn('two_factor_enabled', t.boolean, (c) => c.defaultTo(dialect === 'postgres' ? false : 0))
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('nl'))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', t.timestamp, (c) => c.notNull())
		.addColumn('ip_address', 'text')
		.addColumn('user_agent', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('accounts')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('account_id', 'text', (c) => c.notNull())
		.addColumn('provider_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('access_token', 'text')
		.addColumn('refresh_token', 'text')
		.addColumn('id_token', 'text')
		.addColumn('access_token_expires_at', t.timestamp)
		.addColumn('refresh_token_expires_at', t.timestamp)
		.addColumn('scope', 'text')
		.addColumn('password', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('accounts_user_id_idx').on('accounts').column('user_id').execute();

	await db.schema
		.createTable('verifications')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('identifier', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('expires_at', t.timestamp, (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('verifications_identifier_idx').on('verifications').column('identifier').execute();

	await db.schema
		.createTable('two_factors')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('backup_codes', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('verified', t.boolean, (c) => c.defaultTo(dialect === 'postgres' ? true : 1))
		.addColumn('failed_verification_count', 'integer', (c) => c.defaultTo(0))
		.addColumn('locked_until', t.timestamp)
		.execute();
	await db.schema.createIndex('two_factors_user_id_idx').on('two_factors').column('user_id').execute();
	await db.schema.createIndex('two_factors_secret_idx').on('two_factors').column('secret').execute();

	await db.schema
		.createTable('organisations')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('client_term', 'text', (c) => c.notNull())
		.addColumn('default_locale', 'text', (c) => c.notNull())
		.addColumn('min_group_size', 'integer', (c) => c.notNull().check(sql`min_group_size >= 5`))
		.addColumn('retention_days', 'integer', (c) => c.notNull())
		.addColumn('require_two_factor', t.boolean, (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('memberships')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'deactivated')`))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('deactivated_at', t.timestamp)
		.addPrimaryKeyConstraint('memberships_pk', ['organisation_id', 'user_id'])
		.execute();
	await db.schema.createIndex('memberships_user_id_idx').on('memberships').column('user_id').execute();

	await db.schema
		.createTable('membership_roles')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'teamLead', 'professional', 'trajectoryCoordinator')`))
		.addPrimaryKeyConstraint('membership_roles_pk', ['organisation_id', 'user_id', 'role'])
		.addForeignKeyConstraint(
			'membership_roles_membership_fk',
			['organisation_id', 'user_id'],
			'memberships',
			['organisation_id', 'user_id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	await db.schema
		.createTable('teams')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addUniqueConstraint('teams_org_id_unique', ['organisation_id', 'id'])
		.addUniqueConstraint('teams_org_name_unique', ['organisation_id', 'name'])
		.execute();

	await db.schema
		.createTable('team_members')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('team_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('member', 'lead')`))
		.addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
		// Composite keys make a cross-organisation team membership impossible in the schema itself.
		.addForeignKeyConstraint('team_members_team_fk', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (c) =>
			c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'team_members_membership_fk',
			['organisation_id', 'user_id'],
			'memberships',
			['organisation_id', 'user_id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema.createIndex('team_members_user_idx').on('team_members').columns(['organisation_id', 'user_id']).execute();

	await db.schema
		.createTable('invitations')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('roles', 'text', (c) => c.notNull())
		.addColumn('team_id', 'text')
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('expires_at', t.timestamp, (c) => c.notNull())
		.addColumn('accepted_at', t.timestamp)
		.addColumn('revoked_at', t.timestamp)
		.addForeignKeyConstraint('invitations_team_fk', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (c) =>
			c.onDelete('set null')
		)
		.execute();
	await db.schema.createIndex('invitations_org_email_idx').on('invitations').columns(['organisation_id', 'email']).execute();
	// At most one open invitation per address, even when two admins invite at the same moment.
	await db.schema
		.createIndex('invitations_one_open_per_email')
		.on('invitations')
		.columns(['organisation_id', 'email'])
		.unique()
		.where(sql.ref('accepted_at'), 'is', null)
		.where(sql.ref('revoked_at'), 'is', null)
		.execute();

	await db.schema
		.createTable('audit_events')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('occurred_at', t.timestamp, (c) => c.notNull())
		.addColumn('organisation_id', 'text')
		.addColumn('actor_type', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('session_id', 'text')
		.addColumn('request_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text')
		.addColumn('target_id', 'text')
		.addColumn('details', 'text')
		.execute();
	await db.schema.createIndex('audit_events_org_time_idx').on('audit_events').columns(['organisation_id', 'occurred_at']).execute();
	await db.schema.createIndex('audit_events_target_idx').on('audit_events').columns(['target_type', 'target_id']).execute();
	await makeAuditAppendOnly(db, dialect);

	await db.schema
		.createTable('rate_limits')
		.addColumn('key', 'text', (c) => c.primaryKey().notNull())
		.addColumn('window_start', 'bigint', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
}

/** The audit log is append-only in the database itself, not only by convention. */
async function makeAuditAppendOnly(db: Kysely<any>, dialect: Dialect): Promise<void> {
	if (dialect === 'postgres') {
		await sql`
			create function audit_events_append_only() returns trigger language plpgsql as $$
			begin
				raise exception 'audit_events is append-only';
			end;
			$$`.execute(db);
		await sql`
			create trigger audit_events_no_update_or_delete
			before update or delete on audit_events
			for each row execute function audit_events_append_only()`.execute(db);
		return;
	}
	await sql`
		create trigger audit_events_no_update before update on audit_events
		begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
	await sql`
		create trigger audit_events_no_delete before delete on audit_events
		begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
}
