import type { Kysely } from 'kysely';

/**
 * A learning conversation's A/B/C sheets on paper (issue 14, part 4;
 * docs/decisions/020-paper-forms-and-paper-entry.md): the professional types in a party's side of
 * a topic's sheet from the printed form. The side then carries the calendar day the paper was
 * filled in (YYYY-MM-DD, Europe/Amsterdam), so it shows as "op papier"; null for a side written on
 * a screen, which every existing one was. It touches only this table, so it runs the same with or
 * without 0037.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('topic_sheets').addColumn('paper_filled_on', 'text').execute();
}
