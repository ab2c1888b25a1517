import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../db/schema.ts';
import { woffToSfnt } from './woff.ts';

/**
 * The one place where every PDF of the app gets its fonts and draws text (the conversation
 * report, the trajectory monitor report). Names and answers can hold any letter, so text is
 * drawn in runs, each with the first font of a chain that has its characters:
 *
 * 1. the app's own typeface, Atkinson Hyperlegible Next (fontsource's "latin" and "latin-ext"
 *    files: Dutch, English, Turkish, Polish, Hungarian … "Ayşe", "Łucja", "Őrs");
 * 2. Noto Sans for what Atkinson lacks (Vietnamese, Cyrillic, Greek, Devanagari);
 * 3. Noto Sans Arabic for Arabic script (shaped by fontkit; a run of Arabic is set right to left,
 *    but a line that mixes directions is set run by run from left to right).
 *
 * A character no font has (an emoji, Chinese, Hebrew …) is drawn as "�" and the PDF ends with a
 * note that says so: nothing is refused and no letter disappears without a trace. Invisible
 * format characters (joiners, variation selectors) that no font has are left out.
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
	{ package: '@fontsource/noto-sans-arabic', file: 'noto-sans-arabic-arabic-{weight}-normal.woff' }
];

/** Drawn for a character that no font in the chain has (Noto Sans "latin" has it). */
export const MISSING_CHARACTER = '\uFFFD';
const PRIMARY = 0;

interface LoadedFont {
	/** The name a document registers it under. */
	name: string;
	/** The font file as plain OpenType, read once per process. */
	sfnt: Buffer;
	has: (codePoint: number) => boolean;
	features?: Record<string, boolean>;
}

const loaded = new Map<string, LoadedFont>();
const require = createRequire(import.meta.url);

/** The font at `index` of the chain in `weight`, read on first use (most PDFs need only the first). */
function fontAt(index: number, weight: Weight): LoadedFont {
	const key = `${weight}-${index}`;
	const known = loaded.get(key);
	if (known) return known;
	const entry = CHAIN[index]!;
	const file = require.resolve(`${entry.package}/files/${entry.file.replace('{weight}', weight === 'bold' ? '700' : '400')}`);
	const sfnt = woffToSfnt(fs.readFileSync(file));
	const font = fontkit.create(sfnt) as fontkit.Font;
	const made: LoadedFont = { name: key, sfnt, has: (codePoint) => font.hasGlyphForCodePoint(codePoint), features: entry.features };
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
const SPACE_OR_MARK = /^[\p{Zs}\p{M}]$/u;

/**
 * Splits text into runs that one font can draw. A space or a combining mark stays in the run
 * before it when that font has it (so an Arabic phrase is one right-to-left run, and a mark stays
 * on its letter); line breaks go in the app's own font. `missing` counts the characters drawn as
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

interface DocState {
	locale: Locale;
	registered: Set<string>;
	missing: number;
}

const states = new WeakMap<Doc, DocState>();

function stateOf(doc: Doc): DocState {
	const state = states.get(doc);
	if (!state) throw new Error('not a document made with createPdf');
	return state;
}

/**
 * Registers a font with one document. A fontkit font keeps state from the texts laid out with
 * it: shared between PDFs, a later PDF lost the text of some glyphs (the dotless ı came out as
 * "$"; see reports.pdf.test.ts). So each PDF parses its own copy (cheap: fontkit reads lazily).
 */
function useFont(doc: Doc, name: string): void {
	const state = stateOf(doc);
	if (!state.registered.has(name)) {
		const font = loaded.get(name)!;
		// pdfkit accepts a fontkit font where its types say a path or buffer.
		doc.registerFont(name, fontkit.create(font.sfnt) as unknown as Buffer);
		state.registered.add(name);
	}
	doc.font(name);
}

export interface PdfOptions {
	locale: Locale;
	/** The language of the text, for readers and screen readers ("nl-NL", "en"). */
	lang: string;
	title: string;
	margins: { top: number; bottom: number; left: number; right: number };
	/** Keep every page in memory, to write page numbers at the end. */
	bufferPages?: boolean;
}

export interface Pdf {
	doc: Doc;
	/**
	 * Ends the document: adds the note about characters no font has (when there were any), then
	 * calls `beforeEnd` (page footers), and resolves to the PDF bytes.
	 */
	finish: (beforeEnd?: (doc: Doc) => void) => Promise<Buffer>;
}

/** A new A4 document that can draw text only through `write` (no Helvetica is ever set up). */
export function createPdf(options: PdfOptions): Pdf {
	const primary = fontAt(PRIMARY, 'regular');
	const first = fontkit.create(primary.sfnt);
	const doc = new PDFDocument({
		size: 'A4',
		margins: options.margins,
		bufferPages: options.bufferPages ?? false,
		lang: options.lang,
		displayTitle: true,
		font: first as unknown as string,
		info: { Title: options.title, Author: 'Tweespraak', Creator: 'Tweespraak', Producer: 'Tweespraak (pdfkit)' }
	});
	doc.registerFont(primary.name, first as unknown as Buffer);
	states.set(doc, { locale: options.locale, registered: new Set([primary.name]), missing: 0 });
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const finish = async (beforeEnd?: (doc: Doc) => void) => {
		const state = stateOf(doc);
		if (state.missing > 0) {
			doc.moveDown(1);
			const left = doc.page.margins.left;
			if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
			write(doc, m.pdf_missing_characters({ sign: MISSING_CHARACTER }, { locale: state.locale }), {
				size: 9.5,
				color: '#4a5560',
				x: left,
				y: doc.y,
				width: doc.page.width - left - doc.page.margins.right
			});
		}
		beforeEnd?.(doc);
		doc.end();
		return ended;
	};
	return { doc, finish };
}

export interface WriteOptions {
	weight?: Weight;
	size?: number;
	color?: string;
	width?: number;
	/** Keep writing on the same line with the next write. */
	continued?: boolean;
	x?: number;
	y?: number;
	/** Indents the first line (pdfkit's `indent`). */
	indent?: number;
	paragraphGap?: number;
	lineGap?: number;
}

/** Writes text in the runs its characters need; continues a line when asked. */
export function write(doc: Doc, text: string, options: WriteOptions = {}): void {
	const { runs, missing } = splitIntoRuns(text === '' ? ' ' : text, options.weight ?? 'regular');
	stateOf(doc).missing += missing;
	runs.forEach((run, index) => {
		useFont(doc, run.font);
		doc.fontSize(options.size ?? 11).fillColor(options.color ?? '#1b1f24');
		const textOptions: PDFKit.Mixins.TextOptions = {
			continued: index < runs.length - 1 || options.continued === true,
			width: options.width,
			paragraphGap: options.paragraphGap ?? 0,
			lineGap: options.lineGap ?? 1.5,
			// pdfkit hands these to fontkit, which also takes { feature: false } (its types say a list).
			features: (loaded.get(run.font)?.features ?? []) as PDFKit.Mixins.TextOptions['features']
		};
		if (index === 0 && options.indent !== undefined) textOptions.indent = options.indent;
		if (index === 0 && options.x !== undefined && options.y !== undefined) doc.text(run.text, options.x, options.y, textOptions);
		else doc.text(run.text, textOptions);
	});
}

/**
 * About how high `text` comes out at `width`, to keep a table row or a heading on one page.
 * Measured in the app's own font, with each character it lacks counted as an "m" (or as its
 * base letter, for an accented Latin one), so a row is rather too high than too low.
 */
export function heightOf(doc: Doc, text: string, options: { weight?: Weight; size?: number; width: number; lineGap?: number }): number {
	const primary = fontAt(PRIMARY, options.weight ?? 'regular');
	let measured = '';
	for (const char of text.normalize('NFC')) {
		if (char === '\n' || primary.has(char.codePointAt(0)!)) measured += char;
		else {
			const base = char.normalize('NFD')[0]!;
			measured += base !== char && primary.has(base.codePointAt(0)!) ? base : 'm';
		}
	}
	useFont(doc, primary.name);
	return doc.fontSize(options.size ?? 11).heightOfString(measured, { width: options.width, lineGap: options.lineGap ?? 1.5 });
}
