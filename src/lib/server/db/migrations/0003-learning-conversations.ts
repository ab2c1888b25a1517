import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';
import { replaceColumnCheck } from './widen-check.ts';

/**
 * The Samenleergesprek and session feedback: card decks as versioned data, personal links for
 * preparation at home and for session feedback, private preparations, and what a learning
 * conversation produces (safety needs, chosen topics, A/B/C sheets per party, handed wish
 * cards, an evaluation, moments of a recorded session). Actions are agreements with a kind.
 */

const PHASES = [
	// quick check
	'review',
	'rating',
	'revealed',
	'reflection',
	'agreement',
	// learning conversation (review first as well; rating is session feedback's)
	'preparation',
	'safety',
	'topics',
	'sheets',
	'actions',
	'evaluation',
	// every method
	'closed',
	'abandoned'
] as const;

const OLD_PHASE_CHECK = `phase in ('review', 'rating', 'revealed', 'reflection', 'agreement', 'closed', 'abandoned')`;
const NEW_PHASE_CHECK = `phase in (${PHASES.map((phase) => `'${phase}'`).join(', ')})`;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);

	await widenPhaseCheck(db, dialect);

	// The day a learning conversation is planned for (its preparation runs up to it).
	await db.schema.alterTable('conversations').addColumn('scheduled_on', 'text').execute();
	// At most one unfinished learning conversation per collaboration.
	await db.schema
		.createIndex('conversations_one_unfinished_learning_conversation')
		.on('conversations')
		.column('collaboration_id')
		.unique()
		.where(
			sql<boolean>`method = 'learningConversation' and phase in ('preparation', 'review', 'safety', 'topics', 'sheets', 'actions', 'evaluation')`
		)
		.execute();

	// Actions of a learning conversation are agreements too: keep or change, and what is needed.
	await db.schema
		.alterTable('agreements')
		.addColumn('action_kind', 'text', (c) => c.check(sql`action_kind is null or action_kind in ('keep', 'change')`))
		.execute();
	await db.schema.alterTable('agreements').addColumn('needed', 'text').execute();

	// Built-in decks have no organisation; an organisation's edit is a new version of its own.
	// content_json holds the cards (see the decks feature's models); a published version never changes.
	await db.schema
		.createTable('decks')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('topic', 'value', 'wish')`))
		.addColumn('content_json', 'text', (c) => c.notNull())
		.addColumn('derived_from', 'text', (c) => c.references('decks.id'))
		.addColumn('published_at', t.timestamp, (c) => c.notNull())
		.addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('decks_builtin_key_version_unique')
		.on('decks')
		.columns(['key', 'version'])
		.unique()
		.where(sql.ref('organisation_id'), 'is', null)
		.execute();
	await db.schema
		.createIndex('decks_organisation_key_version_unique')
		.on('decks')
		.columns(['organisation_id', 'key', 'version'])
		.unique()
		.where(sql.ref('organisation_id'), 'is not', null)
		.execute();

	// Which decks an organisation offers; a deck without a row is on.
	await db.schema
		.createTable('organisation_decks')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('deck_key', 'text', (c) => c.notNull())
		.addColumn('enabled', t.boolean, (c) => c.notNull())
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('organisation_decks_pk', ['organisation_id', 'deck_key'])
		.execute();

	// The deck versions a learning conversation uses, fixed when it is scheduled.
	await db.schema
		.createTable('conversation_decks')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('deck_id', 'text', (c) => c.notNull().references('decks.id'))
		.addPrimaryKeyConstraint('conversation_decks_pk', ['conversation_id', 'deck_id'])
		.addForeignKeyConstraint(
			'conversation_decks_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// A personal link for one party: preparation at home, or session feedback after a session.
	// Only the token's hash is stored. Opening it claims it for one device.
	await db.schema
		.createTable('participant_links')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('preparation', 'sessionFeedback')`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addColumn('expires_at', t.timestamp, (c) => c.notNull())
		.addColumn('sent_at', t.timestamp)
		.addColumn('claimed_at', t.timestamp)
		.addColumn('revoked_at', t.timestamp)
		.addForeignKeyConstraint(
			'participant_links_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'participant_links_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('participant_links_conversation_idx')
		.on('participant_links')
		.columns(['organisation_id', 'conversation_id'])
		.execute();

	// One party's private preparation; nobody else sees it until shared_at is set by its owner.
	await db.schema
		.createTable('preparations')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('wishes', 'text')
		.addColumn('moment_a', 'text')
		.addColumn('moment_b', 'text')
		.addColumn('moment_c', 'text')
		/** JSON array of safety suggestion keys. */
		.addColumn('safety_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('safety_own', 'text')
		.addColumn('shared_at', t.timestamp)
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('preparations_pk', ['conversation_id', 'party_id'])
		.addForeignKeyConstraint(
			'preparations_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'preparations_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// The cards a party picked while preparing.
	await db.schema
		.createTable('preparation_cards')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('deck_id', 'text', (c) => c.notNull().references('decks.id'))
		.addColumn('card_key', 'text', (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('preparation_cards_pk', ['conversation_id', 'party_id', 'deck_id', 'card_key'])
		.addForeignKeyConstraint(
			'preparation_cards_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// Safety: what each party needs to feel safe, said in the conversation.
	await db.schema
		.createTable('conversation_safety')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		/** JSON array of safety suggestion keys. */
		.addColumn('suggestions_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('own_words', 'text')
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('conversation_safety_pk', ['conversation_id', 'party_id'])
		.addForeignKeyConstraint(
			'conversation_safety_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// The topics chosen together: a card of a deck in use, or an own topic in words.
	await db.schema
		.createTable('conversation_topics')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('deck_id', 'text', (c) => c.references('decks.id'))
		.addColumn('card_key', 'text')
		.addColumn('own_text', 'text')
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addUniqueConstraint('conversation_topics_org_id_unique', ['organisation_id', 'id'])
		.addCheckConstraint('conversation_topics_card_or_own', sql`(deck_id is not null and card_key is not null) or own_text is not null`)
		.addForeignKeyConstraint(
			'conversation_topics_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('conversation_topics_conversation_idx')
		.on('conversation_topics')
		.columns(['organisation_id', 'conversation_id', 'position'])
		.execute();

	// Per topic and party: A what happened, B what did it do to me, C why is it important to me.
	await db.schema
		.createTable('topic_sheets')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('topic_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('a_text', 'text')
		.addColumn('b_text', 'text')
		.addColumn('c_text', 'text')
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('topic_sheets_pk', ['topic_id', 'party_id'])
		.addForeignKeyConstraint(
			'topic_sheets_topic_fk',
			['organisation_id', 'topic_id'],
			'conversation_topics',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'topic_sheets_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// Wish cards ("uitdelers") a participant hands to the professional.
	await db.schema
		.createTable('handed_wishes')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('deck_id', 'text', (c) => c.notNull().references('decks.id'))
		.addColumn('card_key', 'text', (c) => c.notNull())
		.addColumn('handed_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('handed_wishes_pk', ['conversation_id', 'party_id', 'deck_id', 'card_key'])
		.addForeignKeyConstraint(
			'handed_wishes_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// The short evaluation at the end: was it clear, how was this conversation (0–100 lines).
	await db.schema
		.createTable('conversation_evaluations')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('clarity', 'integer', (c) => c.check(sql`clarity is null or (clarity between 0 and 100)`))
		.addColumn('overall', 'integer', (c) => c.check(sql`overall is null or (overall between 0 and 100)`))
		.addColumn('remark', 'text')
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('conversation_evaluations_pk', ['conversation_id', 'party_id'])
		.addForeignKeyConstraint(
			'conversation_evaluations_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();

	// Moments of a recorded session, by time stamp with a note; the recording stays outside.
	await db.schema
		.createTable('recording_moments')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('at_seconds', 'integer', (c) => c.notNull().check(sql`at_seconds >= 0`))
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('created_at', t.timestamp, (c) => c.notNull())
		.addForeignKeyConstraint(
			'recording_moments_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('recording_moments_conversation_idx')
		.on('recording_moments')
		.columns(['organisation_id', 'conversation_id'])
		.execute();
}

/** Lets conversations.phase hold the learning conversation's phases. */
async function widenPhaseCheck(db: Kysely<any>, dialect: Dialect): Promise<void> {
	await replaceColumnCheck(db, dialect, { table: 'conversations', column: 'phase', from: OLD_PHASE_CHECK, to: NEW_PHASE_CHECK });
}
