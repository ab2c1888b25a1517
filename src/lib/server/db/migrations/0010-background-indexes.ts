import type { Kysely } from 'kysely';

/**
 * Indexes for the background work (docs/decisions/005-job-runner.md) on large organisations.
 * Without statistics SQLite picked an index on the organisation alone for both reads below and
 * scanned the organisation's rows: at a million ratings each "conversation due" reminder and
 * mail cost about 4 ms in collaboration_professionals, and every run of the preparation
 * reminder schedule walked all conversation parties (over a second, blocking the server).
 */
export async function up(db: Kysely<any>): Promise<void> {
	// The professionals of one collaboration (reminders, mails, access checks).
	await db.schema
		.createIndex('collaboration_professionals_collaboration_idx')
		.on('collaboration_professionals')
		.columns(['organisation_id', 'collaboration_id'])
		.execute();
	// Conversations in a phase by planned day (the preparation reminder schedule, over all organisations).
	await db.schema.createIndex('conversations_phase_scheduled_idx').on('conversations').columns(['phase', 'scheduled_on']).execute();
}
