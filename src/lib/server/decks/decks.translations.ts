import type { Text } from './decks.models.ts';
import { TOPIC_DECK_TRANSLATIONS } from './topic-decks.translations.ts';
import { VALUES_DECK_TRANSLATIONS } from './values-deck.translations.ts';
import { WISHES_DECK_TRANSLATIONS } from './wishes-deck.translations.ts';

export type ClientOnlyLocale = 'ar' | 'tr' | 'pl' | 'uk';

/** Client-language texts keyed by the Dutch text they translate. */
export type DeckTranslations = Record<string, Record<ClientOnlyLocale, string>>;

/**
 * The client languages of the built-in decks' client texts (docs/decisions/021), keyed by the Dutch
 * text, as the built-in instruments do it (instruments.translations.ts): kept beside the published
 * versions instead of in them, because a stored version never changes, yet every installation
 * reads them at once. An organisation's edited card has Dutch words of its own, finds no
 * translation and is read in Dutch, marked as Dutch. The professional's wording
 * (professional-wording-v2.ts) stays Dutch and English. Not checked by a native speaker yet (README).
 */
export const DECK_TRANSLATIONS: Readonly<DeckTranslations> = {
	...TOPIC_DECK_TRANSLATIONS,
	...VALUES_DECK_TRANSLATIONS,
	...WISHES_DECK_TRANSLATIONS
};

/** The translations of a Dutch text, or undefined when there are none. */
export function deckTranslationOf(dutch: string): Record<ClientOnlyLocale, string> | undefined {
	return Object.hasOwn(DECK_TRANSLATIONS, dutch) ? DECK_TRANSLATIONS[dutch] : undefined;
}

/** The text with the client languages filled in where it has none; what is stored wins. */
export function withDeckTranslation(text: Text): Text {
	return { ...deckTranslationOf(text.nl), ...text };
}
