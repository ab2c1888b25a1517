import type { ClientLocale, DeckKind } from '#lib/server/db/schema.ts';
import { findCard, renderCard, type DeckCard, type RenderedCard, type StoredDeck, type Voice } from '#lib/server/decks/decks.models.ts';
import { orderSafety, type SafetySuggestion } from '#lib/server/preparation/preparation.models.ts';

/**
 * Pure domain logic of the learning conversation (Samenleergesprek): the cards of the decks
 * it uses, what a party can say they need to feel safe, and moments of a recorded session.
 */

// Cards: the deck versions the conversation was planned with (the decks feature keeps them).

/** A card as one reader sees it, in their language, with the deck it comes from (the shape of a prepared card). */
export interface CardView extends RenderedCard {
	/** The same as `key`. */
	cardKey: string;
	deckId: string;
	deckKey: string;
	deckKind: DeckKind;
}

/** In the reader's voice: a participant reads the client wording, a professional their own (with the organisation's `clientTerm`). */
export function renderDeckCard(
	deck: StoredDeck,
	card: DeckCard,
	locale: ClientLocale,
	voice: Voice = 'client',
	clientTerm?: string
): CardView {
	return { ...renderCard(card, locale, voice, clientTerm), cardKey: card.key, deckId: deck.id, deckKey: deck.key, deckKind: deck.kind };
}

/** The card `cardKey` of deck `deckId`, when that deck is one of the conversation's (of one of `kinds`); else null. */
export function findCardInDecks(
	decks: readonly StoredDeck[],
	deckId: string,
	cardKey: string,
	kinds?: readonly DeckKind[]
): { deck: StoredDeck; card: DeckCard } | null {
	const deck = decks.find((d) => d.id === deckId && (!kinds || kinds.includes(d.kind)));
	const card = deck ? findCard(deck.content, cardKey) : undefined;
	return deck && card ? { deck, card } : null;
}

/** Topic and value cards can be a topic of the conversation; wish cards are handed, not discussed as a topic. */
export const TOPIC_DECK_KINDS: readonly DeckKind[] = ['topic', 'value'];

// Safety: what a party needs to feel safe, with the same keys as the preparation
// (preparation.models.ts); each key has a message learning_safety_<key>.

export { SAFETY_SUGGESTIONS, isSafetySuggestion, type SafetySuggestion } from '#lib/server/preparation/preparation.models.ts';

/** Known suggestions in the list's own order, each once; unknown keys (an older list) are dropped. */
export function normaliseSuggestions(keys: readonly string[]): SafetySuggestion[] {
	return orderSafety(keys);
}

/** A stored JSON array of suggestion keys; anything else reads as none. */
export function parseSuggestions(json: string | null | undefined): SafetySuggestion[] {
	try {
		const parsed: unknown = JSON.parse(json ?? '[]');
		return Array.isArray(parsed) ? normaliseSuggestions(parsed.filter((v): v is string => typeof v === 'string')) : [];
	} catch {
		return [];
	}
}

// Moments of a recorded session, referenced by where they are in the recording.

/** Ten hours: longer than any session someone would record. */
export const MAX_RECORDING_SECONDS = 10 * 3600 - 1;

/**
 * "12:34" (minutes:seconds) or "1:02:03" (hours:minutes:seconds) → seconds; null when it is not
 * a time in a recording. Minutes may run past 59 in the short form ("75:10").
 */
export function parseRecordingTime(text: string): number | null {
	const match = /^(?:(\d{1,2}):([0-5]\d)|(\d{1,3})):([0-5]\d)$/.exec(text.trim());
	if (!match) return null;
	const [, hours, minutesAfterHours, minutesOnly, seconds] = match;
	const total =
		hours !== undefined
			? Number(hours) * 3600 + Number(minutesAfterHours) * 60 + Number(seconds)
			: Number(minutesOnly) * 60 + Number(seconds);
	return total <= MAX_RECORDING_SECONDS ? total : null;
}

/** Seconds → "mm:ss", or "h:mm:ss" from an hour on. */
export function formatRecordingTime(totalSeconds: number): string {
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** The next topic goes at the end of the chosen ones. */
export function nextTopicPosition(positions: readonly number[]): number {
	return positions.length === 0 ? 1 : Math.max(...positions) + 1;
}
