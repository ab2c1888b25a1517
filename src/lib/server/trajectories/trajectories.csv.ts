import * as m from '#lib/paraglide/messages.js';
import { evaluationCellLabel, momentCellLabel, personLabel, scaleLabel } from '#lib/trajectory-labels.ts';
import type { Locale } from '../db/schema.ts';
import type { MonitorReport } from './trajectories.report.ts';

/**
 * One CSV cell. Everything is quoted; a cell a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, so typed text stays text.
 */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
	return cells.map(csvCell).join(',');
}

/**
 * The report as one table: a row per consenting participant per moment, with what they
 * recorded. The byte-order mark lets spreadsheet programs read it as UTF-8.
 */
export function renderMonitorCsv(report: MonitorReport, locale: Locale): string {
	const o = { locale };
	const questions = report.questions;
	const header = [
		m.trajectory_csv_participant({}, o),
		...(report.showNames ? [m.trajectory_csv_organisation({}, o)] : []),
		m.trajectory_csv_moment({}, o),
		m.trajectory_csv_status({}, o),
		m.trajectory_csv_stopped_on({}, o),
		m.trajectory_csv_goal({}, o),
		m.trajectory_csv_goal_reason({}, o),
		m.trajectory_csv_barrier_personal({}, o),
		m.trajectory_csv_barrier_team({}, o),
		m.trajectory_csv_barrier_organisation({}, o),
		m.trajectory_csv_resource_personal({}, o),
		m.trajectory_csv_resource_team({}, o),
		m.trajectory_csv_resource_organisation({}, o),
		...questions.map((q) => q.text),
		m.trajectory_csv_explanation({}, o),
		m.trajectory_csv_buddy_evaluation({}, o)
	];
	const lines = [csvLine(header)];
	for (const row of report.overview) {
		for (const [index, moment] of report.moments.entries()) {
			const detail = report.details.find((d) => d.number === row.number && d.position === moment.position);
			lines.push(
				csvLine([
					personLabel(row, locale),
					...(report.showNames ? [row.organisationName] : []),
					moment.label,
					momentCellLabel(row.moments[index]!, locale),
					row.stoppedOn,
					detail?.learningGoal ?? null,
					detail?.goalChangeReason ?? null,
					detail?.barriers.personal ?? null,
					detail?.barriers.team ?? null,
					detail?.barriers.organisation ?? null,
					detail?.resources.personal ?? null,
					detail?.resources.team ?? null,
					detail?.resources.organisation ?? null,
					...questions.map((q) => {
						const answer = detail?.answers[q.key];
						if (!answer) return null;
						return q.kind === 'text' ? answer : scaleLabel(q.kind, answer, locale);
					}),
					detail?.explanation ?? null,
					evaluationCellLabel(row.buddyEvaluation, locale)
				])
			);
		}
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
