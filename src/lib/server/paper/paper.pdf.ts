import * as m from '#lib/paraglide/messages.js';
import { createPdf, heightOf, startX, write } from '../shared/pdf.ts';
import type { PaperAnswer, PaperForm } from './paper.forms.ts';

/**
 * A blank form to print (docs/decisions/020): the collaboration's label and the conversation's
 * code at the top of every page, then each question with room to answer — boxes on the line, faces
 * to colour for a child, ruled lines to write on, or boxes to tick. Drawn with shared/pdf.ts, so
 * every word is real text in the app's typeface (a reader can search it, a test can extract it).
 * Positions are measured from the start edge (startX): in Arabic the form reads from the right,
 * the first box of the line and the first face stand on the right (decision 021), while the
 * points keep their numbers and the end words their ends, so a scale's meaning never flips.
 */

const MARGIN = 50;
const INK = '#1b1f24';
const MUTED = '#4a5560';
type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
	return doc.page.width - 2 * MARGIN;
}

function text(doc: Doc, value: string, options: { size?: number; bold?: boolean; color?: string; x?: number; width?: number } = {}) {
	const x = options.x ?? MARGIN;
	const width = options.width ?? doc.page.width - MARGIN - x;
	write(doc, value, {
		size: options.size ?? 11,
		weight: options.bold ? 'bold' : 'regular',
		color: options.color ?? INK,
		x: startX(doc, x, width),
		y: doc.y,
		width
	});
}

/** The label and code on every page, so a loose page still says where it belongs. */
function pageHeader(doc: Doc, form: PaperForm): void {
	const o = { locale: form.locale };
	doc.y = MARGIN;
	// The code reads left to right in every language, as on the professional's screen: after Arabic
	// words a code that starts with digits ("774-3NT") would otherwise be set as "3NT-774" (its
	// digits count as Arabic numbers, UAX #9 W2). A left-to-right mark before it prevents that.
	const code = `\u200E${form.code}`;
	text(doc, `${m.paper_form_collaboration({ label: form.label }, o)}   ·   ${m.paper_form_code({ code }, o)}`, {
		size: 9.5,
		color: MUTED
	});
	doc.moveDown(0.6);
}

function ensureRoom(doc: Doc, form: PaperForm, height: number): void {
	if (doc.y + height > doc.page.height - MARGIN) {
		doc.addPage();
		pageHeader(doc, form);
	}
}

function answerHeight(answer: PaperAnswer): number {
	switch (answer.kind) {
		case 'line':
			return 52;
		case 'smileys':
			return 78;
		case 'write':
			return answer.lines * 24 + 6;
		case 'tick':
			return answer.options.length * 20 + 4;
	}
}

function box(doc: Doc, x: number, y: number, size: number): void {
	doc.rect(x, y, size, size).lineWidth(1).strokeColor(INK).stroke();
}

/** Boxes 0 … points with their numbers under them, the ends' words beneath. */
function drawLine(doc: Doc, answer: Extract<PaperAnswer, { kind: 'line' }>): void {
	const top = doc.y;
	const width = contentWidth(doc);
	const step = width / (answer.points + 1);
	const size = Math.min(18, step - 6);
	for (let point = 0; point <= answer.points; point++) {
		const x = MARGIN + point * step + (step - size) / 2;
		box(doc, startX(doc, x, size), top, size);
		write(doc, String(point), { size: 9, color: MUTED, x: startX(doc, x - 4, size + 8), y: top + size + 2, width: size + 8 });
	}
	const half = width / 2 - 4;
	write(doc, answer.min, { size: 9.5, x: startX(doc, MARGIN, half), y: top + size + 15, width: half });
	write(doc, answer.max, { size: 9.5, x: startX(doc, MARGIN + width / 2 + 4, half), y: top + size + 15, width: half });
	doc.y = top + answerHeight(answer);
}

/** A face to colour: the mouth goes from a frown (first) to a wide smile (last). */
function face(doc: Doc, cx: number, cy: number, radius: number, mood: number): void {
	doc.circle(cx, cy, radius).lineWidth(1.2).strokeColor(INK).stroke();
	doc
		.circle(cx - radius * 0.35, cy - radius * 0.25, radius * 0.09)
		.fillColor(INK)
		.fill();
	doc
		.circle(cx + radius * 0.35, cy - radius * 0.25, radius * 0.09)
		.fillColor(INK)
		.fill();
	const curve = (mood - 0.5) * radius * 0.9;
	const mouthY = cy + radius * 0.35;
	doc
		.moveTo(cx - radius * 0.45, mouthY)
		.quadraticCurveTo(cx, mouthY + curve, cx + radius * 0.45, mouthY)
		.lineWidth(1.2)
		.strokeColor(INK)
		.stroke();
}

function drawSmileys(doc: Doc, answer: Extract<PaperAnswer, { kind: 'smileys' }>): void {
	const top = doc.y;
	const count = answer.labels.length;
	const step = contentWidth(doc) / count;
	const radius = Math.min(20, step / 2 - 8);
	answer.labels.forEach((label, index) => {
		const start = MARGIN + index * step;
		const cx = startX(doc, start, step) + step / 2;
		face(doc, cx, top + radius + 2, radius, count > 1 ? index / (count - 1) : 0.5);
		write(doc, label, { size: 9, x: startX(doc, start + 2, step - 4), y: top + 2 * radius + 8, width: step - 4 });
	});
	doc.y = top + answerHeight(answer);
}

function drawWritingLines(doc: Doc, lines: number): void {
	const top = doc.y;
	for (let line = 1; line <= lines; line++) {
		const y = top + line * 24;
		doc
			.moveTo(MARGIN, y)
			.lineTo(doc.page.width - MARGIN, y)
			.lineWidth(0.6)
			.strokeColor('#8a949e')
			.stroke();
	}
	doc.y = top + lines * 24 + 6;
}

function drawTicks(doc: Doc, options: readonly string[]): void {
	for (const option of options) {
		const top = doc.y;
		box(doc, startX(doc, MARGIN, 12), top + 1, 12);
		write(doc, option, { size: 10.5, x: startX(doc, MARGIN + 20, contentWidth(doc) - 20), y: top, width: contentWidth(doc) - 20 });
		doc.y = top + 20;
	}
	doc.y += 4;
}

function drawAnswer(doc: Doc, answer: PaperAnswer): void {
	if (answer.kind === 'line') drawLine(doc, answer);
	else if (answer.kind === 'smileys') drawSmileys(doc, answer);
	else if (answer.kind === 'write') drawWritingLines(doc, answer.lines);
	else drawTicks(doc, answer.options);
}

export async function renderPaperFormPdf(form: PaperForm): Promise<Uint8Array> {
	const o = { locale: form.locale };
	const { doc, finish } = createPdf({
		locale: form.locale,
		title: form.title,
		margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
	});
	pageHeader(doc, form);
	text(doc, form.title, { size: 18, bold: true });
	doc.moveDown(0.4);
	text(doc, m.paper_form_filled_on({}, o) + ' ____________________');
	doc.moveDown(0.6);
	for (const paragraph of form.intro) {
		text(doc, paragraph, { size: 10.5 });
		doc.moveDown(0.3);
	}
	form.questions.forEach((question, index) => {
		const heading = question.label ? `${index + 1}. ${question.label}` : `${index + 1}.`;
		const width = contentWidth(doc);
		const needed =
			heightOf(doc, heading, { weight: 'bold', width }) + heightOf(doc, question.text, { width }) + answerHeight(question.answer) + 24;
		ensureRoom(doc, form, needed);
		doc.moveDown(0.8);
		text(doc, heading, { bold: true, size: 11.5 });
		if (question.text) text(doc, question.text, { size: 10.5 });
		doc.moveDown(0.4);
		drawAnswer(doc, question.answer);
	});
	ensureRoom(doc, form, 40);
	doc.moveDown(1);
	text(doc, form.closing, { size: 10, color: MUTED });
	return new Uint8Array(await finish());
}
