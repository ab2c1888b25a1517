import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import bidiFactory from 'bidi-js';

type TextItem = { str: string; hasEOL: boolean };

/** Each page's text items as pdfjs (the reader in browsers) extracts them. */
async function pageItems(pdf: Uint8Array): Promise<TextItem[][]> {
	const loading = getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false });
	const document = await loading.promise;
	const pages: TextItem[][] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const content = await (await document.getPage(number)).getTextContent();
		pages.push(content.items.flatMap((item) => ('str' in item ? [{ str: item.str, hasEOL: item.hasEOL }] : [])));
	}
	await loading.destroy();
	return pages;
}

/**
 * The text of a PDF as a reader's tool extracts it, one string per page with runs of white space
 * made single: what a test looks for must be really there as text.
 */
export async function extractPdfText(pdf: Uint8Array): Promise<string[]> {
	const pages = await pageItems(pdf);
	return pages.map((items) =>
		items
			.map((item) => item.str + (item.hasEOL ? ' ' : ''))
			.join('')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

/** The text of every page of a PDF, items separated by a space, pages by a line break. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
	const pages = await pageItems(pdf);
	return pages.map((items) => items.map((item) => item.str).join(' ')).join('\n');
}

export interface PlacedText {
	str: string;
	/** pdf.js's reading direction of the item (it puts a right-to-left item's letters in logical order). */
	dir: string;
	/** Left edge and baseline in PDF points (the origin at the bottom left). */
	x: number;
	y: number;
	width: number;
}

/** Each page's text items with where they stand, as pdf.js reads them. */
export async function placedText(pdf: Uint8Array): Promise<{ width: number; items: PlacedText[] }[]> {
	const loading = getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false });
	const document = await loading.promise;
	const pages = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const content = await page.getTextContent();
		const items = content.items.flatMap((item) =>
			'str' in item && item.str !== ''
				? [{ str: item.str, dir: item.dir, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }]
				: []
		);
		pages.push({ width: page.view[2]!, items });
	}
	await loading.destroy();
	return pages;
}

/**
 * The text as a reader reads it, line by line: the items of each line (one baseline) from left to
 * right as they stand, then the Unicode bidirectional algorithm puts the line back in reading
 * order, as a PDF reader does when it copies or reads aloud a right-to-left line. One string
 * per page, lines separated by a space.
 */
export async function readingOrderText(pdf: Uint8Array, direction: 'ltr' | 'rtl'): Promise<string[]> {
	const bidi = bidiFactory();
	return (await placedText(pdf)).map(({ items }) => {
		// One line: items whose baselines lie within a few points (fonts of one line may differ a little).
		const lines: PlacedText[][] = [];
		for (const item of items.toSorted((a, b) => b.y - a.y)) {
			const line = lines.at(-1);
			if (line && line[0]!.y - item.y < 3) line.push(item);
			else lines.push([item]);
		}
		return lines
			.map((line) => {
				let visual = '';
				let end: number | undefined;
				// A space pdf.js makes up where nothing stands is not on the page.
				for (const item of line.filter((item) => item.str.trim() !== '' || item.width > 0.5).toSorted((a, b) => a.x - b.x)) {
					if (end !== undefined && item.x - end > 1) visual += ' ';
					visual += item.dir === 'rtl' ? [...item.str].reverse().join('') : item.str;
					end = item.x + item.width;
				}
				const levels = bidi.getEmbeddingLevels(visual, direction);
				const chars = visual.split('');
				for (const [start = 0, stop = start] of bidi.getReorderSegments(visual, levels)) {
					chars.splice(start, stop - start + 1, ...chars.slice(start, stop + 1).reverse());
				}
				// A glyph that shaping adds to a letter (the stroke of a final kaf) has no text of its own;
				// pdf.js reads it as a control character, which a reader skips.
				return chars
					.join('')
					.replace(/\p{Cc}/gu, '')
					.replace(/\s+(?=\p{M})/gu, '')
					.replace(/\s+/g, ' ')
					.trim();
			})
			.join(' ');
	});
}
