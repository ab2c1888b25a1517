import { expect, it } from 'vitest';
import { closeConversation } from '../conversations/conversations.usecases.ts';
import {
	buildLearningConversation,
	insertDeckOutsideConversation,
	prepare,
	type BuiltLearningConversation
} from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import {
	addRecordingMoment,
	chooseTopic,
	getLearningConversationForParticipant,
	getLearningConversationForStaff,
	handWish,
	removeAction,
	removeRecordingMoment,
	removeTopic,
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
	kind: 'keep' as const,
	what: 'Samen een plan maken',
	needed: '',
	who: 'professional' as const,
	dueOn: '2100-02-01',
	successMeasure: 'Het plan ligt er'
};

/** Starts the conversation and brings it to `phase`, with one topic chosen on the way. */
async function bringTo(ctx: TestContext, lc: BuiltLearningConversation, phase: 'safety' | 'topics' | 'sheets' | 'actions' | 'evaluation') {
	const { conversationId, professional: actor } = lc;
	await startLearningConversation({ ctx, actor, conversationId });
	if (phase === 'safety') return null;
	await startTopics({ ctx, actor, conversationId });
	const { topicId } = await chooseTopic({ ctx, actor, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' });
	if (phase === 'topics') return topicId;
	await startSheets({ ctx, actor, conversationId });
	if (phase === 'sheets') return topicId;
	await startActions({ ctx, actor, conversationId });
	if (phase === 'actions') return topicId;
	await saveAction({ ctx, actor, conversationId, input: action });
	await startEvaluation({ ctx, actor, conversationId });
	return topicId;
}

describeOnBothDatabases('learning conversation: bad input changes nothing', (dialect) => {
	const t = useTestContext(dialect);

	it('refuses a step in the wrong phase', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const { conversationId, professional } = lc;
		const client = lc.participants[0]!;
		// Before the start, nothing but starting (or stopping) it.
		await expect(saveSafety({ ctx, actor: client, conversationId, suggestions: ['takeTime'] })).rejects.toMatchObject({
			code: 'conversation.wrong_phase'
		});
		await expect(startTopics({ ctx, actor: professional, conversationId })).rejects.toMatchObject({ code: 'conversation.wrong_phase' });
		await bringTo(ctx, lc, 'safety');
		const attempts = [
			() => chooseTopic({ ctx, actor: professional, conversationId, ownText: 'Te vroeg' }),
			() => saveAction({ ctx, actor: professional, conversationId, input: action }),
			() => saveEvaluation({ ctx, actor: client, conversationId, clarity: 50, overall: 50 }),
			() => addRecordingMoment({ ctx, actor: client, conversationId, at: '01:00', note: 'Te vroeg' }),
			() => startSheets({ ctx, actor: professional, conversationId }),
			() => closeConversation({ ctx, actor: professional, conversationId })
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'conversation.wrong_phase' });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect([view.phase, view.topics, view.actions, view.moments]).toEqual(['safety', [], [], []]);
	});

	it('refuses a wish card in the evaluation, and a sheet after the sheets', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const topicId = (await bringTo(ctx, lc, 'evaluation'))!;
		const client = lc.participants[0]!;
		const conversationId = lc.conversationId;
		await expect(
			handWish({ ctx, actor: client, conversationId, deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' })
		).rejects.toMatchObject({
			code: 'conversation.wrong_phase'
		});
		await expect(saveSheet({ ctx, actor: client, conversationId, topicId, a: 'Te laat' })).rejects.toMatchObject({
			code: 'conversation.wrong_phase'
		});
		const view = await getLearningConversationForParticipant({ ctx, actor: client, conversationId });
		expect(view.wishes).toEqual([]);
		expect(view.topics[0]!.sheets.every((sheet) => !sheet.saved)).toBe(true);
	});

	it('refuses a card that is not in the decks of this conversation', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		await bringTo(ctx, lc, 'topics');
		const { conversationId, professional } = lc;
		const client = lc.participants[0]!;
		const other = await insertDeckOutsideConversation(ctx, professional.organisationId);
		const bad = [
			// A deck of the organisation that this conversation does not use.
			{ deckId: other, cardKey: 'onze-verbinding' },
			// A card key that is not in the deck.
			{ deckId: lc.decks.samenleerwijzer, cardKey: 'bestaat-niet' },
			// A wish card is handed, not chosen as a topic.
			{ deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' },
			// A wish card's key under a topic deck.
			{ deckId: lc.decks.samenleerwijzer, cardKey: 'zonder-oordeel' },
			// The right card key under the wrong deck.
			{ deckId: lc.decks.values, cardKey: 'onze-verbinding' }
		];
		for (const card of bad) {
			await expect(chooseTopic({ ctx, actor: professional, conversationId, ...card })).rejects.toMatchObject({
				code: 'deck.unknown_card'
			});
		}
		await expect(
			handWish({ ctx, actor: client, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' })
		).rejects.toMatchObject({
			code: 'deck.unknown_card'
		});
		await expect(handWish({ ctx, actor: client, conversationId, deckId: other, cardKey: 'onze-verbinding' })).rejects.toMatchObject({
			code: 'deck.unknown_card'
		});
		// The same card twice, and the own-topic card without words.
		await expect(
			chooseTopic({ ctx, actor: professional, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' })
		).rejects.toMatchObject({
			code: 'learning.topic_already_chosen'
		});
		await expect(
			chooseTopic({ ctx, actor: professional, conversationId, deckId: lc.decks.themes, cardKey: 'eigen-onderwerp' })
		).rejects.toMatchObject({
			code: 'learning.own_topic_missing'
		});
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect(view.topics.map((topic) => topic.card?.key)).toEqual(['onze-aanpak']);
		expect(view.wishes).toEqual([]);
		// The own-topic card with words is fine, twice even (two own topics).
		await chooseTopic({ ctx, actor: professional, conversationId, deckId: lc.decks.themes, cardKey: 'eigen-onderwerp', ownText: 'School' });
		await chooseTopic({ ctx, actor: professional, conversationId, deckId: lc.decks.themes, cardKey: 'eigen-onderwerp', ownText: 'Werk' });
		const after = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId });
		expect(after.topics.map((topic) => [topic.card?.key, topic.ownText])).toEqual([
			['onze-aanpak', null],
			['eigen-onderwerp', 'School'],
			['eigen-onderwerp', 'Werk']
		]);
	});

	it('refuses an action without who or when, or with a date in the past', async () => {
		const { ctx } = t;
		ctx.clock.set('2100-01-10T09:00:00.000Z');
		const lc = await buildLearningConversation(ctx);
		await bringTo(ctx, lc, 'actions');
		const { conversationId, professional } = lc;
		const bad: [object, string][] = [
			[{ ...action, who: undefined }, 'learning.action_incomplete'],
			[{ ...action, who: '' }, 'learning.action_incomplete'],
			[{ ...action, dueOn: '' }, 'learning.action_incomplete'],
			[{ ...action, dueOn: undefined }, 'learning.action_incomplete'],
			[{ ...action, dueOn: '2100-13-01' }, 'learning.action_incomplete'],
			[{ ...action, who: 'other', whoOther: ' ' }, 'learning.action_incomplete'],
			[{ ...action, kind: 'maybe' }, 'learning.action_incomplete'],
			[{ ...action, what: '' }, 'learning.action_incomplete'],
			[{ ...action, successMeasure: '' }, 'learning.action_incomplete'],
			[{ ...action, dueOn: '2100-01-09' }, 'conversation.date_in_past'],
			[{ ...action, needed: 'x'.repeat(501) }, 'conversation.text_too_long']
		];
		for (const [input, code] of bad) {
			await expect(saveAction({ ctx, actor: professional, conversationId, input: input as typeof action }), code).rejects.toMatchObject({
				code
			});
		}
		expect((await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId })).actions).toEqual([]);
		await saveAction({
			ctx,
			actor: professional,
			conversationId,
			input: { ...action, who: 'other', whoOther: 'Oma', dueOn: '2100-01-10' }
		});
		const [saved] = (await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId })).actions;
		expect(saved).toMatchObject({ who: 'other', whoOther: 'Oma', dueOn: '2100-01-10', actionKind: 'keep', needed: null, status: 'open' });
	});

	it('refuses text that is too long: sheets over 2000 characters, safety, own topic, moment, remark', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const { conversationId, professional } = lc;
		const client = lc.participants[0]!;
		await bringTo(ctx, lc, 'safety');
		await expect(saveSafety({ ctx, actor: client, conversationId, suggestions: [], ownWords: 'x'.repeat(1001) })).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		await expect(saveSafety({ ctx, actor: client, conversationId, suggestions: ['nonsense'] })).rejects.toMatchObject({
			code: 'learning.unknown_suggestion'
		});
		await startTopics({ ctx, actor: professional, conversationId });
		await expect(chooseTopic({ ctx, actor: professional, conversationId, ownText: 'x'.repeat(301) })).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		const { topicId } = await chooseTopic({ ctx, actor: professional, conversationId, ownText: 'Kort' });
		await startSheets({ ctx, actor: professional, conversationId });
		for (const field of ['a', 'b', 'c'] as const) {
			await expect(saveSheet({ ctx, actor: client, conversationId, topicId, [field]: 'x'.repeat(2001) })).rejects.toMatchObject({
				code: 'conversation.text_too_long'
			});
		}
		// Exactly 2000 characters is fine.
		await saveSheet({ ctx, actor: client, conversationId, topicId, a: 'y'.repeat(2000) });
		await expect(addRecordingMoment({ ctx, actor: client, conversationId, at: '1:00', note: 'x'.repeat(1001) })).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		await expect(addRecordingMoment({ ctx, actor: client, conversationId, at: '99', note: 'Geen tijd' })).rejects.toMatchObject({
			code: 'learning.invalid_time'
		});
		await expect(addRecordingMoment({ ctx, actor: client, conversationId, at: '12:61', note: 'Geen tijd' })).rejects.toMatchObject({
			code: 'learning.invalid_time'
		});
		const view = await getLearningConversationForParticipant({ ctx, actor: client, conversationId });
		expect(view.safety.every((s) => !s.saved)).toBe(true);
		expect(view.topics.map((topic) => topic.ownText)).toEqual(['Kort']);
		expect(view.topics[0]!.sheets.find((s) => s.partyId === client.partyId)?.a).toHaveLength(2000);
		expect(view.moments).toEqual([]);
	});

	it('refuses an evaluation off the line or with a remark that is too long', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		await bringTo(ctx, lc, 'evaluation');
		const client = lc.participants[0]!;
		const conversationId = lc.conversationId;
		for (const input of [
			{ clarity: 101, overall: 50 },
			{ clarity: 50, overall: -1 },
			{ clarity: 50.5, overall: 50 },
			{ clarity: Number.NaN, overall: 50 }
		]) {
			await expect(saveEvaluation({ ctx, actor: client, conversationId, ...input })).rejects.toMatchObject({
				code: 'learning.evaluation_incomplete'
			});
		}
		await expect(
			saveEvaluation({ ctx, actor: client, conversationId, clarity: 50, overall: 50, remark: 'x'.repeat(1001) })
		).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		expect((await getLearningConversationForParticipant({ ctx, actor: client, conversationId })).evaluations).toEqual([]);
	});

	it("refuses another conversation's topic, moment or action", async () => {
		const { ctx } = t;
		const a = await buildLearningConversation(ctx);
		const b = await buildLearningConversation(ctx, { professional: a.professional });
		const topicOfB = (await bringTo(ctx, b, 'sheets'))!;
		await bringTo(ctx, a, 'sheets');
		const { momentId } = await addRecordingMoment({
			ctx,
			actor: b.participants[0]!,
			conversationId: b.conversationId,
			at: '00:10',
			note: 'B'
		});
		const actor = a.professional;
		const conversationId = a.conversationId;
		await expect(saveSheet({ ctx, actor, conversationId, topicId: topicOfB, a: 'In A' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(saveSheet({ ctx, actor: a.participants[0]!, conversationId, topicId: topicOfB, a: 'In A' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(removeRecordingMoment({ ctx, actor, conversationId, momentId })).rejects.toMatchObject({ code: 'not_found' });
		await startActions({ ctx, actor: b.professional, conversationId: b.conversationId });
		const { actionId } = await saveAction({ ctx, actor: b.professional, conversationId: b.conversationId, input: action });
		await startActions({ ctx, actor, conversationId });
		await expect(saveAction({ ctx, actor, conversationId, actionId, input: { ...action, what: 'Gekaapt' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(removeAction({ ctx, actor, conversationId, actionId })).rejects.toMatchObject({ code: 'not_found' });
		const viewOfB = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: b.professional, conversationId: b.conversationId });
		expect(viewOfB.topics[0]!.sheets.every((s) => !s.saved)).toBe(true);
		expect(viewOfB.moments.map((m) => m.id)).toEqual([momentId]);
		expect(viewOfB.actions.map((x) => [x.id, x.what])).toEqual([[actionId, action.what]]);
	});

	it("removes a topic only of this conversation, while choosing; the topic's sheets go with it", async () => {
		const { ctx } = t;
		const a = await buildLearningConversation(ctx);
		const b = await buildLearningConversation(ctx, { professional: a.professional });
		const topicOfA = (await bringTo(ctx, a, 'topics'))!;
		const topicOfB = (await bringTo(ctx, b, 'topics'))!;
		await expect(removeTopic({ ctx, actor: a.professional, conversationId: a.conversationId, topicId: topicOfB })).rejects.toMatchObject({
			code: 'not_found'
		});
		await removeTopic({ ctx, actor: a.professional, conversationId: a.conversationId, topicId: topicOfA });
		expect(
			(await getLearningConversationForStaff({ locale: 'nl', ctx, actor: a.professional, conversationId: a.conversationId })).topics
		).toEqual([]);
		expect(
			(await getLearningConversationForStaff({ locale: 'nl', ctx, actor: b.professional, conversationId: b.conversationId })).topics
		).toHaveLength(1);
	});

	it('a preparation that is not shared stays out of the conversation, for everyone', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx, { participants: 2 });
		const [first, second] = lc.participants as [(typeof lc.participants)[0], (typeof lc.participants)[0]];
		const { conversationId, professional } = lc;
		await prepare(ctx, {
			actor: first,
			conversationId,
			share: false,
			preparation: {
				wishes: 'GEHEIM-WENS',
				safety: ['mayPause'],
				safetyOwn: 'GEHEIM-VEILIG',
				momentA: 'GEHEIM-A',
				cards: [{ deckId: lc.decks.values, cardKey: 'gezien-worden' }]
			}
		});
		await prepare(ctx, { actor: second, conversationId, preparation: { wishes: 'Gedeeld', momentA: 'Gedeelde A' } });
		await bringTo(ctx, lc, 'topics');
		for (const view of [
			await getLearningConversationForStaff({ locale: 'nl', ctx, actor: professional, conversationId }),
			await getLearningConversationForParticipant({ ctx, actor: first, conversationId }),
			await getLearningConversationForParticipant({ ctx, actor: second, conversationId })
		]) {
			expect(JSON.stringify(view)).not.toContain('GEHEIM');
			expect(view.preparations.map((p) => [p.partyId, p.wishes, p.moment])).toEqual([
				[second.partyId, 'Gedeeld', { a: 'Gedeelde A', b: null, c: null }]
			]);
			expect(view.safety.find((s) => s.partyId === first.partyId)).toMatchObject({
				suggestions: [],
				ownWords: null,
				fromPreparation: false
			});
		}
	});
});
