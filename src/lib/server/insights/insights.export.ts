import { answerModeOf, answerSentence, DEFAULT_LINE_POINTS, scaleRangeText, toLinePoint, type AnswerScale } from '#lib/answer-scale.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/server/db/schema.ts';
import type { CsvValue } from '../shared/csv.ts';
import type { Figure, QuarterFigures } from './insights.models.ts';

/**
 * The rows of the CSV exports, in the reader's language. The dashboard export holds exactly the
 * dashboard's figures (suppressed ones as "te weinig gegevens"); the caseload export holds the
 * professional's own collaborations' ratings under their pseudonymous labels, with the
 * participants numbered instead of named.
 */

interface DashboardLike {
	scope: { kind: 'organisation' | 'team'; name: string | null } | null;
	items: { instrumentKey: string; itemKey: string; label: string }[];
	quarters: QuarterFigures[];
}

export function dashboardCsvRows(dashboard: DashboardLike, locale: Locale): CsvValue[][] {
	const o = { locale };
	const suppressed = m.insights_suppressed({}, o);
	const scopeName = dashboard.scope?.kind === 'team' ? (dashboard.scope.name ?? '') : m.insights_scope_organisation({}, o);
	const figure = (f: Figure): [CsvValue, CsvValue] => (f.shown ? [f.value, f.collaborations] : [suppressed, null]);
	// Ratings and their gaps on the line they were given on (0–10, one decimal), as on the dashboard.
	const LINE = `0-${DEFAULT_LINE_POINTS}`;
	const rating = (f: Figure): [CsvValue, CsvValue, CsvValue] =>
		f.shown ? [toLinePoint(f.value), f.collaborations, LINE] : [suppressed, null, LINE];
	const rows: CsvValue[][] = [
		[
			m.insights_csv_quarter({}, o),
			m.insights_csv_scope({}, o),
			m.insights_csv_measure({}, o),
			m.insights_csv_group({}, o),
			m.insights_csv_value({}, o),
			m.insights_csv_collaborations({}, o),
			m.insights_csv_scale({}, o)
		]
	];
	for (const q of dashboard.quarters) {
		rows.push([q.quarter, scopeName, m.insights_coverage_title({}, o), m.insights_csv_percent({}, o), ...figure(q.coverage), '%']);
		for (const item of q.items) {
			const label =
				dashboard.items.find((i) => i.instrumentKey === item.instrumentKey && i.itemKey === item.itemKey)?.label ?? item.itemKey;
			rows.push([q.quarter, scopeName, label, m.insights_series_clients({}, o), ...rating(item.client)]);
			rows.push([q.quarter, scopeName, label, m.insights_series_professionals({}, o), ...rating(item.professional)]);
			rows.push([q.quarter, scopeName, label, m.insights_gap({}, o), ...rating(item.gap)]);
		}
		const a = q.agreements;
		const agreementRows: [string, CsvValue, CsvValue][] = [
			[m.insights_outcome_done({}, o), a.shown ? a.done : suppressed, null],
			[m.insights_outcome_partly({}, o), a.shown ? a.partly : suppressed, null],
			[m.insights_outcome_not_done({}, o), a.shown ? a.notDone : suppressed, null],
			[m.insights_csv_done_share({}, o), a.shown ? a.doneShare : suppressed, '%']
		];
		for (const [group, value, unit] of agreementRows) {
			rows.push([q.quarter, scopeName, m.insights_agreements_title({}, o), group, value, a.shown ? a.collaborations : null, unit]);
		}
	}
	return rows;
}

export interface CaseloadRating {
	label: string;
	endedOn: string;
	instrument: string;
	item: string;
	party: { kind: 'participant'; number: number; audience: string } | { kind: 'professional'; own: boolean };
	value: number;
	/** The scale the rating was given on, in the reader's language. */
	scale: AnswerScale;
	/** Typed in from a paper form: the day it was filled in. */
	paperFilledOn?: string | null;
}

export function caseloadCsvRows(ratings: readonly CaseloadRating[], locale: Locale): CsvValue[][] {
	const o = { locale };
	const partyName = (party: CaseloadRating['party']) =>
		party.kind === 'participant'
			? m.insights_csv_participant_number({ number: party.number }, o)
			: party.own
				? m.insights_csv_me({}, o)
				: m.insights_csv_co_professional({}, o);
	return [
		[
			m.insights_csv_collaboration({}, o),
			m.insights_csv_date({}, o),
			m.insights_csv_instrument({}, o),
			m.insights_csv_item({}, o),
			m.insights_csv_party({}, o),
			m.insights_csv_rating({}, o),
			m.insights_csv_answer({}, o),
			m.insights_csv_scale({}, o),
			m.insights_csv_paper({}, o)
		],
		...ratings.map((r) => {
			// The number on the line (a child's smiley lies on it too), and the answer as it was given.
			const mode = answerModeOf(r.party.kind === 'participant' ? r.party.audience : 'professional');
			return [
				r.label,
				r.endedOn,
				r.instrument,
				r.item,
				partyName(r.party),
				toLinePoint(r.value, r.scale.points),
				answerSentence(r.value, r.scale, mode, locale),
				scaleRangeText(r.scale, locale),
				r.paperFilledOn ?? ''
			];
		})
	];
}
