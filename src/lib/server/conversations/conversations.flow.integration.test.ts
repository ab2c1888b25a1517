import { expect, it } from 'vitest';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import {
	actorsOf,
	buildQuickCheck,
	ratingsOf,
	readConversationAsParticipant,
	type BuiltQuickCheck
} from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import {
	abandonConversation,
	closeConversation,
	finishReview,
	getCollaborationTimeline,
	getConversationForStaff,
	reviewAgreement,
	saveAgreement,
	startAgreement,
	startQuickCheck,
	startReflection,
	submitRatings
} from './conversations.usecases.ts';

const agreement = { what: 'Elke maandag bellen', who: 'both' as const, dueOn: '2100-01-31', successMeasure: 'We hebben vier keer gebeld' };

/** Rates, reveals, reflects and makes the agreement; leaves the conversation in 'agreement'. */
async function runToAgreement(ctx: TestContext, qc: BuiltQuickCheck, conversationId = qc.conversationId) {
	for (const actor of [...qc.participants, qc.professional]) await submitRatings({ ctx, actor, conversationId, values: ratingsOf(60) });
	await startReflection({ ctx, actor: qc.professional, conversationId });
	await startAgreement({ ctx, actor: qc.professional, conversationId });
	return saveAgreement({ ctx, actor: qc.professional, conversationId, input: agreement });
}

describeOnBothDatabases('quick check: agreement, review and timeline', (dialect) => {
	const t = useTestContext(dialect);

	it('closing clears the join code and sets the next due date by the rhythm', async () => {
		const { ctx } = t;
		ctx.clock.set('2025-03-10T09:00:00.000Z');
		const qc = await buildQuickCheck(ctx, { rhythmWeeks: 6 });
		await startAgreementAndExpectMissing(ctx, qc);
		await saveAgreement({ ctx, actor: qc.professional, conversationId: qc.conversationId, input: agreement });
		expect(await closeConversation({ ctx, actor: qc.professional, conversationId: qc.conversationId, summary: 'Goed gesprek' })).toEqual({
			nextDueOn: '2025-04-21'
		});
		const stored = await createConversationsRepository(ctx.db).findConversation(qc.professional.organisationId, qc.conversationId);
		expect(stored).toMatchObject({ phase: 'closed', joinCode: null, summary: 'Goed gesprek' });
		expect(stored?.endedAt).toBe('2025-03-10T09:00:00.000Z');
		const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(
			qc.professional.organisationId,
			qc.collaborationId
		);
		expect(collaboration?.nextDueOn).toBe('2025-04-21');
		const view = await readConversationAsParticipant(ctx, qc.participants[0]!);
		expect(view).toMatchObject({ phase: 'closed', summary: 'Goed gesprek', allowedActions: [] });
	});

	it('an agreement needs all its parts and a date that has not passed; nothing is saved otherwise', async () => {
		const { ctx } = t;
		ctx.clock.set('2025-03-10T09:00:00.000Z');
		const qc = await buildQuickCheck(ctx);
		await startAgreementAndExpectMissing(ctx, qc);
		const conversationId = qc.conversationId;
		const bad: [object, string][] = [
			[{ ...agreement, what: '' }, 'conversation.agreement_incomplete'],
			[{ ...agreement, successMeasure: ' ' }, 'conversation.agreement_incomplete'],
			[{ ...agreement, who: 'other', whoOther: '' }, 'conversation.agreement_incomplete'],
			[{ ...agreement, dueOn: '2025-03-09' }, 'conversation.date_in_past']
		];
		for (const [input, code] of bad) {
			await expect(saveAgreement({ ctx, actor: qc.professional, conversationId, input: input as typeof agreement })).rejects.toMatchObject({
				code
			});
		}
		expect((await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId })).agreement).toBeNull();
		await saveAgreement({ ctx, actor: qc.professional, conversationId, input: { ...agreement, dueOn: '2025-03-10' } });
		await saveAgreement({ ctx, actor: qc.professional, conversationId, input: { ...agreement, who: 'other', whoOther: 'Oma' } });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId });
		expect(view.agreement).toMatchObject({ who: 'other', whoOther: 'Oma', dueOn: '2100-01-31', status: 'open' });
	});

	it('the next quick check opens with the review of the previous agreement, and carry-over works', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId } = await runToAgreement(ctx, qc);
		await closeConversation({ ctx, actor: qc.professional, conversationId: qc.conversationId });

		ctx.clock.advance(60_000);
		const next = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		const staffView = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId: next.conversationId });
		expect(staffView.phase).toBe('review');
		expect(staffView.review.map((r) => [r.agreement.id, r.review])).toEqual([[agreementId, null]]);
		const lead = { ctx, actor: qc.professional, conversationId: next.conversationId };
		await expect(finishReview(lead)).rejects.toMatchObject({ code: 'conversation.review_incomplete' });
		await expect(reviewAgreement({ ...lead, input: { agreementId, outcome: 'done', followUp: 'carryOver' } })).rejects.toMatchObject({
			code: 'conversation.invalid_review'
		});
		await reviewAgreement({ ...lead, input: { agreementId, outcome: 'notDone', note: 'Telefoon kapot' } });
		// Changed before the review is finished: the later answer replaces the earlier one.
		await reviewAgreement({
			...lead,
			input: { agreementId, outcome: 'partly', note: 'Twee keer gebeld', followUp: 'carryOver', dueOn: '2100-06-30' }
		});
		await finishReview(lead);

		const { participants } = await actorsOf(ctx, qc.professional, next.conversationId, [qc.participants[0]!.participantId]);
		const clientView = await readConversationAsParticipant(ctx, participants[0]!);
		expect(clientView.phase).toBe('rating');
		expect(clientView.review).toEqual([
			{
				agreement: expect.objectContaining({ id: agreementId, status: 'partly' }),
				review: expect.objectContaining({ outcome: 'partly', note: 'Twee keer gebeld', carriedOver: true }),
				choices: []
			}
		]);
		const agreements = await createConversationsRepository(ctx.db).listAgreements(qc.professional.organisationId, qc.collaborationId);
		expect(agreements.map((a) => [a.status, a.carriedOverFrom, a.dueOn])).toEqual([
			['partly', null, '2100-01-31'],
			['open', agreementId, '2100-06-30']
		]);
		const reviews = await createConversationsRepository(ctx.db).listReviews(qc.professional.organisationId, [next.conversationId]);
		expect(reviews).toHaveLength(1);
		// The timeline shows the review with the carried-over copy's new date.
		const { conversations } = await getCollaborationTimeline({
			locale: 'nl',
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId
		});
		expect(conversations[0]?.reviews).toEqual([
			expect.objectContaining({ outcome: 'partly', note: 'Twee keer gebeld', carriedOver: true, carriedOverDueOn: '2100-06-30' })
		]);
	});

	it('the timeline lists conversations newest first, with ratings once revealed and agreements with their reviews', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const { agreementId } = await runToAgreement(ctx, qc);
		await closeConversation({ ctx, actor: qc.professional, conversationId: qc.conversationId });
		ctx.clock.advance(60_000);
		const second = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		await reviewAgreement({ ctx, actor: qc.professional, conversationId: second.conversationId, input: { agreementId, outcome: 'done' } });
		await finishReview({ ctx, actor: qc.professional, conversationId: second.conversationId });
		await submitRatings({ ctx, actor: qc.professional, conversationId: second.conversationId, values: ratingsOf(90) });
		await abandonConversation({ ctx, actor: qc.professional, conversationId: second.conversationId });
		ctx.clock.advance(60_000);
		const third = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		expect(third.resumed).toBe(false);

		const { conversations } = await getCollaborationTimeline({
			locale: 'nl',
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId
		});
		expect(conversations.map((c) => [c.id, c.phase])).toEqual([
			[third.conversationId, 'rating'],
			[second.conversationId, 'abandoned'],
			[qc.conversationId, 'closed']
		]);
		const [, abandoned, closed] = conversations;
		// Abandoned before the reveal: blind for good; the professional sees only their own ratings.
		const ownParty = abandoned?.parties.find((p) => p.isViewer);
		expect(ownParty).toMatchObject({ kind: 'professional', submitted: true });
		expect(abandoned?.ratings.map((r) => r.partyId)).toEqual([ownParty?.id]);
		expect(abandoned?.gaps).toBeNull();
		expect(abandoned?.reviews).toEqual([
			expect.objectContaining({ outcome: 'done', agreement: expect.objectContaining({ id: agreementId }) })
		]);
		expect(closed?.ratings).toHaveLength(2);
		expect(closed?.gaps?.map((g) => g.spread)).toEqual([0, 0, 0, 0, 0]);
		expect(closed?.agreement).toMatchObject({ id: agreementId, status: 'done', what: agreement.what });
		expect(closed?.items[0]?.text).toBe('Hoe ervaar ik onze omgang?');
	});

	it('an abandoned conversation takes no more answers and its join code stops working', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		await abandonConversation({ ctx, actor: qc.professional, conversationId: qc.conversationId });
		const stored = await createConversationsRepository(ctx.db).findConversation(qc.professional.organisationId, qc.conversationId);
		expect(stored).toMatchObject({ phase: 'abandoned', joinCode: null });
		await expect(
			submitRatings({ ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(50) })
		).rejects.toMatchObject({ code: 'conversation.ended' });
		await expect(abandonConversation({ ctx, actor: qc.professional, conversationId: qc.conversationId })).rejects.toMatchObject({
			code: 'conversation.ended'
		});
	});

	it('two last submissions at the same moment still reveal', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		const results = await Promise.all([
			submitRatings({ ctx, actor: qc.participants[0]!, conversationId, values: ratingsOf(10) }),
			submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(90) })
		]);
		expect(results.filter((r) => r.revealed)).toHaveLength(1);
		expect((await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId })).phase).toBe('revealed');
	});
});

async function startAgreementAndExpectMissing(ctx: TestContext, qc: BuiltQuickCheck) {
	const conversationId = qc.conversationId;
	for (const actor of [...qc.participants, qc.professional]) await submitRatings({ ctx, actor, conversationId, values: ratingsOf(60) });
	await startAgreement({ ctx, actor: qc.professional, conversationId });
	await expect(closeConversation({ ctx, actor: qc.professional, conversationId })).rejects.toMatchObject({
		code: 'conversation.agreement_missing'
	});
}
