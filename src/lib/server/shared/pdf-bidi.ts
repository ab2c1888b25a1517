import bidiFactory from 'bidi-js';
import type { WriteOptions } from './pdf.ts';
import { featuresOf, fontAt, fontMetrics, PRIMARY, splitIntoRuns, useFont } from './pdf-fonts.ts';

/**
 * Right to left in PDFs (docs/decisions/021, "PDFs"). A document in Arabic sets every paragraph
 * right to left, aligned to the start edge (the right); any paragraph that holds right-to-left
 * letters, in any document, is laid out here too (pdf.ts `write` and `heightOf` decide which):
 * broken into lines, then each line put in visual order by the Unicode bidirectional algorithm
 * (bidi-js), so "الرمز: K7P-4QX" or "محمد 12" reads as it should; each run of Arabic goes to
 * fontkit in logical order and is shaped there.
 */

type Doc = PDFKit.PDFDocument;

/** Text to write and how: a paragraph, or one of the parts of a continued line. */
export interface Part {
	text: string;
	options: WriteOptions;
}

const bidi = bidiFactory();
/** Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko … and Arabic presentation forms). */
export const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/u;
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
	/** How many characters no font has (drawn as "�"). */
	missing: number;
}

function styled(parts: readonly Part[]): Styled {
	const result: Styled = { text: '', styles: [], styleOf: [], missing: 0 };
	for (const part of parts) {
		const { runs, missing } = splitIntoRuns(part.text === '' && parts.length === 1 ? ' ' : part.text, part.options.weight ?? 'regular');
		result.missing += missing;
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

/**
 * Sets a paragraph (or the parts of a continued line) with the bidirectional algorithm: lines
 * broken in logical order, each put in visual order and aligned to the start edge of the box
 * (the right in a right-to-left document), runs sharing one baseline; a new page when the
 * bottom margin is reached, as pdfkit does.
 */
export function writeBidirectional(doc: Doc, parts: readonly Part[], direction: 'ltr' | 'rtl'): { missing: number } {
	const first = parts[0]!.options;
	const x = first.x ?? doc.x;
	let y = first.y ?? doc.y;
	const width = first.width ?? doc.page.width - doc.page.margins.right - x;
	const lineGap = first.lineGap ?? 1.5;
	const { lines, missing } = layOut(doc, parts, direction, width);
	for (const line of lines) {
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
	return { missing };
}

export interface LaidLine {
	runs: PlacedRun[];
	ascent: number;
	height: number;
	indent: number;
	endsParagraph: boolean;
}

/** The lines of a paragraph (or a continued line) at `width`, each in visual order with its height. */
export function layOut(doc: Doc, parts: readonly Part[], direction: 'ltr' | 'rtl', width: number): { lines: LaidLine[]; missing: number } {
	const first = parts[0]!.options;
	const laid = styled(parts);
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
	return { lines: result, missing: laid.missing };
}
