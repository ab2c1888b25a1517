import PDFDocument from 'pdfkit';
import { directionOf } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '../db/schema.ts';
import { RIGHT_TO_LEFT_LETTER, layOut, writeBidirectional, type Part } from './pdf-bidi.ts';
import {
	featuresOf,
	fontAt,
	MISSING_CHARACTER,
	openFirstFont,
	PRIMARY,
	registerFirstFont,
	splitIntoRuns,
	useFont,
	type Weight
} from './pdf-fonts.ts';

export { MISSING_CHARACTER, splitIntoRuns, type Weight } from './pdf-fonts.ts';

/**
 * The one place where every PDF of the app draws text (the conversation report, the trajectory
 * monitor report, the paper forms), in the fonts of pdf-fonts.ts: text is drawn in runs, each
 * with the first font of a chain that has its characters.
 *
 * Right to left (docs/decisions/021, "PDFs"): a document in Arabic sets every paragraph right to
 * left, and any paragraph that holds right-to-left letters, in any document, is laid out by
 * pdf-bidi.ts (lines, then visual order by the Unicode bidirectional algorithm). Callers place
 * boxes with `startX` (start/end, not left/right), so a layout is written once for both
 * directions. A paragraph in a left-to-right document without such letters is set by pdfkit.
 *
 * A character no font has (an emoji, Chinese, Hebrew …) is drawn as "�" and the PDF ends with a
 * note that says so: nothing is refused and no letter disappears without a trace.
 */

type Doc = PDFKit.PDFDocument;

interface DocState {
	locale: ClientLocale;
	direction: 'ltr' | 'rtl';
	missing: number;
	/** The parts of a line written with `continued`, set together with the part that ends it. */
	pending: Part[];
}

const states = new WeakMap<Doc, DocState>();

function stateOf(doc: Doc): DocState {
	const state = states.get(doc);
	if (!state) throw new Error('not a document made with createPdf');
	return state;
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
	const first = openFirstFont();
	const doc = new PDFDocument({
		size: 'A4',
		margins: options.margins,
		bufferPages: options.bufferPages ?? false,
		lang: options.lang ?? pdfLanguageTag(options.locale),
		displayTitle: true,
		font: first.font as unknown as string,
		info: { Title: options.title, Author: 'Tweespraak', Creator: 'Tweespraak', Producer: 'Tweespraak (pdfkit)' }
	});
	registerFirstFont(doc, first);
	states.set(doc, { locale: options.locale, direction: directionOf(options.locale), missing: 0, pending: [] });
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
		state.missing += writeBidirectional(doc, parts, state.direction).missing;
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
		const { lines } = layOut(doc, [{ text, options: { weight: options.weight, size: options.size } }], direction, options.width);
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
