import { describe, expect, it } from 'vitest';
import type { InstrumentContent } from '../instruments/instruments.models.ts';
import {
	cleanRatings,
	groupVersionsByScale,
	pairedChange,
	summariseInstrument,
	type InstrumentAnswer
} from './trajectories.instruments.models.ts';

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
		values.map((value, i) => ({ participantId: `p${i}`, momentPosition: position, perspective, values: { a: value, b: 100 - value } }));

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
		const old = [0, 25, 50, 75].map((value, i) => ({
			participantId: `p${i}`,
			momentPosition: 1,
			perspective: 'professional' as const,
			values: { a: value }
		}));
		const result = summariseInstrument(
			{ key: 'k', content },
			[1],
			[...old, { participantId: 'p9', momentPosition: 1, perspective: 'professional', values: { a: 0, b: 0 } }],
			5
		);
		expect(result.moments[0]!.perspectives[0]!.means).toEqual({ a: 30 });
	});
});

describe("an instrument's versions in the monitor report", () => {
	const version = (n: number, changes: Partial<InstrumentContent> = {}) => ({
		id: `v${n}`,
		key: 'k',
		version: n,
		content: { ...content, ...changes }
	});

	it('counts versions that ask the same together, as the newest asks, and a version with another line or other items apart', () => {
		const otherLine = { scale: { ...content.scale, points: 2 } };
		const otherItems = { items: content.items.slice(0, 1) };
		const otherName = { name: text('Vier vragen, nieuw') };
		const groups = groupVersionsByScale([version(4, otherItems), version(2, otherName), version(3, otherLine), version(1)]);
		expect(groups.map((group) => [group.instrument.version, group.ids])).toEqual([
			[2, ['v1', 'v2']],
			[3, ['v3']],
			[4, ['v4']]
		]);
		const reworded = { items: content.items.map((item, i) => (i === 0 ? { ...item, label: text('anders') } : item)) };
		expect(groupVersionsByScale([version(1), version(2, reworded)])).toHaveLength(2);
	});
});

describe('the change from T1 to T2 in the monitor report', () => {
	const answer = (
		participantId: string,
		position: number,
		values: Record<string, number>,
		perspective: 'professional' | 'client' = 'professional'
	): InstrumentAnswer => ({
		participantId,
		momentPosition: position,
		perspective,
		values
	});
	const people = ['p1', 'p2', 'p3', 'p4', 'p5'];

	it("is each person's later answer minus their own earlier one, per item and over all items", () => {
		const t1 = people.map((p, i) => answer(p, 1, { a: 25 * (i % 2), b: 50 }));
		const t2 = people.map((p, i) => answer(p, 2, { a: 25 * (i % 2) + 50, b: 25 }));
		const change = pairedChange(['a', 'b'], t1, t2, 'professional', 5);
		expect(change).toEqual({ perspective: 'professional', paired: 5, shown: true, hidden: null, overall: 12.5, items: { a: 50, b: -25 } });
	});

	it('counts only people who answered both moments: those who joined or left in between do not move the change', () => {
		const others = (prefix: string) => people.map((p) => `${prefix}-${p}`);
		const t1 = [...people.map((p) => answer(p, 1, { a: 50, b: 50 })), ...others('left').map((p) => answer(p, 1, { a: 0, b: 0 }))];
		const t2 = [...people.map((p) => answer(p, 2, { a: 75, b: 50 })), ...others('joined').map((p) => answer(p, 2, { a: 100, b: 100 }))];
		const change = pairedChange(['a', 'b'], t1, t2, 'professional', 5);
		// Unpaired means would say a: 25 → 87.5; paired, each of the five went from 50 to 75.
		expect(change).toMatchObject({ paired: 5, shown: true, hidden: null, items: { a: 25, b: 0 }, overall: 12.5 });
	});

	it("is not shown when one to minimum − 1 people answered a moment but not both: beside that moment's mean it would give their answers away", () => {
		// The outside review's case: six answered T1, five of them T2. 6 × mean T1 − (5 × mean T2 − 5 × change) = the sixth's answer.
		const t1 = [...people.map((p) => answer(p, 1, { a: 50, b: 50 })), answer('sixth', 1, { a: 90, b: 90 })];
		const t2 = people.map((p) => answer(p, 2, { a: 60, b: 60 }));
		expect(pairedChange(['a', 'b'], t1, t2, 'professional', 5)).toEqual({
			perspective: 'professional',
			paired: 5,
			shown: false,
			hidden: 'wouldReveal',
			overall: null,
			items: {}
		});
		// The same one person more at the later moment.
		expect(
			pairedChange(
				['a', 'b'],
				t2.map((a) => ({ ...a, momentPosition: 1 })),
				[...t1].map((a) => ({ ...a, momentPosition: 2 })),
				'professional',
				5
			).hidden
		).toBe('wouldReveal');
	});

	it("hides an item's change where one to minimum − 1 rated that item at a moment but not at both (a conditional question, an older version): beside the item's mean it would give their answer away", () => {
		// Six answered both moments, so the change as a whole may be shown; p1 was not asked item b at T1.
		const six = [...people, 'p6'];
		const t1 = six.map((p, i) => answer(p, 1, i === 0 ? { a: 50 } : { a: 50, b: 50 }));
		const t2 = six.map((p, i) => answer(p, 2, { a: 60, b: i === 0 ? 100 : 60 }));
		const report = summariseInstrument({ key: 'k', content }, [1, 2], [...t1, ...t2], 5);
		const means = (position: number) =>
			report.moments.find((moment) => moment.position === position)!.perspectives.find((p) => p.perspective === 'professional')!.means;
		const change = report.changes[0]!.perspectives.find((p) => p.perspective === 'professional')!;
		// Both moments' means of b are shown (five and six rated it); with b's change over the five
		// pairs, 6 × mean T2 − 5 × (mean T1 + change) would be p1's own answer at T2 (100).
		expect([means(1).b, means(2).b]).toEqual([50, (100 + 5 * 60) / 6]);
		expect(change.items.b).toBeUndefined();
		expect(change).toMatchObject({ paired: 6, shown: true, items: { a: 10 } });
	});

	it('is not shown when fewer than the minimum group size answered both moments, even if each moment had enough', () => {
		const t1 = people.map((p) => answer(p, 1, { a: 50, b: 50 }));
		const t2 = [...people.slice(0, 4), 'p6'].map((p) => answer(p, 2, { a: 100, b: 100 }));
		expect(pairedChange(['a', 'b'], t1, t2, 'professional', 5)).toEqual({
			perspective: 'professional',
			paired: 4,
			shown: false,
			hidden: 'tooFew',
			overall: null,
			items: {}
		});
	});

	it('pairs clients through their participant, apart from the participants themselves', () => {
		const t1 = people.flatMap((p) => [answer(p, 1, { a: 0, b: 0 }, 'client'), answer(p, 1, { a: 100, b: 100 })]);
		const t2 = people.flatMap((p) => [answer(p, 2, { a: 100, b: 50 }, 'client'), answer(p, 2, { a: 100, b: 100 })]);
		expect(pairedChange(['a', 'b'], t1, t2, 'client', 5)).toMatchObject({ paired: 5, items: { a: 100, b: 50 }, overall: 75 });
		expect(pairedChange(['a', 'b'], t1, t2, 'professional', 5)).toMatchObject({ paired: 5, items: { a: 0, b: 0 }, overall: 0 });
	});

	it('hides an item fewer than the minimum rated at both moments (a conditional question), and the overall change tells nothing about it', () => {
		const t1 = people.map((p, i) => answer(p, 1, i === 0 ? { a: 0 } : { a: 0, b: 0 }));
		const t2 = people.map((p) => answer(p, 2, { a: 50, b: 100 }));
		const change = pairedChange(['a', 'b'], t1, t2, 'professional', 5);
		expect(change.items).toEqual({ a: 50 });
		// The mean of the items shown. A mean of each person's own mean change gave (50 + 75 × 4) / 5 = 70,
		// from which the hidden item's change over four people follows: 100.
		expect(change.overall).toBe(50);
	});

	it('the overall change is the mean of the items shown, so it adds nothing to them where one person rated fewer items', () => {
		// Six pairs; p0 was not asked b at either moment (a conditional question); b is shown over five.
		const six = [...people, 'p-extra'];
		const t1 = six.map((p, i) => answer(p, 1, i === 0 ? { a: 0 } : { a: 0, b: 0 }));
		const t2 = six.map((p, i) => answer(p, 2, i === 0 ? { a: 80 } : { a: 20, b: 60 }));
		const change = pairedChange(['a', 'b'], t1, t2, 'professional', 5);
		expect(change.items).toEqual({ a: (80 + 20 * 5) / 6, b: 60 });
		// Per person's own mean it would be (80 + 40 × 5) / 6, which beside a and b gives p0's own change.
		expect(change.overall).toBe(((80 + 20 * 5) / 6 + 60) / 2);
	});

	it('the report has one change per pair of consecutive moments with the instrument', () => {
		const t1 = people.map((p) => answer(p, 1, { a: 0, b: 0 }));
		const t3 = people.map((p) => answer(p, 3, { a: 100, b: 100 }));
		const result = summariseInstrument({ key: 'k', content }, [3, 1], [...t1, ...t3], 5);
		expect(result.changes.map((c) => [c.from, c.to, c.perspectives.map((p) => [p.perspective, p.paired, p.overall])])).toEqual([
			[
				1,
				3,
				[
					['professional', 5, 100],
					['client', 0, null]
				]
			]
		]);
	});
});

describe('ratings of an instrument with a conditional question (enableWhen)', () => {
	const conditional = {
		...content,
		items: [
			content.items[0]!,
			{
				...content.items[1]!,
				enableWhen: { behavior: 'all' as const, conditions: [{ question: 'a', operator: '>=' as const, value: 75 }] }
			}
		]
	} as InstrumentContent;

	it('the conditional item is required only when its condition holds, and dropped when it does not', () => {
		expect(cleanRatings(conditional, { a: 100 })).toBeNull();
		expect(cleanRatings(conditional, { a: 100, b: 25 })).toEqual({ a: 100, b: 25 });
		expect(cleanRatings(conditional, { a: 50 })).toEqual({ a: 50 });
		expect(cleanRatings(conditional, { a: 50, b: 25 })).toEqual({ a: 50 });
		// Off the line is refused when asked, as before.
		expect(cleanRatings(conditional, { a: 100, b: 30 })).toBeNull();
	});
});
