import { sql } from 'kysely';
import { accessActorLabel } from '#lib/access-log-labels.ts';
import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { getCollaboration } from '../collaborations/collaborations.usecases.ts';
import { getConversationForStaff } from '../conversations/conversations.view.usecases.ts';
import { authenticateDevice } from '../participation/participation.usecases.ts';
import { AUDIT_LOG_KEEP_DAYS } from '../retention/retention.models.ts';
import { runRetentionSweep } from '../retention/retention.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { testAuditAction } from '../testing/builders.ts';
import { readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { buildRunningConversation, joinAs } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createAuditRepository } from './audit.repository.ts';

describeOnBothDatabases('access log (NEN 7513)', (dialect) => {
	const t = useTestContext(dialect);

	const accessEntries = (collaborationId: string) =>
		t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('collaborationId', '=', collaborationId)
			.where('action', 'like', 'access.%')
			.orderBy('occurredAt')
			.execute();

	it("a professional's staff page reading a collaboration and a conversation leaves entries: who, which client, what, role, address", async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const actor = { ...world.professional, address: '198.51.100.4', requestId: 'req-1' };
		await getCollaboration({ ctx: t.ctx, actor, collaborationId: world.collaborationId });
		await getConversationForStaff({ locale: 'nl', ctx: t.ctx, actor, conversationId: world.conversationId });
		const entries = (await accessEntries(world.collaborationId)).filter((e) => e.requestId === 'req-1');
		expect(entries.map((e) => [e.action, e.targetType])).toEqual(
			expect.arrayContaining([
				['access.view', 'collaboration'],
				['access.view', 'conversation']
			])
		);
		for (const entry of entries) {
			expect(entry).toMatchObject({
				actorType: 'staff',
				actorId: world.professional.userId,
				actorRole: 'professional',
				clientAddress: '198.51.100.4',
				organisationId: world.organisationId
			});
		}
	});

	it("a participant's device reading its conversation leaves an entry in the participant's role, pseudonymous by party", async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		const device = (await authenticateDevice(t.ctx, joined.token))!;
		const before = (await accessEntries(world.collaborationId)).length;
		await readConversationAsParticipant(t.ctx, { ...device, address: '203.0.113.9' });
		const entries = await accessEntries(world.collaborationId);
		expect(entries).toHaveLength(before + 1);
		expect(entries.at(-1)).toMatchObject({
			action: 'access.view',
			actorType: 'participant',
			actorId: world.partyIds[0],
			actorRole: 'participant',
			targetType: 'conversation',
			targetId: world.conversationId,
			clientAddress: '203.0.113.9'
		});
	});

	it('two participants of one collaboration are told apart in the access log, each by a short reference, never by name', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 2 });
		for (const partyId of world.partyIds) {
			const joined = await joinAs(t.ctx, world, partyId);
			await readConversationAsParticipant(t.ctx, (await authenticateDevice(t.ctx, joined.token))!);
		}
		const entries = await createAuditRepository(t.ctx.db).listAccessEntries(
			world.organisationId,
			{ collaborationId: world.collaborationId },
			50
		);
		const labels = entries.filter((entry) => entry.actorType === 'participant').map((entry) => accessActorLabel(entry, 'nl'));
		expect(new Set(labels).size).toBe(2);
		for (const label of labels) {
			expect(label).toMatch(/^Apparaat van deelnemer [0-9a-f]{8}$/);
			expect(label).not.toMatch(/Participant/);
		}
	});

	it('nothing in the app can update or delete an entry: the database refuses both', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const [entry] = await accessEntries(world.collaborationId);
		expect(entry).toBeDefined();
		await expect(t.ctx.db.updateTable('auditEvents').set({ actorRole: 'admin' }).where('id', '=', entry!.id).execute()).rejects.toThrow(
			/append-only/
		);
		await expect(t.ctx.db.deleteFrom('auditEvents').where('id', '=', entry!.id).execute()).rejects.toThrow(/append-only/);
		await expect(sql`delete from audit_events`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
		expect(await accessEntries(world.collaborationId)).toContainEqual(entry);
	});

	it('the reading repository has no way to change the log', () => {
		expect(Object.keys(createAuditRepository(t.ctx.db)).toSorted()).toEqual([
			'countAccessEntries',
			'countEvents',
			'listAccessEntries',
			'listEvents'
		]);
	});

	it('a purge permit lets only events older than its cut-off go, and only inside its transaction', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const [entry] = await accessEntries(world.collaborationId);
		await expect(
			t.ctx.db.transaction().execute(async (trx) => {
				// A permit whose cut-off lies before the event: the event is still within its retention.
				await trx.insertInto('auditPurgePermits').values({ id: 'permit-1', before: '2000-01-01T00:00:00.000Z' }).execute();
				await trx.deleteFrom('auditEvents').where('id', '=', entry!.id).execute();
			})
		).rejects.toThrow(/append-only/);
		expect(await accessEntries(world.collaborationId)).toContainEqual(entry);
	});

	it('the retention purge deletes entries past their retention period and keeps the rest', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const now = t.ctx.clock.now();
		const old = new Date(now.getTime() - (AUDIT_LOG_KEEP_DAYS + 1) * 86_400_000);
		const recent = new Date(now.getTime() - (AUDIT_LOG_KEEP_DAYS - 1) * 86_400_000);
		for (const [at, action] of [
			[old, 'test.old'],
			[recent, 'test.recent']
		] as const) {
			t.ctx.clock.set(at.toISOString());
			await recordAudit(t.ctx.db, t.ctx.clock, {
				actor: world.professional,
				action: testAuditAction(action),
				collaborationId: world.collaborationId
			});
		}
		t.ctx.clock.set(now.toISOString());
		const result = await runRetentionSweep({ ctx: t.ctx, actor: systemActor });
		expect(result.auditEvents).toBeGreaterThanOrEqual(1);
		const left = await t.ctx.db.selectFrom('auditEvents').select('action').where('action', 'like', 'test.%').execute();
		expect(left.map((row) => row.action)).toEqual(['test.recent']);
		expect(await t.ctx.db.selectFrom('auditPurgePermits').selectAll().execute()).toEqual([]);
	});
});
