import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

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
