import { PREPARATION_PARTS, type PreparationPart } from '#lib/preparation-parts.ts';
import { SAFETY_SUGGESTIONS, type SafetySuggestion } from '#lib/safety-suggestions.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';

/**
 * A party's private preparation of a learning conversation: what I would like to talk about,
 * the cards I pick, optionally one moment with A/B/C, and what I need to feel safe. Pure rules.
 */

export { SAFETY_SUGGESTIONS, type SafetySuggestion } from '#lib/safety-suggestions.ts';

export function isSafetySuggestion(value: string): value is SafetySuggestion {
	return (SAFETY_SUGGESTIONS as readonly string[]).includes(value);
}

export { PREPARATION_PARTS, type PreparationPart } from '#lib/preparation-parts.ts';

export function isPreparationPart(value: string): value is PreparationPart {
	return (PREPARATION_PARTS as readonly string[]).includes(value);
}

/** Stored shared parts (a JSON array) in the fixed order; anything unreadable shares nothing. */
export function parseSharedParts(json: string | null | undefined): PreparationPart[] {
	try {
		const parsed = JSON.parse(json ?? '[]') as unknown;
		return Array.isArray(parsed) ? PREPARATION_PARTS.filter((part) => parsed.includes(part)) : [];
	} catch {
		return [];
	}
}

/** Free text (wishes, A, B, C, own words about safety). */
export const PREPARATION_TEXT_MAX = 2000;
/** How many cards one party may pick. */
export const PREPARATION_CARDS_MAX = 30;
/** How far ahead a learning conversation can be planned. */
export const SCHEDULE_MAX_DAYS_AHEAD = 365;

export interface CardChoice {
	deckId: string;
	cardKey: string;
}

/** A form's card value, `<deckId>:<cardKey>`; null when it is not one. */
export function parseCardChoice(value: string): CardChoice | null {
	const at = value.indexOf(':');
	if (at <= 0 || at === value.length - 1 || value.length > 200) return null;
	return { deckId: value.slice(0, at), cardKey: value.slice(at + 1) };
}

export function cardChoiceValue(choice: CardChoice): string {
	return `${choice.deckId}:${choice.cardKey}`;
}

export interface PreparationInput {
	wishes?: string | null;
	cards: readonly CardChoice[];
	momentA?: string | null;
	momentB?: string | null;
	momentC?: string | null;
	/** The card the moment is about (one of the conversation's), or none. */
	momentCard?: CardChoice | null;
	safety: readonly string[];
	safetyOwn?: string | null;
}

/** Trimmed text, or null for nothing. */
export function cleanText(text: string | null | undefined): string | null {
	const trimmed = text?.trim() ?? '';
	return trimmed === '' ? null : trimmed;
}

/** What one party wrote in a preparation, as it is stored: written on a device or typed in from paper. */
export interface PreparationWords {
	wishes: string | null;
	momentA: string | null;
	momentB: string | null;
	momentC: string | null;
	safety: readonly SafetySuggestion[];
	safetyOwn: string | null;
}

/** The words to store: texts trimmed (null for nothing), safety suggestions in the fixed order, each once. */
export function cleanPreparationWords(input: Omit<PreparationInput, 'cards' | 'momentCard'>): PreparationWords {
	return {
		wishes: cleanText(input.wishes),
		momentA: cleanText(input.momentA),
		momentB: cleanText(input.momentB),
		momentC: cleanText(input.momentC),
		safety: orderSafety(input.safety),
		safetyOwn: cleanText(input.safetyOwn)
	};
}

/** Why this preparation cannot be saved (apart from the cards' decks, which need the conversation), or null. */
export function findPreparationProblem(input: PreparationInput): DomainErrorCode | null {
	const texts = [input.wishes, input.momentA, input.momentB, input.momentC, input.safetyOwn];
	if (texts.some((text) => (cleanText(text)?.length ?? 0) > PREPARATION_TEXT_MAX)) return 'conversation.text_too_long';
	if (!input.safety.every(isSafetySuggestion)) return 'preparation.invalid_safety';
	if (input.cards.length > PREPARATION_CARDS_MAX) return 'deck.unknown_card';
	return null;
}

/** The same card twice counts once; order as given. */
export function uniqueCards(cards: readonly CardChoice[]): CardChoice[] {
	const seen = new Set<string>();
	return cards.filter((card) => {
		const value = cardChoiceValue(card);
		if (seen.has(value)) return false;
		seen.add(value);
		return true;
	});
}

/** Safety keys in the fixed order, each once. */
export function orderSafety(keys: readonly string[]): SafetySuggestion[] {
	return SAFETY_SUGGESTIONS.filter((key) => keys.includes(key));
}
