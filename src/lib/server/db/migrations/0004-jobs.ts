import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Background jobs (shared/jobs.ts): a durable queue in the database itself, so one instance on
 * SQLite and several on PostgreSQL share it without another service. The dedupe key is unique
 * for as long as the row is kept, so the same job is never enqueued twice. Payloads hold ids,
 * never client content; last_error holds an error code, never a message.
 * See docs/decisions/005-job-runner.md.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);

	await db.schema
		.createTable('jobs')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
		// Deleting an organisation (erasure) takes its queued work with it.
		.addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'running', 'done', 'failed')`))
		.addColumn('run_at', t.timestamp, (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts >= 1`))
		.addColumn('lease_owner', 'text')
		.addColumn('lease_expires_at', t.timestamp)
		.addColumn('last_error', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addColumn('done_at', t.timestamp)
		.execute();
	// The two ways a job becomes claimable: pending and due, or running with an expired lease.
	await db.schema.createIndex('jobs_status_run_at_idx').on('jobs').columns(['status', 'run_at']).execute();
	await db.schema.createIndex('jobs_status_lease_idx').on('jobs').columns(['status', 'lease_expires_at']).execute();
	await db.schema.createIndex('jobs_status_done_at_idx').on('jobs').columns(['status', 'done_at']).execute();
	await db.schema.createIndex('jobs_organisation_idx').on('jobs').column('organisation_id').execute();
	// The reminder schedule looks for open collaborations due soon, across organisations.
	await db.schema.createIndex('collaborations_status_next_due_idx').on('collaborations').columns(['status', 'next_due_on']).execute();
}
