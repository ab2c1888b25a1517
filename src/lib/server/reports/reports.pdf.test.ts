import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../testing/pdf-text.ts';
import { quickCheckReportData } from '../testing/report-fixtures.ts';
import { buildReportDocument } from './reports.models.ts';
import { renderReportPdf } from './reports.pdf.ts';

describe('renderReportPdf', () => {
	it('makes a PDF whose text holds the agreement and the client term in the reader language', async () => {
		for (const [locale, words] of [
			['nl', ['Gespreksverslag', 'Ouder', 'De ouder', 'Wanneer klaar']],
			['en', ['Conversation report', 'Parent', 'The parent', 'Done by']]
		] as const) {
			const pdf = await renderReportPdf(buildReportDocument(quickCheckReportData(locale)));
			expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			const text = (await extractPdfText(pdf)).join(' ');
			expect(text).toContain('We bellen elke maandag om 10 uur.');
			for (const word of words) expect(text, `${locale}: ${word}`).toContain(word);
		}
	});

	it('draws typed markup as the characters typed, and names outside basic Latin in full', async () => {
		const pdf = await renderReportPdf(buildReportDocument(quickCheckReportData('nl')));
		const text = (await extractPdfText(pdf)).join(' ');
		expect(text).toContain('<b>Altijd</b> bereikbaar');
		expect(text).toContain('Łucja Şahin');
	});

	it('keeps every character readable as text in a PDF made after others in the same process', async () => {
		// A font shared between documents once lost the text of a glyph another PDF had used
		// before (the dotless ı came out as "$"), so each PDF now parses its own copy.
		const withName = (name: string) => {
			const data = quickCheckReportData('nl');
			return { ...data, parties: data.parties.map((party) => (party.id === 'mother' ? { ...party, displayName: name } : party)) };
		};
		for (const name of ['Fatma Yılmaz', 'Fatma Yılmaz', 'İpek Çelik Yılmaz']) {
			const text = (await extractPdfText(await renderReportPdf(buildReportDocument(withName(name))))).join(' ');
			expect(text).toContain(name);
		}
	});

	it("embeds the app's own typeface and no other font", async () => {
		const pdf = (await renderReportPdf(buildReportDocument(quickCheckReportData('en')))).toString('latin1');
		const baseFonts = [...pdf.matchAll(/\/BaseFont \/(\S+)/g)].map((match) => match[1]);
		expect(baseFonts.length).toBeGreaterThan(0);
		for (const name of baseFonts) expect(name).toMatch(/^[A-Z]{6}\+AtkinsonHyperlegibleNext-(Regular|Bold)$/);
		expect(pdf).not.toContain('Helvetica');
	});

	it('numbers its pages and keeps long typed text across pages', async () => {
		const long = 'Een lange zin over wat er gebeurde. '.repeat(400);
		const data = quickCheckReportData('nl', { conversation: { ...quickCheckReportData('nl').conversation, summary: long } });
		const pages = await extractPdfText(await renderReportPdf(buildReportDocument(data)));
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0]).toContain(`Pagina 1 van ${pages.length}`);
		expect(pages.at(-1)).toContain(`Pagina ${pages.length} van ${pages.length}`);
	});
});
