import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * The access log (NEN 7513, docs/decisions/016-access-log.md) is the audit log: every view and
 * change of a client's data is an audit event that also names the collaboration, the role the
 * actor acted in and the client address. The log gets its own retention: the retention job may
 * delete events older than the cut-off, and only while its transaction holds a row in
 * `audit_purge_permits` naming that cut-off (inserted and deleted inside it, so no other
 * transaction ever sees it). Updating stays as migration 0016 allows (pseudonymising ids on
 * erasure, now including collaboration_id); any other update or delete is refused by the
 * database itself, on SQLite as on PostgreSQL.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema.alterTable('audit_events').addColumn('collaboration_id', 'text').execute();
	await db.schema.alterTable('audit_events').addColumn('actor_role', 'text').execute();
	await db.schema.alterTable('audit_events').addColumn('client_address', 'text').execute();
	await db.schema
		.createIndex('audit_events_org_collaboration_idx')
		.on('audit_events')
		.columns(['organisation_id', 'collaboration_id', 'occurred_at'])
		.execute();
	await db.schema
		.createIndex('audit_events_org_actor_idx')
		.on('audit_events')
		.columns(['organisation_id', 'actor_id', 'occurred_at'])
		.execute();
	await db.schema
		.createTable('audit_purge_permits')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('before', t.timestamp, (c) => c.notNull())
		.execute();
	if (dialect === 'postgres') {
		await sql`
			create or replace function audit_events_append_only() returns trigger language plpgsql as $$
			begin
				if tg_op = 'DELETE' and exists (select 1 from audit_purge_permits p where old.occurred_at < p.before) then
					return old;
				end if;
				if tg_op = 'UPDATE'
					and exists (select 1 from audit_erasure_permits)
					and new.id = old.id
					and new.occurred_at = old.occurred_at
					and new.organisation_id is not distinct from old.organisation_id
					and new.actor_type = old.actor_type
					and new.request_id is not distinct from old.request_id
					and new.action = old.action
					and new.target_type is not distinct from old.target_type
					and new.actor_role is not distinct from old.actor_role
					and new.client_address is not distinct from old.client_address then
					return new;
				end if;
				raise exception 'audit_events is append-only';
			end;
			$$`.execute(db);
		return;
	}
	await sql`drop trigger audit_events_no_update`.execute(db);
	await sql`
		create trigger audit_events_no_update before update on audit_events
		when not exists (select 1 from audit_erasure_permits)
			or new.id is not old.id
			or new.occurred_at is not old.occurred_at
			or new.organisation_id is not old.organisation_id
			or new.actor_type is not old.actor_type
			or new.request_id is not old.request_id
			or new.action is not old.action
			or new.target_type is not old.target_type
			or new.actor_role is not old.actor_role
			or new.client_address is not old.client_address
		begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
	await sql`drop trigger audit_events_no_delete`.execute(db);
	await sql`
		create trigger audit_events_no_delete before delete on audit_events
		when not exists (select 1 from audit_purge_permits p where old.occurred_at < p.before)
		begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
}
