import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Collaborations, instruments as data, conversations with parties, ratings, reflections,
 * agreements with their reviews, and device sessions for participants without an account.
 * Child rows carry organisation_id and reference their parent through (organisation_id, id),
 * so a row can never point into another organisation.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);

	await db.schema
		.alterTable('organisations')
		.addColumn('plan_term', 'text', (c) => c.notNull().defaultTo('familyPlan'))
		.execute();

	await db.schema
		.createTable('collaborations')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
		.addColumn('rhythm_weeks', 'integer', (c) => c.check(sql`rhythm_weeks is null or (rhythm_weeks between 1 and 104)`))
		.addColumn('next_due_on', 'text')
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addColumn('closed_at', t.timestamp)
		.addUniqueConstraint('collaborations_org_id_unique', ['organisation_id', 'id'])
		.execute();
	await db.schema.createIndex('collaborations_org_status_idx').on('collaborations').columns(['organisation_id', 'status']).execute();

	await db.schema
		.createTable('collaboration_professionals')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('collaboration_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('holder', 'co')`))
		.addColumn('added_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('collaboration_professionals_pk', ['collaboration_id', 'user_id'])
		.addForeignKeyConstraint(
			'collaboration_professionals_collaboration_fk',
			['organisation_id', 'collaboration_id'],
			'collaborations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'collaboration_professionals_membership_fk',
			['organisation_id', 'user_id'],
			'memberships',
			['organisation_id', 'user_id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('collaboration_professionals_user_idx')
		.on('collaboration_professionals')
		.columns(['organisation_id', 'user_id'])
		.execute();
	// Exactly one holder per collaboration.
	await db.schema
		.createIndex('collaboration_professionals_one_holder')
		.on('collaboration_professionals')
		.column('collaboration_id')
		.unique()
		.where(sql.ref('role'), '=', 'holder')
		.execute();

	await db.schema
		.createTable('participants')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('collaboration_id', 'text', (c) => c.notNull())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('adult', 'child')`))
		.addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('nl', 'en')`))
		.addColumn('email', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('removed_at', t.timestamp)
		.addUniqueConstraint('participants_org_id_unique', ['organisation_id', 'id'])
		.addForeignKeyConstraint(
			'participants_collaboration_fk',
			['organisation_id', 'collaboration_id'],
			'collaborations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('participants_collaboration_idx')
		.on('participants')
		.columns(['organisation_id', 'collaboration_id'])
		.execute();

	// Built-in instruments have no organisation; content_json holds items, wording and scales.
	await db.schema
		.createTable('instruments')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('quickCheck', 'sessionFeedback')`))
		.addColumn('content_json', 'text', (c) => c.notNull())
		.addColumn('published_at', t.timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('instruments_key_version_unique').on('instruments').columns(['key', 'version']).unique().execute();

	await db.schema
		.createTable('conversations')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('collaboration_id', 'text', (c) => c.notNull())
		.addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('quickCheck', 'learningConversation', 'sessionFeedback')`))
		.addColumn('instrument_id', 'text', (c) => c.references('instruments.id'))
		.addColumn('phase', 'text', (c) =>
			c.notNull().check(sql`phase in ('review', 'rating', 'revealed', 'reflection', 'agreement', 'closed', 'abandoned')`)
		)
		.addColumn('started_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('started_at', t.timestamp, (c) => c.notNull())
		.addColumn('revealed_at', t.timestamp)
		.addColumn('ended_at', t.timestamp)
		.addColumn('join_code', 'text')
		.addColumn('summary', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addUniqueConstraint('conversations_org_id_unique', ['organisation_id', 'id'])
		.addForeignKeyConstraint(
			'conversations_collaboration_fk',
			['organisation_id', 'collaboration_id'],
			'collaborations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('conversations_collaboration_idx')
		.on('conversations')
		.columns(['organisation_id', 'collaboration_id', 'started_at'])
		.execute();
	// A join code is unique among conversations that are still going on.
	await db.schema
		.createIndex('conversations_open_join_code')
		.on('conversations')
		.column('join_code')
		.unique()
		.where(sql.ref('join_code'), 'is not', null)
		.execute();
	// At most one unfinished quick check per collaboration, also when "start" is pressed twice at once.
	await db.schema
		.createIndex('conversations_one_unfinished_quick_check')
		.on('conversations')
		.column('collaboration_id')
		.unique()
		.where(sql<boolean>`method = 'quickCheck' and phase in ('review', 'rating', 'revealed', 'reflection', 'agreement')`)
		.execute();

	// Who takes part: each participant and each professional is a party with its own ratings.
	await db.schema
		.createTable('conversation_parties')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('participant', 'professional')`))
		.addColumn('participant_id', 'text')
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('present', t.boolean, (c) => c.notNull())
		.addColumn('submitted_at', t.timestamp)
		.addColumn('claimed_at', t.timestamp)
		.addUniqueConstraint('conversation_parties_org_id_unique', ['organisation_id', 'id'])
		.addForeignKeyConstraint(
			'conversation_parties_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'conversation_parties_participant_fk',
			['organisation_id', 'participant_id'],
			'participants',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('conversation_parties_conversation_idx')
		.on('conversation_parties')
		.columns(['organisation_id', 'conversation_id'])
		.execute();

	await db.schema
		.createTable('ratings')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('instrument_id', 'text', (c) => c.notNull().references('instruments.id'))
		.addColumn('item_key', 'text', (c) => c.notNull())
		.addColumn('value', 'integer', (c) => c.notNull().check(sql`value between 0 and 100`))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('ratings_pk', ['conversation_id', 'party_id', 'item_key'])
		.addForeignKeyConstraint('ratings_party_fk', ['organisation_id', 'party_id'], 'conversation_parties', ['organisation_id', 'id'], (c) =>
			c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'ratings_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	await db.schema
		.createTable('reflections')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('item_key', 'text', (c) => c.notNull())
		.addColumn('most_satisfied', 'text')
		.addColumn('least_satisfied', 'text')
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('reflections_pk', ['conversation_id', 'party_id', 'item_key'])
		.addForeignKeyConstraint(
			'reflections_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	await db.schema
		.createTable('agreements')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('collaboration_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('what', 'text', (c) => c.notNull())
		.addColumn('who', 'text', (c) => c.notNull().check(sql`who in ('client', 'professional', 'both', 'other')`))
		.addColumn('who_other', 'text')
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('success_measure', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done', 'partly', 'notDone')`))
		.addColumn('carried_over_from', 'text')
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addUniqueConstraint('agreements_org_id_unique', ['organisation_id', 'id'])
		.addForeignKeyConstraint(
			'agreements_collaboration_fk',
			['organisation_id', 'collaboration_id'],
			'collaborations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'agreements_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('agreements_collaboration_idx')
		.on('agreements')
		.columns(['organisation_id', 'collaboration_id', 'status'])
		.execute();

	await db.schema
		.createTable('agreement_reviews')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('agreement_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('done', 'partly', 'notDone')`))
		.addColumn('note', 'text')
		.addColumn('carried_over', t.boolean, (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addForeignKeyConstraint(
			'agreement_reviews_agreement_fk',
			['organisation_id', 'agreement_id'],
			'agreements',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'agreement_reviews_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('agreement_reviews_one_per_conversation')
		.on('agreement_reviews')
		.columns(['agreement_id', 'conversation_id'])
		.unique()
		.execute();

	// A participant's device: reaches one party of one conversation and nothing else.
	await db.schema
		.createTable('device_sessions')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('ownDevice', 'handover')`))
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('expires_at', t.timestamp, (c) => c.notNull())
		.addColumn('revoked_at', t.timestamp)
		// Hand-over: the professional's own (better-auth) session, locked on the server until they
		// authenticate again — deleting cookies in the browser does not unlock it.
		.addColumn('locked_staff_session_id', 'text')
		.addForeignKeyConstraint(
			'device_sessions_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('device_sessions_locked_staff_session_idx')
		.on('device_sessions')
		.column('locked_staff_session_id')
		.where(sql.ref('revoked_at'), 'is', null)
		.execute();
	await db.schema
		.createIndex('device_sessions_conversation_idx')
		.on('device_sessions')
		.columns(['organisation_id', 'conversation_id'])
		.execute();

	// A PIN a professional can set to take their device back after a hand-over.
	await db.schema.alterTable('users').addColumn('handover_pin_hash', 'text').execute();
}
