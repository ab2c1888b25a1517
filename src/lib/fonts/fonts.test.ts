import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';

// The web font is the fontsource font with its weight axis narrowed (scripts/fonts.mjs), to make
// a phone's first visit lighter. These rules keep that from costing a letter or a weight.

const HERE = import.meta.dirname;
const SRC = path.resolve(HERE, '..', '..');
const UPSTREAM = path.resolve(SRC, '..', 'node_modules', '@fontsource-variable', 'atkinson-hyperlegible-next', 'files');
const CSS = readFileSync(path.join(HERE, 'fonts.css'), 'utf8');

interface Face {
	file: string;
	weights: [number, number];
	unicodeRange: string;
}

const faces: Face[] = [...CSS.matchAll(/font-weight: (\d+) (\d+);\s*src: url\('\.\/([^']+)'\)[^;]*;\s*unicode-range:\s*([^;]+);/g)].map(
	(match) => ({
		weights: [Number(match[1]), Number(match[2])],
		file: match[3]!,
		unicodeRange: match[4]!
	})
);

function open(file: string): fontkit.Font {
	return fontkit.create(readFileSync(file)) as fontkit.Font;
}

function codePoints(unicodeRange: string): number[] {
	return unicodeRange.split(',').flatMap((part) => {
		const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
		const start = parseInt(from!, 16);
		const end = to ? parseInt(to, 16) : start;
		return Array.from({ length: end - start + 1 }, (_, i) => start + i);
	});
}

/** Every font-weight the app's styles ask for, as numbers. */
function weightsUsed(): number[] {
	const files = sourceFiles(SRC, (name) => /\.(svelte|css)$/.test(name));
	const values = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/font-weight:\s*([\w-]+)/g)].map((match) => match[1]!));
	return values.map((value) => ({ normal: 400, bold: 700 })[value] ?? Number(value));
}

describe('the web font', () => {
	it('has the latin-ext face and the latin face in two parts', () => {
		expect(faces.map((face) => face.file)).toEqual([
			'atkinson-hyperlegible-next-latin-ext-wght-400-700.woff2',
			'atkinson-hyperlegible-next-latin-basic-wght-400-700.woff2',
			'atkinson-hyperlegible-next-latin-more-wght-400-700.woff2'
		]);
	});

	it('keeps every character of the upstream subsets, each in the face whose range names it', () => {
		const ours = faces.map((face) => ({ font: open(path.join(HERE, face.file)), points: new Set(codePoints(face.unicodeRange)) }));
		for (const subset of ['latin', 'latin-ext']) {
			const upstreamCss = readFileSync(path.join(UPSTREAM, '..', 'index.css'), 'utf8');
			const range = new RegExp(`${subset}-wght-normal \\*/[\\s\\S]*?unicode-range: ([^;]+);`).exec(upstreamCss)![1]!;
			const upstream = open(path.join(UPSTREAM, `atkinson-hyperlegible-next-${subset}-wght-normal.woff2`));
			const missing = codePoints(range).filter(
				(cp) =>
					cp >= 0x20 && upstream.hasGlyphForCodePoint(cp) && !ours.some((face) => face.points.has(cp) && face.font.hasGlyphForCodePoint(cp))
			);
			expect(
				missing.map((cp) => cp.toString(16)),
				subset
			).toEqual([]);
		}
	});

	it('covers every weight the styles use, and still varies between them', () => {
		const used = weightsUsed();
		expect(used.length).toBeGreaterThan(10);
		for (const face of faces) {
			const font = open(path.join(HERE, face.file));
			const axis = font.variationAxes.wght!;
			expect([axis.min, axis.max]).toEqual(face.weights);
			for (const weight of used) expect(weight, `font-weight ${weight}`).toBeGreaterThanOrEqual(axis.min);
			for (const weight of used) expect(weight, `font-weight ${weight}`).toBeLessThanOrEqual(axis.max);
			// The outlines still vary along the axis (fontkit cannot draw a variation of a WOFF2 font).
			const tables = (font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
			expect(Object.keys(tables), face.file).toEqual(expect.arrayContaining(['fvar', 'gvar']));
		}
	});
});
