import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

/**
 * Geometry of a line chart (d3-scale and d3-shape; no DOM): one x position per category, values
 * on a fixed 0–100 scale, a path per series with gaps where a value is missing or suppressed.
 * Pure, so the component only draws, and the same drawing comes out on the server and in the
 * browser.
 */

export interface ChartSeries {
	name: string;
	values: readonly (number | null)[];
}

export interface ChartLayout {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	ticks: { value: number; y: number }[];
	categories: { label: string; x: number }[];
	lines: { name: string; path: string; points: { x: number; y: number; value: number }[]; dash: string }[];
}

/** Each series also differs by dash, so the chart reads in black and white (print). */
export const DASHES = ['', '8 5', '2 5', '12 4 2 4', '4 3', '1 3'] as const;

export function layoutChart(input: {
	categories: readonly string[];
	series: readonly ChartSeries[];
	domain?: readonly [number, number];
	width?: number;
	height?: number;
}): ChartLayout {
	const width = input.width ?? 640;
	const height = input.height ?? 260;
	const [min, max] = input.domain ?? [0, 100];
	const plot = { left: 44, right: width - 24, top: 16, bottom: height - 40 };
	const x = scalePoint<number>()
		.domain(input.categories.map((_, i) => i))
		.range([plot.left, plot.right])
		.padding(input.categories.length === 1 ? 1 : 0.3);
	const y = scaleLinear().domain([min, max]).range([plot.bottom, plot.top]).clamp(true);
	const draw = line<number | null>()
		.defined((value) => value !== null)
		.x((_, i) => x(i) ?? plot.left)
		.y((value) => y(value ?? 0));
	return {
		width,
		height,
		plot,
		ticks: y.ticks(4).map((value) => ({ value, y: y(value) })),
		categories: input.categories.map((label, i) => ({ label, x: x(i) ?? plot.left })),
		lines: input.series.map((series, index) => ({
			name: series.name,
			path: draw([...series.values]) ?? '',
			points: series.values.flatMap((value, i) => (value === null ? [] : [{ x: x(i) ?? plot.left, y: y(value), value }])),
			dash: DASHES[index % DASHES.length]!
		}))
	};
}
