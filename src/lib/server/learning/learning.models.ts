import type { DeckKind, Locale } from '#lib/server/db/schema.ts';

/**
 * Pure domain logic of the learning conversation (Samenleergesprek): the cards of the decks
 * it uses, what a party can say they need to feel safe, and moments of a recorded session.
 */

// Decks. The content contract between the features (decks.content_json); the decks feature
// owns the decks, this feature only reads the versions a conversation was scheduled with.

export interface LocalizedText {
	nl: string;
	en: string;
}

export interface DeckCard {
	/** Stable within a deck key across versions, e.g. 'onze-verbinding'. */
	key: string;
	/** A @lucide/svelte icon name. */
	pictogram: string;
	title: LocalizedText;
	front: LocalizedText;
	back: LocalizedText[];
	/** The "own topic" card: whoever picks it says the topic in their own words. */
	ownTopic?: boolean;
}

export interface DeckContent {
	title: LocalizedText;
	description: LocalizedText;
	cards: DeckCard[];
}

export interface ConversationDeck {
	id: string;
	key: string;
	kind: DeckKind;
	version: number;
	content: DeckContent;
}

/** A card as one reader sees it, in their language. */
export interface CardView {
	deckId: string;
	deckKey: string;
	kind: DeckKind;
	key: string;
	pictogram: string;
	title: string;
	front: string;
	back: string[];
	ownTopic: boolean;
}

/** Stored content was checked when it was published; a row in another shape is corrupt. */
export function parseDeckContent(json: string): DeckContent {
	const content = JSON.parse(json) as DeckContent;
	if (!content || !Array.isArray(content.cards) || !content.title) throw new Error('deck content is not in the expected shape');
	return content;
}

export function renderCard(deck: ConversationDeck, card: DeckCard, locale: Locale): CardView {
	return {
		deckId: deck.id,
		deckKey: deck.key,
		kind: deck.kind,
		key: card.key,
		pictogram: card.pictogram,
		title: card.title[locale],
		front: card.front[locale],
		back: card.back.map((text) => text[locale]),
		ownTopic: card.ownTopic === true
	};
}

/** The card `cardKey` of deck `deckId`, when that deck is one of the conversation's. */
export function findCard(
	decks: readonly ConversationDeck[],
	deckId: string,
	cardKey: string
): { deck: ConversationDeck; card: DeckCard } | null {
	const deck = decks.find((d) => d.id === deckId);
	const card = deck?.content.cards.find((c) => c.key === cardKey);
	return deck && card ? { deck, card } : null;
}

/** Topic and value cards can be a topic of the conversation; wish cards are handed, not discussed as a topic. */
export const TOPIC_DECK_KINDS: readonly DeckKind[] = ['topic', 'value'];

// Safety: what a party needs to feel safe in the conversation. One list for the preparation
// and the conversation; each key has a message learning_safety_<key> in both languages.

export const SAFETY_SUGGESTIONS = ['time', 'listen', 'honest', 'pause', 'explain', 'private', 'together', 'bringSomeone'] as const;

export type SafetySuggestion = (typeof SAFETY_SUGGESTIONS)[number];

export function isSafetySuggestion(value: string): value is SafetySuggestion {
	return (SAFETY_SUGGESTIONS as readonly string[]).includes(value);
}

/** Known suggestions in the list's own order, each once; unknown keys (an older list) are dropped. */
export function normaliseSuggestions(keys: readonly string[]): SafetySuggestion[] {
	return SAFETY_SUGGESTIONS.filter((key) => keys.includes(key));
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
