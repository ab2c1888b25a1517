import { describe, expect, it } from 'vitest';
import { DASHES, layoutChart } from './chart-layout.ts';

describe('layoutChart', () => {
	it('puts each category at its own x and each value on the 0–100 scale', () => {
		const layout = layoutChart({ categories: ['K1', 'K2', 'K3'], series: [{ name: 'a', values: [0, 50, 100] }] });
		const [first, middle, last] = layout.lines[0]!.points;
		expect(first!.y).toBe(layout.plot.bottom);
		expect(last!.y).toBe(layout.plot.top);
		expect(middle!.y).toBe((layout.plot.top + layout.plot.bottom) / 2);
		expect(first!.x).toBeLessThan(middle!.x);
		expect(layout.categories.map((c) => c.x)).toEqual(layout.lines[0]!.points.map((p) => p.x));
		expect(layout.ticks.map((t) => t.value)).toEqual([0, 20, 40, 60, 80, 100]);
	});

	it('leaves a gap where a value is missing or suppressed, instead of drawing through it', () => {
		const layout = layoutChart({ categories: ['a', 'b', 'c', 'd'], series: [{ name: 'x', values: [10, null, 30, 40] }] });
		const path = layout.lines[0]!.path;
		expect(path.match(/M/g)).toHaveLength(2);
		expect(layout.lines[0]!.points).toHaveLength(3);
	});

	it('every series has its own dash pattern, so it reads in black and white', () => {
		const layout = layoutChart({ categories: ['a'], series: DASHES.map((_, i) => ({ name: `${i}`, values: [i] })) });
		expect(new Set(layout.lines.map((l) => l.dash)).size).toBe(DASHES.length);
		expect(layout.categories[0]!.x).toBe((layout.plot.left + layout.plot.right) / 2);
	});
});
