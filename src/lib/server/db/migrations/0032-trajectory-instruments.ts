import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Instruments in trajectory moments (issue 14, part 2; seed 004: the WAV-12 and SRS at T1/T2).
 * A moment may name an instrument key (a built-in or one of the organisation's imports; null:
 * none). A participant rates its items for themselves, and may ask one client for theirs through
 * a personal link: a row with the link's hash and no values until the client answers. One row per
 * moment, participant and perspective; it names the instrument version it was answered with.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema.alterTable('trajectory_moments').addColumn('instrument_key', 'text').execute();
	await db.schema
		.createTable('trajectory_instrument_answers')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('moment_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addColumn('perspective', 'text', (c) => c.notNull().check(sql`perspective in ('professional', 'client')`))
		.addColumn('instrument_id', 'text', (c) => c.notNull().references('instruments.id'))
		.addColumn('values_json', 'text')
		.addColumn('link_token_hash', 'text', (c) => c.unique())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('answered_at', t.timestamp)
		.addUniqueConstraint('trajectory_instrument_answers_unique', ['moment_id', 'participant_id', 'perspective'])
		.addForeignKeyConstraint(
			'trajectory_instrument_answers_moment_fk',
			['organisation_id', 'moment_id'],
			'trajectory_moments',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'trajectory_instrument_answers_participant_fk',
			['organisation_id', 'participant_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('trajectory_instrument_answers_trajectory_idx')
		.on('trajectory_instrument_answers')
		.columns(['organisation_id', 'trajectory_id'])
		.execute();
	await db.schema
		.createIndex('trajectory_instrument_answers_participant_idx')
		.on('trajectory_instrument_answers')
		.column('participant_id')
		.execute();
	await db.schema
		.createIndex('trajectory_instrument_answers_instrument_idx')
		.on('trajectory_instrument_answers')
		.column('instrument_id')
		.execute();
}
