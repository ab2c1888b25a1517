import { describe, expect, it } from 'vitest';
import { SMILEY_FILLS, smileyFace } from './smiley-face.ts';

const faces = [0, 1, 2, 3, 4].map((step) => smileyFace(step, 5));

describe('a child’s smileys', () => {
	it('run from a sad face to a broad smile, each happier than the one before', () => {
		expect(faces[0]!.mood).toBe(-1);
		expect(faces[4]!.mood).toBe(1);
		for (let i = 1; i < faces.length; i++) expect(faces[i]!.mood).toBeGreaterThan(faces[i - 1]!.mood);
	});

	it('draw the lowest with its mouth bent down (sad, not angry) and the highest bent up', () => {
		const bend = (path: string) => {
			const [, cornerY, middleY] = /M -5\.5 (-?[\d.]+) Q 0 (-?[\d.]+) 5\.5 (-?[\d.]+)/.exec(path)!.map(Number);
			return (middleY ?? 0) - (cornerY ?? 0);
		};
		expect(bend(faces[0]!.mouth)).toBeLessThan(0);
		expect(bend(faces[2]!.mouth)).toBeCloseTo(0);
		expect(bend(faces[4]!.mouth)).toBeGreaterThan(0);
	});

	it('give each of five smileys its own colour, warm for the lowest', () => {
		expect(new Set(faces.map((face) => face.fill)).size).toBe(5);
		expect(faces[0]!.fill).toBe(SMILEY_FILLS[0]);
	});

	it('fit any number of smileys, a single one in the middle', () => {
		expect(smileyFace(0, 1).mood).toBe(0);
		expect(smileyFace(2, 3).mood).toBe(1);
	});
});
