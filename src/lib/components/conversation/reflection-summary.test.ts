import { describe, expect, it } from 'vitest';
import { reflectionsByItem } from './reflection-summary.ts';

const items = [
	{ key: 'omgang', label: 'Omgang' },
	{ key: 'luisteren', label: 'Luisteren' },
	{ key: 'contact', label: 'Contact' }
];
const parties = [{ id: 'client' }, { id: 'pro' }];

describe('reflectionsByItem', () => {
	it('lists per item, in the instrument’s order, what each party wrote, in the parties’ order', () => {
		const summary = reflectionsByItem({
			items,
			parties,
			reflections: [
				{ partyId: 'pro', itemKey: 'contact', mostSatisfied: 'Snel', leastSatisfied: null },
				{ partyId: 'pro', itemKey: 'omgang', mostSatisfied: 'Lachen', leastSatisfied: 'Te laat' },
				{ partyId: 'client', itemKey: 'omgang', mostSatisfied: null, leastSatisfied: 'Over mij heen' }
			]
		});
		expect(summary.map((item) => [item.label, item.entries.map((e) => [e.party.id, e.mostSatisfied, e.leastSatisfied])])).toEqual([
			[
				'Omgang',
				[
					['client', null, 'Over mij heen'],
					['pro', 'Lachen', 'Te laat']
				]
			],
			['Contact', [['pro', 'Snel', null]]]
		]);
	});

	it('leaves out items and parties without any text', () => {
		const summary = reflectionsByItem({
			items,
			parties,
			reflections: [{ partyId: 'client', itemKey: 'luisteren', mostSatisfied: null, leastSatisfied: null }]
		});
		expect(summary).toEqual([]);
	});
});
