import { describe, expect, it } from 'vitest';
import { quickCheckReportData } from '../testing/report-fixtures.ts';
import { clientTermIn } from '../organisations/organisations.models.ts';
import { buildOutcomeDocument, buildReportDocument, safetyLabel } from './reports.models.ts';
import type { ReportDocument } from './reports.document.ts';

function allText(report: ReportDocument): string {
	return JSON.stringify(report);
}

describe('buildReportDocument', () => {
	it("speaks the reader's language, with the organisation's client term", () => {
		const nl = buildReportDocument(quickCheckReportData('nl'));
		expect(nl.title).toBe('Gespreksverslag');
		expect(nl.facts).toContainEqual({ label: 'Ouder', value: 'Łucja Şahin, Sam' });
		expect(nl.sections.map((s) => s.title)).toContain('Afspraken');
		const en = buildReportDocument(quickCheckReportData('en'));
		expect(en.title).toBe('Conversation report');
		expect(en.facts).toContainEqual({ label: 'Parent', value: 'Łucja Şahin, Sam' });
		expect(allText(en)).toContain('The parent');
		expect(en.fileName).toBe('conversation-report-2026-03-10');
	});

	it("puts the ratings side by side per item, in the quick check's wording, on the 0–10 line they were given on, a child's smiley in words", () => {
		const report = buildReportDocument(quickCheckReportData('nl'));
		const ratings = report.sections.find((s) => s.key === 'ratings')?.blocks[0];
		expect(ratings).toMatchObject({ type: 'table', columns: ['Łucja Şahin', 'Sam', 'Jan de Vries'] });
		if (ratings?.type !== 'table') throw new Error('no table');
		expect(ratings.rows[0]).toEqual({ header: { text: 'Omgang', sub: 'Hoe gaan we met elkaar om?' }, cells: ['8', 'Goed', '3'] });
		expect(ratings.rows[3]?.header.text).toBe('Gezinsplan');
	});

	it('shows the agreement with who, when and how we will know, and the review of the earlier one', () => {
		const report = buildReportDocument(quickCheckReportData('nl'));
		const agreements = report.sections.find((s) => s.key === 'agreements')?.blocks[0];
		expect(agreements).toMatchObject({ type: 'entries' });
		if (agreements?.type !== 'entries') throw new Error('no entries');
		expect(agreements.entries[0]).toMatchObject({
			title: 'We bellen elke maandag om 10 uur.',
			lines: expect.arrayContaining([
				{ label: 'Wie', text: 'De ouder' },
				{ label: 'Wanneer klaar', text: '1 april 2026' },
				{ label: 'Zo weten we dat het gelukt is', text: 'Vier keer gebeld' }
			])
		});
		expect(allText(report)).toContain('Deels gelukt');
	});

	it('says which texts the professional noted as the client said them (seed 003), and which the party typed', () => {
		const data = quickCheckReportData('nl');
		const noted = buildReportDocument({
			...data,
			reflections: [
				...data.reflections,
				{ partyId: 'sam', itemKey: 'contact', mostSatisfied: 'Je luistert', leastSatisfied: 'Te kort', mostNotedByProfessional: true }
			]
		});
		const block = noted.sections.find((s) => s.key === 'reflections')?.blocks[0];
		if (block?.type !== 'entries') throw new Error('no entries');
		expect(block.entries[0]!.lines).toEqual([
			{ label: 'Łucja Şahin, meest tevreden', text: '<b>Altijd</b> bereikbaar' },
			{ label: 'Sam, meest tevreden (genoteerd door de professional)', text: 'Je luistert' },
			{ label: 'Sam, minst tevreden', text: 'Te kort' }
		]);
	});

	it('keeps what people typed as it is, markup included', () => {
		expect(allText(buildReportDocument(quickCheckReportData('nl')))).toContain('<b>Altijd</b> bereikbaar');
	});

	it("leaves out sections without content: a quick check has no sheets, a learning conversation's report no reflections", () => {
		const quick = buildReportDocument(quickCheckReportData('nl'));
		expect(quick.sections.map((s) => s.key)).toEqual(['summary', 'reviews', 'ratings', 'reflections', 'agreements']);
		const learning = buildReportDocument(
			quickCheckReportData('en', {
				conversation: { method: 'learningConversation', startedAt: '2026-03-10T09:00:00.000Z', endedAt: null, summary: null },
				instrument: null,
				ratings: [],
				reflections: [],
				reviews: [],
				safety: [{ partyId: 'mother', suggestions: ['no-such-key'], ownWords: 'Rustig praten' }],
				topics: [
					{ id: 't1', title: 'Our connection' },
					{ id: 't2', title: 'Own topic: school' }
				],
				sheets: [
					{ topicId: 't1', partyId: 'mother', aText: 'You came late', bText: 'I felt unseen', cText: null },
					{ topicId: 't1', partyId: 'pro', aText: 'The bus was late', bText: null, cText: 'Being on time matters' }
				],
				wishes: [{ partyId: 'sam', title: 'Listen to me', question: 'Will you listen to me without judging?' }],
				evaluations: [{ partyId: 'mother', clarity: 80, overall: 60, remark: 'Fine' }],
				agreements: [{ ...quickCheckReportData('en').agreements[0]!, actionKind: 'change', needed: 'A calendar' }]
			})
		);
		expect(learning.sections.map((s) => s.key)).toEqual(['safety', 'topics', 'sheets', 'wishes', 'agreements', 'evaluation']);
		const text = allText(learning);
		for (const part of [
			'Rustig praten',
			'no-such-key',
			'Own topic: school',
			'I felt unseen',
			'Being on time matters',
			'Listen to me',
			'Will you listen to me without judging?',
			'We change this',
			'A calendar',
			'8 out of 10'
		]) {
			expect(text).toContain(part);
		}
		expect(learning.sections.find((s) => s.key === 'agreements')?.title).toBe('Agreements and actions');
	});
});

describe('clientTermIn and safetyLabel', () => {
	it('names every client term in both languages and reads an unknown one as "client"', () => {
		expect(clientTermIn('jobSeeker', 'nl')).toBe('werkzoekende');
		expect(clientTermIn('jobSeeker', 'en')).toBe('job seeker');
		expect(clientTermIn('unknown', 'nl')).toBe('cliënt');
	});

	it("words a safety suggestion as the preparation does, in the reader's language", () => {
		expect(safetyLabel('letFinish', 'nl')).toBe('We laten elkaar uitpraten.');
		expect(safetyLabel('letFinish', 'en')).toBe('We let each other finish.');
	});

	it('shows a safety suggestion it has no words for as it is stored', () => {
		expect(safetyLabel('some_key', 'nl')).toBe('some_key');
	});
});

describe('buildOutcomeDocument of a learning conversation (docs/decisions/013)', () => {
	const learning = (locale: 'nl' | 'en') =>
		quickCheckReportData(locale, {
			conversation: { method: 'learningConversation', startedAt: '2026-03-10T09:00:00.000Z', endedAt: null, summary: null },
			instrument: null,
			ratings: [],
			reflections: [],
			topics: [{ id: 't1', title: 'Onze verbinding' }],
			sheets: [{ topicId: 't1', partyId: 'pro', aText: 'Ik was te laat', bText: null, cText: null }],
			wishes: [{ partyId: 'mother', title: 'Luisteren zonder oordeel', question: 'Wil je zonder oordeel naar me luisteren?' }],
			moments: [{ partyId: 'mother', atSeconds: 754, note: 'Hier keek je weg.', topicId: 't1' }],
			evaluations: [
				{ partyId: 'mother', clarity: 80, overall: 70, remark: 'EIGEN-OORDEEL' },
				{ partyId: 'sam', clarity: 50, overall: 50, remark: 'VAN-SAM' },
				{ partyId: 'pro', clarity: 90, overall: 90, remark: 'VAN-DE-BEGELEIDER' }
			]
		});

	it("each participant keeps what was said together and their own evaluation on the scale they were asked, never another's", () => {
		const outcome = buildOutcomeDocument(learning('nl'), ['mother']);
		expect(outcome.sections.map((s) => s.key)).toEqual(['agreements', 'reviews', 'topics', 'sheets', 'moments', 'wishes', 'evaluation']);
		const text = allText(outcome);
		for (const part of [
			'Onze verbinding',
			'Ik was te laat',
			'12:34 · over Onze verbinding',
			'Wil je zonder oordeel naar me luisteren?',
			'EIGEN-OORDEEL',
			'8 van 10'
		])
			expect(text, part).toContain(part);
		expect(text).not.toContain('VAN-SAM');
		expect(text).not.toContain('VAN-DE-BEGELEIDER');
	});

	it("a quick check's outcome stays agreements, review and summary only", () => {
		const outcome = buildOutcomeDocument(
			quickCheckReportData('nl', { evaluations: [{ partyId: 'mother', clarity: 1, overall: 1, remark: 'X' }] }),
			['mother']
		);
		expect(outcome.sections.map((s) => s.key)).toEqual(['agreements', 'reviews', 'summary']);
	});
});
