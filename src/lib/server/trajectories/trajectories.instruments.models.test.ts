import { describe, expect, it } from 'vitest';
import type { InstrumentContent } from '../instruments/instruments.models.ts';
import { cleanRatings, summariseInstrument } from './trajectories.instruments.models.ts';

const text = (nl: string) => ({ nl, en: nl });
const content = {
	name: text('Vier vragen'),
	items: ['a', 'b'].map((key) => ({
		key,
		pictogram: 'star',
		label: text(key),
		wording: { adult: text(key), child: text(key), professional: text(key) }
	})),
	scale: { min: text('laag'), max: text('hoog'), points: 4 },
	smileys: [],
	planTerms: { familyPlan: text('plan'), actionPlan: text('plan'), supportPlan: text('plan'), plan: text('plan') }
} as InstrumentContent;

describe('ratings of an instrument in a trajectory moment', () => {
	it('are kept only when every item has a point of the line', () => {
		expect(cleanRatings(content, { a: 25, b: 100, other: 3 })).toEqual({ a: 25, b: 100 });
		expect(cleanRatings(content, { a: 25 })).toBeNull();
		expect(cleanRatings(content, { a: 25, b: 30 })).toBeNull();
		expect(cleanRatings(content, { a: 25, b: '100' })).toBeNull();
	});
});

describe('the monitor report of an instrument', () => {
	const answers = (position: number, perspective: 'professional' | 'client', values: number[]) =>
		values.map((value) => ({ momentPosition: position, perspective, values: { a: value, b: 100 - value } }));

	it('shows the mean per item only for a group of at least the minimum size, and otherwise only the count', () => {
		const result = summariseInstrument(
			{ key: 'k', content },
			[1, 2],
			[
				...answers(1, 'professional', [0, 25, 50, 75, 100]),
				...answers(1, 'client', [100, 100, 100, 100]),
				...answers(2, 'professional', [50])
			],
			5
		);
		const [t1, t2] = result.moments;
		expect(t1!.perspectives[0]).toEqual({ perspective: 'professional', answered: 5, shown: true, means: { a: 50, b: 50 } });
		expect(t1!.perspectives[1]).toEqual({ perspective: 'client', answered: 4, shown: false, means: {} });
		expect(t2!.perspectives[0]).toEqual({ perspective: 'professional', answered: 1, shown: false, means: {} });
	});

	it('shows no mean for an item fewer than the minimum answered, even in a large enough group (an older version without it)', () => {
		const old = [0, 25, 50, 75].map((value) => ({ momentPosition: 1, perspective: 'professional' as const, values: { a: value } }));
		const result = summariseInstrument(
			{ key: 'k', content },
			[1],
			[...old, { momentPosition: 1, perspective: 'professional', values: { a: 0, b: 0 } }],
			5
		);
		expect(result.moments[0]!.perspectives[0]!.means).toEqual({ a: 30 });
	});
});
