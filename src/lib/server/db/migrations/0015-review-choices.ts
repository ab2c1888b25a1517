import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * The review is judged together (docs/decisions/010-the-client-keeps-the-outcome.md): each
 * participant chooses how an agreement went on their own device, beside the professional's
 * choice. One choice per party per agreement per conversation; choosing again replaces it.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.createTable('agreement_review_choices')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('conversation_id', 'text', (c) => c.notNull())
		.addColumn('agreement_id', 'text', (c) => c.notNull())
		.addColumn('party_id', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('done', 'partly', 'notDone')`))
		.addColumn('updated_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('agreement_review_choices_pk', ['conversation_id', 'agreement_id', 'party_id'])
		.addForeignKeyConstraint(
			'agreement_review_choices_conversation_fk',
			['organisation_id', 'conversation_id'],
			'conversations',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'agreement_review_choices_agreement_fk',
			['organisation_id', 'agreement_id'],
			'agreements',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.addForeignKeyConstraint(
			'agreement_review_choices_party_fk',
			['organisation_id', 'party_id'],
			'conversation_parties',
			['organisation_id', 'id'],
			(c) => c.onDelete('cascade')
		)
		.execute();
}
