import { expect, it } from 'vitest';
import { chooseTopic, getLearningConversationForStaff, getLearningConversationForParticipant } from '../learning/learning.usecases.ts';
import { saveSheet, startLearningConversation, startSheets, startTopics, usePreparedMoment } from '../learning/learning.usecases.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { listSharedPreparations, savePreparation, sharePreparation, takeBackPreparation } from './preparation.usecases.ts';
import { getPreparation } from './preparation.view.usecases.ts';

/** Issue 15 part 4, docs/decisions/007 and 013: shared per part, taken back before the start, and what was prepared carries over. */

const WISH = 'PRIVE-WENS: over mijn schulden praten';
const MOMENT_A = 'Je keek steeds op je telefoon';

describeOnBothDatabases('preparation: sharing per part and carrying over', (dialect) => {
	const t = useTestContext(dialect);

	async function prepared(ctx: TestContext) {
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		const client = lc.participants[0]!;
		await savePreparation({
			ctx,
			actor: client,
			conversationId: lc.conversationId,
			input: {
				wishes: WISH,
				cards: [{ deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' }],
				momentA: MOMENT_A,
				momentB: 'Ik voelde me niet belangrijk',
				momentC: null,
				momentCard: { deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' },
				safety: ['mayPause'],
				safetyOwn: 'PRIVE-VEILIG'
			}
		});
		return { lc, client, conversationId: lc.conversationId };
	}

	it('a preparation shared in part shows the others only that part; the unshared parts reach nobody', async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await prepared(ctx);
		await sharePreparation({ ctx, actor: client, conversationId, parts: ['cards', 'moment'] });
		const seen = await listSharedPreparations({ ctx, actor: lc.professional, conversationId });
		const theirs = seen.find((p) => p.partyId === client.partyId)!;
		expect(theirs.sharedParts).toEqual(['cards', 'moment']);
		expect(theirs.preparation).toMatchObject({ wishes: null, safety: [], safetyOwn: null, moment: { a: MOMENT_A } });
		expect(theirs.preparation!.cards.map((c) => c.key)).toEqual(['onze-aanpak']);
		expect(JSON.stringify(seen)).not.toContain('PRIVE');
		// In the conversation as well, on every screen.
		await startLearningConversation({ ctx, actor: lc.professional, conversationId });
		for (const view of [
			await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId }),
			await getLearningConversationForParticipant({ ctx, actor: client, conversationId })
		]) {
			expect(JSON.stringify(view.preparations)).not.toContain('PRIVE');
			expect(view.preparations.find((p) => p.partyId === client.partyId)?.moment?.a).toBe(MOMENT_A);
		}
	});

	it('a shared part taken back before the start is private again; after the start it cannot be taken back', async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await prepared(ctx);
		await sharePreparation({ ctx, actor: client, conversationId });
		await takeBackPreparation({ ctx, actor: client, conversationId, parts: ['wishes', 'safety'] });
		let theirs = (await listSharedPreparations({ ctx, actor: lc.professional, conversationId })).find((p) => p.partyId === client.partyId)!;
		expect(theirs.sharedParts).toEqual(['cards', 'moment']);
		expect(JSON.stringify(theirs)).not.toContain('PRIVE');
		await takeBackPreparation({ ctx, actor: client, conversationId });
		theirs = (await listSharedPreparations({ ctx, actor: lc.professional, conversationId })).find((p) => p.partyId === client.partyId)!;
		expect([theirs.shared, theirs.preparation]).toEqual([false, null]);
		// The owner still has all of it.
		expect((await getPreparation({ ctx, actor: client, conversationId })).own).toMatchObject({ wishes: WISH, sharedParts: [] });
		await sharePreparation({ ctx, actor: client, conversationId, parts: ['moment'] });
		await startLearningConversation({ ctx, actor: lc.professional, conversationId });
		await expect(takeBackPreparation({ ctx, actor: client, conversationId, parts: ['moment'] })).rejects.toMatchObject({
			code: 'preparation.closed'
		});
		// Sharing more is still possible during the conversation.
		await sharePreparation({ ctx, actor: client, conversationId, parts: ['wishes'] });
		theirs = (await listSharedPreparations({ ctx, actor: lc.professional, conversationId })).find((p) => p.partyId === client.partyId)!;
		expect(theirs.sharedParts).toEqual(['wishes', 'moment']);
	});

	it('denied: nobody else shares or takes back a preparation; an unknown part is refused', async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await prepared(ctx);
		const other = await buildLearningConversation(ctx, { participants: 1 });
		const stranger = { ...other.participants[0]!, conversationId };
		await expect(sharePreparation({ ctx, actor: stranger, conversationId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(takeBackPreparation({ ctx, actor: stranger, conversationId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(sharePreparation({ ctx, actor: client, conversationId, parts: ['everything' as 'wishes'] })).rejects.toMatchObject({
			code: 'preparation.invalid_part'
		});
		// The professional's share is their own preparation's, never the client's.
		await sharePreparation({ ctx, actor: lc.professional, conversationId });
		const theirs = (await listSharedPreparations({ ctx, actor: lc.professional, conversationId })).find(
			(p) => p.partyId === client.partyId
		)!;
		expect(theirs.preparation).toBeNull();
	});

	it("the owner's prepared moment comes back on their side of its card's topic, used as a start without typing, never overwriting", async () => {
		const { ctx } = t;
		const { lc, client, conversationId } = await prepared(ctx);
		const pro = lc.professional;
		await startLearningConversation({ ctx, actor: pro, conversationId });
		await startTopics({ ctx, actor: pro, conversationId });
		const about = await chooseTopic({ ctx, actor: client, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' });
		const other = await chooseTopic({ ctx, actor: pro, conversationId, ownText: 'Iets anders' });
		await startSheets({ ctx, actor: pro, conversationId });
		// Not shared: only its owner is offered it.
		const own = await getLearningConversationForParticipant({ ctx, actor: client, conversationId });
		expect(own.ownPreparedMoment).toMatchObject({ a: MOMENT_A, topicIds: [about.topicId] });
		const staffView = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: pro, conversationId });
		expect(staffView.ownPreparedMoment).toBeNull();
		expect(JSON.stringify(staffView)).not.toContain(MOMENT_A);
		// Not on another topic, not for someone else.
		await expect(usePreparedMoment({ ctx, actor: client, conversationId, topicId: other.topicId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(usePreparedMoment({ ctx, actor: pro, conversationId, topicId: about.topicId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await saveSheet({ ctx, actor: client, conversationId, topicId: about.topicId, b: 'Al getypt' });
		await usePreparedMoment({ ctx, actor: client, conversationId, topicId: about.topicId });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: pro, conversationId });
		const side = view.topics.find((topic) => topic.id === about.topicId)!.sheets.find((s) => s.partyId === client.partyId);
		expect(side).toMatchObject({ a: MOMENT_A, b: 'Al getypt', c: null });
	});
});
