import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import * as m from '#lib/paraglide/messages.js';
import { formatCalendarDate } from '#lib/i18n.ts';
import { evaluationCellLabel, levelLabel, momentCellLabel, personLabel, scaleLabel } from '#lib/trajectory-labels.ts';
import type { Locale } from '../db/schema.ts';
import { LEVELS } from './trajectories.models.ts';
import type { MonitorReport } from './trajectories.report.ts';

/**
 * The monitor report as a PDF, in the app's own typeface (Atkinson Hyperlegible Next from the
 * @fontsource package, embedded; nothing is loaded from another host).
 */

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-400-normal.woff');
const FONT_BOLD = require.resolve('@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-700-normal.woff');

const MARGIN = 50;
type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string, size = 14): void {
	if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
	doc.moveDown(0.8).font('bold').fontSize(size).text(text).font('regular').fontSize(10).moveDown(0.3);
}

/** A simple grid: equal columns after a wider first one; rows break across pages. */
function table(doc: Doc, header: string[], rows: string[][]): void {
	const width = doc.page.width - 2 * MARGIN;
	const first = Math.min(160, width / Math.max(2, header.length) + 40);
	const rest = header.length > 1 ? (width - first) / (header.length - 1) : width;
	const widths = header.map((_, index) => (index === 0 ? first : rest));
	const drawRow = (cells: string[], bold: boolean) => {
		doc.font(bold ? 'bold' : 'regular').fontSize(9);
		const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 6 }))) + 6;
		if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
		const top = doc.y;
		let x = MARGIN;
		cells.forEach((cell, i) => {
			doc.rect(x, top, widths[i]!, height).strokeColor('#999999').lineWidth(0.5).stroke();
			doc.fillColor('#000000').text(cell, x + 3, top + 3, { width: widths[i]! - 6 });
			x += widths[i]!;
		});
		doc.x = MARGIN;
		doc.y = top + height;
	};
	drawRow(header, true);
	for (const row of rows) drawRow(row, false);
	doc.font('regular').fontSize(10).moveDown(0.5);
}

function bullets(doc: Doc, items: string[], empty: string): void {
	if (items.length === 0) {
		doc.fillColor('#444444').text(empty).fillColor('#000000');
		return;
	}
	for (const item of items) doc.text(`• ${item}`, { indent: 8 });
}

export function renderMonitorPdf(report: MonitorReport, locale: Locale): Promise<Uint8Array> {
	const o = { locale };
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		lang: locale === 'en' ? 'en-GB' : 'nl-NL',
		info: { Title: m.trajectory_report_title({ trajectory: report.trajectoryName }, o), Creator: 'Tweespraak' },
		displayTitle: true
	});
	doc.registerFont('regular', FONT_REGULAR);
	doc.registerFont('bold', FONT_BOLD);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Uint8Array>((resolve, reject) => {
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});

	doc
		.font('bold')
		.fontSize(18)
		.text(m.trajectory_report_title({ trajectory: report.trajectoryName }, o));
	doc.font('regular').fontSize(10).moveDown(0.3);
	doc.text(m.trajectory_report_generated({ date: formatCalendarDate(report.generatedOn, locale) }, o));
	doc.text(m.trajectory_report_totals({ consenting: report.totals.consenting, total: report.totals.participants }, o));

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
		doc.font('bold').text(scale.text).font('regular');
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
		doc.font('bold').fontSize(11).text(`T${moment.position}`).font('regular').fontSize(10);
		for (const level of LEVELS) {
			doc
				.font('bold')
				.text(m.trajectory_report_barriers_at({ level: levelLabel(level, locale) }, o))
				.font('regular');
			bullets(doc, moment.barriers[level], m.trajectory_report_none({}, o));
			doc
				.font('bold')
				.text(m.trajectory_report_resources_at({ level: levelLabel(level, locale) }, o))
				.font('regular');
			bullets(doc, moment.resources[level], m.trajectory_report_none({}, o));
		}
	}

	heading(doc, m.trajectory_report_goals_title({}, o));
	for (const row of report.goals) {
		doc.font('bold').text(personLabel(row, locale)).font('regular');
		for (const entry of row.perMoment) {
			if (!entry.goal) continue;
			doc.text(`T${entry.position}: ${entry.goal}`, { indent: 8 });
			if (entry.reason)
				doc
					.fillColor('#444444')
					.text(m.trajectory_report_goal_changed({ reason: entry.reason }, o), { indent: 16 })
					.fillColor('#000000');
		}
	}

	if (report.openAnswers.length > 0) {
		heading(doc, m.trajectory_report_open_title({}, o));
		for (const group of report.openAnswers) {
			doc
				.font('bold')
				.text(`T${group.position} · ${group.question ?? m.trajectory_form_explanation({}, o)}`)
				.font('regular');
			bullets(doc, group.answers, m.trajectory_report_none({}, o));
		}
	}

	doc.end();
	return done;
}
