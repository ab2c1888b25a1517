import { describe, expect, it } from 'vitest';
import {
	answerSentence,
	answerText,
	differenceOnLine,
	differenceText,
	evaluationText,
	linePointValues,
	meanText,
	scaleRangeText,
	spreadText,
	toLinePoint,
	type AnswerScale
} from './answer-scale.ts';

const scale: AnswerScale = {
	min: 'ontevreden',
	max: 'tevreden',
	points: 10,
	smileys: [
		{ value: 25, pictogram: 'face-slightly-frowning', label: 'Niet goed' },
		{ value: 75, pictogram: 'face-slightly-smiling', label: 'Goed' }
	]
};

describe('answers on the scale they were given on', () => {
	it('a point of the 0–10 line reads as that point, in both languages', () => {
		expect(answerText(30, scale, 'line', 'nl')).toBe('3');
		expect(answerSentence(30, scale, 'line', 'nl')).toBe('3 van 10');
		expect(answerSentence(80, { ...scale, min: 'not satisfied', max: 'satisfied' }, 'line', 'en')).toBe('8 out of 10');
		expect(answerText(35, scale, 'line', 'nl')).toBe('3,5');
		expect(answerText(35, scale, 'line', 'en')).toBe('3.5');
	});

	it('a child’s answer reads as its smiley’s words, not as a number', () => {
		expect(answerText(75, scale, 'smiley', 'nl')).toBe('Goed');
		expect(answerSentence(25, scale, 'smiley', 'nl')).toBe('Niet goed');
	});

	it('the points of the line are stored as 0, 10 … 100, and stored values map back', () => {
		expect(linePointValues(10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
		expect(linePointValues(4)).toEqual([0, 25, 50, 75, 100]);
		expect(toLinePoint(63.4)).toBe(6.3);
		expect(toLinePoint(75, 4)).toBe(3);
	});

	it('averages always have one decimal; a spread only as needed', () => {
		expect(meanText(60, scale, 'nl')).toBe('6,0');
		expect(meanText(63, scale, 'en')).toBe('6.3');
		expect(spreadText(25, scale, 'nl')).toBe('2,5');
		expect(spreadText(30, scale, 'nl')).toBe('3');
	});

	it('a difference is that of the two rounded figures shown, so it always adds up', () => {
		// 78.6 shows as 7,9 and 51.4 as 5,1: the difference shown is 2,8 (not 2,7 from 27.2 unrounded).
		expect(meanText(78.6, scale, 'nl')).toBe('7,9');
		expect(meanText(51.4, scale, 'nl')).toBe('5,1');
		expect(differenceText(78.6, 51.4, scale, 'nl')).toBe('+2,8');
		expect(differenceOnLine(78.6, 51.4)).toBe(2.8);
		expect(differenceText(51.4, 78.6, scale, 'nl')).toBe('−2,8');
		expect(differenceText(50, 50, scale, 'nl')).toBe('0,0');
	});

	it('the scale is named with its own words and its own end', () => {
		expect(scaleRangeText(scale, 'nl')).toBe('van 0 (ontevreden) tot 10 (tevreden)');
		expect(scaleRangeText({ min: 'not good', max: 'very good', points: 10 }, 'en')).toBe('from 0 (not good) to 10 (very good)');
	});

	it('the evaluation reads as asked: "8 van 10"', () => {
		expect(evaluationText({ clarity: 80, overall: null }, 'nl')).toBe('duidelijk: 8 van 10 · gesprek: —');
		expect(evaluationText({ clarity: 80, overall: 30 }, 'en')).toBe('clear: 8 out of 10 · conversation: 3 out of 10');
	});
});
