import { expect, it } from 'vitest';
import { getConversationForParticipant, getConversationForStaff } from '../conversations/conversations.usecases.ts';
import { getParticipantHome } from '../participation/participation.usecases.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { requireAccess } from './access.ts';

/** The access-log entries (access.view / access.change) of one conversation. */
async function accessEntries(ctx: TestContext, conversationId: string) {
	return ctx.db
		.selectFrom('auditEvents')
		.select(['action', 'targetType', 'requestId'])
		.where('targetId', '=', conversationId)
		.where('action', 'like', 'access.%')
		.execute();
}

describeOnBothDatabases('access log: one entry per request for the same data', (dialect) => {
	const t = useTestContext(dialect);

	it('a page that reaches the same conversation twice in one request leaves one entry; the next request leaves its own', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		// As GET /c does: the participant's home, then the conversation, with one actor per request (hooks.server.ts).
		const firstRequest = { ...qc.participants[0]!, requestId: 'request-a' };
		await getParticipantHome({ ctx, actor: firstRequest });
		await getConversationForParticipant({ ctx, actor: firstRequest, conversationId });
		expect(await accessEntries(ctx, conversationId)).toEqual([
			{ action: 'access.view', targetType: 'conversation', requestId: 'request-a' }
		]);

		const secondRequest = { ...qc.participants[0]!, requestId: 'request-b' };
		await getConversationForParticipant({ ctx, actor: secondRequest, conversationId });
		expect((await accessEntries(ctx, conversationId)).map((entry) => entry.requestId).sort()).toEqual(['request-a', 'request-b']);

		// Staff: the same; a view and a change of the same data are two entries.
		const staffRequest = { ...qc.professional, requestId: 'request-c' };
		await getConversationForStaff({ ctx, actor: staffRequest, conversationId, locale: 'nl' });
		await getConversationForStaff({ ctx, actor: staffRequest, conversationId, locale: 'nl' });
		await requireAccess({ db: ctx.db, actor: staffRequest, permission: 'conversation.lead', ids: [conversationId], purpose: 'change' });
		const staffEntries = (await accessEntries(ctx, conversationId)).filter((entry) => entry.requestId === 'request-c');
		expect(staffEntries.map((entry) => entry.action).sort()).toEqual(['access.change', 'access.view']);
	});

	it('without a request id (jobs, scripts) every access is logged, and an entry inside a rolled-back transaction does not count as logged', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		await getConversationForStaff({ ctx, actor: qc.professional, conversationId, locale: 'nl' });
		await getConversationForStaff({ ctx, actor: qc.professional, conversationId, locale: 'nl' });
		expect(await accessEntries(ctx, conversationId)).toHaveLength(2);

		const request = { ...qc.professional, requestId: 'request-rolled-back' };
		await expect(
			ctx.db.transaction().execute(async (trx) => {
				await requireAccess({ db: trx, actor: request, permission: 'conversation.lead', ids: [conversationId] });
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		await requireAccess({ db: ctx.db, actor: request, permission: 'conversation.lead', ids: [conversationId] });
		expect((await accessEntries(ctx, conversationId)).filter((entry) => entry.requestId === 'request-rolled-back')).toHaveLength(1);
	});
});
