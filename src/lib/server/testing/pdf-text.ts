import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page of a PDF, as a reader (or a copy-paste) would get it. For tests. */
export async function pdfText(data: Uint8Array): Promise<string> {
	const task = getDocument({ data: new Uint8Array(data), disableFontFace: true, useSystemFonts: false });
	const pdf = await task.promise;
	const pages: string[] = [];
	for (let number = 1; number <= pdf.numPages; number += 1) {
		const content = await (await pdf.getPage(number)).getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
	}
	await task.destroy();
	return pages.join('\n');
}
