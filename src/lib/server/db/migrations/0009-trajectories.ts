import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Learning trajectories (seed 004): a coordinator's cohort of professionals with meetings,
 * measurement moments, a question template, consent per participant, answers per moment, buddy
 * pairs with their log and evaluations, and the reminders already sent. An invitation can now
 * be for a trajectory: accepting it creates an account without an organisation membership.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	// 'staff' invitations create a membership; 'trajectory' ones only an account (see trajectories).
	await db.schema
		.alterTable('invitations')
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.defaultTo('staff')
				.check(sql`kind in ('staff', 'trajectory')`)
		)
		.execute();

	// template_json holds the adjustable questions (trajectories.models.ts); locked once a moment opens.
	await db.schema
		.createTable('trajectories')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('consent_text', 'text', (c) => c.notNull())
		.addColumn('template_json', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addUniqueConstraint('trajectories_org_id_unique', ['organisation_id', 'id'])
		.execute();

	await db.schema
		.createTable('trajectory_meetings')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('held_on', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addForeignKeyConstraint(
			'trajectory_meetings_trajectory_fk',
			['organisation_id', 'trajectory_id'],
			'trajectories',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// T1, T2, …: position 1, 2, …; a moment is open from opens_on up to and including closes_on.
	await db.schema
		.createTable('trajectory_moments')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('opens_on', 'text', (c) => c.notNull())
		.addColumn('closes_on', 'text', (c) => c.notNull())
		.addUniqueConstraint('trajectory_moments_position_unique', ['trajectory_id', 'position'])
		.addUniqueConstraint('trajectory_moments_org_id_unique', ['organisation_id', 'id'])
		.addCheckConstraint('trajectory_moments_dates_check', sql`opens_on <= closes_on`)
		.addForeignKeyConstraint(
			'trajectory_moments_trajectory_fk',
			['organisation_id', 'trajectory_id'],
			'trajectories',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// A participant is numbered within the trajectory (the report's pseudonym). user_id is null
	// until an invited person without an account accepts invitation_id.
	await db.schema
		.createTable('trajectory_participants')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('invitation_id', 'text', (c) => c.references('invitations.id').onDelete('set null'))
		.addColumn('organisation_name', 'text', (c) => c.notNull())
		.addColumn('consent', 'text', (c) => c.notNull().check(sql`consent in ('pending', 'given', 'declined', 'withdrawn')`))
		.addColumn('consent_at', t.timestamp)
		.addColumn('stopped_on', 'text')
		.addColumn('added_at', t.timestamp, (c) => c.notNull())
		.addUniqueConstraint('trajectory_participants_number_unique', ['trajectory_id', 'number'])
		.addUniqueConstraint('trajectory_participants_email_unique', ['trajectory_id', 'email'])
		.addUniqueConstraint('trajectory_participants_org_id_unique', ['organisation_id', 'id'])
		.addForeignKeyConstraint(
			'trajectory_participants_trajectory_fk',
			['organisation_id', 'trajectory_id'],
			'trajectories',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema.createIndex('trajectory_participants_user_idx').on('trajectory_participants').column('user_id').execute();
	await db.schema.createIndex('trajectory_participants_invitation_idx').on('trajectory_participants').column('invitation_id').execute();

	// One participant's answers at one moment; answers_json holds the template's scale and open answers.
	await db.schema
		.createTable('trajectory_responses')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('moment_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addColumn('learning_goal', 'text', (c) => c.notNull())
		.addColumn('goal_change_reason', 'text')
		.addColumn('barrier_personal', 'text')
		.addColumn('barrier_team', 'text')
		.addColumn('barrier_organisation', 'text')
		.addColumn('resource_personal', 'text')
		.addColumn('resource_team', 'text')
		.addColumn('resource_organisation', 'text')
		.addColumn('answers_json', 'text', (c) => c.notNull())
		.addColumn('explanation', 'text')
		.addColumn('submitted_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('trajectory_responses_pk', ['moment_id', 'participant_id'])
		.addForeignKeyConstraint(
			'trajectory_responses_moment_fk',
			['organisation_id', 'moment_id'],
			'trajectory_moments',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'trajectory_responses_participant_fk',
			['organisation_id', 'participant_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('trajectory_responses_trajectory_idx')
		.on('trajectory_responses')
		.columns(['organisation_id', 'trajectory_id'])
		.execute();

	await db.schema
		.createTable('trajectory_buddy_pairs')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addUniqueConstraint('trajectory_buddy_pairs_org_id_unique', ['organisation_id', 'id'])
		.addForeignKeyConstraint(
			'trajectory_buddy_pairs_trajectory_fk',
			['organisation_id', 'trajectory_id'],
			'trajectories',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// A participant is in at most one pair per trajectory.
	await db.schema
		.createTable('trajectory_buddy_members')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('pair_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('trajectory_buddy_members_pk', ['trajectory_id', 'participant_id'])
		.addForeignKeyConstraint(
			'trajectory_buddy_members_pair_fk',
			['organisation_id', 'pair_id'],
			'trajectory_buddy_pairs',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'trajectory_buddy_members_participant_fk',
			['organisation_id', 'participant_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema.createIndex('trajectory_buddy_members_pair_idx').on('trajectory_buddy_members').column('pair_id').execute();

	// An exchange between buddies as one of them logged it; private unless its author shares it.
	await db.schema
		.createTable('trajectory_buddy_entries')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('pair_id', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text', (c) => c.notNull())
		.addColumn('met_on', 'text', (c) => c.notNull())
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('valuable', t.boolean, (c) => c.notNull())
		.addColumn('reflection', 'text')
		.addColumn('shared', t.boolean, (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addForeignKeyConstraint(
			'trajectory_buddy_entries_pair_fk',
			['organisation_id', 'pair_id'],
			'trajectory_buddy_pairs',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'trajectory_buddy_entries_author_fk',
			['organisation_id', 'author_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema.createIndex('trajectory_buddy_entries_pair_idx').on('trajectory_buddy_entries').column('pair_id').execute();

	// The buddy evaluation each participant gives at the end. valuable: 'no' | 'somewhat' | 'yes'.
	await db.schema
		.createTable('trajectory_buddy_evaluations')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addColumn('valuable', 'text', (c) => c.notNull().check(sql`valuable in ('no', 'somewhat', 'yes')`))
		.addColumn('what_helped', 'text')
		.addColumn('tips', 'text')
		.addColumn('submitted_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('trajectory_buddy_evaluations_pk', ['trajectory_id', 'participant_id'])
		.addForeignKeyConstraint(
			'trajectory_buddy_evaluations_participant_fk',
			['organisation_id', 'participant_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// Reminder mails already sent, so each is sent once: kind 'opened' or 'closing'.
	await db.schema
		.createTable('trajectory_reminders')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('moment_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('opened', 'closing')`))
		.addColumn('sent_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('trajectory_reminders_pk', ['moment_id', 'participant_id', 'kind'])
		.addForeignKeyConstraint(
			'trajectory_reminders_moment_fk',
			['organisation_id', 'moment_id'],
			'trajectory_moments',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'trajectory_reminders_participant_fk',
			['organisation_id', 'participant_id'],
			'trajectory_participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
}
