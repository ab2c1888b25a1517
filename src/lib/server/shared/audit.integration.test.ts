import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { buildOrganisation } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { recordAudit } from './audit.ts';

describeOnBothDatabases('audit log', (dialect) => {
	const t = useTestContext(dialect);

	it('records who did what to which target, in which organisation, session and request', async () => {
		const { ctx } = t;
		ctx.clock.set('2031-05-06T07:08:09.010Z');
		const admin = await buildOrganisation(ctx);
		const actor = { ...admin, sessionId: 'session-1', requestId: 'request-1' };
		await recordAudit(ctx.db, ctx.clock, {
			actor,
			action: 'test.recorded',
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

	it('records system events without an actor id, in the organisation given', async () => {
		const { ctx } = t;
		await recordAudit(ctx.db, ctx.clock, { actor: systemActor, organisationId: 'org-x', action: 'test.system' });
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
});
