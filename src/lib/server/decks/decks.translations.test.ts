import { describe, expect, it } from 'vitest';
import { findCard, renderCard, renderDeck, withCardTexts, type DeckContent, type StoredDeck } from './decks.models.ts';
import { DECK_TRANSLATIONS, deckTranslationOf, type ClientOnlyLocale } from './decks.translations.ts';
import { BUILT_IN_DECKS } from './decks.usecases.ts';
import { TOPIC_DECK_TRANSLATIONS } from './topic-decks.translations.ts';
import { VALUES_DECK_TRANSLATIONS } from './values-deck.translations.ts';
import { WISHES_DECK_TRANSLATIONS } from './wishes-deck.translations.ts';

const LOCALES: ClientOnlyLocale[] = ['ar', 'tr', 'pl', 'uk'];

/** Every Dutch text a client reads in a deck: its title and description, each card's title, front and back. */
function clientTexts(content: DeckContent): string[] {
	return [
		content.title.nl,
		content.description.nl,
		...content.cards.flatMap((card) => [card.title.nl, card.front.nl, ...card.back.map((q) => q.nl)])
	];
}

const builtInTexts = [...new Set(BUILT_IN_DECKS.flatMap((deck) => clientTexts(deck.content)))];

function valuesV1(): DeckContent {
	const found = BUILT_IN_DECKS.find((deck) => deck.key === 'values' && deck.version === 1);
	if (!found) throw new Error('values@1');
	return found.content;
}

function stored(content: DeckContent): StoredDeck {
	return { id: 'd', organisationId: null, key: 'values', version: 1, kind: 'value', content, derivedFrom: null, publishedAt: '' };
}

describe('the built-in decks in the client languages', () => {
	it('every client text of every built-in deck is translated into Arabic, Turkish, Polish and Ukrainian', () => {
		expect(builtInTexts.length).toBeGreaterThan(80);
		const missing = builtInTexts.flatMap((nl) =>
			LOCALES.filter((locale) => !deckTranslationOf(nl)?.[locale]?.trim()).map((l) => `${l}: ${nl}`)
		);
		expect(missing).toEqual([]);
	});

	it('has no translation of a text no built-in deck has (a typo in a key would never be read), and no key twice', () => {
		expect(Object.keys(DECK_TRANSLATIONS).filter((nl) => !builtInTexts.includes(nl))).toEqual([]);
		const parts = [TOPIC_DECK_TRANSLATIONS, VALUES_DECK_TRANSLATIONS, WISHES_DECK_TRANSLATIONS].map((part) => Object.keys(part).length);
		expect(parts.reduce((a, b) => a + b)).toBe(Object.keys(DECK_TRANSLATIONS).length);
	});

	it('Arabic and Ukrainian are written in their own script: no Latin letters', () => {
		for (const locale of ['ar', 'uk'] as const) {
			expect(builtInTexts.filter((nl) => /[a-z]/i.test(deckTranslationOf(nl)![locale]))).toEqual([]);
		}
	});

	it('Turkish and Polish leave no Dutch word untranslated', () => {
		const dutchWords = /\b(ik|jij|jou|je|mij|mijn|het|een|van|wat|niet|hoe|onze|samen|wil|gesprek|begeleider|kaarten?)\b/i;
		for (const locale of ['tr', 'pl'] as const) {
			const leftovers = builtInTexts.filter(
				(nl) => deckTranslationOf(nl)![locale] === nl || dutchWords.test(deckTranslationOf(nl)![locale])
			);
			expect(leftovers, locale).toEqual([]);
		}
	});

	it('a question stays a question in every language', () => {
		const asks = (text: string) => /[?؟]$/.test(text);
		const changed = builtInTexts.flatMap((nl) =>
			LOCALES.filter((l) => asks(deckTranslationOf(nl)![l]) !== asks(nl)).map((l) => `${l}: ${nl}`)
		);
		expect(changed).toEqual([]);
	});
});

describe('cards in the reader’s language', () => {
	const continuity = findCard(valuesV1(), 'continuiteit')!;

	it('an Arabic reader reads a built-in card wholly in Arabic, marked as Arabic', () => {
		expect(renderCard(continuity, 'ar')).toMatchObject({
			title: 'الاستمرارية',
			front: 'هل ستبقى مرشدي الدائم؟',
			back: ['ليس شخصًا مختلفًا كل مرة.', 'لا يجب أن أحكي قصتي من جديد كل مرة.', 'تبقى معي طالما كان ذلك ضروريًا.'],
			lang: 'ar'
		});
		const deck = renderDeck(stored(valuesV1()), 'pl');
		expect([deck.title, deck.cards[0]!.title, deck.cards[0]!.lang]).toEqual(['Co jest dla mnie ważne?', 'Gdy ktoś mnie widzi', 'pl']);
	});

	it('an organisation’s edited card (its own Dutch words) reads wholly in Dutch, marked as Dutch', () => {
		const texts = {
			title: continuity.title,
			front: { nl: 'Blijf jij bij ons gezin?', en: 'Will you stay with our family?' },
			back: continuity.back,
			professional: { front: continuity.front, back: continuity.back }
		};
		const edited = findCard(withCardTexts(valuesV1(), 'continuiteit', texts), 'continuiteit')!;
		expect(renderCard(edited, 'ar')).toMatchObject({ title: 'Continuïteit', front: 'Blijf jij bij ons gezin?', lang: 'nl' });
		expect(renderCard(edited, 'en')).toMatchObject({ title: 'Continuity', front: 'Will you stay with our family?', lang: 'en' });
	});

	it('a translation stored in the card wins over the built-in one', () => {
		const own = { ...continuity, title: { ...continuity.title, ar: 'البقاء معًا' } };
		expect(renderCard(own, 'ar').title).toBe('البقاء معًا');
	});

	it('the professional’s own wording is not translated: it reads in Dutch or English', () => {
		const v2 = BUILT_IN_DECKS.find((deck) => deck.key === 'values' && deck.version === 2)!;
		const card = findCard(v2.content, 'continuiteit')!;
		expect(renderCard(card, 'ar', 'professional')).toMatchObject({ front: 'Blijf ik de vaste begeleider van mijn cliënt?', lang: 'nl' });
		expect(renderCard(card, 'ar', 'client')).toMatchObject({ front: 'هل ستبقى مرشدي الدائم؟', lang: 'ar' });
	});
});
