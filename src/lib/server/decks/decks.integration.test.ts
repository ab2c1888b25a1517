import { expect, it } from 'vitest';
import { buildOrganisation, buildStaff, anonymousActor, type BuiltStaff } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { findCard, renderCard, type CardTexts } from './decks.models.ts';
import {
	BUILT_IN_DECKS,
	editDeckCard,
	ensureBuiltInDecks,
	fixConversationDecks,
	getConversationDecks,
	getDeckCardForAdmin,
	listDecksForAdmin,
	listEnabledCurrentDecks,
	requireCardInDecks,
	setDeckEnabled
} from './decks.usecases.ts';

const NEW_WORDS: CardTexts = {
	title: { nl: 'Gezien', en: 'Seen' },
	front: { nl: 'Zie je wie ik ben?', en: 'Do you see who I am?' },
	back: [{ nl: 'We maken een praatje.', en: 'We have a chat.' }],
	professional: {
		front: { nl: 'Zie ik wie mijn cliënt is?', en: 'Do I see who my client is?' },
		back: [{ nl: 'Ik maak een praatje.', en: 'I have a chat.' }]
	}
};

describeOnBothDatabases('decks', (dialect) => {
	const t = useTestContext(dialect);

	async function edit(admin: BuiltStaff, texts: CardTexts = NEW_WORDS, cardKey = 'gezien-worden') {
		return editDeckCard({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey, texts });
	}

	it('the built-in deck versions are stored at start, once', async () => {
		const rows = await t.ctx.db
			.selectFrom('decks')
			.select(['key', 'version', 'organisationId'])
			.where('organisationId', 'is', null)
			.orderBy('key')
			.orderBy('version')
			.execute();
		expect(rows.map((row) => `${row.key}@${row.version}`)).toEqual([
			'samenleerwijzer@1',
			'samenleerwijzer@2',
			'themes@1',
			'themes@2',
			'values@1',
			'values@2',
			'wishes@1'
		]);
		expect(await ensureBuiltInDecks(t.ctx)).toEqual({ inserted: [] });
	});

	it('an admin sees every deck switched on, in the newest built-in version', async () => {
		const admin = await buildOrganisation(t.ctx);
		const decks = await listDecksForAdmin({ ctx: t.ctx, actor: admin });
		expect(decks.map((deck) => [deck.key, deck.version, deck.edited, deck.enabled])).toEqual([
			['samenleerwijzer', 2, false, true],
			['themes', 2, false, true],
			['values', 2, false, true],
			['wishes', 1, false, true]
		]);
	});

	it('the editor gets both wordings of a card: the client’s and the professional’s own', async () => {
		const admin = await buildOrganisation(t.ctx);
		const card = await getDeckCardForAdmin({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'continuiteit' });
		expect(card.texts.front.nl).toBe('Blijf jij mijn vaste begeleider?');
		expect(card.texts.professional.front.nl).toBe('Blijf ik de vaste begeleider van mijn cliënt?');
		const wish = await getDeckCardForAdmin({ ctx: t.ctx, actor: admin, deckKey: 'wishes', cardKey: 'zonder-oordeel' });
		expect(wish.texts.professional.front).toEqual(wish.texts.front);
	});

	it('an edit stores both wordings; each reader of the conversation planned afterwards reads their own', async () => {
		const admin = await buildOrganisation(t.ctx);
		await edit(admin);
		const [values] = (await listEnabledCurrentDecks(t.ctx.db, admin.organisationId)).filter((deck) => deck.key === 'values');
		const card = findCard(values!.content, 'gezien-worden')!;
		expect(renderCard(card, 'nl', 'client').front).toBe('Zie je wie ik ben?');
		expect(renderCard(card, 'en', 'professional')).toMatchObject({ front: 'Do I see who my client is?', back: ['I have a chat.'] });
	});

	it('a deck an organisation edited before cards had two wordings keeps its words: the professional reads the client wording until an admin edits the card', async () => {
		const admin = await buildOrganisation(t.ctx);
		const v1 = BUILT_IN_DECKS.find((deck) => deck.key === 'values' && deck.version === 1)!;
		const oldEdit = v1.content.cards.map((card) =>
			card.key === 'continuiteit' ? { ...card, front: { nl: 'Blijf je bij mij?', en: 'Will you stay with me?' } } : card
		);
		const v1Row = await t.ctx.db
			.selectFrom('decks')
			.select('id')
			.where('key', '=', 'values')
			.where('version', '=', 1)
			.executeTakeFirstOrThrow();
		await t.ctx.db
			.insertInto('decks')
			.values({
				id: `old-edit-${admin.organisationId}`,
				organisationId: admin.organisationId,
				key: 'values',
				version: 2,
				kind: 'value',
				contentJson: JSON.stringify({ ...v1.content, cards: oldEdit }),
				derivedFrom: v1Row.id,
				publishedAt: '2026-01-01T00:00:00.000Z',
				publishedBy: admin.userId
			})
			.execute();
		const [values] = (await listEnabledCurrentDecks(t.ctx.db, admin.organisationId)).filter((deck) => deck.key === 'values');
		expect(values).toMatchObject({ id: `old-edit-${admin.organisationId}`, version: 2 });
		const card = findCard(values!.content, 'continuiteit')!;
		expect(renderCard(card, 'nl', 'client').front).toBe('Blijf je bij mij?');
		expect(renderCard(card, 'nl', 'professional').front).toBe('Blijf je bij mij?');
		const form = await getDeckCardForAdmin({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'continuiteit' });
		expect(form.texts.professional.front.nl).toBe('Blijf je bij mij?');
		// Saving the form as shown changes nothing; giving the professional their own words publishes version 3.
		expect(await editDeckCard({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'continuiteit', texts: form.texts })).toMatchObject({
			changed: false
		});
		const own = {
			...form.texts,
			professional: { ...form.texts.professional, front: { nl: 'Blijf ik bij mijn cliënt?', en: 'Do I stay?' } }
		};
		expect(await editDeckCard({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'continuiteit', texts: own })).toMatchObject({
			version: 3,
			changed: true
		});
		const [after] = (await listEnabledCurrentDecks(t.ctx.db, admin.organisationId)).filter((deck) => deck.key === 'values');
		const edited = findCard(after!.content, 'continuiteit')!;
		expect([renderCard(edited, 'nl', 'client').front, renderCard(edited, 'nl', 'professional').front]).toEqual([
			'Blijf je bij mij?',
			'Blijf ik bij mijn cliënt?'
		]);
	});

	it('an edit publishes version n + 1 for the organisation; the published version never changes', async () => {
		const admin = await buildOrganisation(t.ctx);
		const before = await t.ctx.db
			.selectFrom('decks')
			.selectAll()
			.where('key', '=', 'values')
			.where('version', '=', 2)
			.where('organisationId', 'is', null)
			.executeTakeFirstOrThrow();
		expect(await edit(admin)).toMatchObject({ version: 3, changed: true });
		const second = await edit(admin, { ...NEW_WORDS, title: { nl: 'Zien', en: 'Seeing' } }, 'maatwerk');
		expect(second).toMatchObject({ version: 4, changed: true });
		const after = await t.ctx.db.selectFrom('decks').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		const own = await t.ctx.db
			.selectFrom('decks')
			.selectAll()
			.where('organisationId', '=', admin.organisationId)
			.orderBy('version')
			.execute();
		expect(own.map((deck) => [deck.version, deck.publishedBy])).toEqual([
			[3, admin.userId],
			[4, admin.userId]
		]);
		expect(own[0]!.derivedFrom).toBe(before.id);
		expect(own[1]!.derivedFrom).toBe(own[0]!.id);
		const card = await getDeckCardForAdmin({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'gezien-worden' });
		expect(card).toMatchObject({ version: 4, card: { key: 'gezien-worden', pictogram: 'eye', ...NEW_WORDS } });
	});

	it('the same words again publish nothing', async () => {
		const admin = await buildOrganisation(t.ctx);
		await edit(admin);
		expect(await edit(admin)).toMatchObject({ version: 3, changed: false });
	});

	it("an organisation's edit is its own: another organisation keeps the built-in words", async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildOrganisation(t.ctx);
		await edit(admin);
		const [theirs] = (await listEnabledCurrentDecks(t.ctx.db, other.organisationId)).filter((deck) => deck.key === 'values');
		expect(theirs).toMatchObject({ version: 2, organisationId: null });
		expect(findCard(theirs!.content, 'gezien-worden')?.title.nl).toBe('Gezien worden');
	});

	it('a conversation keeps the card words it was planned with, after an edit', async () => {
		const world = await buildQuickCheck(t.ctx);
		const admin = world.admin;
		const scope = { organisationId: admin.organisationId, conversationId: world.conversationId };
		await fixConversationDecks(t.ctx.db, scope);
		await edit(admin);
		const decks = await getConversationDecks(t.ctx, scope);
		const values = decks.find((deck) => deck.key === 'values')!;
		expect(values.version).toBe(2);
		expect(findCard(values.content, 'gezien-worden')?.title.nl).toBe('Gezien worden');
		const [current] = (await listEnabledCurrentDecks(t.ctx.db, admin.organisationId)).filter((deck) => deck.key === 'values');
		expect(findCard(current!.content, 'gezien-worden')?.title.nl).toBe('Gezien');
	});

	it('a deck switched off is not offered to conversations planned from then on; switched on again it is', async () => {
		const world = await buildQuickCheck(t.ctx);
		const admin = world.admin;
		await setDeckEnabled({ ctx: t.ctx, actor: admin, deckKey: 'themes', enabled: false });
		const fixed = await fixConversationDecks(t.ctx.db, { organisationId: admin.organisationId, conversationId: world.conversationId });
		expect(fixed.map((deck) => deck.key)).toEqual(['samenleerwijzer', 'values', 'wishes']);
		expect((await listDecksForAdmin({ ctx: t.ctx, actor: admin })).find((deck) => deck.key === 'themes')?.enabled).toBe(false);
		await setDeckEnabled({ ctx: t.ctx, actor: admin, deckKey: 'themes', enabled: true });
		expect((await listEnabledCurrentDecks(t.ctx.db, admin.organisationId)).map((deck) => deck.key)).toContain('themes');
	});

	it('a card outside the conversation’s decks, or of the wrong kind, is refused', async () => {
		const world = await buildQuickCheck(t.ctx);
		const decks = await fixConversationDecks(t.ctx.db, {
			organisationId: world.admin.organisationId,
			conversationId: world.conversationId
		});
		const values = decks.find((deck) => deck.key === 'values')!;
		expect(requireCardInDecks(decks, values.id, 'maatwerk').card.key).toBe('maatwerk');
		expect(() => requireCardInDecks(decks, values.id, 'onze-verbinding')).toThrow(expect.objectContaining({ code: 'deck.unknown_card' }));
		expect(() => requireCardInDecks(decks, 'another-deck', 'maatwerk')).toThrow(expect.objectContaining({ code: 'deck.unknown_card' }));
		expect(() => requireCardInDecks(decks, values.id, 'maatwerk', ['topic'])).toThrow(
			expect.objectContaining({ code: 'deck.unknown_card' })
		);
	});

	it('empty or over-long words are refused and nothing is published', async () => {
		const admin = await buildOrganisation(t.ctx);
		await expect(edit(admin, { ...NEW_WORDS, title: { nl: '', en: 'Seen' } })).rejects.toMatchObject({ code: 'deck.invalid_text' });
		await expect(edit(admin, { ...NEW_WORDS, front: { nl: 'x'.repeat(301), en: 'y' } })).rejects.toMatchObject({
			code: 'deck.invalid_text'
		});
		await expect(edit(admin, { ...NEW_WORDS, professional: { front: { nl: ' ', en: 'y' }, back: [] } })).rejects.toMatchObject({
			code: 'deck.invalid_text'
		});
		await expect(
			editDeckCard({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'no-such-card', texts: NEW_WORDS })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await t.ctx.db.selectFrom('decks').select('id').where('organisationId', '=', admin.organisationId).execute()).toEqual([]);
	});

	it('only an admin manages decks: a professional, a team lead, a participant and anonymous get not found', async () => {
		const world = await buildQuickCheck(t.ctx);
		const lead = await buildStaff(t.ctx, world.admin, { roles: ['teamLead'] });
		for (const actor of [world.professional, lead, world.participants[0]!, anonymousActor]) {
			await expect(listDecksForAdmin({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
			await expect(setDeckEnabled({ ctx: t.ctx, actor, deckKey: 'values', enabled: false })).rejects.toMatchObject({ code: 'not_found' });
			await expect(editDeckCard({ ctx: t.ctx, actor, deckKey: 'values', cardKey: 'maatwerk', texts: NEW_WORDS })).rejects.toMatchObject({
				code: 'not_found'
			});
		}
		expect((await listDecksForAdmin({ ctx: t.ctx, actor: world.admin })).every((deck) => deck.enabled && !deck.edited)).toBe(true);
	});

	it('the stored built-in content is the code’s content', async () => {
		for (const builtIn of BUILT_IN_DECKS) {
			const row = await t.ctx.db
				.selectFrom('decks')
				.select('contentJson')
				.where('key', '=', builtIn.key)
				.where('version', '=', builtIn.version)
				.where('organisationId', 'is', null)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(row.contentJson)).toEqual(builtIn.content);
		}
	});
});
