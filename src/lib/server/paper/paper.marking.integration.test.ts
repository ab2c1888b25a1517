import { expect, it } from 'vitest';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { getClientCopyJson } from '../collaborations/client-copy.usecases.ts';
import { getCollaborationTimeline, getConversationForStaff, submitRatings } from '../conversations/conversations.usecases.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { enterPaperAnswers } from './paper.usecases.ts';

describeOnBothDatabases('answers from paper are marked wherever they are shown', (dialect) => {
	const t = useTestContext(dialect);

	it('the reveal, the history and the client’s copy say the client answered on paper, and on which day', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const [client] = qc.participants;
		const filledOn = todayInAmsterdam(ctx.clock.now());
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		await enterPaperAnswers({
			ctx,
			actor: qc.professional,
			conversationId: qc.conversationId,
			partyId: client!.partyId,
			filledOn,
			values: ratingsOf(30)
		});

		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId: qc.conversationId });
		expect(view.parties.find((p) => p.id === client!.partyId)).toMatchObject({ submitted: true, paperFilledOn: filledOn });
		expect(view.parties.find((p) => p.id === qc.professionalPartyId)).toMatchObject({ paperFilledOn: null });

		const { conversations } = await getCollaborationTimeline({
			locale: 'nl',
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId
		});
		expect(conversations[0]!.parties.find((p) => p.id === client!.partyId)?.paperFilledOn).toBe(filledOn);

		const { copy } = await getClientCopyJson({
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId,
			participantId: client!.participantId
		});
		const answers = copy.conversations.flatMap((c) => c.answers);
		expect(answers.length).toBeGreaterThan(0);
		expect(answers.filter((a) => a.by === 'you').every((a) => a.name === 'Participant 1 (op papier)')).toBe(true);
	});
});
