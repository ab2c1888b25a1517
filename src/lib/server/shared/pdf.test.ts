import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import type { Locale } from '../db/schema.ts';
import { buildReportDocument } from '../reports/reports.models.ts';
import { renderReportPdf } from '../reports/reports.pdf.ts';
import { extractPdfText } from '../testing/pdf-text.ts';
import { quickCheckReportData } from '../testing/report-fixtures.ts';
import { renderMonitorPdf } from '../trajectories/trajectories.pdf.ts';
import type { ReportSource } from '../trajectories/trajectories.report.repository.ts';
import { buildMonitorReport } from '../trajectories/trajectories.report.ts';
import { MISSING_CHARACTER, splitIntoRuns } from './pdf.ts';
import { woffToSfnt } from './woff.ts';

/** Names and answers as people type them: Latin with accents, Cyrillic, Greek, Vietnamese, Arabic. */
const ALPHABETS = [
	'Ayşe Doğan',
	'Łucja Kőrösi',
	'François Muñoz',
	'Fatma Yılmaz',
	'Олена Коваленко',
	'Γιώργος Παπαδόπουλος',
	'Nguyễn Thị Hồng'
];
const ARABIC = 'محمد علي';
const ANSWER = 'Ik spreek Türkçe, polski, русский en ελληνικά: ş ğ ł ő ç ñ.';

type PdfMaker = (names: string[], answer: string, locale: Locale) => Promise<Uint8Array>;

/** Every PDF the app makes, each filled with the given names and a typed answer. */
const PDFS: Record<string, PdfMaker> = {
	'conversation report': async (names, answer, locale) => {
		const data = quickCheckReportData(locale);
		return renderReportPdf(
			buildReportDocument({
				...data,
				collaborationLabel: names[0]!,
				conversation: { ...data.conversation, summary: `${answer} ${names.join(', ')}` },
				parties: [
					...names.map((name, index) => ({ id: `p${index}`, kind: 'participant' as const, displayName: name, audience: 'adult' as const })),
					{ id: 'pro', kind: 'professional', displayName: 'Jan de Vries', audience: 'professional' }
				],
				ratings: [],
				reflections: []
			})
		);
	},
	'trajectory monitor report': async (names, answer, locale) => {
		const participants = names.map((name, index) => ({
			id: `p${index}`,
			number: index + 1,
			userId: `u${index}`,
			name,
			email: `p${index}@x.test`,
			organisationName: name,
			consent: 'given' as const,
			consentAt: null,
			stoppedOn: null,
			invitationId: null,
			functionId: null
		}));
		const source: ReportSource = {
			trajectory: {
				id: 't',
				organisationId: 'o',
				name: names[0]!,
				description: '',
				consentText: '',
				createdAt: '',
				template: { questions: [{ key: 'q', kind: 'text', text: answer, fromMoment: 1 }] }
			},
			moments: [{ id: 'm1', position: 1, opensOn: '2026-03-01', closesOn: '2026-03-07', instrumentKey: null }],
			participants,
			invited: participants.map((participant) => ({ number: participant.number, consenting: true })),
			totalParticipants: names.length,
			responses: participants.map((participant) => ({
				momentId: 'm1',
				participantId: participant.id,
				learningGoal: `${answer} ${participant.name}`,
				goalChangeReason: null,
				barrierPersonal: answer,
				barrierTeam: null,
				barrierOrganisation: null,
				resourcePersonal: null,
				resourceTeam: null,
				resourceOrganisation: null,
				answers: { q: answer },
				explanation: null,
				submittedAt: '2026-03-01T10:00:00.000Z'
			})),
			pairs: [{ id: 'pair', createdAt: '', participantIds: participants.map((participant) => participant.id), complete: true }],
			entryCounts: [],
			evaluations: [],
			meetings: [{ id: 'g1', heldOn: '2026-03-01', title: answer, place: answer, programme: answer }],
			attendance: [],
			functions: [],
			minGroupSize: 5,
			instruments: []
		};
		return renderMonitorPdf(buildMonitorReport(source, { today: '2026-04-10', showNames: true }), locale);
	}
};

describe.each(Object.entries(PDFS))('the %s PDF', (_, make) => {
	it('keeps every letter of names and answers in Latin, Cyrillic, Greek and Vietnamese script, as the letters typed', async () => {
		const text = (await extractPdfText(await make(ALPHABETS, ANSWER, 'nl'))).join(' ');
		for (const written of [...ALPHABETS, ANSWER]) expect(text).toContain(written);
		expect(text).not.toContain(MISSING_CHARACTER);
		expect(text).not.toMatch(/\p{Cc}/u);
	});

	it('keeps every Arabic word, shaped', async () => {
		const text = (await extractPdfText(await make([ARABIC, 'Ayşe'], ARABIC, 'en'))).join(' ');
		// Shaping can draw a letter as two glyphs (ي and its dots), and pdf.js reads the second as
		// a control character; its words come out in the order they stand on the page.
		const readable = text.replace(/\p{Cc}/gu, '');
		for (const word of ARABIC.split(' ')) expect(readable).toContain(word);
		expect(text).not.toContain(MISSING_CHARACTER);
	});

	it('draws a character no font has as "�" and says so in the reader language, keeping the rest', async () => {
		for (const [locale, note] of [
			['nl', 'Sommige tekens kan deze pdf niet tonen. Op hun plaats staat �.'],
			['en', 'This PDF cannot show some characters. They appear as �.']
		] as const) {
			const text = (await extractPdfText(await make(['Ayşe 😀 Олена', '王芳'], 'Goed 👍🏽', locale))).join(' ');
			expect(text).toContain('Ayşe � Олена');
			expect(text).toContain('��');
			expect(text).toContain(note);
		}
	});
});

describe('every PDF', () => {
	it('is drawn through shared/pdf.ts: no other module of the app uses pdfkit or its fonts', () => {
		const root = path.resolve(import.meta.dirname, '../..');
		const users = sourceFiles(root, (name) => /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name))
			.filter((file) => /from '(pdfkit|fontkit)'|@fontsource\/[\w-]+\/files/.test(fs.readFileSync(file, 'utf8')))
			.map((file) => path.relative(root, file));
		expect(users).toEqual(['server/shared/pdf.ts']);
	});
});

describe('splitIntoRuns', () => {
	it("uses the app's font where it can, a fallback font for other scripts, and marks what no font has", () => {
		const { runs, missing } = splitIntoRuns('Şahin Олена محمد علي 😀', 'regular');
		expect(runs.map((run) => run.text)).toEqual(['Ş', 'ahin ', 'Олена ', 'محمد علي ', MISSING_CHARACTER]);
		expect(new Set(runs.map((run) => run.font)).size).toBe(5);
		expect(missing).toBe(1);
	});

	it('leaves out invisible variation selectors that no font has, without counting them as missing', () => {
		const { runs, missing } = splitIntoRuns('a\uFE0F\u{E0100}b', 'regular');
		expect(runs.map((run) => run.text).join('')).toBe('ab');
		expect(missing).toBe(0);
	});
});

describe('woffToSfnt', () => {
	it('unpacks a WOFF font into plain OpenType bytes with the same glyphs', () => {
		const file = createRequire(import.meta.url).resolve(
			'@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-700-normal.woff'
		);
		const woff = fs.readFileSync(file);
		const sfnt = woffToSfnt(woff);
		expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4));
		const fromWoff = fontkit.create(woff) as fontkit.Font;
		const fromSfnt = fontkit.create(sfnt) as fontkit.Font;
		expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
		expect(fromSfnt.postscriptName).toBe(fromWoff.postscriptName);
		expect(fromSfnt.layout('Gespreksverslag').glyphs.map((g) => g.id)).toEqual(fromWoff.layout('Gespreksverslag').glyphs.map((g) => g.id));
		expect(() => woffToSfnt(Buffer.from('not a font'))).toThrow();
	});
});
