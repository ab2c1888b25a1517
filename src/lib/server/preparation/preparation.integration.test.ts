import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { editDeckCard, getConversationDecks } from '../decks/decks.usecases.ts';
import { anonymousActor, buildStaff, buildTeam } from '../testing/builders.ts';
import { buildLearningConversation, type BuiltLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import type { PreparationInput } from './preparation.models.ts';
import { listSharedPreparations, savePreparation, sharePreparation } from './preparation.usecases.ts';
import { getPreparation } from './preparation.view.usecases.ts';

const SECRET = 'Ik vond het vervelend dat mijn verhaal werd onderbroken';

describeOnBothDatabases('preparation: preparing privately', (dialect) => {
	const t = useTestContext(dialect);

	async function decksOf(world: BuiltLearningConversation) {
		const decks = await getConversationDecks(t.ctx, { organisationId: world.admin.organisationId, conversationId: world.conversationId });
		const byKey = (key: string) => decks.find((deck) => deck.key === key)!;
		return { topic: byKey('samenleerwijzer'), themes: byKey('themes'), values: byKey('values'), wishes: byKey('wishes') };
	}

	async function fullInput(world: BuiltLearningConversation, words = SECRET): Promise<PreparationInput> {
		const decks = await decksOf(world);
		return {
			wishes: `Wat ik wil bespreken: ${words}`,
			cards: [
				{ deckId: decks.topic.id, cardKey: 'onze-verbinding' },
				{ deckId: decks.values.id, cardKey: 'gehoord-worden' }
			],
			momentA: `A: ${words}`,
			momentB: 'B: ik voelde me niet gehoord',
			momentC: 'C: ik wil dat we elkaar laten uitpraten',
			safety: ['mayPause', 'letFinish'],
			safetyOwn: 'Ik wil de tijd krijgen.'
		};
	}

	function save(world: BuiltLearningConversation, actor: Actor, input: PreparationInput) {
		return savePreparation({ ctx: t.ctx, actor, conversationId: world.conversationId, input });
	}

	it('a participant saves wishes, cards, a moment with A/B/C and what they need to feel safe, and reads it back', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		const decks = await decksOf(world);
		await save(world, me, await fullInput(world));
		const page = await getPreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		expect(page).toMatchObject({ editable: true, shareable: true, scheduledOn: world.scheduledOn, partyId: me.partyId });
		expect(page.own).toMatchObject({
			wishes: `Wat ik wil bespreken: ${SECRET}`,
			cards: [`${decks.topic.id}:onze-verbinding`, `${decks.values.id}:gehoord-worden`],
			momentA: `A: ${SECRET}`,
			safety: ['letFinish', 'mayPause'],
			safetyOwn: 'Ik wil de tijd krijgen.',
			sharedAt: null
		});
		expect(page.decks.map((deck) => deck.key)).toEqual(['samenleerwijzer', 'themes', 'values']);
	});

	it('saving again replaces the earlier words and cards', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		await save(world, me, await fullInput(world));
		await save(world, me, { wishes: '  ', cards: [], safety: [] });
		const { own } = await getPreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		expect(own).toMatchObject({ wishes: null, cards: [], momentA: null, safety: [], safetyOwn: null });
	});

	it('a card that is not in this conversation’s topic or value decks is refused, and nothing changes', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		const decks = await decksOf(world);
		await save(world, me, await fullInput(world));
		const edited = await editDeckCard({
			ctx: t.ctx,
			actor: world.admin,
			deckKey: 'values',
			cardKey: 'maatwerk',
			texts: {
				title: { nl: 'Op maat', en: 'Made to measure' },
				front: { nl: 'Past het?', en: 'Does it fit?' },
				back: [],
				professional: { front: { nl: 'Past het?', en: 'Does it fit?' }, back: [] }
			}
		});
		const refused = [
			{ deckId: decks.wishes.id, cardKey: 'zonder-oordeel' },
			{ deckId: decks.values.id, cardKey: 'onze-verbinding' },
			{ deckId: edited.deckId, cardKey: 'maatwerk' },
			{ deckId: 'made-up', cardKey: 'maatwerk' }
		];
		for (const card of refused) {
			await expect(save(world, me, { wishes: 'anders', cards: [card], safety: [] })).rejects.toMatchObject({
				code: 'deck.unknown_card',
				status: 400
			});
		}
		const { own } = await getPreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		expect(own.wishes).toBe(`Wat ik wil bespreken: ${SECRET}`);
		expect(own.cards).toHaveLength(2);
	});

	it('an A/B/C text over 2000 characters or a safety suggestion that does not exist is refused, and nothing changes', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		await expect(save(world, me, { cards: [], safety: [], momentB: 'x'.repeat(2001) })).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		await expect(save(world, me, { cards: [], safety: ['<script>'] })).rejects.toMatchObject({ code: 'preparation.invalid_safety' });
		const rows = await t.ctx.db.selectFrom('preparations').select('partyId').where('conversationId', '=', world.conversationId).execute();
		expect(rows).toEqual([]);
	});

	it('an unshared preparation is seen by nobody else: not the other participant, the professional or a co-professional', async () => {
		const world = await buildLearningConversation(t.ctx);
		const [me, other] = world.participants as [Actor, Actor];
		await save(world, me, await fullInput(world));
		const co = await buildStaff(t.ctx, world.admin, { roles: ['professional'] });
		await t.ctx.db
			.insertInto('collaborationProfessionals')
			.values({
				organisationId: world.admin.organisationId,
				collaborationId: world.collaborationId,
				userId: co.userId,
				role: 'co',
				addedAt: t.ctx.clock.now().toISOString()
			})
			.execute();
		for (const viewer of [other, world.professional, co]) {
			const seen = await listSharedPreparations({ ctx: t.ctx, actor: viewer, conversationId: world.conversationId });
			const mine = seen.find((p) => p.partyId === world.participants[0]!.partyId);
			expect(mine).toMatchObject({ shared: false, preparation: null, isViewer: false });
			expect(JSON.stringify(seen)).not.toContain(SECRET);
			expect(JSON.stringify(seen)).not.toContain('gehoord-worden');
		}
	});

	it('team leads, admins, other professionals and anonymous cannot reach any preparation at all', async () => {
		const world = await buildLearningConversation(t.ctx);
		await save(world, world.participants[0]!, await fullInput(world));
		await sharePreparation({ ctx: t.ctx, actor: world.participants[0]!, conversationId: world.conversationId });
		const lead = await buildStaff(t.ctx, world.admin, { roles: ['teamLead'] });
		await buildTeam(t.ctx, world.admin, { members: [{ userId: lead.userId, role: 'lead' }, { userId: world.professional.userId }] });
		const colleague = await buildStaff(t.ctx, world.admin, { roles: ['professional'] });
		const elsewhere = await buildLearningConversation(t.ctx);
		for (const actor of [lead, world.admin, colleague, anonymousActor, elsewhere.participants[0]!, elsewhere.professional]) {
			const input = { ctx: t.ctx, actor, conversationId: world.conversationId };
			await expect(listSharedPreparations(input)).rejects.toMatchObject({ code: 'not_found' });
			await expect(getPreparation(input)).rejects.toMatchObject({ code: 'not_found' });
			await expect(sharePreparation(input)).rejects.toMatchObject({ code: 'not_found' });
			await expect(savePreparation({ ...input, input: { cards: [], safety: [] } })).rejects.toMatchObject({ code: 'not_found' });
		}
	});

	it('once shared by its owner, the others see it with the cards in the words of the conversation’s deck version', async () => {
		const world = await buildLearningConversation(t.ctx);
		const [me, other] = world.participants as [Actor, Actor];
		await save(world, me, await fullInput(world));
		await editDeckCard({
			ctx: t.ctx,
			actor: world.admin,
			deckKey: 'samenleerwijzer',
			cardKey: 'onze-verbinding',
			texts: {
				title: { nl: 'Ons contact', en: 'Our contact' },
				front: { nl: 'Hoe is het?', en: 'How is it?' },
				back: [],
				professional: { front: { nl: 'Hoe is het?', en: 'How is it?' }, back: [] }
			}
		});
		await sharePreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		for (const viewer of [other, world.professional]) {
			const seen = await listSharedPreparations({ ctx: t.ctx, actor: viewer, conversationId: world.conversationId, locale: 'nl' });
			const mine = seen.find((p) => p.partyId === world.participants[0]!.partyId)!;
			expect(mine).toMatchObject({ shared: true, displayName: 'Participant 1', kind: 'participant' });
			expect(mine.preparation).toMatchObject({
				wishes: `Wat ik wil bespreken: ${SECRET}`,
				moment: { a: `A: ${SECRET}`, b: 'B: ik voelde me niet gehoord', c: 'C: ik wil dat we elkaar laten uitpraten' },
				safety: ['letFinish', 'mayPause'],
				safetyOwn: 'Ik wil de tijd krijgen.'
			});
			expect(mine.preparation!.cards.map((card) => [card.deckKey, card.cardKey, card.title, card.pictogram])).toEqual([
				['samenleerwijzer', 'onze-verbinding', 'Onze verbinding', 'handshake'],
				['values', 'gehoord-worden', 'Gehoord worden', 'ear']
			]);
		}
	});

	it("the professional's own preparation is private from the participants too, until shared", async () => {
		const world = await buildLearningConversation(t.ctx);
		await save(world, world.professional, await fullInput(world, 'Ik merk dat ik vaak te snel een oplossing geef'));
		const before = await listSharedPreparations({ ctx: t.ctx, actor: world.participants[0]!, conversationId: world.conversationId });
		expect(JSON.stringify(before)).not.toContain('te snel een oplossing');
		const own = await listSharedPreparations({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		expect(own.find((p) => p.isViewer)).toMatchObject({
			kind: 'professional',
			shared: false,
			preparation: { safety: ['letFinish', 'mayPause'] }
		});
		await sharePreparation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		const after = await listSharedPreparations({ ctx: t.ctx, actor: world.participants[0]!, conversationId: world.conversationId });
		expect(after.find((p) => p.kind === 'professional')?.preparation?.wishes).toContain('te snel een oplossing');
	});

	it('sharing is one-way and idempotent; sharing without preparing shares an empty preparation', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		await sharePreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		await sharePreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		const seen = await listSharedPreparations({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		expect(seen.find((p) => p.partyId === me.partyId)).toMatchObject({
			shared: true,
			preparation: { wishes: null, cards: [], moment: null }
		});
		const events = await t.ctx.db
			.selectFrom('auditEvents')
			.select('action')
			.where('action', '=', 'preparation.shared')
			.where('actorId', '=', me.partyId)
			.execute();
		expect(events).toHaveLength(1);
	});

	it('once the conversation has started, the preparation can no longer be changed', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		await save(world, me, await fullInput(world));
		// As the learning conversation's start does (h-learning's engine), minus its preconditions.
		await t.ctx.db.updateTable('conversations').set({ phase: 'safety' }).where('id', '=', world.conversationId).execute();
		await expect(save(world, me, { wishes: 'anders', cards: [], safety: [] })).rejects.toMatchObject({ code: 'preparation.closed' });
		expect((await getPreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId })).editable).toBe(false);
		await expect(sharePreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId })).resolves.toBeUndefined();
	});

	it('the audit log records saving, sharing and reading with counts, never the words', async () => {
		const world = await buildLearningConversation(t.ctx);
		const me = world.participants[0]!;
		await save(world, me, await fullInput(world));
		await sharePreparation({ ctx: t.ctx, actor: me, conversationId: world.conversationId });
		await listSharedPreparations({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		const events = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details'])
			.where('organisationId', '=', world.admin.organisationId)
			.execute();
		expect(events.map((e) => e.action)).toEqual(
			expect.arrayContaining(['preparation.saved', 'preparation.shared', 'preparation.shared_viewed'])
		);
		expect(JSON.stringify(events)).not.toContain(SECRET);
		expect(JSON.stringify(events)).not.toContain('tijd krijgen');
	});
});
