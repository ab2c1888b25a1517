import { expect, it } from 'vitest';
import { buildOrganisation, buildStaff, anonymousActor, type BuiltStaff } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { findCard, type CardTexts } from './decks.models.ts';
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
	back: [{ nl: 'We maken een praatje.', en: 'We have a chat.' }]
};

describeOnBothDatabases('decks', (dialect) => {
	const t = useTestContext(dialect);

	async function edit(admin: BuiltStaff, texts: CardTexts = NEW_WORDS, cardKey = 'gezien-worden') {
		return editDeckCard({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey, texts });
	}

	it('the four built-in decks are stored at start, once', async () => {
		const rows = await t.ctx.db
			.selectFrom('decks')
			.select(['key', 'version', 'organisationId'])
			.where('organisationId', 'is', null)
			.orderBy('key')
			.execute();
		expect(rows).toEqual(['samenleerwijzer', 'themes', 'values', 'wishes'].map((key) => ({ key, version: 1, organisationId: null })));
		expect(await ensureBuiltInDecks(t.ctx)).toEqual({ inserted: [] });
	});

	it('an admin sees every deck switched on, in the built-in version', async () => {
		const admin = await buildOrganisation(t.ctx);
		const decks = await listDecksForAdmin({ ctx: t.ctx, actor: admin });
		expect(decks.map((deck) => [deck.key, deck.version, deck.edited, deck.enabled])).toEqual([
			['samenleerwijzer', 1, false, true],
			['themes', 1, false, true],
			['values', 1, false, true],
			['wishes', 1, false, true]
		]);
	});

	it('an edit publishes version n + 1 for the organisation; the published version never changes', async () => {
		const admin = await buildOrganisation(t.ctx);
		const before = await t.ctx.db
			.selectFrom('decks')
			.selectAll()
			.where('key', '=', 'values')
			.where('organisationId', 'is', null)
			.executeTakeFirstOrThrow();
		expect(await edit(admin)).toMatchObject({ version: 2, changed: true });
		const second = await edit(admin, { ...NEW_WORDS, title: { nl: 'Zien', en: 'Seeing' } }, 'maatwerk');
		expect(second).toMatchObject({ version: 3, changed: true });
		const after = await t.ctx.db.selectFrom('decks').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		const own = await t.ctx.db
			.selectFrom('decks')
			.selectAll()
			.where('organisationId', '=', admin.organisationId)
			.orderBy('version')
			.execute();
		expect(own.map((deck) => [deck.version, deck.publishedBy])).toEqual([
			[2, admin.userId],
			[3, admin.userId]
		]);
		expect(own[1]!.derivedFrom).toBe(own[0]!.id);
		const card = await getDeckCardForAdmin({ ctx: t.ctx, actor: admin, deckKey: 'values', cardKey: 'gezien-worden' });
		expect(card).toMatchObject({ version: 3, card: { key: 'gezien-worden', pictogram: 'eye', ...NEW_WORDS } });
	});

	it('the same words again publish nothing', async () => {
		const admin = await buildOrganisation(t.ctx);
		await edit(admin);
		expect(await edit(admin)).toMatchObject({ version: 2, changed: false });
	});

	it("an organisation's edit is its own: another organisation keeps the built-in words", async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildOrganisation(t.ctx);
		await edit(admin);
		const [theirs] = (await listEnabledCurrentDecks(t.ctx.db, other.organisationId)).filter((deck) => deck.key === 'values');
		expect(theirs).toMatchObject({ version: 1, organisationId: null });
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
		expect(values.version).toBe(1);
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
				.where('organisationId', 'is', null)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(row.contentJson)).toEqual(builtIn.content);
		}
	});
});
