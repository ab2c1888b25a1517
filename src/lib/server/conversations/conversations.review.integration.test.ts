import { expect, it } from 'vitest';
import {
	actorsOf,
	buildQuickCheck,
	ratingsOf,
	readConversationAsParticipant,
	type BuiltQuickCheck
} from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import {
	chooseReviewOutcome,
	closeConversation,
	finishReview,
	getConversationForStaff,
	reviewAgreement,
	saveAgreement,
	startAgreement,
	startQuickCheck,
	startReflection,
	submitRatings
} from './conversations.usecases.ts';

const agreement = { what: 'Elke maandag bellen', who: 'both' as const, dueOn: '2100-01-31', successMeasure: 'We hebben vier keer gebeld' };

/** A closed quick check with one agreement, and the next one open in its review, with the client's device in it. */
async function reviewWithClient(ctx: TestContext, qc: BuiltQuickCheck) {
	const conversationId = qc.conversationId;
	for (const actor of [...qc.participants, qc.professional]) await submitRatings({ ctx, actor, conversationId, values: ratingsOf(60) });
	await startReflection({ ctx, actor: qc.professional, conversationId });
	await startAgreement({ ctx, actor: qc.professional, conversationId });
	const { agreementId } = await saveAgreement({ ctx, actor: qc.professional, conversationId, input: agreement });
	await closeConversation({ ctx, actor: qc.professional, conversationId });
	ctx.clock.advance(60_000);
	const next = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
	const { participants } = await actorsOf(ctx, qc.professional, next.conversationId, [qc.participants[0]!.participantId]);
	const lead = { ctx, actor: qc.professional, conversationId: next.conversationId };
	const client = { ctx, actor: participants[0]!, conversationId: next.conversationId };
	return { agreementId, lead, client };
}

describeOnBothDatabases('the review is judged together', (dialect) => {
	const t = useTestContext(dialect);

	it('the client sees the agreement under review and their own choice; the professional sees it beside theirs', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId, lead, client } = await reviewWithClient(ctx, qc);
		await chooseReviewOutcome({ ...client, agreementId, outcome: 'partly' });
		const clientView = await readConversationAsParticipant(client.ctx, client.actor);
		expect(clientView.phase).toBe('review');
		expect(clientView.review).toEqual([
			expect.objectContaining({ agreement: expect.objectContaining({ id: agreementId, what: agreement.what }), review: null })
		]);
		expect(clientView.review[0]?.choices).toEqual([{ partyId: client.actor.partyId, outcome: 'partly' }]);
		const staffView = await getConversationForStaff({ ...lead, locale: 'nl' });
		expect(staffView.review[0]?.choices).toEqual([{ partyId: client.actor.partyId, outcome: 'partly' }]);
	});

	it('the professional cannot record an outcome the client chose differently; the same outcome is recorded', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId, lead, client } = await reviewWithClient(ctx, qc);
		await chooseReviewOutcome({ ...client, agreementId, outcome: 'notDone' });
		await expect(reviewAgreement({ ...lead, input: { agreementId, outcome: 'done' } })).rejects.toMatchObject({
			code: 'conversation.review_not_agreed'
		});
		expect((await getConversationForStaff({ ...lead, locale: 'nl' })).review[0]?.review).toBeNull();
		// They talk, the client chooses again (replacing the earlier choice), and the outcome is recorded.
		await chooseReviewOutcome({ ...client, agreementId, outcome: 'partly' });
		await reviewAgreement({ ...lead, input: { agreementId, outcome: 'partly' } });
		await finishReview(lead);
		expect((await readConversationAsParticipant(client.ctx, client.actor)).review[0]?.review).toMatchObject({ outcome: 'partly' });
	});

	it('a client who changes their choice after the record keeps the review from finishing', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId, lead, client } = await reviewWithClient(ctx, qc);
		await chooseReviewOutcome({ ...client, agreementId, outcome: 'done' });
		await reviewAgreement({ ...lead, input: { agreementId, outcome: 'done' } });
		await chooseReviewOutcome({ ...client, agreementId, outcome: 'notDone' });
		await expect(finishReview(lead)).rejects.toMatchObject({ code: 'conversation.review_not_agreed' });
		expect((await getConversationForStaff({ ...lead, locale: 'nl' })).phase).toBe('review');
	});

	it('without a choice on a device the professional records what was agreed aloud', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId, lead } = await reviewWithClient(ctx, qc);
		await reviewAgreement({ ...lead, input: { agreementId, outcome: 'done' } });
		await finishReview(lead);
		expect((await getConversationForStaff({ ...lead, locale: 'nl' })).phase).toBe('rating');
	});

	it('a client chooses only in the review, only for an agreement under review, and a professional cannot choose as a client', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId, lead, client } = await reviewWithClient(ctx, qc);
		await expect(chooseReviewOutcome({ ...client, agreementId: 'someone-elses', outcome: 'done' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(chooseReviewOutcome({ ...lead, agreementId, outcome: 'done' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(chooseReviewOutcome({ ...client, agreementId, outcome: 'maybe' as 'done' })).rejects.toMatchObject({
			code: 'conversation.invalid_review'
		});
		// The device of the earlier, closed conversation reaches nothing of this one.
		await expect(chooseReviewOutcome({ ...client, actor: qc.participants[0]!, agreementId, outcome: 'done' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await reviewAgreement({ ...lead, input: { agreementId, outcome: 'done' } });
		await finishReview(lead);
		await expect(chooseReviewOutcome({ ...client, agreementId, outcome: 'done' })).rejects.toMatchObject({
			code: 'conversation.wrong_phase'
		});
	});
});
