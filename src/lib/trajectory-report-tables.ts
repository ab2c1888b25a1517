import * as m from '#lib/paraglide/messages.js';
import { meanText, signedText } from '#lib/answer-scale.ts';
import { formatCalendarDate } from '#lib/i18n.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { MonitorReport, ReportPerson } from '#lib/server/trajectories/trajectories.report.ts';
import type { NamedCount } from '#lib/server/trajectories/trajectories.report.counts.ts';
import type { InstrumentResult } from '#lib/server/trajectories/trajectories.instruments.models.ts';
import {
	buddyNoteLabel,
	evaluationCellLabel,
	functionLabel,
	levelLabel,
	momentCellLabel,
	personLabel,
	scaleOptionLabel
} from '#lib/trajectory-labels.ts';

/**
 * The monitor report's tables as words: one source for the page, the CSV and the PDF, so the
 * three show the same headings and cells. The first cell of a row names it (a row header).
 */

type Locale = 'nl' | 'en';

export interface TextTable {
	id: string;
	title: string;
	header: string[];
	rows: string[][];
}

const opts = (locale?: Locale) => (locale ? { locale } : {});

/** "Deelnemer 3", or with names "Naam (Organisatie, Functie)"; someone without consent is always a number. */
export function reportPersonLabel(person: ReportPerson, locale?: Locale): string {
	const details = [person.organisationName, person.function ? functionLabel(person.function, locale) : null].filter(Boolean);
	return personLabel(person, locale) + (details.length > 0 ? ` (${details.join(', ')})` : '');
}

function signed(n: number): string {
	return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** Table 1 (seed 004): every invited participant; without consent only the number and "Nee". */
export function overviewTable(report: MonitorReport, locale?: Locale): TextTable {
	const o = opts(locale);
	const date = (day: string) => formatCalendarDate(day, locale ?? getLocale());
	return {
		id: 'overview',
		title: m.trajectory_report_table1_title({}, o),
		header: [
			m.trajectory_csv_participant({}, o),
			m.trajectory_consent_column({}, o),
			...report.moments.map((moment) => moment.label),
			m.trajectory_report_stopped({}, o),
			m.trajectory_csv_buddy_evaluation({}, o)
		],
		rows: report.overview.map((row) =>
			row.consent === 'no'
				? [reportPersonLabel(row, locale), m.trajectory_report_consent_no({}, o), ...report.moments.map(() => ''), '', '']
				: [
						reportPersonLabel(row, locale),
						m.trajectory_report_consent_yes({}, o),
						...row.moments!.map((cell) => momentCellLabel(cell, locale)),
						row.stoppedOn ? date(row.stoppedOn) : '–',
						evaluationCellLabel(row.buddyEvaluation!, locale)
					]
		)
	};
}

/** Table 2 (seed 004): per participant their buddy, log, valuable entries and why a row looks as it does. */
export function buddiesTable(report: MonitorReport, locale?: Locale): TextTable {
	const o = opts(locale);
	return {
		id: 'buddies',
		title: m.trajectory_report_table2_title({}, o),
		header: [
			m.trajectory_csv_participant({}, o),
			m.trajectory_report_buddy({}, o),
			m.trajectory_csv_buddy_evaluation({}, o),
			m.trajectory_report_entries({}, o),
			m.trajectory_report_valuable({}, o),
			m.trajectory_csv_explanation({}, o)
		],
		rows: report.buddies.map((row) => [
			reportPersonLabel(row, locale),
			row.buddy ? personLabel(row.buddy, locale) : row.consent === 'yes' ? '–' : '',
			row.evaluation ? evaluationCellLabel(row.evaluation, locale) : '',
			row.entries === null ? '' : String(row.entries),
			row.valuableEntries === null ? '' : String(row.valuableEntries),
			row.notes.map((note) => buddyNoteLabel(note, locale)).join('; ')
		])
	};
}

export function pairsTable(report: MonitorReport, locale?: Locale): TextTable {
	const o = opts(locale);
	return {
		id: 'pairs',
		title: m.trajectory_report_pairs_title({}, o),
		header: [
			m.trajectory_report_pair({}, o),
			m.trajectory_report_members({}, o),
			m.trajectory_report_entries({}, o),
			m.trajectory_report_valuable({}, o)
		],
		rows: report.pairs.map((pair) => [
			m.trajectory_report_pair_number({ number: pair.number }, o),
			pair.members.map((member) => `${reportPersonLabel(member, locale)}: ${evaluationCellLabel(member.evaluation, locale)}`).join('\n'),
			String(pair.entries),
			String(pair.valuableEntries)
		])
	};
}

/** The buddy evaluation's ratings as counts (n), never per person. */
export function evaluationTable(report: MonitorReport, locale?: Locale): TextTable {
	const o = opts(locale);
	return {
		id: 'evaluation',
		title: m.trajectory_report_evaluation_question({}, o),
		header: [m.trajectory_report_answer({}, o), m.trajectory_report_count({}, o)],
		rows: (['no', 'somewhat', 'yes'] as const).map((rating) => [scaleOptionLabel(rating, locale), String(report.evaluation.counts[rating])])
	};
}

function namedTable(report: MonitorReport, kind: 'barriers' | 'resources', locale?: Locale): TextTable {
	const o = opts(locale);
	const { positions } = report.namedCounts;
	const items: NamedCount[] = report.namedCounts[kind];
	return {
		id: kind,
		title: kind === 'barriers' ? m.trajectory_report_barriers_counted({}, o) : m.trajectory_report_resources_counted({}, o),
		header: [
			kind === 'barriers' ? m.trajectory_report_barrier({}, o) : m.trajectory_report_resource({}, o),
			m.trajectory_report_level({}, o),
			...positions.map((position) => `T${position}`),
			...positions.slice(1).map((to, i) => m.trajectory_report_change({ from: `T${positions[i]}`, to: `T${to}` }, o))
		],
		rows: items.map((item) => [item.label, levelLabel(item.level, locale), ...item.perMoment.map(String), ...item.changes.map(signed)])
	};
}

/** How often each barrier and resource was named, per level and moment, and the change between moments. */
export function namedCountTables(report: MonitorReport, locale?: Locale): TextTable[] {
	return [namedTable(report, 'barriers', locale), namedTable(report, 'resources', locale)];
}

/** Per function, only for groups the suppression rule lets through. */
export function functionsTable(report: MonitorReport, locale?: Locale): TextTable {
	const o = opts(locale);
	return {
		id: 'functions',
		title: m.trajectory_report_functions_title({}, o),
		header: [
			m.trajectory_function_column({}, o),
			m.trajectory_report_participants_n({}, o),
			...report.moments.map((moment) => m.trajectory_report_delivered_at({ moment: moment.label }, o)),
			...(['no', 'somewhat', 'yes'] as const).map((rating) =>
				m.trajectory_report_evaluation_answer({ answer: scaleOptionLabel(rating, locale) }, o)
			),
			m.trajectory_report_attendances({}, o)
		],
		rows: report.byFunction.groups.map((group) => [
			functionLabel(group.function, locale),
			String(group.participants),
			...group.delivered.map(String),
			String(group.evaluations.no),
			String(group.evaluations.somewhat),
			String(group.evaluations.yes),
			String(group.attendances)
		])
	};
}

/** Meetings with place, programme and how many consenting participants attended. */
export function meetingsTable(report: MonitorReport, locale?: Locale): TextTable {
	const o = opts(locale);
	return {
		id: 'meetings',
		title: m.trajectory_report_meetings_title({}, o),
		header: [
			m.trajectory_report_meeting({}, o),
			m.trajectory_report_date({}, o),
			m.trajectory_report_place({}, o),
			m.trajectory_report_programme({}, o),
			m.trajectory_report_present({}, o)
		],
		rows: report.meetings.map((meeting) => [
			meeting.title,
			formatCalendarDate(meeting.heldOn, locale ?? getLocale()),
			meeting.place ?? '',
			meeting.programme ?? '',
			m.trajectory_report_present_of({ present: meeting.present, total: report.totals.consenting }, o)
		])
	};
}

/** The instrument's name, with the version its answers were given on where versions differ. */
function instrumentName(result: InstrumentResult, language: Locale, o: ReturnType<typeof opts>): string {
	const name = result.name[language] || result.name.nl;
	return result.version === null ? name : m.trajectory_report_instrument_version({ name, version: result.version }, o);
}

/** A table's id: the instrument's key, and its version where versions differ. */
const instrumentId = (result: InstrumentResult) => (result.version === null ? result.key : `${result.key}-v${result.version}`);

function instrumentTable(result: InstrumentResult, locale?: Locale): TextTable {
	const o = opts(locale);
	const language = locale ?? (getLocale() === 'en' ? 'en' : 'nl');
	const columns = result.moments.flatMap((moment) => moment.perspectives.map((cell) => ({ position: moment.position, cell })));
	const who = (perspective: string) =>
		perspective === 'client' ? m.trajectory_report_instrument_client({}, o) : m.trajectory_report_instrument_professional({}, o);
	return {
		id: `instrument-${instrumentId(result)}`,
		title: m.trajectory_report_instrument_title({ name: instrumentName(result, language, o) }, o),
		header: [m.trajectory_report_instrument_item({}, o), ...columns.map(({ position, cell }) => `T${position} ${who(cell.perspective)}`)],
		rows: [
			...result.items.map((item) => [
				item.label[language] || item.label.nl,
				...columns.map(({ cell }) => {
					const mean = cell.means[item.key];
					return mean === undefined ? '–' : meanText(mean, { points: result.points }, language);
				})
			]),
			[m.trajectory_report_instrument_answered({}, o), ...columns.map(({ cell }) => String(cell.answered))]
		]
	};
}

/**
 * The moments' instruments (issue 14): the mean per item on the instrument's line, per moment,
 * for the participants and for their clients; "–" where fewer than the minimum group answered.
 */
export function instrumentTables(report: MonitorReport, locale?: Locale): TextTable[] {
	return report.instruments.map((result) => instrumentTable(result, locale));
}

/** A change in stored units (−100…100) on the instrument's line, signed, one decimal: "+0,8", "−1,2". */
function changeText(change: number, points: number, language: Locale): string {
	return signedText(Math.round(((change * points) / 100) * 10) / 10, language);
}

function changeTable(result: InstrumentResult, minimum: number, locale?: Locale): TextTable {
	const o = opts(locale);
	const language = locale ?? (getLocale() === 'en' ? 'en' : 'nl');
	const columns = result.changes.flatMap((change) => change.perspectives.map((cell) => ({ change, cell })));
	const who = (perspective: string) =>
		perspective === 'client' ? m.trajectory_report_instrument_client({}, o) : m.trajectory_report_instrument_professional({}, o);
	const cellText = (value: number | null | undefined) =>
		value === null || value === undefined ? '–' : changeText(value, result.points, language);
	return {
		id: `instrument-change-${instrumentId(result)}`,
		title: m.trajectory_report_change_title({ name: instrumentName(result, language, o) }, o),
		header: [
			m.trajectory_report_instrument_item({}, o),
			...columns.map(({ change, cell }) => `T${change.from} → T${change.to} ${who(cell.perspective)}`)
		],
		rows: [
			...result.items.map((item) => [item.label[language] || item.label.nl, ...columns.map(({ cell }) => cellText(cell.items[item.key]))]),
			[m.trajectory_report_change_overall({}, o), ...columns.map(({ cell }) => cellText(cell.overall))],
			[m.trajectory_report_change_paired({}, o), ...columns.map(({ cell }) => String(cell.paired))],
			[
				m.trajectory_report_change_reason({}, o),
				...columns.map(({ cell }) =>
					cell.shown
						? ''
						: cell.hidden === 'wouldReveal'
							? m.trajectory_report_change_would_reveal({}, o)
							: m.trajectory_report_change_too_few({ paired: cell.paired, minimum }, o)
				)
			]
		]
	};
}

/**
 * The change from each moment to the next with the same instrument (issue 14, part 3): per item and
 * over all items, for the participants and for their clients, paired (only who answered both
 * moments); "–" with the reason where fewer than the minimum group answered both. None for an
 * instrument asked at one moment only.
 */
export function instrumentChangeTables(report: MonitorReport, locale?: Locale): TextTable[] {
	return report.instruments
		.filter((result) => result.changes.length > 0)
		.map((result) => changeTable(result, report.byFunction.minGroupSize, locale));
}
