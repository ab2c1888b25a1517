import { describe, expect, it } from 'vitest';
import {
	compareQuarters,
	completedQuarters,
	isQuarter,
	quarterBounds,
	quarterOf,
	quarterRange,
	shiftQuarter
} from './insights.quarters.ts';

describe('quarters', () => {
	it('a quarter starts at midnight in Amsterdam, in winter and in summer time', () => {
		expect(quarterBounds('2026-Q1')).toEqual({ start: '2025-12-31T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z' });
		expect(quarterBounds('2026-Q3')).toEqual({ start: '2026-06-30T22:00:00.000Z', end: '2026-09-30T22:00:00.000Z' });
		expect(quarterBounds('2026-Q4')).toEqual({ start: '2026-09-30T22:00:00.000Z', end: '2026-12-31T23:00:00.000Z' });
	});

	it('an instant belongs to the quarter of the Dutch calendar day', () => {
		expect(quarterOf('2026-03-31T21:59:59.999Z')).toBe('2026-Q1');
		expect(quarterOf('2026-03-31T22:00:00.000Z')).toBe('2026-Q2');
		expect(quarterOf('2025-12-31T23:30:00.000Z')).toBe('2026-Q1');
	});

	it('the bounds of consecutive quarters meet without gap or overlap', () => {
		for (const quarter of quarterRange('2024-Q1', '2027-Q4')) {
			const { start, end } = quarterBounds(quarter);
			expect(quarterOf(start)).toBe(quarter);
			expect(quarterOf(new Date(Date.parse(end) - 1))).toBe(quarter);
			expect(quarterBounds(shiftQuarter(quarter, 1)).start).toBe(end);
		}
	});

	it('only quarters that have ended are offered, oldest first', () => {
		expect(completedQuarters(new Date('2026-05-10T12:00:00Z'), 4)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
		// One hour into 1 April in Amsterdam, the first quarter has just ended.
		expect(completedQuarters(new Date('2026-03-31T23:00:00Z'), 1)).toEqual(['2026-Q1']);
		expect(completedQuarters(new Date('2026-03-31T21:00:00Z'), 1)).toEqual(['2025-Q4']);
	});

	it('ranges, shifts and comparisons cross year boundaries', () => {
		expect(quarterRange('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
		expect(quarterRange('2026-Q2', '2026-Q1')).toEqual([]);
		expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
		expect(shiftQuarter('2025-Q4', 5)).toBe('2027-Q1');
		expect(compareQuarters('2025-Q4', '2026-Q1')).toBeLessThan(0);
	});

	it('accepts only well-formed quarters', () => {
		expect(isQuarter('2026-Q4')).toBe(true);
		for (const bad of ['2026-Q5', '2026-Q0', '2026Q1', '26-Q1', '2026-q1', '', '2026-Q1 ', '1999-Q4'])
			expect(isQuarter(bad), bad).toBe(false);
	});
});
