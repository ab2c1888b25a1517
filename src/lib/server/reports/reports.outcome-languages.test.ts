import { describe, expect, it } from 'vitest';
import { CLIENT_LOCALES, directionOf } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '../db/schema.ts';
import { pdfLanguageTag } from '../shared/pdf.ts';
import { placedText, readingOrderText } from '../testing/pdf-text.ts';
import { quickCheckReportData } from '../testing/report-fixtures.ts';
import type { ReportDocument } from './reports.document.ts';
import { buildOutcomeDocument, type ReportData } from './reports.models.ts';
import { renderReportPdf } from './reports.pdf.ts';

/**
 * The participant's outcome (page, PDF and mail) is in the participant's language, all six
 * (decision 021, "PDFs"), and its Arabic PDF reads from the right.
 */

/** A closed learning conversation with every part an outcome can show, beside the agreement and the look back. */
function learningData(locale: ClientLocale): ReportData {
	return quickCheckReportData(locale, {
		conversation: { method: 'learningConversation', startedAt: '2026-03-10T09:00:00.000Z', endedAt: null, summary: 'Goed gesprek.' },
		agreements: [
			{
				what: 'We bellen elke maandag.',
				who: 'both',
				whoOther: null,
				dueOn: '2026-04-01',
				successMeasure: 'Vier keer gebeld',
				status: 'open',
				carriedOver: true,
				actionKind: 'keep',
				needed: 'Een telefoon'
			}
		],
		topics: [{ id: 't1', title: 'Bellen' }],
		sheets: [{ topicId: 't1', partyId: 'mother', aText: 'A-tekst', bText: 'B-tekst', cText: 'C-tekst' }],
		wishes: [{ partyId: 'mother', title: 'Luisteren', question: '' }],
		moments: [{ partyId: 'mother', atSeconds: 65, note: 'Hier', topicId: 't1' }],
		evaluations: [{ partyId: 'mother', clarity: 80, overall: 60, remark: 'Fijn' }]
	});
}

/** Every word of the document that is the app's, not the people's: titles, labels, footer. */
function appWords(document: ReportDocument, data: ReportData): string[] {
	const typed = new Set([
		...data.parties.map((party) => party.displayName),
		...data.topics.map((topic) => topic.title),
		...data.wishes.map((wish) => wish.title),
		data.organisationName
	]);
	return [
		document.title,
		document.pageLabel,
		...document.facts.map((fact) => fact.label),
		...document.sections.flatMap((section) => [
			section.title,
			...section.blocks.flatMap((block) =>
				block.type === 'entries' ? block.entries.flatMap((entry) => entry.lines.map((line) => line.label)) : []
			)
		])
	].filter((word) => !typed.has(word));
}

describe("the participant's outcome in every client language", () => {
	const dutch = learningData('nl');
	const dutchWords = new Set(appWords(buildOutcomeDocument(dutch, ['mother']), dutch));

	it('the Dutch outcome has the words this test compares with', () => {
		expect(dutchWords).toContain('Wie');
		expect(dutchWords).toContain('Samenvatting');
		expect(dutchWords.size).toBeGreaterThan(15);
	});

	for (const locale of CLIENT_LOCALES.filter((locale) => locale !== 'nl')) {
		it(`${locale}: no label, title or footer of the outcome is left in Dutch`, () => {
			const data = learningData(locale);
			const document = buildOutcomeDocument(data, ['mother']);
			const words = appWords(document, data);
			expect(words.length).toBe(dutchWords.size);
			expect(words.filter((word) => dutchWords.has(word))).toEqual([]);
			expect(document.title).toBe(m.outcome_title({}, { locale }));
			// The file name goes into a download header: plain ASCII in every language.
			expect(document.fileName).toMatch(/^[\x20-\x7e]+$/);
		});
	}

	for (const locale of CLIENT_LOCALES) {
		it(`${locale}: the outcome PDF is in the language, tagged with it, and keeps every letter`, async () => {
			const data = learningData(locale);
			const pdf = await renderReportPdf(buildOutcomeDocument(data, ['mother']));
			const text = (await readingOrderText(pdf, directionOf(locale))).join(' ');
			for (const words of [
				m.outcome_title({}, { locale }),
				m.outcome_section_agreements({}, { locale }),
				m.report_agreement_who({}, { locale }),
				'Łucja Şahin',
				'We bellen elke maandag.'
			])
				expect(text, words).toContain(words);
			expect(pdf.toString('latin1')).toContain(`/Lang (${pdfLanguageTag(locale)})`);
		});
	}

	it('ar: the outcome PDF reads from the right: headings and labels end at the right margin', async () => {
		const pdf = await renderReportPdf(buildOutcomeDocument(learningData('ar'), ['mother']));
		const [page] = await placedText(pdf);
		const right = page!.width - 56;
		for (const words of [m.outcome_title({}, { locale: 'ar' }), m.report_agreement_who({}, { locale: 'ar' })]) {
			const first = page!.items.find((item) => item.str.includes(words.split(' ')[0]!))!;
			const line = page!.items.filter((item) => Math.abs(item.y - first.y) < 3);
			expect(Math.max(...line.map((item) => item.x + item.width)), words).toBeCloseTo(right, 0);
		}
	});
});
