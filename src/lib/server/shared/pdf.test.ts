import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import type { Locale } from '../db/schema.ts';
import { buildReportDocument } from '../reports/reports.models.ts';
import { renderReportPdf } from '../reports/reports.pdf.ts';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdfText, placedText, readingOrderText } from '../testing/pdf-text.ts';
import { quickCheckReportData } from '../testing/report-fixtures.ts';
import { renderMonitorPdf } from '../trajectories/trajectories.pdf.ts';
import type { ReportSource } from '../trajectories/trajectories.report.repository.ts';
import { buildMonitorReport } from '../trajectories/trajectories.report.ts';
import { createPdf, heightOf, isRightToLeft, MISSING_CHARACTER, pdfLanguageTag, splitIntoRuns, startX, write as writeText } from './pdf.ts';
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
	it('is drawn through shared/pdf.ts and its fonts (pdf-fonts.ts): no other module of the app uses pdfkit or its fonts', () => {
		const root = path.resolve(import.meta.dirname, '../..');
		const users = sourceFiles(root, (name) => /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name))
			.filter((file) => /from '(pdfkit|fontkit)'|@fontsource\/[\w-]+\/files/.test(fs.readFileSync(file, 'utf8')))
			.map((file) => path.relative(root, file));
		expect(users.sort()).toEqual(['server/shared/pdf-fonts.ts', 'server/shared/pdf.ts']);
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

describe('right to left (decision 021, "PDFs")', () => {
	const margins = { top: 50, bottom: 50, left: 50, right: 50 };
	const LINE = 'الرمز: K7P-4QX، الصفحة 2 من 10';

	async function arabicPdf(write: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
		const { doc, finish } = createPdf({ locale: 'ar', title: 'اختبار', margins });
		write(doc);
		return new Uint8Array(await finish());
	}

	it('sets a line that mixes Arabic with a code and numbers in visual order, so it reads back in reading order', async () => {
		const pdf = await arabicPdf((doc) => writeText(doc, LINE, { x: 50, y: 50, width: 495 }));
		expect((await readingOrderText(pdf, 'rtl'))[0]).toBe(LINE);
		// On the page: the first word at the right, the code left of it, the last number at the left.
		const items = (await placedText(pdf))[0]!.items;
		const at = (text: string) => items.find((item) => item.str.includes(text))!.x;
		expect(at('الرمز')).toBeGreaterThan(at('K7P-4QX'));
		expect(at('K7P-4QX')).toBeGreaterThan(at('10'));
		// Logical order inside the Latin code and the numbers: never reversed.
		expect(items.map((item) => item.str).join(' ')).toContain('K7P-4QX');
	});

	it('aligns every line of an Arabic paragraph to the right margin, also when it wraps and when it is short', async () => {
		const long = 'اقرأ كل سؤال وضع علامة في المربع الذي يناسب رأيك. '.repeat(6);
		const pdf = await arabicPdf((doc) => {
			writeText(doc, 'قصير', { x: 50, y: 50, width: 495 });
			writeText(doc, long, { x: 50, y: doc.y, width: 495 });
		});
		const [page] = await placedText(pdf);
		const lines = Map.groupBy(page!.items, (item) => Math.round(item.y));
		expect(lines.size).toBeGreaterThan(3);
		for (const line of lines.values()) expect(Math.max(...line.map((item) => item.x + item.width))).toBeCloseTo(page!.width - 50, 0);
		// Short lines start well right of the left margin: nothing is left-aligned.
		expect(Math.min(...[...lines.values()][0]!.map((item) => item.x))).toBeGreaterThan(400);
		const text = (await readingOrderText(pdf, 'rtl'))[0]!;
		expect(text).toBe(`قصير ${long.trim()}`);
	});

	it('draws Arabic with its joined letter forms: the glyphs on the page are those fontkit shapes for the word', async () => {
		const word = 'سلام عليكم';
		const pdf = await arabicPdf((doc) => writeText(doc, word, { x: 50, y: 50, width: 495 }));
		const drawn = await drawnGlyphs(pdf);
		const run = drawn.find((glyphs) => glyphs.some((glyph) => /\p{Script=Arabic}/u.test(glyph.unicode)))!;
		// The glyphs stand in visual order; their text, read from the right, is the word.
		expect(
			run
				.toReversed()
				.map((glyph) => glyph.unicode)
				.join('')
		).toBe(word);
		const font = fontkit.create(
			woffToSfnt(
				fs.readFileSync(
					createRequire(import.meta.url).resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff')
				)
			)
		) as fontkit.Font;
		const per1000 = (advance: number) => Math.round((advance * 1000) / font.unitsPerEm);
		const shaped = font.layout(word, { ccmp: false } as unknown as string[]).glyphs.map((glyph) => per1000(glyph.advanceWidth));
		const isolated = [...word].toReversed().map((char) => per1000(font.layout(char).glyphs[0]!.advanceWidth));
		const widths = run.map((glyph) => Math.round(glyph.width));
		expect(widths).toEqual(shaped);
		// Joined forms differ from the letters drawn one by one (which is what unshaped text would look like).
		expect(widths).not.toEqual(isolated);
	});

	it('keeps a left-to-right document unchanged, and puts an Arabic name in a Latin line in reading order', async () => {
		const { doc, finish } = createPdf({ locale: 'nl', title: 't', margins });
		writeText(doc, 'Naam: محمد علي (12 jaar), Łucja, Ayşe, Олена', { x: 50, y: 50, width: 495 });
		writeText(doc, 'Gewoon Nederlands', { x: 50, y: doc.y, width: 495 });
		const pdf = new Uint8Array(await finish());
		expect((await readingOrderText(pdf, 'ltr'))[0]).toBe('Naam: محمد علي (12 jaar), Łucja, Ayşe, Олена Gewoon Nederlands');
		const items = (await placedText(pdf))[0]!.items;
		expect(items.find((item) => item.str.startsWith('Naam'))!.x).toBeCloseTo(50, 0);
		expect(items.find((item) => item.str.startsWith('Gewoon'))!.x).toBeCloseTo(50, 0);
		expect(isRightToLeft(doc)).toBe(false);
	});

	it('measures Arabic text as high as it is set, so a question and its answer boxes stay on one page', () => {
		const { doc } = createPdf({ locale: 'ar', title: 't', margins });
		const text = 'اقرأ كل سؤال وضع علامة في المربع الذي يناسب رأيك. '.repeat(5);
		const expected = heightOf(doc, text, { width: 300, size: 10.5 });
		writeText(doc, text, { x: 50, y: 100, width: 300, size: 10.5 });
		expect(doc.y - 100).toBeCloseTo(expected, 5);
		expect(expected).toBeGreaterThan(3 * 10.5);
	});

	it('mirrors a box placed from the start edge in Arabic, and leaves it in a left-to-right document', () => {
		const ar = createPdf({ locale: 'ar', title: 't', margins }).doc;
		const nl = createPdf({ locale: 'nl', title: 't', margins }).doc;
		expect(startX(nl, 50, 20)).toBe(50);
		expect(startX(ar, 50, 20)).toBeCloseTo(ar.page.width - 70);
	});

	it('names the language of the PDF for readers and screen readers', async () => {
		for (const [locale, tag] of [
			['nl', 'nl-NL'],
			['en', 'en-GB'],
			['ar', 'ar'],
			['tr', 'tr-TR'],
			['pl', 'pl-PL'],
			['uk', 'uk-UA']
		] as const) {
			expect(pdfLanguageTag(locale)).toBe(tag);
			const { doc, finish } = createPdf({ locale, title: 't', margins });
			writeText(doc, 'x');
			expect((await finish()).toString('latin1')).toContain(`/Lang (${tag})`);
		}
	});
});

/** The glyphs of each text-drawing operation, as pdf.js reads them (their text and advance in 1/1000 em). */
async function drawnGlyphs(pdf: Uint8Array): Promise<{ unicode: string; width: number }[][]> {
	const loading = getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false });
	const document = await loading.promise;
	const list = await (await document.getPage(1)).getOperatorList();
	const runs = list.fnArray.flatMap((fn, index) =>
		fn === OPS.showText
			? [
					(list.argsArray[index]![0] as unknown[]).filter(
						(glyph): glyph is { unicode: string; width: number } => typeof glyph === 'object' && glyph !== null
					)
				]
			: []
	);
	await loading.destroy();
	return runs;
}
