import { describe, expect, it } from 'vitest';
import { echoAnswers, echoedValue, echoRatingValues, itemProblems, LINE_POINTS, readRatingValues, readTextAnswers } from './rating-form.ts';

const KEYS = ['omgang', 'luisteren', 'contact'];

function form(entries: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
}

describe('answers in words (issue 14)', () => {
	it('reads text.<key> fields as typed, never as a number, and never among the ratings', () => {
		const data = form({ omgang: '60', 'text.woord': '5', 'text.toelichting': ' Twee\nregels ', 'text.leeg': '  ' });
		expect(readRatingValues(data)).toEqual({ omgang: 60 });
		expect(readTextAnswers(data)).toEqual({ woord: '5', toelichting: ' Twee\nregels ' });
	});

	it('reads a little past the longest answer, so a too long one reaches the engine to be refused, not cut to fit', () => {
		expect(readTextAnswers(form({ 'text.lang': 'x'.repeat(10_000) })).lang!.length).toBeGreaterThan(2000);
	});

	it('echoes both back for the form, answers in words under their field name', () => {
		expect(echoAnswers({ omgang: 60 }, { woord: 'moe' })).toEqual({ omgang: '60', 'text.woord': 'moe' });
	});
});

describe('readRatingValues', () => {
	it('reads chosen points as numbers', () => {
		expect(readRatingValues(form({ omgang: '60', luisteren: '0', contact: '100' }))).toEqual({
			omgang: 60,
			luisteren: 0,
			contact: 100
		});
	});

	it('leaves an untouched item out, so nothing is submitted by accident', () => {
		expect(readRatingValues(form({ omgang: '60', luisteren: '' }))).toEqual({ omgang: 60 });
	});

	it('passes anything that is not a whole number on as text, for the engine to refuse', () => {
		expect(readRatingValues(form({ omgang: '6.5', luisteren: 'abc' }))).toEqual({ omgang: '6.5', luisteren: 'abc' });
	});

	it('keeps the first answer when a field is sent twice, and skips odd field names', () => {
		const data = form({ omgang: '60' });
		data.append('omgang', '10');
		data.append('__proto__', '10');
		data.append('with space', '10');
		expect(readRatingValues(data)).toEqual({ omgang: 60 });
	});
});

describe('itemProblems', () => {
	it('names every unanswered item, not only the first', () => {
		expect(itemProblems(KEYS, { omgang: 60 }, LINE_POINTS)).toEqual({
			luisteren: 'rating_unanswered',
			contact: 'rating_unanswered'
		});
	});

	it('names an answer that is not one of the offered points', () => {
		expect(itemProblems(KEYS, { omgang: 65, luisteren: 'abc', contact: 100 }, LINE_POINTS)).toEqual({
			omgang: 'rating_invalid',
			luisteren: 'rating_invalid'
		});
	});

	it("holds a child's answer to the smiley values", () => {
		expect(itemProblems(KEYS, { omgang: 25, luisteren: 30, contact: 100 }, [0, 25, 50, 75, 100])).toEqual({
			luisteren: 'rating_invalid'
		});
	});

	it('finds nothing when every item has an offered point', () => {
		expect(itemProblems(KEYS, { omgang: 0, luisteren: 50, contact: 100 }, LINE_POINTS)).toEqual({});
	});
});

describe('LINE_POINTS and echoRatingValues', () => {
	it('offers eleven points from 0 to 100', () => {
		expect(LINE_POINTS).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
	});

	it('echoes the chosen values as text for the form, and reads them back', () => {
		const echoed = echoRatingValues({ omgang: 60, luisteren: 'x' });
		expect(echoed).toEqual({ omgang: '60', luisteren: 'x' });
		expect(echoedValue(echoed, 'omgang')).toBe(60);
		expect(echoedValue(echoed, 'luisteren')).toBeUndefined();
		expect(echoedValue(undefined, 'omgang')).toBeUndefined();
	});
});
