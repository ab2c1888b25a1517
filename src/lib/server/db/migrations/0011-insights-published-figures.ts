import type { Kysely } from 'kysely';

/**
 * Insights (docs/decisions/006-insights-suppression.md, rule 7): which figures of a summarised
 * quarter may be shown is decided once, when the quarter is first published, and can only
 * shrink after that. Before this, the pattern was worked out on every read with the current
 * minimum group size, so raising the setting showed a team that had been hidden beside a total
 * that had been shown, and subtracting the two isolated a small team.
 *
 * insights_quarters.min_group_size: the strictest minimum the quarter's figures have been held
 * to (null: summarised before this migration and not published under the rule yet; the next
 * read decides it). insights_shown_figures: one row per figure that may be shown, per measure;
 * scope 'organisation' or a team's id. Rows are only ever deleted (a stricter minimum), never
 * added to a published quarter.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('insights_quarters').addColumn('min_group_size', 'integer').execute();
	await db.schema
		.createTable('insights_shown_figures')
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('quarter', 'text', (c) => c.notNull())
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('insights_shown_figures_pk', ['organisation_id', 'quarter', 'measure', 'scope'])
		.addForeignKeyConstraint(
			'insights_shown_figures_quarter_fk',
			['organisation_id', 'quarter'],
			'insights_quarters',
			['organisation_id', 'quarter'],
			(c) => c.onDelete('cascade')
		)
		.execute();
}
