import { describe, expect, it } from 'vitest';
import {
	findCard,
	formatRecordingTime,
	MAX_RECORDING_SECONDS,
	nextTopicPosition,
	normaliseSuggestions,
	parseDeckContent,
	parseRecordingTime,
	parseSuggestions,
	renderCard,
	SAFETY_SUGGESTIONS,
	type ConversationDeck
} from './learning.models.ts';
import { TEST_DECKS } from '../testing/learning-decks.ts';

const decks: ConversationDeck[] = TEST_DECKS.map((deck, index) => ({
	id: `d${index}`,
	key: deck.key,
	kind: deck.kind,
	version: 1,
	content: deck.content
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
		expect(normaliseSuggestions(['pause', 'time', 'pause', 'unknown'])).toEqual(['time', 'pause']);
		expect(SAFETY_SUGGESTIONS.length).toBeGreaterThanOrEqual(6);
	});

	it('reads a stored list, and anything else as none', () => {
		expect(parseSuggestions('["listen","time"]')).toEqual(['time', 'listen']);
		expect(parseSuggestions('not json')).toEqual([]);
		expect(parseSuggestions('{"a":1}')).toEqual([]);
		expect(parseSuggestions(null)).toEqual([]);
	});
});

describe('cards of the decks in use', () => {
	it('finds a card only in the deck it belongs to', () => {
		expect(findCard(decks, 'd0', 'onze-aanpak')?.card.key).toBe('onze-aanpak');
		expect(findCard(decks, 'd1', 'onze-aanpak')).toBeNull();
		expect(findCard(decks, 'unknown', 'onze-aanpak')).toBeNull();
		expect(findCard(decks, 'd0', 'unknown')).toBeNull();
	});

	it("renders a card in the reader's language", () => {
		const found = findCard(decks, 'd0', 'onze-verbinding')!;
		expect(renderCard(found.deck, found.card, 'en')).toMatchObject({
			title: 'Our connection',
			front: 'How do we treat each other?',
			ownTopic: false
		});
		expect(renderCard(found.deck, found.card, 'nl').back).toHaveLength(2);
		const own = findCard(decks, 'd0', 'eigen-onderwerp')!;
		expect(renderCard(own.deck, own.card, 'nl').ownTopic).toBe(true);
	});

	it('refuses stored content in another shape', () => {
		expect(() => parseDeckContent('{"cards":"no"}')).toThrow();
		expect(parseDeckContent(JSON.stringify(TEST_DECKS[0]!.content)).cards).toHaveLength(4);
	});
});

describe('nextTopicPosition', () => {
	it('puts a new topic after the last one, also after one was removed', () => {
		expect(nextTopicPosition([])).toBe(1);
		expect(nextTopicPosition([1, 2])).toBe(3);
		expect(nextTopicPosition([1, 3])).toBe(4);
	});
});
