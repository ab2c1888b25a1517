import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/** The seed's functions (seed 004, §2.3), by code; their words are in the messages. Kept as written here. */
const BUILTIN_FUNCTIONS = [
	'neighbourhoodTeamWorker',
	'youthProtectionChair',
	'experienceExpert',
	'familyHomeParent',
	'youthInterviewer',
	'behaviouralScientist'
] as const;

/**
 * The trajectory monitor shaped like seed 004 (issue 15, parts 8–13): meetings get a place, a
 * short programme and attendance per participant; participants get a function from a list per
 * trajectory (the seed's six to start with, the coordinator may add more); a buddy evaluation
 * records whether its texts may be quoted in the report.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema.alterTable('trajectory_meetings').addColumn('place', 'text').execute();
	await db.schema.alterTable('trajectory_meetings').addColumn('programme', 'text').execute();
	// A unique index (SQLite cannot add a constraint to a table) for attendance's composite foreign key.
	await db.schema
		.createIndex('trajectory_meetings_org_id_unique')
		.unique()
		.on('trajectory_meetings')
		.columns(['organisation_id', 'id'])
		.execute();

	// A row per participant present at a meeting; recorded by the coordinator.
	await db.schema
		.createTable('trajectory_attendance')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('meeting_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('trajectory_attendance_pk', ['meeting_id', 'participant_id'])
		.addForeignKeyConstraint(
			'trajectory_attendance_meeting_fk',
			['organisation_id', 'meeting_id'],
			'trajectory_meetings',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'trajectory_attendance_participant_fk',
			['organisation_id', 'participant_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('trajectory_attendance_trajectory_idx')
		.on('trajectory_attendance')
		.columns(['organisation_id', 'trajectory_id'])
		.execute();
	await db.schema.createIndex('trajectory_attendance_participant_idx').on('trajectory_attendance').column('participant_id').execute();

	// A function is one of the seed's (builtin, translated) or the coordinator's own (name); never both.
	await db.schema
		.createTable('trajectory_functions')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('builtin', 'text')
		.addColumn('name', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addCheckConstraint('trajectory_functions_kind_check', sql`(builtin is null) <> (name is null)`)
		.addUniqueConstraint('trajectory_functions_builtin_unique', ['trajectory_id', 'builtin'])
		.addUniqueConstraint('trajectory_functions_name_unique', ['trajectory_id', 'name'])
		.addForeignKeyConstraint(
			'trajectory_functions_trajectory_fk',
			['organisation_id', 'trajectory_id'],
			'trajectories',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// The usecases check that the function belongs to the participant's trajectory.
	await db.schema
		.alterTable('trajectory_participants')
		.addColumn('function_id', 'text', (c) => c.references('trajectory_functions.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('trajectory_participants_function_idx').on('trajectory_participants').column('function_id').execute();

	// Existing evaluations were given without this question: not quoted.
	await db.schema
		.alterTable('trajectory_buddy_evaluations')
		.addColumn('quote_allowed', t.boolean, (c) => c.notNull().defaultTo(dialect === 'postgres' ? false : 0))
		.execute();

	// Every existing trajectory gets the seed's functions, as a new one does.
	const trajectories = await db.selectFrom('trajectories').select(['id', 'organisation_id', 'created_at']).execute();
	for (const trajectory of trajectories as { id: string; organisation_id: string; created_at: unknown }[]) {
		await db
			.insertInto('trajectory_functions')
			.values(
				BUILTIN_FUNCTIONS.map((builtin) => ({
					id: randomUUID(),
					organisation_id: trajectory.organisation_id,
					trajectory_id: trajectory.id,
					builtin,
					name: null,
					created_at: trajectory.created_at
				}))
			)
			.execute();
	}
}
