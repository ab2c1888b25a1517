import { describe, expect, it } from 'vitest';
import type { StoredDeck } from '#lib/server/decks/decks.models.ts';
import { samenleerwijzerV1, themesV1 } from '#lib/server/decks/topic-decks-v1.ts';
import { valuesV1, wishesV1 } from '#lib/server/decks/value-wish-decks-v1.ts';
import {
	findCardInDecks,
	formatRecordingTime,
	MAX_RECORDING_SECONDS,
	nextTopicPosition,
	normaliseSuggestions,
	parseRecordingTime,
	parseSuggestions,
	renderDeckCard,
	SAFETY_SUGGESTIONS,
	TOPIC_DECK_KINDS
} from './learning.models.ts';

const decks: StoredDeck[] = [samenleerwijzerV1, themesV1, valuesV1, wishesV1].map((deck, index) => ({
	...deck,
	id: `d${index}`,
	organisationId: null,
	derivedFrom: null,
	publishedAt: '2100-01-01T00:00:00.000Z'
}));

describe('recording times', () => {
	it('reads minutes:seconds and hours:minutes:seconds', () => {
		expect(parseRecordingTime('00:00')).toBe(0);
		expect(parseRecordingTime('12:34')).toBe(754);
		expect(parseRecordingTime(' 2:05 ')).toBe(125);
		expect(parseRecordingTime('75:10')).toBe(4510);
		expect(parseRecordingTime('1:02:03')).toBe(3723);
	});

	it('refuses what is not a time in a recording', () => {
		for (const text of ['', '12', '12:6', '12:60', 'ab:cd', '-1:00', '1:60:00', '12:34:56:78', '1000:00', '10:00:00']) {
			expect(parseRecordingTime(text), text).toBeNull();
		}
		expect(parseRecordingTime('9:59:59')).toBe(MAX_RECORDING_SECONDS);
	});

	it('writes seconds back as mm:ss, with hours from an hour on', () => {
		expect(formatRecordingTime(0)).toBe('00:00');
		expect(formatRecordingTime(754)).toBe('12:34');
		expect(formatRecordingTime(3723)).toBe('1:02:03');
		for (const seconds of [0, 59, 60, 3599, 3600, 4510, MAX_RECORDING_SECONDS])
			expect(parseRecordingTime(formatRecordingTime(seconds))).toBe(seconds);
	});
});

describe('safety suggestions', () => {
	it('keeps known keys once, in the order of the list', () => {
		expect(normaliseSuggestions(['takeTime', 'letFinish', 'takeTime', 'unknown'])).toEqual(['letFinish', 'takeTime']);
		expect(SAFETY_SUGGESTIONS.length).toBeGreaterThanOrEqual(6);
	});

	it('reads a stored list, and anything else as none', () => {
		expect(parseSuggestions('["takeTime","noJudging"]')).toEqual(['noJudging', 'takeTime']);
		expect(parseSuggestions('not json')).toEqual([]);
		expect(parseSuggestions('{"a":1}')).toEqual([]);
		expect(parseSuggestions(null)).toEqual([]);
	});
});

describe('cards of the decks in use', () => {
	it('finds a card only in the deck it belongs to, and of the kinds asked for', () => {
		expect(findCardInDecks(decks, 'd0', 'onze-aanpak')?.card.key).toBe('onze-aanpak');
		expect(findCardInDecks(decks, 'd2', 'onze-aanpak')).toBeNull();
		expect(findCardInDecks(decks, 'unknown', 'onze-aanpak')).toBeNull();
		expect(findCardInDecks(decks, 'd0', 'unknown')).toBeNull();
		expect(findCardInDecks(decks, 'd3', 'zonder-oordeel', ['wish'])?.deck.key).toBe('wishes');
		// Topic and value cards can be a topic; a wish card is handed, not chosen.
		expect(TOPIC_DECK_KINDS).toEqual(['topic', 'value']);
		expect(findCardInDecks(decks, 'd3', 'zonder-oordeel', TOPIC_DECK_KINDS)).toBeNull();
		expect(findCardInDecks(decks, 'd2', 'gehoord-worden', TOPIC_DECK_KINDS)?.deck.kind).toBe('value');
	});

	it("renders a card in the reader's language, with the deck it comes from", () => {
		const found = findCardInDecks(decks, 'd0', 'onze-verbinding')!;
		expect(renderDeckCard(found.deck, found.card, 'en')).toMatchObject({
			title: 'Our connection',
			cardKey: 'onze-verbinding',
			deckId: 'd0',
			deckKey: 'samenleerwijzer',
			deckKind: 'topic',
			ownTopic: false
		});
		const own = findCardInDecks(decks, 'd1', 'eigen-onderwerp')!;
		expect(renderDeckCard(own.deck, own.card, 'nl').ownTopic).toBe(true);
	});
});

describe('nextTopicPosition', () => {
	it('puts a new topic after the last one, also after one was removed', () => {
		expect(nextTopicPosition([])).toBe(1);
		expect(nextTopicPosition([1, 2])).toBe(3);
		expect(nextTopicPosition([1, 3])).toBe(4);
	});
});
