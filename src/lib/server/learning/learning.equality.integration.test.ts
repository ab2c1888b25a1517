import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { closeConversation } from '../conversations/conversations.usecases.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import {
	chooseTopic,
	getLearningConversationForStaff,
	removeAction,
	removeTopic,
	saveAction,
	saveEvaluation,
	saveSheet,
	startActions,
	startEvaluation,
	startLearningConversation,
	startSheets,
	startTopics
} from './learning.usecases.ts';

/** Issue 15 part 1, docs/decisions/013: both parties steer; the professional keeps only the pace. */

const action = {
	kind: 'change' as const,
	what: 'Eerst vragen hoe het gaat',
	who: 'professional' as const,
	dueOn: '2100-02-01',
	successMeasure: 'Ik merk het'
};

describeOnBothDatabases('learning conversation: both parties steer', (dialect) => {
	const t = useTestContext(dialect);

	async function inTopics(ctx: TestContext) {
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		const { conversationId, professional: actor } = lc;
		await startLearningConversation({ ctx, actor, conversationId });
		await startTopics({ ctx, actor, conversationId });
		return { lc, client: lc.participants[0]! as Actor & { partyId: string }, conversationId };
	}

	it('allowed: the client proposes a card and an own topic and removes one, from their own device, like the professional', async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await inTopics(ctx);
		const card = await chooseTopic({ ctx, actor: client, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' });
		const own = await chooseTopic({ ctx, actor: client, conversationId, ownText: 'Dat je op tijd bent' });
		const theirs = await chooseTopic({ ctx, actor: lc.professional, conversationId, ownText: 'Afspraken nakomen' });
		// Same rights: the client may take the professional's proposal off the list, and the other way round.
		await removeTopic({ ctx, actor: client, conversationId, topicId: theirs.topicId });
		await removeTopic({ ctx, actor: lc.professional, conversationId, topicId: own.topicId });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId });
		expect(view.topics.map((topic) => topic.id)).toEqual([card.topicId]);
		// The same rule for both: the same card twice is refused, whoever proposes it.
		await expect(
			chooseTopic({ ctx, actor: client, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' })
		).rejects.toMatchObject({ code: 'learning.topic_already_chosen' });
	});

	it('allowed: the client writes, changes and removes an action; the professional sees it as their own', async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await inTopics(ctx);
		const { topicId } = await chooseTopic({ ctx, actor: client, conversationId, ownText: 'Gehoord worden' });
		await startSheets({ ctx, actor: lc.professional, conversationId });
		await saveSheet({ ctx, actor: client, conversationId, topicId, partyId: lc.professionalPartyId, c: 'Wat de begeleider zei' });
		await startActions({ ctx, actor: lc.professional, conversationId });
		const { actionId } = await saveAction({ ctx, actor: client, conversationId, input: action });
		await saveAction({ ctx, actor: client, conversationId, actionId, input: { ...action, what: 'Eerst vragen hoe het met me gaat' } });
		const second = await saveAction({ ctx, actor: lc.professional, conversationId, input: { ...action, who: 'client' } });
		await removeAction({ ctx, actor: client, conversationId, actionId: second.actionId });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId });
		expect(view.actions.map((a) => [a.id, a.what])).toEqual([[actionId, 'Eerst vragen hoe het met me gaat']]);
		expect(view.topics[0]!.sheets.find((s) => s.partyId === lc.professionalPartyId)?.c).toBe('Wat de begeleider zei');
	});

	it('denied: the client never sets the pace — start, next step, close', async () => {
		const { ctx } = t;
		const { client, conversationId } = await inTopics(ctx);
		for (const step of [startSheets, startActions, startEvaluation, startLearningConversation, closeConversation]) {
			await expect(step({ ctx, actor: client, conversationId })).rejects.toMatchObject({ code: 'not_found' });
		}
	});

	it('denied: a participant of another conversation proposes, writes and removes nothing here', async () => {
		const { ctx } = t;
		const { lc, conversationId } = await inTopics(ctx);
		const { client: stranger } = await inTopics(ctx);
		const { topicId } = await chooseTopic({ ctx, actor: lc.professional, conversationId, ownText: 'Van ons' });
		const forged = { ...stranger, conversationId };
		for (const actor of [stranger, forged]) {
			await expect(chooseTopic({ ctx, actor, conversationId, ownText: 'Niet van jou' })).rejects.toMatchObject({ code: 'not_found' });
			await expect(removeTopic({ ctx, actor, conversationId, topicId })).rejects.toMatchObject({ code: 'not_found' });
			await expect(saveAction({ ctx, actor, conversationId, input: action })).rejects.toMatchObject({ code: 'not_found' });
		}
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId });
		expect(view.topics.map((topic) => topic.id)).toEqual([topicId]);
	});

	it('denied: after the close the client proposes, writes and removes nothing any more', async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await inTopics(ctx);
		const { topicId } = await chooseTopic({ ctx, actor: client, conversationId, ownText: 'Samen plannen' });
		await startSheets({ ctx, actor: lc.professional, conversationId });
		await startActions({ ctx, actor: lc.professional, conversationId });
		const { actionId } = await saveAction({ ctx, actor: client, conversationId, input: action });
		await startEvaluation({ ctx, actor: lc.professional, conversationId });
		await saveEvaluation({ ctx, actor: client, conversationId, clarity: 80, overall: 70 });
		await closeConversation({ ctx, actor: lc.professional, conversationId });
		const attempts = [
			() => chooseTopic({ ctx, actor: client, conversationId, ownText: 'Te laat' }),
			() => removeTopic({ ctx, actor: client, conversationId, topicId }),
			() => saveSheet({ ctx, actor: client, conversationId, topicId, a: 'Te laat' }),
			() => saveAction({ ctx, actor: client, conversationId, input: action }),
			() => saveAction({ ctx, actor: client, conversationId, actionId, input: { ...action, what: 'Te laat' } }),
			() => removeAction({ ctx, actor: client, conversationId, actionId })
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'conversation.ended' });
	});
});
