import fs from 'node:fs';
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { directionOf } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '../db/schema.ts';
import { woffToSfnt } from './woff.ts';

/**
 * The one place where every PDF of the app gets its fonts and draws text (the conversation
 * report, the trajectory monitor report). Names and answers can hold any letter, so text is
 * drawn in runs, each with the first font of a chain that has its characters:
 *
 * 1. the app's own typeface, Atkinson Hyperlegible Next (fontsource's "latin" and "latin-ext"
 *    files: Dutch, English, Turkish, Polish, Hungarian … "Ayşe", "Łucja", "Őrs");
 * 2. Noto Sans for what Atkinson lacks (Vietnamese, Cyrillic, Greek, Devanagari);
 * 3. Noto Sans Arabic for Arabic script (shaped by fontkit: joined letter forms).
 *
 * Right to left (docs/decisions/021, "PDFs"): a document in Arabic sets every paragraph right to
 * left, aligned to the start edge (the right). Any paragraph that holds right-to-left letters, in
 * any document, is laid out here: broken into lines, then each line put in visual order by the
 * Unicode bidirectional algorithm (bidi-js), so "الرمز: K7P-4QX" or "محمد 12" reads as it should;
 * each run of Arabic goes to fontkit in logical order and is shaped there. Callers place boxes
 * with `startX` (start/end, not left/right), so a layout is written once for both directions.
 * A paragraph in a left-to-right document without such letters is set by pdfkit as before.
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
	{ package: '@fontsource/noto-sans-arabic', file: 'noto-sans-arabic-arabic-{weight}-normal.woff', features: { ccmp: false } }
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
	/** Ascent and line height (ascent, descent and gap) per point of size. */
	ascent: number;
	lineHeight: number;
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

interface DocState {
	locale: ClientLocale;
	direction: 'ltr' | 'rtl';
	registered: Set<string>;
	missing: number;
	/** The parts of a line written with `continued`, set together with the part that ends it. */
	pending: { text: string; options: WriteOptions }[];
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

/** The PDF's language for readers and screen readers (BCP 47, no extensions). */
const LANGUAGE_TAGS: Record<ClientLocale, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar', tr: 'tr-TR', pl: 'pl-PL', uk: 'uk-UA' };

export function pdfLanguageTag(locale: ClientLocale): string {
	return LANGUAGE_TAGS[locale];
}

export interface PdfOptions {
	/** The reader's language: the PDF's `lang`, its direction, and the note on missing characters. */
	locale: ClientLocale;
	/** Overrides the language tag derived from `locale`. */
	lang?: string;
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
		lang: options.lang ?? pdfLanguageTag(options.locale),
		displayTitle: true,
		font: first as unknown as string,
		info: { Title: options.title, Author: 'Tweespraak', Creator: 'Tweespraak', Producer: 'Tweespraak (pdfkit)' }
	});
	doc.registerFont(primary.name, first as unknown as Buffer);
	states.set(doc, {
		locale: options.locale,
		direction: directionOf(options.locale),
		registered: new Set([primary.name]),
		missing: 0,
		pending: []
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const finish = async (beforeEnd?: (doc: Doc) => void) => {
		const state = stateOf(doc);
		if (state.pending.length > 0) write(doc, '');
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

/**
 * Writes text in the runs its characters need; continues a line when asked (the parts of a
 * continued line are set together when the last one comes).
 */
export function write(doc: Doc, text: string, options: WriteOptions = {}): void {
	const state = stateOf(doc);
	state.pending.push({ text, options });
	if (options.continued === true) return;
	const parts = state.pending;
	state.pending = [];
	if (state.direction === 'rtl' || parts.some((part) => RIGHT_TO_LEFT_LETTER.test(part.text)))
		writeBidirectional(doc, parts, state.direction);
	else for (const part of parts) writeRuns(doc, part.text, part.options);
}

/** A left-to-right paragraph without right-to-left letters: pdfkit breaks and sets the lines. */
function writeRuns(doc: Doc, text: string, options: WriteOptions): void {
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
			features: featuresOf(run.font)
		};
		if (index === 0 && options.indent !== undefined) textOptions.indent = options.indent;
		if (index === 0 && options.x !== undefined && options.y !== undefined) doc.text(run.text, options.x, options.y, textOptions);
		else doc.text(run.text, textOptions);
	});
}

function featuresOf(font: string): PDFKit.Mixins.TextOptions['features'] {
	return (loaded.get(font)?.features ?? []) as PDFKit.Mixins.TextOptions['features'];
}

const bidi = bidiFactory();
/** Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko … and Arabic presentation forms). */
const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/u;
/** fontkit lays out a run with Arabic letters right to left itself (it reverses the shaped glyphs). */
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

interface Style {
	font: string;
	size: number;
	color: string;
}

/** The text of a paragraph (or a continued line) with, per UTF-16 unit, the style it is drawn in. */
interface Styled {
	text: string;
	styles: Style[];
	styleOf: number[];
}

function styled(doc: Doc, parts: readonly { text: string; options: WriteOptions }[], countMissing: boolean): Styled {
	const result: Styled = { text: '', styles: [], styleOf: [] };
	for (const part of parts) {
		const { runs, missing } = splitIntoRuns(part.text === '' && parts.length === 1 ? ' ' : part.text, part.options.weight ?? 'regular');
		if (countMissing) stateOf(doc).missing += missing;
		for (const run of runs) {
			const id = result.styles.push({ font: run.font, size: part.options.size ?? 11, color: part.options.color ?? '#1b1f24' }) - 1;
			result.text += run.text;
			for (let unit = 0; unit < run.text.length; unit++) result.styleOf.push(id);
		}
	}
	return result;
}

function measure(doc: Doc, style: Style, text: string): number {
	useFont(doc, style.font);
	doc.fontSize(style.size);
	return doc.widthOfString(text, { features: featuresOf(style.font) });
}

/** The width of text[from, to) as drawn, each style's stretch measured in its font (Arabic shaped). */
function widthOf(doc: Doc, laid: Styled, from: number, to: number): number {
	let width = 0;
	for (let start = from; start < to;) {
		let end = start + 1;
		while (end < to && laid.styleOf[end] === laid.styleOf[start]) end++;
		width += measure(doc, laid.styles[laid.styleOf[start]!]!, laid.text.slice(start, end));
		start = end;
	}
	return width;
}

/** Breaks a paragraph text[from, to) into lines at spaces; a word longer than a line is cut. */
function breakLines(doc: Doc, laid: Styled, from: number, to: number, width: number, indent: number): [number, number][] {
	const lines: [number, number][] = [];
	let start = from;
	let end = from;
	let room = width - indent;
	// The width of text[start, end): each word measured once (shaping never joins across a space).
	let used = 0;
	for (const token of laid.text.slice(from, to).matchAll(/\S+\s*|\s+/g)) {
		const tokenStart = from + token.index;
		const tokenEnd = tokenStart + token[0].length;
		const wordEnd = tokenStart + token[0].trimEnd().length;
		const word = widthOf(doc, laid, tokenStart, wordEnd);
		if (end > start && used + word > room) {
			lines.push([start, end]);
			start = tokenStart;
			used = 0;
			room = width;
		}
		while (wordEnd - start > 1 && widthOf(doc, laid, start, wordEnd) > room) {
			let cut = start + 1;
			while (cut < wordEnd && widthOf(doc, laid, start, cut + 1) <= room) cut++;
			lines.push([start, cut]);
			start = cut;
			used = 0;
			room = width;
		}
		end = tokenEnd;
		const spaces = widthOf(doc, laid, wordEnd, tokenEnd);
		used = start < tokenStart ? used + word + spaces : widthOf(doc, laid, start, wordEnd) + spaces;
	}
	lines.push([start, Math.max(start, end)]);
	return lines;
}

interface PlacedRun {
	style: Style;
	/** What fontkit is given: logical order for Arabic (it reverses the shaped glyphs), else visual order. */
	text: string;
	width: number;
	ascent: number;
	height: number;
}

/** One line in visual order: the bidirectional algorithm's reordering, then runs of one style and level. */
function visualRuns(doc: Doc, laid: Styled, levels: ReturnType<typeof bidi.getEmbeddingLevels>, from: number, to: number): PlacedRun[] {
	let end = to;
	while (end > from && /\s/u.test(laid.text[end - 1]!)) end--;
	if (end === from) return [];
	const order = Array.from({ length: end - from }, (_, index) => from + index);
	// Each segment [first, last] is reversed in place, in the order given (UAX #9, L2).
	for (const [first = from, last = first] of bidi.getReorderSegments(laid.text, levels, from, end - 1)) {
		const reversed = order.slice(first - from, last - from + 1).reverse();
		order.splice(first - from, reversed.length, ...reversed);
	}
	const runs: PlacedRun[] = [];
	for (let index = 0; index < order.length;) {
		const style = laid.styleOf[order[index]!]!;
		const level = levels.levels[order[index]!]!;
		let next = index + 1;
		while (next < order.length && laid.styleOf[order[next]!] === style && levels.levels[order[next]!] === level) next++;
		const visual = order.slice(index, next).map((unit) => laid.text[unit]!);
		const text = visual.some((char) => ARABIC_SCRIPT.test(char))
			? visual.toReversed().join('')
			: visual.map((char) => (level % 2 === 1 ? (bidi.getMirroredCharacter(char) ?? char) : char)).join('');
		const font = fontMetrics(laid.styles[style]!);
		runs.push({ style: laid.styles[style]!, text, width: measure(doc, laid.styles[style]!, text), ...font });
		index = next;
	}
	return runs;
}

function fontMetrics(style: Style): { ascent: number; height: number } {
	const font = loaded.get(style.font)!;
	return { ascent: font.ascent * style.size, height: font.lineHeight * style.size };
}

/**
 * Sets a paragraph (or the parts of a continued line) with the bidirectional algorithm: lines
 * broken in logical order, each put in visual order and aligned to the start edge of the box
 * (the right in a right-to-left document), runs sharing one baseline; a new page when the
 * bottom margin is reached, as pdfkit does.
 */
function writeBidirectional(doc: Doc, parts: readonly { text: string; options: WriteOptions }[], direction: 'ltr' | 'rtl'): void {
	const first = parts[0]!.options;
	const x = first.x ?? doc.x;
	let y = first.y ?? doc.y;
	const width = first.width ?? doc.page.width - doc.page.margins.right - x;
	const lineGap = first.lineGap ?? 1.5;
	for (const line of layOut(doc, parts, direction, width, true)) {
		if (y + line.height > doc.page.height - doc.page.margins.bottom && y > doc.page.margins.top) {
			doc.addPage();
			y = doc.page.margins.top;
		}
		const lineWidth = line.runs.reduce((sum, run) => sum + run.width, 0);
		let left = direction === 'rtl' ? x + width - line.indent - lineWidth : x + line.indent;
		for (const run of line.runs) {
			useFont(doc, run.style.font);
			doc.fontSize(run.style.size).fillColor(run.style.color);
			doc.text(run.text, left, y + line.ascent, { lineBreak: false, baseline: 'alphabetic', features: featuresOf(run.style.font) });
			left += run.width;
		}
		y += line.height + lineGap + (line.endsParagraph ? (parts.at(-1)!.options.paragraphGap ?? 0) : 0);
	}
	doc.x = x;
	doc.y = y;
}

interface LaidLine {
	runs: PlacedRun[];
	ascent: number;
	height: number;
	indent: number;
	endsParagraph: boolean;
}

/** The lines of a paragraph (or a continued line) at `width`, each in visual order with its height. */
function layOut(
	doc: Doc,
	parts: readonly { text: string; options: WriteOptions }[],
	direction: 'ltr' | 'rtl',
	width: number,
	countMissing: boolean
): LaidLine[] {
	const first = parts[0]!.options;
	const laid = styled(doc, parts, countMissing);
	const levels = bidi.getEmbeddingLevels(laid.text, direction);
	const emptyLine = fontMetrics(
		laid.styles[0] ?? { font: fontAt(PRIMARY, first.weight ?? 'regular').name, size: first.size ?? 11, color: '' }
	);
	const result: LaidLine[] = [];
	let paragraphStart = 0;
	for (const paragraph of laid.text.split('\n')) {
		const lines = breakLines(doc, laid, paragraphStart, paragraphStart + paragraph.length, width, first.indent ?? 0);
		lines.forEach(([from, to], lineIndex) => {
			const runs = visualRuns(doc, laid, levels, from, to);
			result.push({
				runs,
				ascent: Math.max(...runs.map((run) => run.ascent), runs.length === 0 ? emptyLine.ascent : 0),
				height: Math.max(...runs.map((run) => run.height), runs.length === 0 ? emptyLine.height : 0),
				indent: lineIndex === 0 ? (first.indent ?? 0) : 0,
				endsParagraph: lineIndex === lines.length - 1
			});
		});
		paragraphStart += paragraph.length + 1;
	}
	return result;
}

/** Whether the document reads right to left (Arabic): boxes and lines then start at the right. */
export function isRightToLeft(doc: Doc): boolean {
	return stateOf(doc).direction === 'rtl';
}

/**
 * The left edge of a box placed `offset` from the page's start edge: as given in a left-to-right
 * document, mirrored in a right-to-left one. Layouts say where a box starts once, for both.
 */
export function startX(doc: Doc, offset: number, width: number): number {
	return isRightToLeft(doc) ? doc.page.width - offset - width : offset;
}

/**
 * About how high `text` comes out at `width`, to keep a table row or a heading on one page.
 * Measured in the app's own font, with each character it lacks counted as an "m" (or as its
 * base letter, for an accented Latin one), so a row is rather too high than too low. Text that
 * pdf.ts lays out itself (right to left) is measured exactly as it will be set.
 */
export function heightOf(doc: Doc, text: string, options: { weight?: Weight; size?: number; width: number; lineGap?: number }): number {
	const direction = stateOf(doc).direction;
	if (direction === 'rtl' || RIGHT_TO_LEFT_LETTER.test(text)) {
		const lines = layOut(doc, [{ text, options: { weight: options.weight, size: options.size } }], direction, options.width, false);
		return lines.reduce((sum, line) => sum + line.height + (options.lineGap ?? 1.5), 0);
	}
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
