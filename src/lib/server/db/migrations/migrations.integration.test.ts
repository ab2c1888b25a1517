import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql, type Compilable, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getTestDialects, useDatabaseAtMigration } from '../../testing/test-context.ts';
import { createDatabase, type Dialect } from '../database.ts';
import { migrateToLatest } from '../migrate.ts';

const NOW = '2026-11-01T10:00:00.000Z';

/** A quick check with a party and a rating, written with the schema as 0002 left it. */
async function seedQuickCheck(db: Kysely<any>): Promise<void> {
	await sql`insert into organisations (id, name, client_term, default_locale, min_group_size, retention_days, require_two_factor, created_at, updated_at, plan_term)
		values ('org', 'Org', 'client', 'nl', 5, 365, ${0}, ${NOW}, ${NOW}, 'familyPlan')`.execute(db);
	await sql`insert into collaborations (id, organisation_id, label, status, created_at, updated_at)
		values ('col', 'org', 'Gezin A', 'open', ${NOW}, ${NOW})`.execute(db);
	await sql`insert into instruments (id, key, version, method, content_json, published_at)
		values ('ins', 'test', 1, 'quickCheck', '{}', ${NOW})`.execute(db);
	await sql`insert into conversations (id, organisation_id, collaboration_id, method, instrument_id, phase, started_at, join_code)
		values ('con', 'org', 'col', 'quickCheck', 'ins', 'rating', ${NOW}, 'ACDEFG')`.execute(db);
	await sql`insert into conversation_parties (id, organisation_id, conversation_id, kind, present)
		values ('par', 'org', 'con', 'professional', ${1})`.execute(db);
	await sql`insert into ratings (organisation_id, conversation_id, party_id, instrument_id, item_key, value, created_at)
		values ('org', 'con', 'par', 'ins', 'omgang', 70, ${NOW})`.execute(db);
}

for (const dialect of getTestDialects()) {
	describe(`migration 0003 on a database with quick checks (${dialect})`, () => {
		const databaseAtMigration = useDatabaseAtMigration(dialect);

		it('keeps every conversation, party and rating and lets conversations take the learning conversation phases', async () => {
			const handle = await databaseAtMigration('0002-collaborations-and-quick-check');
			await seedQuickCheck(handle.authDb);

			await migrateToLatest(handle);

			const db = handle.authDb;
			const { rows: conversations } = await sql<{
				id: string;
				phase: string;
				join_code: string;
			}>`select id, phase, join_code from conversations`.execute(db);
			expect(conversations).toEqual([{ id: 'con', phase: 'rating', join_code: 'ACDEFG' }]);
			const { rows: ratings } = await sql<{ value: number }>`select value from ratings where conversation_id = 'con'`.execute(db);
			expect(ratings).toEqual([{ value: 70 }]);

			await sql`update conversations set phase = 'safety' where id = 'con'`.execute(db);
			await expect(sql`update conversations set phase = 'dancing' where id = 'con'`.execute(db)).rejects.toThrow();
		});

		it('still enforces the foreign keys and cascades from a conversation to its parties and ratings', async () => {
			const handle = await databaseAtMigration('0002-collaborations-and-quick-check');
			await seedQuickCheck(handle.authDb);
			await migrateToLatest(handle);
			const db = handle.authDb;

			await expect(
				sql`insert into conversation_parties (id, organisation_id, conversation_id, kind, present) values ('p2', 'org', 'nope', 'professional', ${1})`.execute(
					db
				)
			).rejects.toThrow();
			// Still unique among running conversations.
			await expect(
				sql`insert into conversations (id, organisation_id, collaboration_id, method, phase, started_at, join_code)
					values ('con2', 'org', 'col', 'sessionFeedback', 'rating', ${NOW}, 'ACDEFG')`.execute(db)
			).rejects.toThrow();

			await sql`delete from conversations where id = 'con'`.execute(db);
			const { rows } = await sql<{
				n: number;
			}>`select (select count(*) from conversation_parties) + (select count(*) from ratings) as n`.execute(db);
			expect(Number(rows[0]!.n)).toBe(0);
		});
	});
}

// Without statistics SQLite chose indexes on the organisation alone for these reads and scanned
// the organisation's rows (about 4 ms per reminder, and over a second per run of the preparation
// reminder schedule, at a million ratings). PostgreSQL plans by its statistics.
describe('migration 0010: the background reads have an index of their own (sqlite)', () => {
	async function plan(db: Kysely<any>, query: Compilable): Promise<string> {
		const { sql: text, parameters } = query.compile();
		const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
		return rows.map((row) => row.detail).join('\n');
	}

	it('looks up the professionals of one collaboration and the conversations planned soon by index', async () => {
		const handle = await createDatabase({
			databaseUrl: undefined,
			dataDir: path.join(os.tmpdir(), 'tweespraak-tests'),
			sqliteFile: ':memory:'
		});
		try {
			await migrateToLatest(handle);
			const { db } = handle;
			const professionals = db
				.selectFrom('collaborationProfessionals')
				.select(['userId', 'role'])
				.where('organisationId', '=', 'org')
				.where('collaborationId', '=', 'col');
			expect(await plan(db, professionals)).toContain('collaboration_professionals_collaboration_idx');
			// The shape of the preparation reminder schedule's read (preparation.repository.ts, listRemindable).
			const remindable = db
				.selectFrom('conversations as c')
				.innerJoin('conversationParties as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.conversationId', '=', 'c.id')
				)
				.select(['c.id', 'cp.id as partyId'])
				.where('c.method', '=', 'learningConversation')
				.where('c.phase', '=', 'preparation')
				.where('c.scheduledOn', '>=', '2026-11-01')
				.where('c.scheduledOn', '<=', '2026-11-03')
				.where('cp.kind', '=', 'participant');
			const remindablePlan = await plan(db, remindable);
			expect(remindablePlan).toContain('SEARCH c USING INDEX conversations_phase_scheduled_idx');
			expect(remindablePlan).not.toContain('SCAN');
		} finally {
			await handle.destroy();
		}
	});
});

/** A trajectory with a meeting, one participant and their buddy evaluation, written with the schema as 0018 left it. */
async function seedTrajectory(db: Kysely<any>, dialect: Dialect): Promise<void> {
	await sql`insert into organisations (id, name, client_term, default_locale, min_group_size, retention_days, require_two_factor, created_at, updated_at, plan_term)
		values ('org', 'Org', 'client', 'nl', 5, 365, ${dialect === 'postgres' ? false : 0}, ${NOW}, ${NOW}, 'familyPlan')`.execute(db);
	await sql`insert into trajectories (id, organisation_id, name, description, consent_text, template_json, created_at, updated_at)
		values ('tra', 'org', 'Gelijkwaardig', '', 'Ja', '{"questions":[]}', ${NOW}, ${NOW})`.execute(db);
	await sql`insert into trajectory_meetings (id, organisation_id, trajectory_id, held_on, title)
		values ('mee', 'org', 'tra', '2026-11-02', 'Masterclass 1')`.execute(db);
	await sql`insert into trajectory_participants (id, organisation_id, trajectory_id, number, email, organisation_name, consent, added_at)
		values ('par', 'org', 'tra', 1, 'p@x.test', 'Buurtteam', 'given', ${NOW})`.execute(db);
	await sql`insert into trajectory_buddy_evaluations (organisation_id, trajectory_id, participant_id, valuable, what_helped, submitted_at, updated_at)
		values ('org', 'tra', 'par', 'yes', 'Een andere blik', ${NOW}, ${NOW})`.execute(db);
}

for (const dialect of getTestDialects()) {
	describe(`migration 0023 on a database with a trajectory (${dialect})`, () => {
		const databaseAtMigration = useDatabaseAtMigration(dialect);

		it("gives an existing trajectory the seed's functions, keeps earlier evaluations unquoted, and attendance goes with its meeting", async () => {
			const handle = await databaseAtMigration('0018-collaboration-handovers');
			await seedTrajectory(handle.authDb, dialect);
			await migrateToLatest(handle);
			const db = handle.authDb;

			const { rows: functions } = await sql<{
				builtin: string;
			}>`select builtin from trajectory_functions where trajectory_id = 'tra'`.execute(db);
			expect(functions.map((row) => row.builtin).toSorted()).toEqual([
				'behaviouralScientist',
				'experienceExpert',
				'familyHomeParent',
				'neighbourhoodTeamWorker',
				'youthInterviewer',
				'youthProtectionChair'
			]);
			const { rows: evaluations } = await sql<{ quote_allowed: unknown }>`select quote_allowed from trajectory_buddy_evaluations`.execute(
				db
			);
			expect([false, 0]).toContain(evaluations[0]!.quote_allowed);
			const { rows: meetings } = await sql<{ place: unknown }>`select place, programme from trajectory_meetings`.execute(db);
			expect(meetings).toEqual([{ place: null, programme: null }]);

			// A function is one of the seed's or a name, never both or neither.
			await expect(
				sql`insert into trajectory_functions (id, organisation_id, trajectory_id, builtin, name, created_at) values ('f', 'org', 'tra', null, null, ${NOW})`.execute(
					db
				)
			).rejects.toThrow();
			// Attendance must name a meeting of the same organisation, and goes with the meeting.
			await expect(
				sql`insert into trajectory_attendance (organisation_id, trajectory_id, meeting_id, participant_id) values ('org', 'tra', 'nope', 'par')`.execute(
					db
				)
			).rejects.toThrow();
			await sql`insert into trajectory_attendance (organisation_id, trajectory_id, meeting_id, participant_id) values ('org', 'tra', 'mee', 'par')`.execute(
				db
			);
			await sql`delete from trajectory_meetings where id = 'mee'`.execute(db);
			const { rows } = await sql<{ n: number }>`select count(*) as n from trajectory_attendance`.execute(db);
			expect(Number(rows[0]!.n)).toBe(0);
		});
	});
}
