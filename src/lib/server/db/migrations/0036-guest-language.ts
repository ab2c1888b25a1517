import { sql, type Kysely } from 'kysely';

/**
 * A learning trajectory's outside participant (a guest, docs/decisions/009) reads their pages and
 * the mails of their trajectories in a client language (issue 16, docs/decisions/021): the one
 * the coordinator invited them in, or the one they chose since. Null: the account's own language
 * (`locale`, Dutch or English), as for staff. Read only while the account has no membership.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('users')
		.addColumn('client_locale', 'text', (c) => c.check(sql`client_locale in ('nl', 'en', 'ar', 'tr', 'pl', 'uk')`))
		.execute();
}
