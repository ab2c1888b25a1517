import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of a PDF as a reader's tool extracts it (pdfjs, as in browsers), one string per page
 * with runs of white space made single: what a test looks for must be really there as text.
 */
export async function extractPdfText(pdf: Uint8Array): Promise<string[]> {
	const loading = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
	const document = await loading.promise;
	const pages: string[] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const content = await (await document.getPage(number)).getTextContent();
		const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('');
		pages.push(text.replace(/\s+/g, ' ').trim());
	}
	await loading.destroy();
	return pages;
}
