import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Paper (issue 14, part 4; docs/decisions/020-paper-forms-and-paper-entry.md): a party's answers
 * can be filled in on a printed form and typed in by the professional afterwards. The party then
 * carries the calendar day the paper was filled in (YYYY-MM-DD, Europe/Amsterdam), so every view,
 * the client's copy and the exports can say "op papier"; null for answers given on a device,
 * which every existing party gave.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	await db.schema.alterTable('conversation_parties').addColumn('paper_filled_on', 'text').execute();
}
