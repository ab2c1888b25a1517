import { describe, expect, it } from 'vitest';
import {
	cardTextsOf,
	cardWording,
	deckContentProblem,
	findCard,
	isCardInDeck,
	pickCurrentVersions,
	renderCard,
	renderDeck,
	sameCardTexts,
	withCardTexts,
	withClientWord,
	type DeckContent,
	type StoredDeck
} from './decks.models.ts';
import { BUILT_IN_DECKS, DECK_KEY_ORDER } from './decks.usecases.ts';

/** The newest built-in version of a deck: what an organisation without edits uses. */
function latestOf(key: string) {
	const found = BUILT_IN_DECKS.filter((deck) => deck.key === key).toSorted((a, b) => b.version - a.version)[0];
	if (!found) throw new Error(key);
	return found;
}

function deckOf(key: string): DeckContent {
	return latestOf(key).content;
}

function versionOf(key: string, version: number): DeckContent {
	const found = BUILT_IN_DECKS.find((deck) => deck.key === key && deck.version === version);
	if (!found) throw new Error(`${key}@${version}`);
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
		}
	});

	it('are the Samenleerwijzer topics, the four themes with an own topic, nine values and twelve wish cards', () => {
		expect(DECK_KEY_ORDER.map(latestOf).map((deck) => [deck.key, deck.kind, deck.content.cards.length])).toEqual([
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

	it('each deck key is in the fixed order, and each version is shipped once', () => {
		expect([...new Set(BUILT_IN_DECKS.map((deck) => deck.key))]).toEqual(DECK_KEY_ORDER);
		const versions = BUILT_IN_DECKS.map((deck) => `${deck.key}@${deck.version}`);
		expect(new Set(versions).size).toBe(versions.length);
	});

	it('version 2 of the topic and value decks keeps version 1’s cards and client words, and adds the professional’s own wording to every card', () => {
		for (const key of ['samenleerwijzer', 'themes', 'values']) {
			const v1 = versionOf(key, 1);
			const v2 = versionOf(key, 2);
			expect(v2.cards.map(({ professional: _p, ...card }) => card)).toEqual(v1.cards);
			for (const card of v2.cards) {
				expect(card.professional, `${key}/${card.key}`).toBeDefined();
				expect(card.professional!.back.length, `${key}/${card.key}`).toBeGreaterThan(0);
			}
		}
		const continuity = findCard(deckOf('values'), 'continuiteit')!;
		expect(renderCard(continuity, 'nl', 'client').front).toBe('Blijf jij mijn vaste begeleider?');
		expect(renderCard(continuity, 'nl', 'professional').front).toBe('Blijf ik de vaste begeleider van mijn cliënt?');
		expect(renderCard(continuity, 'en', 'professional').front).toBe('Will I stay my client’s regular professional?');
	});

	it('wish cards keep one wording: the client hands their own question to the professional', () => {
		expect(latestOf('wishes').version).toBe(1);
		for (const card of deckOf('wishes').cards) expect(renderCard(card, 'nl', 'professional').front).toBe(card.front.nl);
	});
});

describe('cards in the reader’s voice', () => {
	const v1Card = versionOf('values', 1).cards.find((card) => card.key === 'continuiteit')!;

	it('a card without a professional wording (published before there were two) reads the client wording for the professional', () => {
		expect(cardWording(v1Card, 'professional')).toEqual({ front: v1Card.front, back: v1Card.back });
		expect(renderCard(v1Card, 'nl', 'professional').front).toBe('Blijf jij mijn vaste begeleider?');
		expect(cardTextsOf(v1Card).professional).toEqual({ front: v1Card.front, back: v1Card.back });
	});

	it('saving the fallback wording unchanged counts as no change; changing only the professional wording is a change', () => {
		const texts = cardTextsOf(v1Card);
		expect(sameCardTexts(v1Card, texts)).toBe(true);
		const own = { ...texts, professional: { ...texts.professional, front: { nl: 'Blijf ik?', en: 'Will I stay?' } } };
		expect(sameCardTexts(v1Card, own)).toBe(false);
		const edited = withCardTexts(versionOf('values', 1), 'continuiteit', own).cards.find((c) => c.key === 'continuiteit')!;
		expect(renderCard(edited, 'nl', 'client').front).toBe('Blijf jij mijn vaste begeleider?');
		expect(renderCard(edited, 'nl', 'professional').front).toBe('Blijf ik?');
	});

	it('refuses a professional wording with an empty front, a missing language or too many back questions', () => {
		const content = versionOf('values', 1);
		const card = content.cards[0]!;
		const bad = (professional: unknown) => deckContentProblem({ ...content, cards: [{ ...card, professional }] });
		expect(bad({ front: { nl: ' ', en: 'x' }, back: [] })).toMatch(/professional wording/);
		expect(bad({ front: { nl: 'x' }, back: [] })).toMatch(/professional wording/);
		expect(bad({ front: { nl: 'x', en: 'y' }, back: Array.from({ length: 9 }, () => ({ nl: 'a', en: 'b' })) })).toMatch(/professional/);
		expect(bad({ front: { nl: 'x', en: 'y' }, back: [] })).toBeNull();
	});
});

describe('the professional’s cards name the client with the organisation’s word', () => {
	const continuity = deckOf('values').cards.find((card) => card.key === 'continuiteit')!;

	it('an organisation that speaks of parents reads "de ouder" where the card says "mijn cliënt", front and back, in Dutch and English', () => {
		expect(renderCard(continuity, 'nl', 'professional', 'parent').front).toBe('Blijf ik de vaste begeleider van de ouder?');
		expect(renderCard(continuity, 'nl', 'professional', 'parent').back).toContain(
			'De ouder hoeft het verhaal niet steeds opnieuw te vertellen.'
		);
		expect(renderCard(continuity, 'en', 'professional', 'parent').front).toBe('Will I stay the parent’s regular professional?');
		const cards = (['samenleerwijzer', 'themes', 'values'] as const).flatMap((key) => deckOf(key).cards);
		const texts = cards.flatMap((card) => {
			const rendered = renderCard(card, 'nl', 'professional', 'jobSeeker');
			return [rendered.front, ...rendered.back];
		});
		expect(texts.some((text) => text.includes('werkzoekende'))).toBe(true);
		expect(texts.filter((text) => /cliënt/i.test(text))).toEqual([]);
	});

	it('keeps the card as written for an organisation that says "cliënt", and for the client, who reads their own wording', () => {
		expect(renderCard(continuity, 'nl', 'professional', 'client').front).toBe('Blijf ik de vaste begeleider van mijn cliënt?');
		expect(renderCard(continuity, 'nl', 'professional').front).toBe('Blijf ik de vaste begeleider van mijn cliënt?');
		expect(renderCard(continuity, 'nl', 'client', 'parent').front).toBe('Blijf jij mijn vaste begeleider?');
	});

	it('replaces the whole word only, keeps "een" and a capital, and leaves the plural', () => {
		expect(withClientWord('Mijn cliënt en een cliënt; cliënten, cliëntdossier.', 'resident', 'nl')).toBe(
			'De inwoner en een inwoner; cliënten, cliëntdossier.'
		);
		expect(withClientWord('Ask your client, a client or clients.', 'youngPerson', 'en')).toBe(
			'Ask the young person, a young person or clients.'
		);
	});
});

describe('deck content rules', () => {
	const content = deckOf('values');

	it('refuse an empty title, a missing language, a duplicate card, an over-long question and a pictogram outside the built-in set', () => {
		const card = content.cards[0]!;
		expect(deckContentProblem({ ...content, cards: [{ ...card, title: { nl: ' ', en: 'x' } }] })).toMatch(/title/);
		expect(deckContentProblem({ ...content, cards: [{ ...card, front: { nl: 'x' } }] })).toMatch(/front/);
		expect(deckContentProblem({ ...content, cards: [card, card] })).toMatch(/duplicate/);
		expect(deckContentProblem({ ...content, cards: [{ ...card, back: [{ nl: 'x'.repeat(301), en: 'y' }] }] })).toMatch(/back/);
		expect(deckContentProblem({ ...content, cards: [] })).toBe('cards');
		expect(deckContentProblem({ ...content, cards: [{ ...card, pictogram: 'skull' }] }), 'a name outside the built-in set').toMatch(
			/pictogram/
		);
	});

	it('an edit replaces one card’s words and keeps its key, pictogram and the other cards', () => {
		const texts = {
			title: { nl: 'Gezien', en: 'Seen' },
			front: { nl: 'Zie je mij?', en: 'Do you see me?' },
			back: [],
			professional: { front: { nl: 'Zie ik mijn cliënt?', en: 'Do I see my client?' }, back: [] }
		};
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
			ownTopic: false,
			lang: 'en'
		});
	});

	it('a card not translated into a client language reads wholly in Dutch, marked as Dutch', () => {
		const own = withCardTexts(content, 'gezien-worden', { ...cardTextsOf(content.cards[0]!), title: { nl: 'Gezien', en: 'Seen' } });
		expect(renderDeck(stored('values', 1, 'org', own), 'ar').cards[0]).toMatchObject({
			title: 'Gezien',
			front: 'Zie je mij als mens?',
			lang: 'nl'
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
