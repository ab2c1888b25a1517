import { describe, expect, it } from 'vitest';
import { countNamedItems, itemKey, namedItems, summariseEvaluations, visibleFunctionGroups } from './trajectories.report.counts.ts';

const answer = (position: number, personal: string | null, team: string | null = null) => ({
	position,
	barriers: { personal, team, organisation: null },
	resources: { personal: null, team: null, organisation: null }
});

describe('named barriers and resources', () => {
	it('each line of a field is one item, without bullets or numbering', () => {
		expect(namedItems('- Werkdruk\n• Tijd nemen\r\n2. Wachtlijsten;  Veranderingen in personeel\n\n')).toEqual([
			'Werkdruk',
			'Tijd nemen',
			'Wachtlijsten',
			'Veranderingen in personeel'
		]);
		expect(namedItems(null)).toEqual([]);
	});

	it('the same words are one item, whatever the capitals, spacing or end punctuation', () => {
		expect(itemKey('  Werkdruk. ')).toBe(itemKey('werkdruk'));
		expect(itemKey('Geen  ruimte voor supervisie!')).toBe(itemKey('geen ruimte voor supervisie'));
		expect(itemKey('Werkdruk/tijd')).not.toBe(itemKey('Werkdruk'));
	});

	it('counts per level and moment how many participants named an item, and the change from one moment to the next (seed: "n=5")', () => {
		const counts = countNamedItems(
			[
				answer(1, 'Werkdruk\nAngst geen goede hulpverlener te zijn'),
				answer(1, 'werkdruk.', 'Werkdruk'),
				answer(2, 'Werkdruk'),
				answer(2, 'Tijd nemen\nWerkdruk\nwerkdruk'),
				answer(2, 'Werkdruk'),
				answer(3, 'Werkdruk')
			],
			[1, 2]
		);
		expect(counts.positions).toEqual([1, 2]);
		expect(counts.barriers).toEqual([
			{ label: 'Werkdruk', level: 'personal', perMoment: [2, 3], changes: [1] },
			{ label: 'Angst geen goede hulpverlener te zijn', level: 'personal', perMoment: [1, 0], changes: [-1] },
			{ label: 'Tijd nemen', level: 'personal', perMoment: [0, 1], changes: [1] },
			{ label: 'Werkdruk', level: 'team', perMoment: [1, 0], changes: [-1] }
		]);
		expect(counts.resources).toEqual([]);
	});
});

describe('buddy evaluation summary', () => {
	it('counts every rating but quotes only those who allowed it, in alphabetical order', () => {
		const summary = summariseEvaluations([
			{ valuable: 'yes', whatHelped: 'Zo fijn', tips: null, quoteAllowed: true },
			{ valuable: 'yes', whatHelped: 'Alertheid', tips: 'Een teaser tussendoor', quoteAllowed: true },
			{ valuable: 'no', whatHelped: 'Geheim', tips: 'Geheime tip', quoteAllowed: false }
		]);
		expect(summary).toEqual({
			counts: { no: 1, somewhat: 0, yes: 2 },
			quotes: { whatHelped: ['Alertheid', 'Zo fijn'], tips: ['Een teaser tussendoor'] }
		});
	});
});

describe('split per function', () => {
	const people = (groups: Record<string, number>) =>
		new Map(
			Object.entries(groups).flatMap(([functionId, n]) =>
				Array.from({ length: n }, (_, i) => [`${functionId}-${i}`, functionId === 'none' ? null : functionId] as const)
			)
		);

	it('a function is shown only when its group has at least the minimum group size', () => {
		expect(visibleFunctionGroups(people({ a: 5, b: 6 }), 5)).toEqual(new Set(['a', 'b']));
		expect(visibleFunctionGroups(people({ a: 4 }), 5)).toEqual(new Set());
	});

	it('when the hidden groups together are too small, another group is hidden too, so no one can subtract them', () => {
		// Shown a (7) and the total (10): b (3) would be total minus a.
		expect(visibleFunctionGroups(people({ a: 7, b: 3 }), 5)).toEqual(new Set());
		// b (3) and c (2) together are 5: safe as a remainder.
		expect(visibleFunctionGroups(people({ a: 7, b: 3, c: 2 }), 5)).toEqual(new Set(['a']));
		// Participants without a function are a hidden group of their own.
		expect(visibleFunctionGroups(people({ a: 6, b: 5, none: 1 }), 5)).toEqual(new Set(['a']));
	});

	it('a larger minimum group size hides more', () => {
		expect(visibleFunctionGroups(people({ a: 6, b: 6 }), 6)).toEqual(new Set(['a', 'b']));
		expect(visibleFunctionGroups(people({ a: 6, b: 6 }), 7)).toEqual(new Set());
	});
});
