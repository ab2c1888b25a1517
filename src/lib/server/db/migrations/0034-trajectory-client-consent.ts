import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { columnTypes } from './types.ts';

/**
 * A trajectory client's consent, asked as its own step before the questions (issue 14;
 * docs/decisions/009 and 019): on a client link's row, `client_consent` is null until the client
 * answers the consent question, then `given` or `declined`, with the time. Ratings are stored and
 * counted only with `given`. Answers given before this step existed were given on a page that
 * said taking part was voluntary and that only group averages are reported: answering was the
 * consent, so those rows get `given` at the time they were answered.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const t = columnTypes(dialect);
	await db.schema
		.alterTable('trajectory_instrument_answers')
		.addColumn('client_consent', 'text', (c) => c.check(sql`client_consent in ('given', 'declined')`))
		.execute();
	await db.schema.alterTable('trajectory_instrument_answers').addColumn('client_consent_at', t.timestamp).execute();
	await db
		.updateTable('trajectory_instrument_answers')
		.set({ client_consent: 'given', client_consent_at: sql`answered_at` })
		.where('perspective', '=', 'client')
		.where('values_json', 'is not', null)
		.execute();
}
