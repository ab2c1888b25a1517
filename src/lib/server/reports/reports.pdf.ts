import { createPdf, heightOf, startX, write, type Weight } from '../shared/pdf.ts';
import type { ReportBlock, ReportDocument, ReportEntry } from './reports.document.ts';
import { withColon } from '#lib/i18n.ts';

/**
 * Draws a report document as a PDF with pdfkit, in the app's own typeface (Atkinson
 * Hyperlegible Next, from the static fontsource package: pdfkit cannot subset the variable
 * WOFF2 the pages use), with the fallback fonts of shared/pdf.ts for every letter it lacks.
 * Everything is drawn as text, never interpreted. Boxes are placed from the start edge
 * (startX), so a participant's outcome in Arabic reads from the right: indents, list items and
 * the table's first column stand at the right (decision 021, "PDFs").
 */

const COLOR = { text: '#1b1f24', muted: '#4a5560', brand: '#0b5c7a', line: '#c9d1d9' };
const MARGIN = 56;

type Doc = PDFKit.PDFDocument;

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
	const width = contentWidth(doc) - indent;
	keepRoom(doc, 30);
	write(doc, `${withColon(label)} `, {
		weight: 'bold',
		continued: true,
		x: startX(doc, doc.page.margins.left + indent, width),
		y: doc.y,
		width
	});
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
	const x = (column: number) =>
		startX(doc, column === 0 ? left : left + firstWidth + (column - 1) * otherWidth, column === 0 ? firstWidth : otherWidth);
	const pad = 4;
	const estimate = (texts: string[], size: number) =>
		Math.max(...texts.map((text, i) => heightOf(doc, text, { size, width: (i === 0 ? firstWidth : otherWidth) - 2 * pad })));

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
					x: startX(doc, left + 6, contentWidth(doc) - 6),
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
	const { doc, finish } = createPdf({
		locale: report.locale,
		title: `${report.title} – ${report.subtitle}`,
		margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
		bufferPages: true
	});
	write(doc, report.title, { weight: 'bold', size: 22, color: COLOR.brand, x: MARGIN, y: MARGIN });
	write(doc, report.subtitle, { size: 12, color: COLOR.muted, paragraphGap: 8 });
	for (const fact of report.facts) labelled(doc, fact.label, fact.value, 0);
	for (const section of report.sections) {
		heading(doc, section.title, 15);
		for (const block of section.blocks) drawBlock(doc, block);
	}
	return finish((doc) => drawFooters(doc, report));
}
