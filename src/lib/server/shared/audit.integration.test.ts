import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { logParticipantAccess } from '../access/access-log.ts';
import { buildOrganisation, testAuditAction } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { recordAudit, recordAudits } from './audit.ts';

describeOnBothDatabases('audit log', (dialect) => {
	const t = useTestContext(dialect);

	it('records who did what to which target, in which organisation, session and request', async () => {
		const { ctx } = t;
		ctx.clock.set('2031-05-06T07:08:09.010Z');
		const admin = await buildOrganisation(ctx);
		const actor = { ...admin, sessionId: 'session-1', requestId: 'request-1' };
		await recordAudit(ctx.db, ctx.clock, {
			actor,
			action: testAuditAction('test.recorded'),
			target: { type: 'user', id: 'user-9' },
			details: { count: 2, flag: true }
		});
		const row = await ctx.db.selectFrom('auditEvents').selectAll().where('action', '=', 'test.recorded').executeTakeFirstOrThrow();
		expect(row).toEqual({
			id: expect.any(String),
			occurredAt: '2031-05-06T07:08:09.010Z',
			organisationId: admin.organisationId,
			actorType: 'staff',
			actorId: admin.userId,
			sessionId: 'session-1',
			requestId: 'request-1',
			action: 'test.recorded',
			targetType: 'user',
			targetId: 'user-9',
			details: '{"count":2,"flag":true}',
			collaborationId: null,
			actorRole: null,
			clientAddress: null
		});
	});

	it('a list of thousands of events is stored whole, though one statement could not bind that many values on either database', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		// 5,000 rows of 15 values: 75,000, above SQLite's 32,766 and PostgreSQL's 65,535.
		const targets = Array.from({ length: 5000 }, (_, i) => `target-${i}`);
		await recordAudits(
			ctx.db,
			ctx.clock,
			targets.map((id) => ({ actor: admin, action: testAuditAction('test.many'), target: { type: 'collaboration', id } }))
		);
		const rows = await ctx.db.selectFrom('auditEvents').select('targetId').where('action', '=', 'test.many').execute();
		expect(rows.map((row) => row.targetId).toSorted()).toEqual(targets.toSorted());
	});

	it('records system events without an actor id, in the organisation given', async () => {
		const { ctx } = t;
		await recordAudit(ctx.db, ctx.clock, { actor: systemActor, organisationId: 'org-x', action: testAuditAction('test.system') });
		const row = await ctx.db.selectFrom('auditEvents').selectAll().where('action', '=', 'test.system').executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			actorType: 'system',
			actorId: null,
			organisationId: 'org-x',
			sessionId: null,
			requestId: null,
			targetType: null,
			details: null
		});
	});

	it(
		dialect === 'sqlite'
			? 'access-log entries of page views arriving together share one commit (one fsync), and each is stored when its call returns'
			: 'access-log entries of page views are committed each on its own connection, and each is stored when its call returns',
		async () => {
			const { ctx } = t;
			const { participants, collaborationId, conversationId } = await buildQuickCheck(ctx, { participants: 6 });
			const before = ctx.database.commits.stats();
			await Promise.all(participants.map((participant) => logParticipantAccess(ctx.db, participant, 'view', 'conversation')));
			const after = ctx.database.commits.stats();
			if (dialect === 'sqlite') {
				// Without sharing, each entry was a transaction and an fsync of its own, each stopping the server.
				expect(after.members - before.members).toBe(6);
				expect(after.batches - before.batches).toBeLessThanOrEqual(2);
			} else {
				// PostgreSQL flushes concurrent commits together itself; a shared batch only added statements.
				expect(after).toEqual(before);
			}
			const rows = await ctx.db
				.selectFrom('auditEvents')
				.select(['actorId', 'collaborationId', 'targetId'])
				.where('action', '=', 'access.view')
				.where('targetId', '=', conversationId)
				.execute();
			expect(rows.map((row) => row.actorId).toSorted()).toEqual(participants.map((participant) => participant.partyId).toSorted());
			expect(rows.every((row) => row.collaborationId === collaborationId)).toBe(true);
		}
	);

	it('an event recorded inside a transaction commits with it: rolled back, it is not stored', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const before = ctx.database.commits.stats();
		await expect(
			ctx.db.transaction().execute(async (trx) => {
				await recordAudit(trx, ctx.clock, { actor: admin, action: testAuditAction('test.rolled_back') });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(ctx.database.commits.stats()).toEqual(before);
		expect(await ctx.db.selectFrom('auditEvents').select('id').where('action', '=', 'test.rolled_back').execute()).toEqual([]);
	});
});
