import { expect, it } from 'vitest';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { startLearningConversation } from '../learning/learning.usecases.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { savePreparation, sharePreparation, takeBackPreparation } from './preparation.usecases.ts';
import { cancelLearningConversation } from './schedule.usecases.ts';

/**
 * A preparation is saved or taken back only before the conversation starts, and shared only until
 * it ends (decision 007): the phase is read again inside the write's transaction, so a start or a
 * cancellation the professional saved after the page was read refuses the write. Before, the
 * phase was read before that transaction, and the write followed the start or the cancellation.
 */
describeOnBothDatabases('a preparation overtaken by the start or the cancellation of its conversation', (dialect) => {
	const t = useTestContext(dialect);

	async function setUp() {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		const client = lc.participants[0]!;
		const { conversationId } = lc;
		const input = (wishes: string) => ({
			wishes,
			cards: [{ deckId: lc.decks.samenleerwijzer, cardKey: 'onze-aanpak' }],
			momentA: null,
			momentB: null,
			momentC: null,
			momentCard: null,
			safety: [],
			safetyOwn: null
		});
		await savePreparation({ ctx: t.ctx, actor: client, conversationId, input: input('voor de start') });
		const start = () => startLearningConversation({ ctx: t.ctx, actor: lc.professional, conversationId });
		const cancel = () => cancelLearningConversation({ ctx: t.ctx, actor: lc.professional, conversationId });
		const stored = async () =>
			t.ctx.db.selectFrom('preparations').select(['wishes', 'sharedParts']).where('partyId', '=', client.partyId).executeTakeFirstOrThrow();
		return { lc, client, conversationId, input, start, cancel, stored };
	}

	it('regression (race): a preparation saved after the professional started the conversation is refused, and what was prepared stays as it was', async () => {
		const { client, conversationId, input, start, stored } = await setUp();
		const ctx = withChangeBeforeTheWrite(t.ctx, start);
		await expect(savePreparation({ ctx, actor: client, conversationId, input: input('na de start') })).rejects.toMatchObject({
			code: 'preparation.closed'
		});
		expect((await stored()).wishes).toBe('voor de start');
	});

	it('regression (race): a preparation saved after the professional cancelled the conversation is refused', async () => {
		const { client, conversationId, input, cancel, stored } = await setUp();
		const ctx = withChangeBeforeTheWrite(t.ctx, cancel);
		await expect(savePreparation({ ctx, actor: client, conversationId, input: input('na de afzegging') })).rejects.toMatchObject({
			code: 'preparation.closed'
		});
		expect((await stored()).wishes).toBe('voor de start');
	});

	it('regression (race): a shared part taken back after the conversation started stays shared', async () => {
		const { client, conversationId, start, stored } = await setUp();
		await sharePreparation({ ctx: t.ctx, actor: client, conversationId, parts: ['wishes'] });
		const before = (await stored()).sharedParts;
		const ctx = withChangeBeforeTheWrite(t.ctx, start);
		await expect(takeBackPreparation({ ctx, actor: client, conversationId, parts: ['wishes'] })).rejects.toMatchObject({
			code: 'preparation.closed'
		});
		expect((await stored()).sharedParts).toEqual(before);
	});

	it('regression (race): a preparation shared after the conversation was cancelled is refused and stays private', async () => {
		const { client, conversationId, cancel, stored } = await setUp();
		const before = (await stored()).sharedParts;
		const ctx = withChangeBeforeTheWrite(t.ctx, cancel);
		await expect(sharePreparation({ ctx, actor: client, conversationId })).rejects.toMatchObject({ code: 'conversation.ended' });
		expect((await stored()).sharedParts).toEqual(before);
	});

	it('with nothing in between, saving and sharing work as before', async () => {
		const { client, conversationId, input, stored } = await setUp();
		await savePreparation({
			ctx: withChangeBeforeTheWrite(t.ctx, async () => {}),
			actor: client,
			conversationId,
			input: input('nog eens')
		});
		await sharePreparation({ ctx: withChangeBeforeTheWrite(t.ctx, async () => {}), actor: client, conversationId, parts: ['wishes'] });
		expect(await stored()).toMatchObject({ wishes: 'nog eens' });
		expect(JSON.stringify((await stored()).sharedParts)).toContain('wishes');
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a preparation saved while a cancellation is being saved waits for it, and is refused once it is saved',
		async () => {
			const { lc, client, conversationId, input, stored } = await setUp();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (cancelling) => {
					const repo = createConversationsRepository(cancelling);
					await repo.lockForChange(lc.professional.organisationId, conversationId);
					await repo.updateConversation(lc.professional.organisationId, conversationId, { phase: 'abandoned' });
				},
				() => savePreparation({ ctx: t.ctx, actor: client, conversationId, input: input('tijdens de afzegging') }),
				'the save to wait for the cancellation'
			);
			expect(outcome).toMatchObject({ code: 'preparation.closed' });
			expect((await stored()).wishes).toBe('voor de start');
		}
	);
});
