import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { closeCollaboration } from '../collaborations/collaborations.usecases.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import { closeConversation, saveAgreement, startAgreement, startReflection, submitRatings } from './conversations.usecases.ts';

const agreement = { what: 'Elke maandag bellen', who: 'both' as const, dueOn: '2100-01-31', successMeasure: 'We hebben vier keer gebeld' };
const ROUNDS = 12;

/**
 * Closing a quick check plans the collaboration's next conversation (its next due date), so it
 * changes the collaboration's row too. It locked the conversation first and the collaboration after,
 * the opposite order to closing the collaboration (its row, then each conversation), and on
 * PostgreSQL the two at once could deadlock: PostgreSQL then failed one of them (an error page for
 * whoever closed the collaboration). Now the quick check's close locks the collaboration first
 * (`lockFirst`), so one waits for the other: either the quick check closes and then the
 * collaboration, or the collaboration closes first, which ends the quick check, and closing it is
 * refused as ended with no next date planned.
 */
describeOnBothDatabases('closing a quick check and its collaboration at the same moment', (dialect) => {
	const t = useTestContext(dialect);

	async function quickCheckWithAgreement() {
		const qc = await buildQuickCheck(t.ctx, { rhythmWeeks: 6 });
		const { ctx } = t;
		const conversationId = qc.conversationId;
		for (const actor of [...qc.participants, qc.professional]) await submitRatings({ ctx, actor, conversationId, values: ratingsOf(60) });
		await startReflection({ ctx, actor: qc.professional, conversationId });
		await startAgreement({ ctx, actor: qc.professional, conversationId });
		await saveAgreement({ ctx, actor: qc.professional, conversationId, input: agreement });
		return qc;
	}

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): both at once, round after round, never fail with a database error and end consistently',
		async () => {
			for (let round = 0; round < ROUNDS; round++) {
				const qc = await quickCheckWithAgreement();
				const { professional, conversationId, collaborationId } = qc;
				const [conversationClose, collaborationClose] = await Promise.allSettled([
					closeConversation({ ctx: t.ctx, actor: professional, conversationId }),
					sleep(round % 4).then(() => closeCollaboration({ ctx: t.ctx, actor: professional, collaborationId }))
				]);
				expect(collaborationClose, `round ${round}`).toEqual({ status: 'fulfilled', value: undefined });
				const conversation = await createConversationsRepository(t.ctx.db).findConversation(professional.organisationId, conversationId);
				const collaboration = await createCollaborationsRepository(t.ctx.db).findCollaboration(
					professional.organisationId,
					collaborationId
				);
				expect(collaboration?.status, `round ${round}`).toBe('closed');
				if (conversationClose.status === 'fulfilled') {
					// The quick check closed first: its next date is planned, then the collaboration closed.
					expect(conversation?.phase, `round ${round}`).toBe('closed');
					expect(collaboration?.nextDueOn, `round ${round}`).toBe(conversationClose.value.nextDueOn);
				} else {
					// The collaboration closed first and ended the quick check: closing it is refused, nothing planned.
					expect(conversationClose.reason, `round ${round}`).toMatchObject({ code: 'conversation.ended' });
					expect(conversation?.phase, `round ${round}`).toBe('abandoned');
					expect(collaboration?.nextDueOn, `round ${round}`).toBeNull();
				}
			}
		}
	);

	it('a quick check closed after its collaboration was closed is refused as ended and plans no next conversation', async () => {
		const qc = await quickCheckWithAgreement();
		const { professional, conversationId, collaborationId } = qc;
		await closeCollaboration({ ctx: t.ctx, actor: professional, collaborationId });
		await expect(closeConversation({ ctx: t.ctx, actor: professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.ended'
		});
		const collaboration = await createCollaborationsRepository(t.ctx.db).findCollaboration(professional.organisationId, collaborationId);
		expect(collaboration).toMatchObject({ status: 'closed', nextDueOn: null });
	});
});
