// Makes the web font the pages use: Atkinson Hyperlegible Next (OFL, no reserved name) from the
// self-hosted fontsource package, with its weight axis narrowed to 400–700, the weights the CSS
// uses, and the latin subset split in two (see BASIC). Every character stays; only the unused
// weights go, which more than halves the font a phone downloads on its first visit
// (docs/BENCHMARKS.md, "Bytes a phone downloads").
// Run `node scripts/fonts.mjs` after updating the fontsource package; the output is committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import subsetFont from 'subset-font';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = path.join(ROOT, 'node_modules', '@fontsource-variable', 'atkinson-hyperlegible-next');
const OUT = path.join(ROOT, 'src', 'lib', 'fonts');
export const WEIGHTS = { min: 400, max: 700 };

/** The package's own @font-face rules for the upright font: file and unicode-range per subset. */
function upstreamFaces() {
	const css = fs.readFileSync(path.join(PACKAGE, 'index.css'), 'utf8');
	return [...css.matchAll(/\/\* (atkinson-hyperlegible-next-([\w-]+)-wght-normal) \*\/[\s\S]*?unicode-range: ([^;]+);/g)].map((match) => ({
		file: `${match[1]}.woff2`,
		subset: match[2],
		unicodeRange: match[3].trim()
	}));
}

/** Every code point a unicode-range names. */
function codePoints(unicodeRange) {
	return unicodeRange.split(',').flatMap((part) => {
		const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
		const start = parseInt(from, 16);
		const end = to ? parseInt(to, 16) : start;
		return Array.from({ length: end - start + 1 }, (_, i) => start + i);
	});
}

/** A unicode-range for a sorted list of code points. */
function toUnicodeRange(points) {
	const parts = [];
	for (let i = 0; i < points.length; i++) {
		let j = i;
		while (j + 1 < points.length && points[j + 1] === points[j] + 1) j++;
		const hex = (cp) => cp.toString(16).toUpperCase().padStart(4, '0');
		parts.push(i === j ? `U+${hex(points[i])}` : `U+${hex(points[i])}-${hex(points[j])}`);
		i = j;
	}
	return parts.join(',');
}

/**
 * What almost every page has: ASCII, the no-break space, the letters with accents that Dutch,
 * English, French and German names and words use (één, cliënt, Zoë, François), the middle dot,
 * dashes, quotes, the ellipsis and the euro. The rest of the latin subset (other Latin-1 letters
 * and signs, rare symbols) is a file of its own that a browser fetches only for a page that has
 * one of them, as it does with latin-ext.
 */
const BASIC = new Set(codePoints('U+0000-007F,U+00A0,U+00B7,U+2010-2027,U+20AC,U+FEFF'));
for (const letter of 'àáâäçèéêëíîïñóôöúûüÀÁÂÄÇÈÉÊËÍÎÏÑÓÔÖÚÛÜß') BASIC.add(letter.codePointAt(0));

const upstream = upstreamFaces();
if (upstream.length !== 2) throw new Error(`expected the latin and latin-ext faces in ${PACKAGE}/index.css, found ${upstream.length}`);
const faces = upstream.flatMap((face) => {
	if (face.subset !== 'latin') return [{ ...face, points: codePoints(face.unicodeRange) }];
	const points = codePoints(face.unicodeRange);
	return [
		{ ...face, subset: 'latin-basic', points: points.filter((cp) => BASIC.has(cp)) },
		{ ...face, subset: 'latin-more', points: points.filter((cp) => !BASIC.has(cp)) }
	];
});
const rules = [];
for (const face of faces) {
	const text = String.fromCodePoint(...face.points.filter((cp) => cp >= 0x20));
	const source = fs.readFileSync(path.join(PACKAGE, 'files', face.file));
	const output = await subsetFont(source, text, { targetFormat: 'woff2', variationAxes: { wght: WEIGHTS } });
	const name = `atkinson-hyperlegible-next-${face.subset}-wght-${WEIGHTS.min}-${WEIGHTS.max}.woff2`;
	fs.writeFileSync(path.join(OUT, name), output);
	console.log(`${name}: ${output.length} bytes (from ${face.file}, ${source.length} bytes)`);
	rules.push(`/* ${face.subset}: from ${face.file}, with the weight axis narrowed to ${WEIGHTS.min}–${WEIGHTS.max} */
@font-face {
	font-family: 'Atkinson Hyperlegible Next Variable';
	font-style: normal;
	font-display: swap;
	font-weight: ${WEIGHTS.min} ${WEIGHTS.max};
	src: url('./${name}') format('woff2-variations');
	unicode-range: ${toUnicodeRange(face.points)};
}`);
}
const cssFile = path.join(OUT, 'fonts.css');
const css = `/* Made by scripts/fonts.mjs; do not edit. */\n${rules.join('\n\n')}\n`;
fs.writeFileSync(cssFile, await prettier.format(css, { ...(await prettier.resolveConfig(cssFile)), filepath: cssFile }));
