import { expect, it } from 'vitest';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import {
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
} from '../conversations/conversations.usecases.ts';
import { actorsOf, ratingsOf } from '../testing/conversation-builders.ts';
import { buildLearningConversation, prepare, type BuiltLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import {
	addRecordingMoment,
	chooseTopic,
	getLearningConversationForParticipant,
	getLearningConversationForStaff,
	handWish,
	saveAction,
	saveEvaluation,
	saveSafety,
	saveSheet,
	startActions,
	startEvaluation,
	startLearningConversation,
	startSheets,
	startTopics
} from './learning.usecases.ts';

const action = {
	kind: 'change' as const,
	what: 'We spreken elke week af',
	needed: 'Een vaste dag',
	who: 'both' as const,
	dueOn: '2100-02-01',
	successMeasure: 'We hebben vier keer afgesproken'
};

/** Runs a learning conversation from its start to the actions, with two topics. */
async function runToActions(ctx: TestContext, lc: BuiltLearningConversation) {
	const { conversationId, professional } = lc;
	const client = lc.participants[0]!;
	await startLearningConversation({ ctx, actor: professional, conversationId });
	await startTopics({ ctx, actor: professional, conversationId });
	const first = await chooseTopic({
		ctx,
		actor: professional,
		conversationId,
		deckId: lc.decks.samenleerwijzer,
		cardKey: 'onze-verbinding'
	});
	const second = await chooseTopic({ ctx, actor: professional, conversationId, ownText: 'Het contact met school' });
	await startSheets({ ctx, actor: professional, conversationId });
	await saveSheet({
		ctx,
		actor: client,
		conversationId,
		topicId: first.topicId,
		a: 'Je keek op je telefoon',
		b: 'Ik voelde me niet gehoord',
		c: 'Ik wil serieus genomen worden'
	});
	await saveSheet({
		ctx,
		actor: professional,
		conversationId,
		topicId: first.topicId,
		a: 'Ik moest een bericht lezen',
		b: 'Ik merkte het pas later',
		c: ''
	});
	await startActions({ ctx, actor: professional, conversationId });
	return { first, second };
}

describeOnBothDatabases('learning conversation: from start to close', (dialect) => {
	const t = useTestContext(dialect);

	it('runs from the start to the close: safety, two topics with sheets from both sides, a wish card, actions and evaluation', async () => {
		const { ctx } = t;
		ctx.clock.set('2100-01-10T09:00:00.000Z');
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		const { conversationId, professional } = lc;
		const client = lc.participants[0]!;
		const organisationId = professional.organisationId;
		await prepare(ctx, {
			actor: client,
			conversationId,
			preparation: {
				wishes: 'Over het contact',
				safety: ['takeTime', 'noJudging'],
				safetyOwn: 'Rustig praten',
				cards: [
					{ deckId: lc.decks.values, cardKey: 'gehoord-worden' },
					{ deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' }
				]
			}
		});
		await prepare(ctx, {
			actor: professional,
			conversationId,
			preparation: { cards: [{ deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' }] }
		});

		expect(await startLearningConversation({ ctx, actor: professional, conversationId })).toEqual({ phase: 'safety' });
		const started = await createConversationsRepository(ctx.db).findConversation(organisationId, conversationId);
		expect(started?.joinCode).toMatch(/^[A-Z0-9]{8}$/);
		expect(started?.startedAt).toBe('2100-01-10T09:00:00.000Z');

		// Safety: the client's shared preparation fills in their safety until they say it themselves.
		let view = await getLearningConversationForParticipant({ ctx, actor: client, conversationId });
		expect(view.safety.find((s) => s.partyId === client.partyId)).toMatchObject({
			suggestions: ['noJudging', 'takeTime'],
			ownWords: 'Rustig praten',
			saved: false,
			fromPreparation: true
		});
		await saveSafety({ ctx, actor: client, conversationId, suggestions: ['mayPause', 'noJudging'], ownWords: 'Niet te snel' });
		await saveSafety({ ctx, actor: professional, conversationId, suggestions: ['letFinish'] });
		await handWish({ ctx, actor: client, conversationId, deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' });
		await startTopics({ ctx, actor: professional, conversationId });

		// Topics: both selections side by side, then two chosen together (not every card).
		view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect(view.preparations.map((p) => [p.partyId, p.cards.map((c) => c.key)])).toEqual([
			[client.partyId, ['onze-verbinding', 'gehoord-worden']],
			[lc.professionalPartyId, ['onze-aanpak']]
		]);
		const first = await chooseTopic({
			ctx,
			actor: professional,
			conversationId,
			deckId: lc.decks.samenleerwijzer,
			cardKey: 'onze-verbinding'
		});
		const second = await chooseTopic({ ctx, actor: professional, conversationId, deckId: lc.decks.values, cardKey: 'gehoord-worden' });
		await startSheets({ ctx, actor: professional, conversationId });

		// Sheets: each party their own; the professional notes a second one for the client on the shared screen.
		await saveSheet({ ctx, actor: client, conversationId, topicId: first.topicId, a: 'A van mij', b: 'B van mij', c: 'C van mij' });
		await saveSheet({ ctx, actor: professional, conversationId, topicId: first.topicId, a: 'A van de begeleider', b: '', c: 'C' });
		await saveSheet({ ctx, actor: professional, conversationId, topicId: second.topicId, partyId: client.partyId, a: 'Genoteerd' });
		await saveSheet({ ctx, actor: professional, conversationId, topicId: second.topicId, b: 'Mijn kant' });
		await addRecordingMoment({ ctx, actor: client, conversationId, at: '12:34', note: 'Hier ging het mis' });
		await handWish({ ctx, actor: client, conversationId, deckId: lc.decks.wishes, cardKey: 'weten-wat-er-komt' });
		await startActions({ ctx, actor: professional, conversationId });

		const { actionId } = await saveAction({ ctx, actor: professional, conversationId, input: action });
		// A moment later: actions are listed in the order they were made.
		ctx.clock.advance(1000);
		await saveAction({
			ctx,
			actor: professional,
			conversationId,
			input: { ...action, kind: 'keep', what: 'Samen koffie', needed: '', who: 'client' }
		});
		await startEvaluation({ ctx, actor: professional, conversationId });
		await saveEvaluation({ ctx, actor: client, conversationId, clarity: 80, overall: 70, remark: 'Fijn' });
		await saveEvaluation({ ctx, actor: professional, conversationId, clarity: 90, overall: 60 });

		view = await getLearningConversationForParticipant({ ctx, actor: client, conversationId });
		expect(view.topics.map((topic) => [topic.card?.key, topic.sheets.map((s) => [s.partyId, s.a, s.b, s.c])])).toEqual([
			[
				'onze-verbinding',
				[
					[client.partyId, 'A van mij', 'B van mij', 'C van mij'],
					[lc.professionalPartyId, 'A van de begeleider', null, 'C']
				]
			],
			[
				'gehoord-worden',
				[
					[client.partyId, 'Genoteerd', null, null],
					[lc.professionalPartyId, null, 'Mijn kant', null]
				]
			]
		]);
		expect(view.wishes.map((w) => [w.partyId, w.card.key])).toEqual([
			[client.partyId, 'zonder-oordeel'],
			[client.partyId, 'weten-wat-er-komt']
		]);
		expect(view.moments).toEqual([
			expect.objectContaining({ partyId: client.partyId, atSeconds: 754, time: '12:34', note: 'Hier ging het mis' })
		]);
		expect(view.safety.map((s) => [s.partyId, s.suggestions, s.ownWords, s.saved])).toEqual([
			[client.partyId, ['noJudging', 'mayPause'], 'Niet te snel', true],
			[lc.professionalPartyId, ['letFinish'], null, true]
		]);
		expect(view.actions.map((a) => [a.actionKind, a.what, a.who, a.needed])).toEqual([
			['change', action.what, 'both', 'Een vaste dag'],
			['keep', 'Samen koffie', 'client', null]
		]);
		// The client sees their own evaluation only; the professional sees everyone's.
		expect(view.evaluations).toEqual([{ partyId: client.partyId, clarity: 80, overall: 70, remark: 'Fijn' }]);
		const staffView = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect(staffView.evaluations.map((e) => e.partyId).toSorted()).toEqual([client.partyId, lc.professionalPartyId].toSorted());

		expect(await closeConversation({ ctx, actor: professional, conversationId, summary: 'Goed gesprek over contact' })).toEqual({
			nextDueOn: '2100-04-04'
		});
		const closed = await createConversationsRepository(ctx.db).findConversation(organisationId, conversationId);
		expect(closed).toMatchObject({
			phase: 'closed',
			joinCode: null,
			summary: 'Goed gesprek over contact',
			endedAt: '2100-01-10T09:00:01.000Z'
		});
		const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(organisationId, lc.collaborationId);
		expect(collaboration?.nextDueOn).toBe('2100-04-04');

		// The closed conversation is in the collaboration's timeline, with its actions.
		const timeline = await getCollaborationTimeline({ locale: 'nl', ctx, actor: professional, collaborationId: lc.collaborationId });
		expect(timeline.conversations[0]).toMatchObject({
			id: conversationId,
			method: 'learningConversation',
			phase: 'closed',
			summary: 'Goed gesprek over contact',
			agreement: null
		});
		expect(timeline.conversations[0]!.actions.map((a) => [a.id, a.status])).toEqual([
			[actionId, 'open'],
			[expect.any(String), 'open']
		]);
		const after = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect(after.allowedActions).toEqual([]);
	});

	it("the next quick check reviews the learning conversation's actions exactly like a quick check's agreement", async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		const { conversationId, professional } = lc;
		await runToActions(ctx, lc);
		const { actionId } = await saveAction({ ctx, actor: professional, conversationId, input: action });
		await startEvaluation({ ctx, actor: professional, conversationId });
		await closeConversation({ ctx, actor: professional, conversationId });

		const { conversationId: next } = await startQuickCheck({ ctx, actor: professional, collaborationId: lc.collaborationId });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId: next });
		expect(view.phase).toBe('review');
		expect(view.review.map((entry) => [entry.agreement.id, entry.agreement.what, entry.agreement.actionKind])).toEqual([
			[actionId, action.what, 'change']
		]);
		await reviewAgreement({
			ctx,
			actor: professional,
			conversationId: next,
			input: { agreementId: actionId, outcome: 'partly', followUp: 'carryOver' }
		});
		await finishReview({ ctx, actor: professional, conversationId: next });
		const reviewed = await getConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId: next });
		expect(reviewed.phase).toBe('rating');
		// The carried-over copy keeps what the action was: its kind and what is needed.
		const agreements = await createConversationsRepository(ctx.db).listAgreements(professional.organisationId, lc.collaborationId);
		expect(agreements.find((a) => a.carriedOverFrom === actionId)).toMatchObject({
			conversationId: next,
			status: 'open',
			actionKind: 'change',
			needed: 'Een vaste dag'
		});
		expect(agreements.find((a) => a.id === actionId)?.status).toBe('partly');
	});

	it("opens with the review of a quick check's open agreement, then goes on to safety", async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		const { professional } = lc;
		// A quick check first, which leaves an open agreement.
		const { conversationId: quick } = await startQuickCheck({ ctx, actor: professional, collaborationId: lc.collaborationId });
		const participantIds = (await createConversationsRepository(ctx.db).listParties(professional.organisationId, quick))
			.filter((p) => p.kind === 'participant')
			.map((p) => p.participantId!);
		const qc = await actorsOf(ctx, professional, quick, participantIds);
		for (const actor of [...qc.participants, professional])
			await submitRatings({ ctx, actor, conversationId: quick, values: ratingsOf(50) });
		await startReflection({ ctx, actor: professional, conversationId: quick });
		await startAgreement({ ctx, actor: professional, conversationId: quick });
		const { agreementId } = await saveAgreement({
			ctx,
			actor: professional,
			conversationId: quick,
			input: { what: 'Bellen', who: 'professional', dueOn: '2100-01-31', successMeasure: 'Gebeld' }
		});
		await closeConversation({ ctx, actor: professional, conversationId: quick });

		const conversationId = lc.conversationId;
		expect(await startLearningConversation({ ctx, actor: professional, conversationId })).toEqual({ phase: 'review' });
		await expect(finishReview({ ctx, actor: professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.review_incomplete'
		});
		await reviewAgreement({ ctx, actor: professional, conversationId, input: { agreementId, outcome: 'done', note: 'Goed gedaan' } });
		await finishReview({ ctx, actor: professional, conversationId });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect(view.phase).toBe('safety');
		expect(view.review).toEqual([expect.objectContaining({ review: expect.objectContaining({ outcome: 'done', note: 'Goed gedaan' }) })]);
	});

	it('moves on only with a topic to discuss and an action agreed', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const { conversationId, professional } = lc;
		await startLearningConversation({ ctx, actor: professional, conversationId });
		await startTopics({ ctx, actor: professional, conversationId });
		await expect(startSheets({ ctx, actor: professional, conversationId })).rejects.toMatchObject({ code: 'learning.no_topics' });
		await chooseTopic({ ctx, actor: professional, conversationId, ownText: 'Iets eigens' });
		await startSheets({ ctx, actor: professional, conversationId });
		await startActions({ ctx, actor: professional, conversationId });
		await expect(startEvaluation({ ctx, actor: professional, conversationId })).rejects.toMatchObject({ code: 'learning.no_actions' });
		expect((await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId })).phase).toBe('actions');
	});

	it('starting twice, or a conversation of a closed collaboration, is refused', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const { conversationId, professional } = lc;
		await startLearningConversation({ ctx, actor: professional, conversationId });
		await expect(startLearningConversation({ ctx, actor: professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.wrong_phase'
		});
		const other = await buildLearningConversation(ctx, { professional });
		await createCollaborationsRepository(ctx.db).setStatus(
			professional.organisationId,
			other.collaborationId,
			'closed',
			ctx.clock.now().toISOString()
		);
		await expect(startLearningConversation({ ctx, actor: professional, conversationId: other.conversationId })).rejects.toMatchObject({
			code: 'collaboration.closed'
		});
		expect(
			(await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId: other.conversationId })).phase
		).toBe('preparation');
	});
});
