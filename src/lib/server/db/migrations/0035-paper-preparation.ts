import type { Kysely } from 'kysely';

/**
 * A learning conversation's preparation on paper (issue 14, part 4;
 * docs/decisions/020-paper-forms-and-paper-entry.md): the professional types in the preparation a
 * participant filled in on the printed form and handed over. The preparation then carries the
 * calendar day the paper was filled in (YYYY-MM-DD, Europe/Amsterdam), so it shows as
 * "op papier"; null for a preparation written on a device, which every existing one was.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('preparations').addColumn('paper_filled_on', 'text').execute();
}
