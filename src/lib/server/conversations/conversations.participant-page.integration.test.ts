import { expect, it } from 'vitest';
import { getParticipantHome } from '../participation/participation.usecases.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
import { count, recording } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getConversationForParticipant, getParticipantConversation, submitRatings } from './conversations.usecases.ts';

describeOnBothDatabases('the participant’s landing page (/c)', (dialect) => {
	const t = useTestContext(dialect);

	it('reads the conversation, its parties and the organisation once each, and writes one access entry', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 2 });
		const actor = { ...qc.participants[0]!, requestId: 'landing-page' };
		const recorded = recording(t.ctx);
		const { home, view } = await getParticipantConversation({ ctx: recorded.ctx, actor });
		expect(home.conversationId).toBe(qc.conversationId);
		expect(view?.parties.filter((party) => party.isViewer)).toHaveLength(1);
		const { statements } = recorded;
		expect(count(statements, 'select:conversations')).toBe(1);
		expect(count(statements, 'select:conversation_parties')).toBe(1);
		expect(count(statements, 'select:participants')).toBe(1);
		expect(count(statements, 'select:organisations')).toBe(1);
		expect(statements.filter((s) => !s.startsWith('select:'))).toEqual(['insert:audit_events']);
	});

	it('shows the same home and the same conversation as reading them one after the other', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 2 });
		await submitRatings({ ctx: t.ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(4) });
		for (const participant of qc.participants) {
			const together = await getParticipantConversation({ ctx: t.ctx, actor: participant });
			const home = await getParticipantHome({ ctx: t.ctx, actor: participant });
			const view = await getConversationForParticipant({ ctx: t.ctx, actor: participant, conversationId: qc.conversationId });
			expect(together.home).toEqual(home);
			expect(together.view).toEqual(view);
		}
	});

	it('sends no conversation for a method with a page of its own (session feedback), and refuses a professional', async () => {
		const feedback = await buildSessionFeedback(t.ctx);
		const { home, view } = await getParticipantConversation({ ctx: t.ctx, actor: feedback.participants[0]! });
		expect(home.method).toBe('sessionFeedback');
		expect(view).toBeNull();
		await expect(getParticipantConversation({ ctx: t.ctx, actor: feedback.professional })).rejects.toMatchObject({ code: 'not_found' });
	});
});
