import { describe, expect, it } from 'vitest';
import { CARD_ICONS } from '#lib/components/decks/card-icons.ts';
import {
	deckContentProblem,
	isCardInDeck,
	pickCurrentVersions,
	renderDeck,
	sameCardTexts,
	withCardTexts,
	type DeckContent,
	type StoredDeck
} from './decks.models.ts';
import { BUILT_IN_DECKS, DECK_KEY_ORDER } from './decks.usecases.ts';

function deckOf(key: string): DeckContent {
	const found = BUILT_IN_DECKS.find((deck) => deck.key === key);
	if (!found) throw new Error(key);
	return found.content;
}

function stored(key: string, version: number, organisationId: string | null, content = deckOf(key)): StoredDeck {
	return {
		id: `${key}-${version}-${organisationId ?? 'b'}`,
		organisationId,
		key,
		version,
		kind: 'topic',
		content,
		derivedFrom: null,
		publishedAt: ''
	};
}

describe('the built-in decks', () => {
	it('are valid deck content, with a pictogram the app can show for every card', () => {
		for (const deck of BUILT_IN_DECKS) {
			expect(deckContentProblem(deck.content), deck.key).toBeNull();
			for (const card of deck.content.cards) expect(Object.keys(CARD_ICONS), `${deck.key}/${card.key}`).toContain(card.pictogram);
		}
	});

	it('are the Samenleerwijzer topics, the four themes with an own topic, nine values and twelve wish cards', () => {
		expect(BUILT_IN_DECKS.map((deck) => [deck.key, deck.kind, deck.content.cards.length])).toEqual([
			['samenleerwijzer', 'topic', 3],
			['themes', 'topic', 4],
			['values', 'value', 9],
			['wishes', 'wish', 12]
		]);
		expect(deckOf('samenleerwijzer').cards.map((card) => card.title.nl)).toEqual(['Onze verbinding', 'Onze aanpak', 'Onze resultaten']);
		expect(
			deckOf('themes')
				.cards.filter((card) => card.ownTopic)
				.map((card) => card.key)
		).toEqual(['eigen-onderwerp']);
		expect(deckOf('wishes').cards[0]!.front.nl).toBe('Wil je zonder oordeel naar me luisteren?');
	});

	it('topic and value cards have questions on the back; wish cards are just the wish', () => {
		for (const key of ['samenleerwijzer', 'themes', 'values']) {
			for (const card of deckOf(key).cards) expect(card.back.length, card.key).toBeGreaterThan(0);
		}
		for (const card of deckOf('wishes').cards) expect(card.back).toEqual([]);
	});

	it('appear in the fixed order', () => {
		expect(BUILT_IN_DECKS.map((deck) => deck.key)).toEqual(DECK_KEY_ORDER);
	});
});

describe('deck content rules', () => {
	const content = deckOf('values');

	it('refuse an empty title, a missing language, a duplicate card and an over-long question', () => {
		const card = content.cards[0]!;
		expect(deckContentProblem({ ...content, cards: [{ ...card, title: { nl: ' ', en: 'x' } }] })).toMatch(/title/);
		expect(deckContentProblem({ ...content, cards: [{ ...card, front: { nl: 'x' } }] })).toMatch(/front/);
		expect(deckContentProblem({ ...content, cards: [card, card] })).toMatch(/duplicate/);
		expect(deckContentProblem({ ...content, cards: [{ ...card, back: [{ nl: 'x'.repeat(301), en: 'y' }] }] })).toMatch(/back/);
		expect(deckContentProblem({ ...content, cards: [] })).toBe('cards');
	});

	it('an edit replaces one card’s words and keeps its key, pictogram and the other cards', () => {
		const texts = { title: { nl: 'Gezien', en: 'Seen' }, front: { nl: 'Zie je mij?', en: 'Do you see me?' }, back: [] };
		const edited = withCardTexts(content, 'gezien-worden', texts);
		expect(edited.cards[0]).toMatchObject({ key: 'gezien-worden', pictogram: 'eye', ...texts });
		expect(edited.cards.slice(1)).toEqual(content.cards.slice(1));
		expect(content.cards[0]!.title.nl).toBe('Gezien worden');
		expect(sameCardTexts(edited.cards[0]!, texts)).toBe(true);
		expect(sameCardTexts(content.cards[0]!, texts)).toBe(false);
	});

	it('a card belongs to a deck by its key', () => {
		expect(isCardInDeck({ content }, 'maatwerk')).toBe(true);
		expect(isCardInDeck({ content }, 'onze-verbinding')).toBe(false);
	});

	it('renders in one language', () => {
		const rendered = renderDeck(stored('values', 1, null, content), 'en');
		expect(rendered.cards[0]).toEqual({
			key: 'gezien-worden',
			pictogram: 'eye',
			title: 'Being seen',
			front: 'Do you see me as a person?',
			back: ['We have a short chat.', 'The contact is personal and relaxed.', 'You look at me and you are friendly.'],
			ownTopic: false
		});
	});
});

describe('the version an organisation uses', () => {
	it('is the highest version, built-in or its own edit; its own edit wins a tie', () => {
		const current = pickCurrentVersions(
			[
				stored('values', 1, null),
				stored('values', 2, 'org'),
				stored('themes', 1, null),
				stored('themes', 2, null),
				stored('themes', 2, 'org')
			],
			DECK_KEY_ORDER
		);
		expect(current.map((deck) => deck.id)).toEqual(['themes-2-org', 'values-2-org']);
	});

	it('a newer built-in version overtakes an older edit', () => {
		const current = pickCurrentVersions([stored('values', 2, 'org'), stored('values', 3, null)]);
		expect(current.map((deck) => deck.id)).toEqual(['values-3-b']);
	});
});
