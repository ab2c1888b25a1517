import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * The quick check's "most and least satisfied" is spoken, as in seed 003 (issue 15, part 7): the
 * professional may note what the client says. Each text is marked when the professional noted
 * it, so the client's screen and the report say so; a text the client types is their own
 * (false). Existing texts were all typed by their party.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	const no = dialect === 'postgres' ? false : 0;
	await db.schema
		.alterTable('reflections')
		.addColumn('most_noted_by_professional', t.boolean, (c) => c.notNull().defaultTo(no))
		.execute();
	await db.schema
		.alterTable('reflections')
		.addColumn('least_noted_by_professional', t.boolean, (c) => c.notNull().defaultTo(no))
		.execute();
}
