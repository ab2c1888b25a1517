import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * Insights (docs/decisions/006-insights-suppression.md): indexes for the reads of the
 * collaboration and caseload views, and a frozen summary per organisation and completed
 * quarter that the team and organisation dashboards read instead of the ratings.
 *
 * insights_quarters marks a quarter as summarised; insights_cells holds, per team (''
 * for collaborations whose holder is in no team) and measure, how many collaborations a
 * figure rests on, the most of those one professional holds, and integer counts and sums
 * (averages are computed on reading, so both databases give the same answer). A completed
 * quarter is summarised once, the first time a dashboard asks for it, and never changes
 * after that: no figure can be compared with an earlier version of itself. There is no
 * backfill here: the first read of each quarter fills it.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);

	// Closed conversations of an organisation by the moment they ended (summaries, coverage).
	await db.schema
		.createIndex('conversations_org_phase_ended_idx')
		.on('conversations')
		.columns(['organisation_id', 'phase', 'ended_at'])
		.execute();
	// A professional's own parties (the caseload view's eye-opener).
	await db.schema.createIndex('conversation_parties_user_idx').on('conversation_parties').columns(['organisation_id', 'user_id']).execute();
	// Reviews made in a conversation.
	await db.schema
		.createIndex('agreement_reviews_conversation_idx')
		.on('agreement_reviews')
		.columns(['organisation_id', 'conversation_id'])
		.execute();

	await db.schema
		.createTable('insights_quarters')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('quarter', 'text', (c) => c.notNull())
		.addColumn('computed_at', t.timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('insights_quarters_pk', ['organisation_id', 'quarter'])
		.execute();

	await db.schema
		.createTable('insights_cells')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('quarter', 'text', (c) => c.notNull())
		.addColumn('team_id', 'text', (c) => c.notNull())
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('collaborations', 'integer', (c) => c.notNull())
		.addColumn('max_holder', 'integer', (c) => c.notNull())
		.addColumn('value_count', 'integer', (c) => c.notNull())
		.addColumn('value_sum', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('insights_cells_pk', ['organisation_id', 'quarter', 'team_id', 'measure'])
		.addForeignKeyConstraint(
			'insights_cells_quarter_fk',
			['organisation_id', 'quarter'],
			'insights_quarters',
			['organisation_id', 'quarter'],
			(c) => c.onDelete('cascade')
		)
		.execute();
}
