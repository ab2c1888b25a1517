import { expect, it } from 'vitest';
import { getConversationForStaff, getParticipantConversation, submitRatings } from '../conversations/conversations.usecases.ts';
import { startLearningConversation } from '../learning/learning.usecases.ts';
import { leaveConversation } from '../participation/participation.usecases.ts';
import { getLearningConversationForParticipant } from '../learning/learning.view.usecases.ts';
import { buildQuickCheck, ratingsOf, readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { requireAccess, requireAccessToChange } from './access.ts';

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
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		await startLearningConversation({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		const conversationId = lc.conversationId;
		// The device's entries only: planning and starting left the professional's.
		const deviceEntries = async () => (await accessEntries(ctx, conversationId)).filter((entry) => entry.requestId !== null);
		// As GET /c does for a running learning conversation: the participant's home, then the
		// learning conversation through its own door, with one actor per request (hooks.server.ts).
		const firstRequest = { ...lc.participants[0]!, requestId: 'request-a' };
		await getParticipantConversation({ ctx, actor: firstRequest });
		await getLearningConversationForParticipant({ ctx, actor: firstRequest, conversationId });
		expect(await deviceEntries()).toEqual([{ action: 'access.view', targetType: 'conversation', requestId: 'request-a' }]);

		const secondRequest = { ...lc.participants[0]!, requestId: 'request-b' };
		await getParticipantConversation({ ctx, actor: secondRequest });
		expect((await deviceEntries()).map((entry) => entry.requestId).sort()).toEqual(['request-a', 'request-b']);
	});

	it('a staff request that reaches the same conversation twice leaves one entry; a view and a change of the same data are two', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		const staffRequest = { ...qc.professional, requestId: 'request-c' };
		await getConversationForStaff({ ctx, actor: staffRequest, conversationId, locale: 'nl' });
		await getConversationForStaff({ ctx, actor: staffRequest, conversationId, locale: 'nl' });
		const change = await requireAccessToChange({ db: ctx.db, actor: staffRequest, permission: 'conversation.lead', ids: [conversationId] });
		await ctx.db.transaction().execute((trx) => change.logAccess(trx));
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

	it("a participant's change is logged once, with the change; a refused change leaves no entry", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		const changes = async () => (await accessEntries(ctx, conversationId)).filter((entry) => entry.action === 'access.change');
		const phone = (requestId: string) => ({ ...qc.participants[0]!, requestId });

		// Refused before anything is stored (a value off the line): nothing was changed, so no entry.
		await expect(
			submitRatings({ ctx, actor: phone('refused-value'), conversationId, values: { ...ratingsOf(50), omgang: 500 } })
		).rejects.toThrow();
		expect(await changes()).toEqual([]);

		await submitRatings({ ctx, actor: phone('submitted'), conversationId, values: ratingsOf(70) });
		expect(await changes()).toEqual([{ action: 'access.change', targetType: 'conversation', requestId: 'submitted' }]);

		// A second submission is refused under the lock, after the first: still the one entry.
		await expect(submitRatings({ ctx, actor: phone('again'), conversationId, values: ratingsOf(30) })).rejects.toThrow();
		expect((await changes()).map((entry) => entry.requestId)).toEqual(['submitted']);
	});

	it('leaving on a phone is logged with the leaving; a hand-over device that may not leave leaves no entry', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		const changes = async () => (await accessEntries(ctx, conversationId)).filter((entry) => entry.action === 'access.change');
		const device = qc.participants[0]!;

		// A hand-over device goes back through the professional only: refused, and nothing logged.
		await expect(leaveConversation({ ctx, actor: { ...device, mode: 'handover', requestId: 'handover' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await changes()).toEqual([]);

		await leaveConversation({ ctx, actor: { ...device, mode: 'ownDevice', requestId: 'left' } });
		expect(await changes()).toEqual([{ action: 'access.change', targetType: 'conversation', requestId: 'left' }]);
	});

	it('viewing a conversation writes its access entry and no second audit event of the same view', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		await readConversationAsParticipant(ctx, { ...qc.participants[0]!, requestId: 'phone-view' });
		await getConversationForStaff({ ctx, actor: { ...qc.professional, requestId: 'staff-view' }, conversationId, locale: 'nl' });
		const written = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'requestId'])
			.where('requestId', 'in', ['phone-view', 'staff-view'])
			.orderBy('requestId')
			.execute();
		expect(written).toEqual([
			{ action: 'access.view', requestId: 'phone-view' },
			{ action: 'access.view', requestId: 'staff-view' }
		]);
	});
});
