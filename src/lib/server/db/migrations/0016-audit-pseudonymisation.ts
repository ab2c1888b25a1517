import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The audit log stays append-only (migration 0001), with one exception the data lifecycle needs
 * (docs/decisions/011-data-lifecycle.md): an erasure replaces the erased records' ids in the
 * events that name them by pseudonyms. Such an update is allowed only while the erasing
 * transaction holds a row in `audit_erasure_permits` (inserted and deleted inside it, so no
 * other transaction ever sees it), and only the id columns and details may change. Deleting
 * an event stays impossible.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	await db.schema
		.createTable('audit_erasure_permits')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.execute();
	if (dialect === 'postgres') {
		await sql`
			create or replace function audit_events_append_only() returns trigger language plpgsql as $$
			begin
				if tg_op = 'UPDATE'
					and exists (select 1 from audit_erasure_permits)
					and new.id = old.id
					and new.occurred_at = old.occurred_at
					and new.organisation_id is not distinct from old.organisation_id
					and new.actor_type = old.actor_type
					and new.request_id is not distinct from old.request_id
					and new.action = old.action
					and new.target_type is not distinct from old.target_type then
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
		begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
}
