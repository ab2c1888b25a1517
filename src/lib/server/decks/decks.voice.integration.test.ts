import { expect, it } from 'vitest';
import {
	chooseTopic,
	getLearningConversationForParticipant,
	getLearningConversationForStaff,
	startLearningConversation,
	startTopics
} from '../learning/learning.usecases.ts';
import { listSharedPreparations, savePreparation, sharePreparation } from '../preparation/preparation.usecases.ts';
import { getPreparation } from '../preparation/preparation.view.usecases.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';

const CLIENT_WORDS = 'Blijf jij mijn vaste begeleider?';
const PROFESSIONAL_WORDS = 'Blijf ik de vaste begeleider van mijn cliënt?';

/** Issue 15, part 3: each party reads the cards in their own voice, wherever a card is shown to them. */
describeOnBothDatabases('cards in the reader’s voice', (dialect) => {
	const t = useTestContext(dialect);

	it('in the preparation the client reads the client wording and the professional their own, of the same card', async () => {
		const lc = await buildLearningConversation(t.ctx);
		const client = lc.participants[0]!;
		const frontOf = async (actor: typeof client | typeof lc.professional) => {
			const page = await getPreparation({ ctx: t.ctx, actor, conversationId: lc.conversationId, locale: 'nl' });
			return page.decks.find((deck) => deck.key === 'values')!.cards.find((card) => card.key === 'continuiteit')!.front;
		};
		expect(await frontOf(client)).toBe(CLIENT_WORDS);
		expect(await frontOf(lc.professional)).toBe(PROFESSIONAL_WORDS);
	});

	it('a shared preparation shows its cards in the reader’s voice, not the writer’s', async () => {
		const lc = await buildLearningConversation(t.ctx);
		const client = lc.participants[0]!;
		const input = { cards: [{ deckId: lc.decks.values, cardKey: 'continuiteit' }], safety: [] };
		await savePreparation({ ctx: t.ctx, actor: client, conversationId: lc.conversationId, input });
		await sharePreparation({ ctx: t.ctx, actor: client, conversationId: lc.conversationId });
		const cardSeenBy = async (actor: typeof client | typeof lc.professional) => {
			const seen = await listSharedPreparations({ ctx: t.ctx, actor, conversationId: lc.conversationId, locale: 'nl' });
			return seen.find((p) => p.partyId === client.partyId)!.preparation!.cards[0]!.front;
		};
		expect(await cardSeenBy(client)).toBe(CLIENT_WORDS);
		expect(await cardSeenBy(lc.professional)).toBe(PROFESSIONAL_WORDS);
	});

	it('in the conversation the cards to choose from and a chosen topic speak in each screen’s own voice', async () => {
		const lc = await buildLearningConversation(t.ctx);
		const { conversationId, professional } = lc;
		await startLearningConversation({ ctx: t.ctx, actor: professional, conversationId });
		await startTopics({ ctx: t.ctx, actor: professional, conversationId });
		await chooseTopic({ ctx: t.ctx, actor: professional, conversationId, deckId: lc.decks.values, cardKey: 'continuiteit' });
		const staffView = await getLearningConversationForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId });
		const clientView = await getLearningConversationForParticipant({ ctx: t.ctx, actor: lc.participants[0]!, conversationId });
		const offered = (view: typeof staffView) =>
			view.decks.find((deck) => deck.key === 'values')!.cards.find((card) => card.key === 'continuiteit')!.front;
		expect([offered(clientView), offered(staffView)]).toEqual([CLIENT_WORDS, PROFESSIONAL_WORDS]);
		expect(clientView.topics[0]!.card!.front).toBe(CLIENT_WORDS);
		expect(staffView.topics[0]!.card!.front).toBe(PROFESSIONAL_WORDS);
		// The title names the card for both.
		expect(staffView.topics[0]!.card!.title).toBe(clientView.topics[0]!.card!.title);
	});

	it('an organisation that calls its clients parents: the professional’s cards say "de ouder" in the preparation, the conversation and a shared preparation; the client’s stay theirs', async () => {
		const admin = await buildOrganisation(t.ctx, { clientTerm: 'parent' });
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const lc = await buildLearningConversation(t.ctx, { professional });
		const { conversationId } = lc;
		const client = lc.participants[0]!;
		const OWN_WORD = 'Blijf ik de vaste begeleider van de ouder?';
		const continuity = (page: { decks: { key: string; cards: { key: string; front: string }[] }[] }) =>
			page.decks.find((deck) => deck.key === 'values')!.cards.find((card) => card.key === 'continuiteit')!.front;

		expect(continuity(await getPreparation({ ctx: t.ctx, actor: professional, conversationId, locale: 'nl' }))).toBe(OWN_WORD);
		expect(continuity(await getPreparation({ ctx: t.ctx, actor: client, conversationId, locale: 'nl' }))).toBe(CLIENT_WORDS);

		const input = { cards: [{ deckId: lc.decks.values, cardKey: 'continuiteit' }], safety: [] };
		await savePreparation({ ctx: t.ctx, actor: client, conversationId, input });
		await sharePreparation({ ctx: t.ctx, actor: client, conversationId });
		const shared = await listSharedPreparations({ ctx: t.ctx, actor: professional, conversationId, locale: 'nl' });
		expect(shared.find((p) => p.partyId === client.partyId)!.preparation!.cards[0]!.front).toBe(OWN_WORD);

		await startLearningConversation({ ctx: t.ctx, actor: professional, conversationId });
		await startTopics({ ctx: t.ctx, actor: professional, conversationId });
		await chooseTopic({ ctx: t.ctx, actor: professional, conversationId, deckId: lc.decks.values, cardKey: 'continuiteit' });
		const staffView = await getLearningConversationForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId });
		expect(continuity(staffView)).toBe(OWN_WORD);
		expect(staffView.topics[0]!.card!.front).toBe(OWN_WORD);
		const clientView = await getLearningConversationForParticipant({ ctx: t.ctx, actor: client, conversationId });
		expect(clientView.topics[0]!.card!.front).toBe(CLIENT_WORDS);
	});
});
