import * as m from '#lib/paraglide/messages.js';
import { evaluationCellLabel, functionLabel, momentCellLabel, personLabel, scaleLabel } from '#lib/trajectory-labels.ts';
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
import { toCsv } from '../shared/csv.ts';
import type { MonitorReport } from './trajectories.report.ts';

/** A section of the CSV: its title on a line of its own, the header, the rows; an empty line before the next. */
function section(table: TextTable, index: number): string[][] {
	return [...(index > 0 ? [[]] : []), [table.title], table.header, ...table.rows];
}

/**
 * The report's tables as sections of one CSV, in the order of the page: table 1 and table 2
 * as in seed 004, the buddy pairs, the evaluation counts, how often each barrier and resource
 * was named, the split per function, the meetings; then every answer of every consenting
 * participant per moment.
 */
export function renderMonitorCsv(report: MonitorReport, locale: Locale): string {
	const tables = [
		overviewTable(report, locale),
		buddiesTable(report, locale),
		pairsTable(report, locale),
		evaluationTable(report, locale),
		...namedCountTables(report, locale),
		functionsTable(report, locale),
		meetingsTable(report, locale),
		...instrumentTables(report, locale),
		...instrumentChangeTables(report, locale)
	];
	return toCsv([...tables, answersTable(report, locale)].flatMap(section));
}

/** A row per consenting participant per moment, with what they recorded. */
function answersTable(report: MonitorReport, locale: Locale): TextTable {
	const o = { locale };
	const questions = report.questions;
	const header = [
		m.trajectory_csv_participant({}, o),
		...(report.showNames ? [m.trajectory_csv_organisation({}, o), m.trajectory_function_column({}, o)] : []),
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
	const rows: string[][] = [];
	for (const row of report.overview) {
		if (row.consent === 'no') continue;
		for (const [index, moment] of report.moments.entries()) {
			const detail = report.details.find((d) => d.number === row.number && d.position === moment.position);
			const cells: (string | null)[] = [
				personLabel(row, locale),
				...(report.showNames ? [row.organisationName, row.function ? functionLabel(row.function, locale) : null] : []),
				moment.label,
				momentCellLabel(row.moments![index]!, locale),
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
				evaluationCellLabel(row.buddyEvaluation!, locale)
			];
			rows.push(cells.map((cell) => cell ?? ''));
		}
	}
	return { id: 'answers', title: m.trajectory_report_csv_answers_title({}, o), header, rows };
}
