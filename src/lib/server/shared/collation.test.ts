import { describe, expect, it } from 'vitest';
import { sortByName } from './collation.ts';

describe('sortByName', () => {
	it('sorts as a Dutch reader expects: case and accents do not push names to the end, numbers count up', () => {
		const names = ['Zoë', 'Team 10', 'anna', 'Émile', 'Bert', 'Team 9'].map((name, i) => ({ name, id: String(i) }));
		expect(sortByName(names, (n) => n.id).map((n) => n.name)).toEqual(['anna', 'Bert', 'Émile', 'Team 9', 'Team 10', 'Zoë']);
	});

	it('orders equal names by id, and leaves the input as it was', () => {
		const input = [
			{ name: 'Piet', id: 'b' },
			{ name: 'Piet', id: 'a' }
		];
		expect(sortByName(input, (n) => n.id).map((n) => n.id)).toEqual(['a', 'b']);
		expect(input.map((n) => n.id)).toEqual(['b', 'a']);
	});
});
