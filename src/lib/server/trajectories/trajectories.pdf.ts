import * as m from '#lib/paraglide/messages.js';
import { formatCalendarDate } from '#lib/i18n.ts';
import { personLabel, scaleLabel } from '#lib/trajectory-labels.ts';
import {
	buddiesTable,
	evaluationTable,
	functionsTable,
	instrumentChangeTables,
	instrumentTables,
	meetingsTable,
	namedCountTables,
	overviewTable,
	pairsTable,
	type TextTable
} from '#lib/trajectory-report-tables.ts';
import type { Locale } from '../db/schema.ts';
import { createPdf, heightOf, write, type WriteOptions } from '../shared/pdf.ts';
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
function grid(doc: Doc, header: string[], rows: string[][]): void {
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

/** A table of the report with its title; an empty one says so. */
function section(doc: Doc, table: TextTable, empty: string, note?: string): void {
	heading(doc, table.title, 12);
	if (note) {
		line(doc, note, { color: MUTED, size: 9 });
		doc.moveDown(0.3);
	}
	if (table.rows.length === 0) line(doc, empty, { color: MUTED });
	else grid(doc, table.header, table.rows);
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
	const empty = m.trajectory_report_empty({}, o);

	line(doc, title, { weight: 'bold', size: 18 });
	doc.moveDown(0.3);
	line(doc, m.trajectory_report_generated({ date: formatCalendarDate(report.generatedOn, locale) }, o));
	line(doc, m.trajectory_report_totals({ consenting: report.totals.consenting, total: report.totals.participants }, o));
	line(doc, m.trajectory_report_consent_note({}, o), { color: MUTED, size: 9 });

	section(doc, overviewTable(report, locale), empty);
	section(doc, buddiesTable(report, locale), empty, m.trajectory_report_table2_hint({}, o));
	section(doc, pairsTable(report, locale), empty);
	section(doc, meetingsTable(report, locale), empty);

	heading(doc, m.trajectory_report_evaluation_title({}, o));
	section(doc, evaluationTable(report, locale), empty);
	for (const [label, quotes] of [
		[m.trajectory_report_evaluation_helped({}, o), report.evaluation.quotes.whatHelped],
		[m.trajectory_report_evaluation_tips({}, o), report.evaluation.quotes.tips]
	] as const) {
		line(doc, label, { weight: 'bold' });
		bullets(
			doc,
			quotes.map((quote) => `“${quote}”`),
			m.trajectory_report_none({}, o)
		);
	}
	line(doc, m.trajectory_report_quotes_hint({}, o), { color: MUTED, size: 9 });

	for (const table of instrumentTables(report, locale)) {
		section(doc, table, empty, m.trajectory_report_instrument_hint({ minimum: report.byFunction.minGroupSize }, o));
	}
	for (const table of instrumentChangeTables(report, locale)) {
		section(doc, table, empty, m.trajectory_report_change_hint({ minimum: report.byFunction.minGroupSize }, o));
	}

	heading(doc, m.trajectory_report_counts_title({}, o));
	line(doc, m.trajectory_report_counts_hint({}, o), { color: MUTED, size: 9 });
	for (const table of namedCountTables(report, locale)) section(doc, table, m.trajectory_report_none({}, o));

	section(
		doc,
		functionsTable(report, locale),
		m.trajectory_report_functions_none({}, o),
		m.trajectory_report_functions_hint({ minimum: report.byFunction.minGroupSize }, o) +
			(report.byFunction.hiddenGroups > 0 ? ` ${m.trajectory_report_functions_hidden({ count: report.byFunction.hiddenGroups }, o)}` : '')
	);

	heading(doc, m.trajectory_report_scales_title({}, o));
	for (const scale of report.scales) {
		line(doc, scale.text, { weight: 'bold' });
		grid(
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
