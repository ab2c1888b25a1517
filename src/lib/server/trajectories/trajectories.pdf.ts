import * as m from '#lib/paraglide/messages.js';
import { formatCalendarDate } from '#lib/i18n.ts';
import { evaluationCellLabel, levelLabel, momentCellLabel, personLabel, scaleLabel } from '#lib/trajectory-labels.ts';
import type { Locale } from '../db/schema.ts';
import { createPdf, heightOf, write, type WriteOptions } from '../shared/pdf.ts';
import { LEVELS } from './trajectories.models.ts';
import type { MonitorReport } from './trajectories.report.ts';

/**
 * The monitor report as a PDF, in the app's own typeface with the fallback fonts of
 * shared/pdf.ts for every letter it lacks (all embedded; nothing is loaded from another host).
 */

const MARGIN = 50;
const MUTED = '#444444';
type Doc = PDFKit.PDFDocument;

/** A line of text at the left margin, across the page (10 pt unless said otherwise). */
function line(doc: Doc, text: string, options: WriteOptions = {}): void {
	const x = MARGIN + (options.x ?? 0);
	write(doc, text, { size: 10, color: '#000000', lineGap: 0, ...options, x, y: doc.y, width: doc.page.width - MARGIN - x });
}

function heading(doc: Doc, text: string, size = 14): void {
	if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
	doc.moveDown(0.8);
	line(doc, text, { weight: 'bold', size });
	doc.moveDown(0.3);
}

/** A simple grid: equal columns after a wider first one; rows break across pages. */
function table(doc: Doc, header: string[], rows: string[][]): void {
	const width = doc.page.width - 2 * MARGIN;
	const first = Math.min(160, width / Math.max(2, header.length) + 40);
	const rest = header.length > 1 ? (width - first) / (header.length - 1) : width;
	const widths = header.map((_, index) => (index === 0 ? first : rest));
	const drawRow = (cells: string[], bold: boolean) => {
		const weight = bold ? 'bold' : 'regular';
		const height = Math.max(...cells.map((cell, i) => heightOf(doc, cell, { weight, size: 9, width: widths[i]! - 6, lineGap: 0 }))) + 6;
		if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
		const top = doc.y;
		let x = MARGIN;
		cells.forEach((cell, i) => {
			doc.rect(x, top, widths[i]!, height).strokeColor('#999999').lineWidth(0.5).stroke();
			write(doc, cell, { weight, size: 9, color: '#000000', lineGap: 0, x: x + 3, y: top + 3, width: widths[i]! - 6 });
			x += widths[i]!;
		});
		doc.x = MARGIN;
		doc.y = top + height;
	};
	drawRow(header, true);
	for (const row of rows) drawRow(row, false);
	doc.fontSize(10).moveDown(0.5);
}

function bullets(doc: Doc, items: string[], empty: string): void {
	if (items.length === 0) {
		line(doc, empty, { color: MUTED });
		return;
	}
	for (const item of items) line(doc, `• ${item}`, { indent: 8 });
}

export async function renderMonitorPdf(report: MonitorReport, locale: Locale): Promise<Uint8Array> {
	const o = { locale };
	const title = m.trajectory_report_title({ trajectory: report.trajectoryName }, o);
	const { doc, finish } = createPdf({
		locale,
		lang: locale === 'en' ? 'en-GB' : 'nl-NL',
		title,
		margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
	});

	line(doc, title, { weight: 'bold', size: 18 });
	doc.moveDown(0.3);
	line(doc, m.trajectory_report_generated({ date: formatCalendarDate(report.generatedOn, locale) }, o));
	line(doc, m.trajectory_report_totals({ consenting: report.totals.consenting, total: report.totals.participants }, o));

	heading(doc, m.trajectory_report_overview_title({}, o));
	table(
		doc,
		[
			m.trajectory_csv_participant({}, o),
			...report.moments.map((mo) => mo.label),
			m.trajectory_report_stopped({}, o),
			m.trajectory_csv_buddy_evaluation({}, o)
		],
		report.overview.map((row) => [
			personLabel(row, locale) + (row.organisationName ? ` (${row.organisationName})` : ''),
			...row.moments.map((cell) => momentCellLabel(cell, locale)),
			row.stoppedOn ? formatCalendarDate(row.stoppedOn, locale) : '–',
			evaluationCellLabel(row.buddyEvaluation, locale)
		])
	);

	heading(doc, m.trajectory_report_pairs_title({}, o));
	table(
		doc,
		[
			m.trajectory_report_pair({}, o),
			m.trajectory_report_members({}, o),
			m.trajectory_report_entries({}, o),
			m.trajectory_report_valuable({}, o)
		],
		report.pairs.map((pair) => [
			m.trajectory_report_pair_number({ number: pair.number }, o),
			pair.members.map((member) => `${personLabel(member, locale)}: ${evaluationCellLabel(member.evaluation, locale)}`).join('\n'),
			String(pair.entries),
			String(pair.valuableEntries)
		])
	);

	heading(doc, m.trajectory_report_scales_title({}, o));
	for (const scale of report.scales) {
		line(doc, scale.text, { weight: 'bold' });
		table(
			doc,
			[
				m.trajectory_csv_moment({}, o),
				...scale.options.map((option) => scaleLabel(scale.kind, option, locale)),
				m.trajectory_report_no_response({}, o)
			],
			scale.perMoment.map((row) => [
				`T${row.position}`,
				...scale.options.map((option) => String(row.counts[option] ?? 0)),
				String(row.noResponse)
			])
		);
	}

	heading(doc, m.trajectory_report_levels_title({}, o));
	for (const moment of report.levels.filter((m) => LEVELS.some((level) => m.barriers[level].length + m.resources[level].length > 0))) {
		line(doc, `T${moment.position}`, { weight: 'bold', size: 11 });
		for (const level of LEVELS) {
			line(doc, m.trajectory_report_barriers_at({ level: levelLabel(level, locale) }, o), { weight: 'bold' });
			bullets(doc, moment.barriers[level], m.trajectory_report_none({}, o));
			line(doc, m.trajectory_report_resources_at({ level: levelLabel(level, locale) }, o), { weight: 'bold' });
			bullets(doc, moment.resources[level], m.trajectory_report_none({}, o));
		}
	}

	heading(doc, m.trajectory_report_goals_title({}, o));
	for (const row of report.goals) {
		line(doc, personLabel(row, locale), { weight: 'bold' });
		for (const entry of row.perMoment) {
			if (!entry.goal) continue;
			line(doc, `T${entry.position}: ${entry.goal}`, { indent: 8 });
			if (entry.reason) line(doc, m.trajectory_report_goal_changed({ reason: entry.reason }, o), { indent: 16, color: MUTED });
		}
	}

	if (report.openAnswers.length > 0) {
		heading(doc, m.trajectory_report_open_title({}, o));
		for (const group of report.openAnswers) {
			line(doc, `T${group.position} · ${group.question ?? m.trajectory_form_explanation({}, o)}`, { weight: 'bold' });
			bullets(doc, group.answers, m.trajectory_report_none({}, o));
		}
	}

	return new Uint8Array(await finish());
}
