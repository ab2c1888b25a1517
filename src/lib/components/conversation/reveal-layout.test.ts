import { describe, expect, it } from 'vitest';
import { extent, labelAnchor, labelWidth, layoutMarkers, markerStyle, MARKER_SHAPES, shapePoints, shortLabel } from './reveal-layout.ts';

describe('markerStyle', () => {
	it('gives the first six parties six different shapes and six different colours', () => {
		const styles = [0, 1, 2, 3, 4, 5].map(markerStyle);
		expect(new Set(styles.map((s) => s.shape)).size).toBe(6);
		expect(new Set(styles.map((s) => s.tone)).size).toBe(6);
	});

	it('gives a party the same marker every time it is asked', () => {
		expect(markerStyle(2)).toEqual(markerStyle(2));
	});

	it('never fails on an odd index', () => {
		expect(markerStyle(-1)).toEqual({ shape: 'circle', tone: 0 });
		expect(MARKER_SHAPES).toContain(markerStyle(7.5).shape);
	});
});

describe('layoutMarkers', () => {
	/** Parties p0, p1, … with labels of `letters` letters (about 2.6 points of the line each). */
	const place = (values: number[], letters = 8) =>
		layoutMarkers(
			values.map((value, i) => ({ partyId: `p${i}`, value })),
			new Map(values.map((_, i) => [`p${i}`, 'x'.repeat(letters)]))
		);

	it('keeps markers far apart in one lane', () => {
		const { markers, lanes } = place([10, 50, 90]);
		expect(lanes).toBe(1);
		expect(markers.map((m) => m.lane)).toEqual([0, 0, 0]);
	});

	it('moves a marker whose label would touch another one to the next lane, so neither hides the other', () => {
		const { markers, lanes } = place([60, 70]);
		expect(lanes).toBe(2);
		expect(markers.map((m) => m.lane)).toEqual([0, 1]);
	});

	it('counts a label at the end of the line as reaching to the left', () => {
		// 90 is labelled to its left (anchor end), so it reaches back towards 65.
		expect(place([65, 90]).lanes).toBe(2);
		expect(place([40, 90]).lanes).toBe(1);
	});

	it('lets short labels lie closer together than long ones', () => {
		expect(place([50, 62], 2).lanes).toBe(1);
		expect(place([50, 62], 10).lanes).toBe(2);
	});

	it('puts equal values in separate lanes in the order of the parties', () => {
		const { markers } = place([50, 50, 50]);
		expect(markers.map((m) => [m.partyId, m.lane])).toEqual([
			['p0', 0],
			['p1', 1],
			['p2', 2]
		]);
	});

	it('reuses the first lane once there is room again', () => {
		const { markers, lanes } = place([20, 30, 60]);
		expect(markers.map((m) => m.lane)).toEqual([0, 1, 0]);
		expect(lanes).toBe(2);
	});

	it('returns the markers in the order of the parties, whatever their values', () => {
		expect(place([90, 0, 50]).markers.map((m) => m.partyId)).toEqual(['p0', 'p1', 'p2']);
	});

	it('keeps positions on the line even for values out of range', () => {
		expect(place([-5, 130]).markers.map((m) => m.position)).toEqual([0, 100]);
	});

	it('has one empty lane when nobody rated', () => {
		expect(layoutMarkers([])).toEqual({ markers: [], lanes: 1 });
	});
});

describe('extent and labelWidth', () => {
	it('takes up the label on the side it is anchored to', () => {
		expect(extent(50, 20)).toEqual([40, 60]);
		expect(extent(0, 20)[1]).toBe(20);
		expect(extent(100, 20)[0]).toBe(80);
	});

	it('is never narrower than the marker itself', () => {
		expect(labelWidth('')).toBeGreaterThan(0);
		expect(labelWidth('Marie (jij)')).toBeGreaterThan(labelWidth('Sam'));
	});
});

describe('labelAnchor', () => {
	it('keeps labels at the ends of the line on the screen', () => {
		expect(labelAnchor(0)).toBe('start');
		expect(labelAnchor(50)).toBe('middle');
		expect(labelAnchor(100)).toBe('end');
	});
});

describe('shortLabel', () => {
	it('shortens long names with an ellipsis and keeps short ones', () => {
		expect(shortLabel('Marie')).toBe('Marie');
		expect(shortLabel('Alexandra-Wilhelmina', 8)).toBe('Alexand…');
	});
});

describe('shapePoints', () => {
	it('draws polygons with the right number of corners', () => {
		expect(shapePoints('triangle', 10).split(' ')).toHaveLength(3);
		expect(shapePoints('diamond', 10).split(' ')).toHaveLength(4);
		expect(shapePoints('hexagon', 10).split(' ')).toHaveLength(6);
		expect(shapePoints('star', 10).split(' ')).toHaveLength(10);
	});
});
