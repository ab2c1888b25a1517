import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff.ts';

/**
 * The fonts of every PDF (pdf.ts draws with them). Names and answers can hold any letter, so
 * text is drawn in runs, each with the first font of a chain that has its characters:
 *
 * 1. the app's own typeface, Atkinson Hyperlegible Next (fontsource's "latin" and "latin-ext"
 *    files: Dutch, English, Turkish, Polish, Hungarian … "Ayşe", "Łucja", "Őrs");
 * 2. Noto Sans for what Atkinson lacks (Vietnamese, Cyrillic, Greek, Devanagari);
 * 3. Noto Sans Arabic for Arabic script (shaped by fontkit: joined letter forms).
 *
 * A character no font has (an emoji, Chinese, Hebrew …) is drawn as "�"; invisible format
 * characters (joiners, variation selectors) that no font has are left out.
 * The fonts come from npm packages in node_modules, never from another host.
 */

export type Weight = 'regular' | 'bold';

interface FontFile {
	/** The package and the file name in its files/ folder, with {weight} for 400 or 700. */
	package: string;
	file: string;
	/**
	 * Arabic and Devanagari need every shaping feature. For the alphabets, Noto's "ccmp" would split
	 * a letter like "ị" into "i" and a dot glyph that maps to no character, which pdf.js (Firefox)
	 * then extracts as a control character; their precomposed glyphs look the same without it.
	 */
	features?: Record<string, boolean>;
}

const CHAIN: readonly FontFile[] = [
	{ package: '@fontsource/atkinson-hyperlegible-next', file: 'atkinson-hyperlegible-next-latin-{weight}-normal.woff' },
	{ package: '@fontsource/atkinson-hyperlegible-next', file: 'atkinson-hyperlegible-next-latin-ext-{weight}-normal.woff' },
	...['latin', 'latin-ext', 'vietnamese', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext'].map((subset) => ({
		package: '@fontsource/noto-sans',
		file: `noto-sans-${subset}-{weight}-normal.woff`,
		features: { ccmp: false }
	})),
	{ package: '@fontsource/noto-sans', file: 'noto-sans-devanagari-{weight}-normal.woff' },
	{ package: '@fontsource/noto-sans-arabic', file: 'noto-sans-arabic-arabic-{weight}-normal.woff', features: { ccmp: false } }
];

/** Drawn for a character that no font in the chain has (Noto Sans "latin" has it). */
export const MISSING_CHARACTER = '\uFFFD';
/** The chain's first font: the app's own typeface. */
export const PRIMARY = 0;

export interface LoadedFont {
	/** The name a document registers it under. */
	name: string;
	/** The font file as plain OpenType, read once per process. */
	sfnt: Buffer;
	has: (codePoint: number) => boolean;
	features?: Record<string, boolean>;
	/** Ascent and line height (ascent, descent and gap) per point of size. */
	ascent: number;
	lineHeight: number;
}

const loaded = new Map<string, LoadedFont>();
const require = createRequire(import.meta.url);

/** The font at `index` of the chain in `weight`, read on first use (most PDFs need only the first). */
export function fontAt(index: number, weight: Weight): LoadedFont {
	const key = `${weight}-${index}`;
	const known = loaded.get(key);
	if (known) return known;
	const entry = CHAIN[index]!;
	const file = require.resolve(`${entry.package}/files/${entry.file.replace('{weight}', weight === 'bold' ? '700' : '400')}`);
	const sfnt = woffToSfnt(fs.readFileSync(file));
	const font = fontkit.create(sfnt) as fontkit.Font;
	const made: LoadedFont = {
		name: key,
		sfnt,
		has: (codePoint) => font.hasGlyphForCodePoint(codePoint),
		features: entry.features,
		ascent: font.ascent / font.unitsPerEm,
		lineHeight: (font.ascent - font.descent + font.lineGap) / font.unitsPerEm
	};
	loaded.set(key, made);
	return made;
}

/** The first font of the chain that draws `codePoint`, or undefined when none does. */
function firstFontFor(codePoint: number, weight: Weight): LoadedFont | undefined {
	for (let index = 0; index < CHAIN.length; index++) {
		const font = fontAt(index, weight);
		if (font.has(codePoint)) return font;
	}
	return undefined;
}

export interface Run {
	/** The registered name of the font that draws this run. */
	font: string;
	text: string;
}

const INVISIBLE = /^[\p{Cf}\p{Cc}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u;
/** Kept in the font of the run before it when that font has it: one baseline and one look for "Код: 12." */
const SPACE_OR_MARK = /^[\p{Zs}\p{M}\p{P}\p{N}]$/u;

/**
 * Splits text into runs that one font can draw. A space, a combining mark, a punctuation mark
 * or a digit stays in the run before it when that font has it (so an Arabic phrase is one run, a
 * mark stays on its letter, and a Ukrainian sentence keeps its commas in its own font); line
 * breaks go in the app's own font. `missing` counts the characters drawn as
 * "�" because no font has them.
 */
export function splitIntoRuns(text: string, weight: Weight): { runs: Run[]; missing: number } {
	const runs: Run[] = [];
	let missing = 0;
	const add = (font: LoadedFont, char: string) => {
		const last = runs.at(-1);
		if (last && last.font === font.name) last.text += char;
		else runs.push({ font: font.name, text: char });
	};
	for (const char of text.normalize('NFC')) {
		if (char === '\n') {
			add(fontAt(PRIMARY, weight), char);
			continue;
		}
		const codePoint = char === '\t' ? 0x20 : char.codePointAt(0)!;
		const drawn = String.fromCodePoint(codePoint);
		const last = runs.at(-1);
		const current = last ? loaded.get(last.font) : undefined;
		if (current && SPACE_OR_MARK.test(drawn) && current.has(codePoint)) {
			add(current, drawn);
			continue;
		}
		const font = firstFontFor(codePoint, weight);
		if (font) add(font, drawn);
		else if (!INVISIBLE.test(drawn)) {
			missing++;
			add(firstFontFor(MISSING_CHARACTER.codePointAt(0)!, weight)!, MISSING_CHARACTER);
		}
	}
	return { runs, missing };
}

type Doc = PDFKit.PDFDocument;

/** The fonts each document has registered, by name. */
const registered = new WeakMap<Doc, Set<string>>();

/** A new document's default font: the app's own in its regular weight, parsed for that document. */
export function openFirstFont(): { name: string; font: ReturnType<typeof fontkit.create> } {
	const primary = fontAt(PRIMARY, 'regular');
	return { name: primary.name, font: fontkit.create(primary.sfnt) };
}

/** Registers the default font a document was made with (openFirstFont). */
export function registerFirstFont(doc: Doc, first: ReturnType<typeof openFirstFont>): void {
	doc.registerFont(first.name, first.font as unknown as Buffer);
	registered.set(doc, new Set([first.name]));
}

/**
 * Sets a font of the chain, registering it with the document first. A fontkit font keeps state
 * from the texts laid out with it: shared between PDFs, a later PDF lost the text of some glyphs
 * (the dotless ı came out as "$"; see reports.pdf.test.ts). So each PDF parses its own copy
 * (cheap: fontkit reads lazily).
 */
export function useFont(doc: Doc, name: string): void {
	const names = registered.get(doc);
	if (!names) throw new Error('not a document made with createPdf');
	if (!names.has(name)) {
		const font = loaded.get(name)!;
		// pdfkit accepts a fontkit font where its types say a path or buffer.
		doc.registerFont(name, fontkit.create(font.sfnt) as unknown as Buffer);
		names.add(name);
	}
	doc.font(name);
}

/** The shaping features a font is drawn with. */
export function featuresOf(font: string): PDFKit.Mixins.TextOptions['features'] {
	return (loaded.get(font)?.features ?? []) as PDFKit.Mixins.TextOptions['features'];
}

/** A font's ascent and line height at a size. */
export function fontMetrics(style: { font: string; size: number }): { ascent: number; height: number } {
	const font = loaded.get(style.font)!;
	return { ascent: font.ascent * style.size, height: font.lineHeight * style.size };
}
