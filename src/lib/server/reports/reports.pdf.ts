import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { ReportBlock, ReportDocument, ReportEntry } from './reports.document.ts';
import { woffToSfnt } from './woff.ts';

/**
 * Draws a report document as a PDF with pdfkit, in the app's own typeface (Atkinson
 * Hyperlegible Next, from the static fontsource package: pdfkit cannot subset the variable
 * WOFF2 the pages use). The fonts are read from node_modules, never fetched. fontsource splits
 * the typeface into a "latin" and a "latin-ext" file; each piece of text is drawn in runs with
 * the file that has its characters, so names like "Łukasz" or "Şükrü" come out right. A
 * character neither has (an emoji) becomes "?". Everything is drawn as text, never interpreted.
 */

type Weight = 'regular' | 'bold';
type Subset = 'latin' | 'ext';

const FONT_FILES: Record<Weight, Record<Subset, string>> = {
	regular: { latin: 'latin-400-normal', ext: 'latin-ext-400-normal' },
	bold: { latin: 'latin-700-normal', ext: 'latin-ext-700-normal' }
};

interface LoadedFont {
	name: string;
	/** The font file as plain OpenType, read once per process. */
	sfnt: Buffer;
	has: (codePoint: number) => boolean;
}

let fonts: Record<Weight, Record<Subset, LoadedFont>> | undefined;

/** Read once per process. */
function loadFonts(): Record<Weight, Record<Subset, LoadedFont>> {
	if (fonts) return fonts;
	const require = createRequire(import.meta.url);
	const load = (weight: Weight, subset: Subset): LoadedFont => {
		const file = require.resolve(
			`@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-${FONT_FILES[weight][subset]}.woff`
		);
		const sfnt = woffToSfnt(fs.readFileSync(file));
		const font = fontkit.create(sfnt) as fontkit.Font;
		return { name: `${weight}-${subset}`, sfnt, has: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
	};
	fonts = {
		regular: { latin: load('regular', 'latin'), ext: load('regular', 'ext') },
		bold: { latin: load('bold', 'latin'), ext: load('bold', 'ext') }
	};
	return fonts;
}

/** Splits text into runs that one font file can draw; line breaks stay in the latin runs. */
export function splitIntoRuns(text: string, weight: Weight): { font: string; text: string }[] {
	const set = loadFonts()[weight];
	const runs: { font: string; text: string }[] = [];
	for (const char of text.normalize('NFC')) {
		const codePoint = char.codePointAt(0)!;
		const subset = char === '\n' || set.latin.has(codePoint) ? set.latin : set.ext.has(codePoint) ? set.ext : null;
		const font = subset ?? set.latin;
		const drawn = subset ? char : '?';
		const last = runs.at(-1);
		if (last && last.font === font.name) last.text += drawn;
		else runs.push({ font: font.name, text: drawn });
	}
	return runs;
}

const COLOR = { text: '#1b1f24', muted: '#4a5560', brand: '#0b5c7a', line: '#c9d1d9' };
const MARGIN = 56;

type Doc = PDFKit.PDFDocument;
interface WriteOptions {
	weight?: Weight;
	size?: number;
	color?: string;
	width?: number;
	/** Keep writing on the same line with the next write. */
	continued?: boolean;
	x?: number;
	y?: number;
	paragraphGap?: number;
}

/** Writes text in the runs its characters need; continues a line when asked. */
function write(doc: Doc, text: string, options: WriteOptions = {}): void {
	const runs = splitIntoRuns(text === '' ? ' ' : text, options.weight ?? 'regular');
	runs.forEach((run, index) => {
		doc
			.font(run.font)
			.fontSize(options.size ?? 11)
			.fillColor(options.color ?? COLOR.text);
		const textOptions = {
			continued: index < runs.length - 1 || options.continued === true,
			width: options.width,
			paragraphGap: options.paragraphGap ?? 0,
			lineGap: 1.5
		};
		if (index === 0 && options.x !== undefined && options.y !== undefined) doc.text(run.text, options.x, options.y, textOptions);
		else doc.text(run.text, textOptions);
	});
}

function contentWidth(doc: Doc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
	return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when less than `height` is left, so a heading never ends a page. */
function keepRoom(doc: Doc, height: number): void {
	if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string, size: number): void {
	keepRoom(doc, size * 5);
	doc.moveDown(0.6);
	write(doc, text, { weight: 'bold', size, color: COLOR.brand, x: doc.page.margins.left, y: doc.y, width: contentWidth(doc) });
	doc.moveDown(0.3);
}

function labelled(doc: Doc, label: string, text: string, indent: number): void {
	const x = doc.page.margins.left + indent;
	keepRoom(doc, 30);
	write(doc, `${label}: `, { weight: 'bold', continued: true, x, y: doc.y, width: contentWidth(doc) - indent });
	write(doc, text, { paragraphGap: 3 });
}

function drawEntries(doc: Doc, entries: ReportEntry[]): void {
	for (const entry of entries) {
		keepRoom(doc, 50);
		write(doc, entry.title, { weight: 'bold', x: doc.page.margins.left, y: doc.y, width: contentWidth(doc), paragraphGap: 2 });
		for (const line of entry.lines) labelled(doc, line.label, line.text, 12);
		doc.moveDown(0.5);
	}
}

type TableBlock = Extract<ReportBlock, { type: 'table' }>;

/** A small table (an item per row, a party per column): rows never split over two pages. */
function drawTable(doc: Doc, table: TableBlock): void {
	const left = doc.page.margins.left;
	const width = contentWidth(doc);
	const firstWidth = table.columns.length > 3 ? width * 0.34 : width * 0.46;
	const otherWidth = (width - firstWidth) / Math.max(table.columns.length, 1);
	const x = (column: number) => (column === 0 ? left : left + firstWidth + (column - 1) * otherWidth);
	const pad = 4;
	const estimate = (texts: string[], size: number) =>
		Math.max(
			...texts.map((text, i) =>
				doc
					.font('regular-latin')
					.fontSize(size)
					.heightOfString(text, { width: (i === 0 ? firstWidth : otherWidth) - 2 * pad })
			)
		);

	const row = (cells: { text: string; sub?: string; weight?: Weight }[], header: boolean) => {
		const height = estimate(
			cells.map((c) => (c.sub ? `${c.text}\n${c.sub}` : c.text)),
			11
		);
		if (doc.y + height + 2 * pad > bottom(doc)) {
			doc.addPage();
			if (!header) row([{ text: table.corner, weight: 'bold' }, ...table.columns.map((text) => ({ text, weight: 'bold' as const }))], true);
		}
		const top = doc.y;
		let end = top;
		cells.forEach((cell, column) => {
			const cellWidth = (column === 0 ? firstWidth : otherWidth) - 2 * pad;
			write(doc, cell.text, { weight: cell.weight ?? 'regular', x: x(column) + pad, y: top + pad, width: cellWidth });
			if (cell.sub) write(doc, cell.sub, { size: 9.5, color: COLOR.muted, x: x(column) + pad, y: doc.y, width: cellWidth });
			end = Math.max(end, doc.y);
		});
		doc
			.moveTo(left, end + pad)
			.lineTo(left + width, end + pad)
			.lineWidth(header ? 1 : 0.5)
			.strokeColor(COLOR.line)
			.stroke();
		doc.x = left;
		doc.y = end + 2 * pad;
	};

	keepRoom(doc, 80);
	write(doc, table.caption, { size: 9.5, color: COLOR.muted, x: left, y: doc.y, width, paragraphGap: 4 });
	row([{ text: table.corner, weight: 'bold' }, ...table.columns.map((text) => ({ text, weight: 'bold' as const }))], true);
	for (const entry of table.rows) {
		row([{ text: entry.header.text, sub: entry.header.sub, weight: 'bold' }, ...entry.cells.map((text) => ({ text }))], false);
	}
	doc.moveDown(0.5);
}

function drawBlock(doc: Doc, block: ReportBlock): void {
	const left = doc.page.margins.left;
	switch (block.type) {
		case 'paragraph':
			write(doc, block.text, {
				color: block.muted ? COLOR.muted : COLOR.text,
				x: left,
				y: doc.y,
				width: contentWidth(doc),
				paragraphGap: 6
			});
			return;
		case 'subheading':
			heading(doc, block.text, 12);
			return;
		case 'list':
			block.items.forEach((item, index) => {
				keepRoom(doc, 20);
				write(doc, `${block.ordered ? `${index + 1}.` : '•'} ${item}`, {
					x: left + 6,
					y: doc.y,
					width: contentWidth(doc) - 6,
					paragraphGap: 3
				});
			});
			doc.moveDown(0.3);
			return;
		case 'table':
			drawTable(doc, block);
			return;
		case 'entries':
			drawEntries(doc, block.entries);
			return;
	}
}

/** Page numbers and the footer on every page, once the number of pages is known. */
function drawFooters(doc: Doc, report: ReportDocument): void {
	const range = doc.bufferedPageRange();
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index);
		const keep = doc.page.margins.bottom;
		// Writing in the bottom margin would otherwise start a new page.
		doc.page.margins.bottom = 0;
		const y = doc.page.height - keep + 18;
		const page = report.pageLabel.replace('{page}', String(index + 1)).replace('{pages}', String(range.count));
		write(doc, `${report.footer}  ·  ${page}`, { size: 8.5, color: COLOR.muted, x: doc.page.margins.left, y, width: contentWidth(doc) });
		doc.page.margins.bottom = keep;
	}
}

/** The report as PDF bytes (starting with %PDF). */
export async function renderReportPdf(report: ReportDocument): Promise<Buffer> {
	const loaded = loadFonts();
	// A fontkit font keeps state from the texts laid out with it: shared between PDFs, a later
	// PDF lost the text of some glyphs (the dotless ı came out as "$"; see reports.pdf.test.ts).
	// Each PDF parses its own copy (cheap: fontkit reads tables lazily).
	const parsed = (weight: Weight, subset: Subset) => fontkit.create(loaded[weight][subset].sfnt) as fontkit.Font;
	const regularLatin = parsed('regular', 'latin');
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
		bufferPages: true,
		lang: report.locale,
		displayTitle: true,
		// pdfkit accepts a fontkit font here (its types say a name): no Helvetica is ever set up.
		font: regularLatin as unknown as string,
		info: { Title: `${report.title} – ${report.subtitle}`, Author: 'Tweespraak', Creator: 'Tweespraak', Producer: 'Tweespraak (pdfkit)' }
	});
	for (const weight of ['regular', 'bold'] as const) {
		for (const subset of ['latin', 'ext'] as const)
			doc.registerFont(
				loaded[weight][subset].name,
				(weight === 'regular' && subset === 'latin' ? regularLatin : parsed(weight, subset)) as unknown as Buffer
			);
	}
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const finished = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve);
		doc.on('error', reject);
	});

	write(doc, report.title, { weight: 'bold', size: 22, color: COLOR.brand, x: MARGIN, y: MARGIN });
	write(doc, report.subtitle, { size: 12, color: COLOR.muted, paragraphGap: 8 });
	for (const fact of report.facts) labelled(doc, fact.label, fact.value, 0);
	for (const section of report.sections) {
		heading(doc, section.title, 15);
		for (const block of section.blocks) drawBlock(doc, block);
	}
	drawFooters(doc, report);
	doc.end();
	await finished;
	return Buffer.concat(chunks);
}
