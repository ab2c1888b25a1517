import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.ts';
import { claimParticipantLink, findEndedLinkReason } from '../../participation/link-opening.usecases.ts';
import { createParticipantLink } from '../../participation/links.usecases.ts';
import { authenticateDevice } from '../../participation/participation.usecases.ts';
import { anonymousActor } from '../../testing/builders.ts';
import { buildRunningConversation, joinAs, nextAddress } from '../../testing/participation-world.ts';
import { describeOnBothDatabases, getTestDialects, useDatabaseAtMigration, useTestContext } from '../../testing/test-context.ts';
import { up } from './0041-end-conversations-of-closed-collaborations.ts';

const NOW = '2026-11-01T10:00:00.000Z';
const CLOSED_AT = '2026-11-20T15:30:00.000Z';

/**
 * Written with the schema as 0040 left it: a collaboration closed before closing ended its
 * conversations, with a quick check still rating, a planned learning conversation and a finished
 * one; and an open collaboration with a quick check rating.
 */
async function seedClosedBeforeTheChange(db: Kysely<any>, falseValue: boolean | number): Promise<void> {
	await sql`insert into organisations (id, name, client_term, default_locale, min_group_size, retention_days, require_two_factor, created_at, updated_at, plan_term)
		values ('org', 'Org', 'client', 'nl', 5, 365, ${falseValue}, ${NOW}, ${NOW}, 'familyPlan')`.execute(db);
	await sql`insert into collaborations (id, organisation_id, label, status, created_at, updated_at, closed_at)
		values ('shut', 'org', 'Gezin A', 'closed', ${NOW}, ${CLOSED_AT}, ${CLOSED_AT}),
			('open', 'org', 'Gezin B', 'open', ${NOW}, ${NOW}, null)`.execute(db);
	await sql`insert into conversations (id, organisation_id, collaboration_id, method, phase, started_at, ended_at, join_code, scheduled_on, version)
		values ('rating', 'org', 'shut', 'quickCheck', 'rating', ${NOW}, null, 'ACDEFG', null, 4),
			('planned', 'org', 'shut', 'learningConversation', 'preparation', ${NOW}, null, 'BCDEFG', '2026-12-10', 1),
			('finished', 'org', 'shut', 'quickCheck', 'closed', ${NOW}, ${NOW}, null, null, 7),
			('elsewhere', 'org', 'open', 'quickCheck', 'rating', ${NOW}, null, 'CDEFGH', null, 2)`.execute(db);
}

for (const dialect of getTestDialects()) {
	describe(`migration 0041 on collaborations closed before closing ended their conversations (${dialect})`, () => {
		const databaseAtMigration = useDatabaseAtMigration(dialect);

		it("ends a closed collaboration's planned and running conversations as abandoned at its closing moment, audited; other conversations stay as they were", async () => {
			const handle = await databaseAtMigration('0040-erasure-tombstones');
			await seedClosedBeforeTheChange(handle.authDb, dialect === 'postgres' ? false : 0);

			expect(await migrateToLatest(handle)).toContain('0041-end-conversations-of-closed-collaborations');

			const db = handle.authDb;
			const { rows } = await sql<{
				id: string;
				phase: string;
				join_code: string | null;
				ended_at: string | Date | null;
				version: number;
			}>`select id, phase, join_code, ended_at, version from conversations order by id`.execute(db);
			const conversations = rows.map((row) => ({
				...row,
				ended_at: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
				version: Number(row.version)
			}));
			expect(conversations).toEqual([
				// The open collaboration's conversation goes on.
				{ id: 'elsewhere', phase: 'rating', join_code: 'CDEFGH', ended_at: null, version: 2 },
				// A conversation that had ended keeps its end.
				{ id: 'finished', phase: 'closed', join_code: null, ended_at: NOW, version: 7 },
				// Planned and running ones end as closing ends them now: no code left to join with, so
				// their links and devices are refused as ended.
				{ id: 'planned', phase: 'abandoned', join_code: null, ended_at: CLOSED_AT, version: 2 },
				{ id: 'rating', phase: 'abandoned', join_code: null, ended_at: CLOSED_AT, version: 5 }
			]);

			const { rows: audit } = await sql<{
				target_id: string;
				actor_type: string;
				organisation_id: string;
				details: string;
			}>`select target_id, actor_type, organisation_id, details from audit_events
				where action = 'conversation.abandoned' and target_type = 'conversation' order by target_id`.execute(db);
			expect(audit.map((event) => ({ ...event, details: JSON.parse(event.details) }))).toEqual([
				{
					target_id: 'planned',
					actor_type: 'system',
					organisation_id: 'org',
					details: {
						from: 'preparation',
						to: 'abandoned',
						collaborationClosed: true,
						migration: '0041-end-conversations-of-closed-collaborations'
					}
				},
				{
					target_id: 'rating',
					actor_type: 'system',
					organisation_id: 'org',
					details: {
						from: 'rating',
						to: 'abandoned',
						collaborationClosed: true,
						migration: '0041-end-conversations-of-closed-collaborations'
					}
				}
			]);
		});
	});
}

describeOnBothDatabases('migration 0041: the client of a collaboration closed before closing ended its conversations', (dialect) => {
	const t = useTestContext(dialect);

	it('can no longer rate: the personal links and devices in its running conversation are refused as ended', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 3 });
		const linkOf = (partyIndex: number) =>
			createParticipantLink({
				ctx: t.ctx,
				actor: world.professional,
				conversationId: world.conversationId,
				partyId: world.partyIds[partyIndex]!,
				purpose: 'preparation'
			});
		const claim = (token: string) => claimParticipantLink({ ctx: t.ctx, actor: anonymousActor, token, clientAddress: nextAddress() });
		const byLink = (await claim((await linkOf(0)).token))!;
		const byCode = await joinAs(t.ctx, world, world.partyIds[1]!);
		const unopened = await linkOf(2);
		// Closed as closing did before it ended conversations: only the collaboration's status and closed_at.
		await t.ctx.db
			.updateTable('collaborations')
			.set({ status: 'closed', closedAt: CLOSED_AT })
			.where('id', '=', world.collaborationId)
			.execute();
		expect(await authenticateDevice(t.ctx, byLink.token)).toMatchObject({ type: 'participant' });

		await up(t.ctx.database.authDb, dialect);

		expect(await authenticateDevice(t.ctx, byLink.token)).toBeNull();
		expect(await findEndedLinkReason(t.ctx, byLink.token)).toBe('ended');
		expect(await authenticateDevice(t.ctx, byCode.token)).toBeNull();
		await expect(claim(unopened.token)).rejects.toMatchObject({ code: 'link.expired' });
		await expect(joinAs(t.ctx, world, world.partyIds[2]!)).rejects.toMatchObject({ code: 'participation.invalid_code' });
	});
});
