import { describe, expect, it } from 'vitest';
import { combineGroups, effectiveMinGroupSize, isSafeGroup, NO_TEAM, suppressEquation, type GroupSize } from './insights.policy.ts';

const group = (collaborations: number, maxHolder = 1): GroupSize => ({ collaborations, maxHolder });
const cells = (entries: Record<string, GroupSize>) => new Map(Object.entries(entries));

describe('minimum group size', () => {
	it('is never below 5, whatever the organisation set', () => {
		expect(effectiveMinGroupSize(2)).toBe(5);
		expect(effectiveMinGroupSize(0)).toBe(5);
		expect(effectiveMinGroupSize(Number.NaN)).toBe(5);
		expect(effectiveMinGroupSize(undefined)).toBe(5);
		expect(effectiveMinGroupSize(8)).toBe(8);
	});
});

describe('isSafeGroup', () => {
	it('a figure resting on fewer collaborations than the minimum is not shown', () => {
		for (let n = 0; n < 5; n++) expect(isSafeGroup(group(n), 5), `${n}`).toBe(false);
		expect(isSafeGroup(group(5), 5)).toBe(true);
		expect(isSafeGroup(group(9), 10)).toBe(false);
	});

	it('a group one professional holds entirely may be shown: they know it all already, others see only a total', () => {
		expect(isSafeGroup(group(6, 6), 5)).toBe(true);
	});

	it('a group is not shown when its largest holder, subtracting their own, would see fewer others than one member of a minimal group does', () => {
		expect(isSafeGroup(group(7, 4), 5)).toBe(false); // 3 others
		expect(isSafeGroup(group(8, 4), 5)).toBe(true); // 4 others, as for anyone in a group of 5
		expect(isSafeGroup(group(6, 5), 5)).toBe(false); // 1 other
	});

	it('every size and holder share follows the rule', () => {
		for (let n = 0; n <= 20; n++) {
			for (let max = 1; max <= n; max++) {
				const rest = n - max;
				expect(isSafeGroup(group(n, max), 5), `${n}/${max}`).toBe(n >= 5 && (rest === 0 || rest >= 4));
			}
		}
	});
});

describe('combineGroups', () => {
	it('adds collaborations and keeps the largest holder share', () => {
		expect(combineGroups([group(3, 2), group(7, 4), group(0, 0)])).toEqual({ collaborations: 10, maxHolder: 4 });
	});
});

describe('suppressEquation', () => {
	it('shows every safe team and the organisation when nothing is hidden', () => {
		const pattern = suppressEquation(cells({ a: group(6), b: group(7) }), 5);
		expect([...pattern.visibleTeams].sort()).toEqual(['a', 'b']);
		expect(pattern.organisationVisible).toBe(true);
	});

	it('hides a small team, and then the smallest other team too, so organisation minus the shown teams reveals no small group', () => {
		const pattern = suppressEquation(cells({ a: group(2), b: group(9), c: group(6), d: group(12) }), 5);
		expect(pattern.visibleTeams).toEqual(new Set(['b', 'd']));
		expect(pattern.organisationVisible).toBe(true);
	});

	it('two small teams that together reach the minimum need no third', () => {
		const pattern = suppressEquation(cells({ a: group(2), b: group(3), c: group(6) }), 5);
		expect(pattern.visibleTeams).toEqual(new Set(['c']));
		expect(pattern.organisationVisible).toBe(true);
	});

	it('collaborations outside any team are never shown alone and are protected like a small team', () => {
		const pattern = suppressEquation(cells({ [NO_TEAM]: group(1), a: group(6), b: group(8) }), 5);
		expect(pattern.visibleTeams).toEqual(new Set(['b']));
		expect(pattern.organisationVisible).toBe(true);
		expect(suppressEquation(cells({ [NO_TEAM]: group(7), a: group(6) }), 5).visibleTeams).toEqual(new Set(['a']));
	});

	it('hides the organisation when no team is left to hide with a small one', () => {
		const pattern = suppressEquation(cells({ a: group(2), b: group(6) }), 5);
		// Hiding b too leaves a + b = 8, which is safe: b goes, the organisation stays.
		expect(pattern.visibleTeams).toEqual(new Set());
		expect(pattern.organisationVisible).toBe(true);
		const lone = suppressEquation(cells({ a: group(2), b: group(2), [NO_TEAM]: group(0, 0) }), 5);
		expect(lone).toEqual({ visibleTeams: new Set(), organisationVisible: false });
	});

	it('the complement must also survive the largest holder subtracting their own', () => {
		// a is small; b is safe on its own because one professional holds all of it, but a + b
		// leaves that professional only a's 2 to learn: so c, not b, is hidden with a.
		const pattern = suppressEquation(cells({ a: group(2, 1), b: group(6, 6), c: group(10, 2) }), 5);
		expect(pattern.visibleTeams).toEqual(new Set(['b']));
		expect(pattern.organisationVisible).toBe(true);
		// With no such team, the smallest goes and the search goes on.
		const chain = suppressEquation(cells({ a: group(1, 1), b: group(5, 5), c: group(5, 5) }), 5);
		expect(chain).toEqual({ visibleTeams: new Set(), organisationVisible: true });
		const found = suppressEquation(cells({ a: group(1, 1), b: group(5, 5), c: group(5, 5), d: group(30, 3) }), 5);
		expect(found.visibleTeams).toEqual(new Set(['b', 'c']));
	});

	it('is the same whoever asks, and does not depend on the order of the teams', () => {
		const entries: [string, GroupSize][] = [
			['x', group(3)],
			['y', group(6)],
			['z', group(6)],
			['w', group(20, 3)]
		];
		const forward = suppressEquation(new Map(entries), 5);
		const backward = suppressEquation(new Map(entries.toReversed()), 5);
		expect(backward).toEqual(forward);
		expect(forward.visibleTeams).toEqual(new Set(['z', 'w']));
	});
});

describe('the subtraction attack', () => {
	/** A small deterministic generator (mulberry32), so a failure can be replayed. */
	function random(seed: number) {
		return () => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}

	it('over 2 000 random organisations, whatever is shown never lets anyone compute a group that may not be shown', () => {
		const next = random(42);
		for (let round = 0; round < 2000; round++) {
			const k = 5 + Math.floor(next() * 4);
			const teams = new Map<string, GroupSize>();
			const count = 1 + Math.floor(next() * 6);
			for (let i = 0; i < count; i++) {
				const collaborations = Math.floor(next() * 14);
				teams.set(`t${i}`, { collaborations, maxHolder: collaborations === 0 ? 0 : 1 + Math.floor(next() * collaborations) });
			}
			if (next() < 0.5) teams.set(NO_TEAM, { collaborations: Math.floor(next() * 4), maxHolder: 1 });
			const pattern = suppressEquation(teams, k);
			const label = `round ${round}: ${JSON.stringify([...teams])}, k=${k}`;
			expect(pattern.visibleTeams.has(NO_TEAM), label).toBe(false);
			for (const teamId of pattern.visibleTeams) expect(isSafeGroup(teams.get(teamId)!, k), label).toBe(true);
			if (pattern.organisationVisible) {
				expect(isSafeGroup(combineGroups(teams.values()), k), label).toBe(true);
				// Organisation minus every shown team = the hidden teams together.
				const derivable = combineGroups([...teams].filter(([id]) => !pattern.visibleTeams.has(id)).map(([, g]) => g));
				expect(derivable.collaborations === 0 || isSafeGroup(derivable, k), label).toBe(true);
			}
		}
	});
});
