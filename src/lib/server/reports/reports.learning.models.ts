import { answerSentence, evaluationScale } from '#lib/answer-scale.ts';
import { formatCalendarDate } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import { nameWithPaper } from '#lib/server/paper/paper.models.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { formatRecordingTime } from '#lib/server/learning/learning.models.ts';
import type { ReportBlock, ReportSection } from './reports.document.ts';
import { partyName, safetyLabel, type ReportData } from './reports.models.ts';

/**
 * The learning conversation's sections of a report: what was said together (safety, topics, the
 * shared sheets, recording moments, wish cards) and the evaluations. The professionals' report
 * shows every party's evaluation; a participant's outcome only their own (docs/decisions/013).
 */

export function safetySection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const entries = data.safety
		.map((safety) => ({
			title: partyName(data, safety.partyId),
			lines: [
				...safety.suggestions.map((key) => ({ label: m.report_safety_suggestion({}, { locale }), text: safetyLabel(key, locale) })),
				...(safety.ownWords ? [{ label: m.report_safety_own({}, { locale }), text: safety.ownWords }] : [])
			]
		}))
		.filter((entry) => entry.lines.length > 0);
	if (entries.length === 0) return null;
	return { key: 'safety', title: m.report_section_safety({}, { locale }), blocks: [{ type: 'entries', entries }] };
}

export function topicsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	if (data.topics.length === 0) return null;
	return {
		key: 'topics',
		title: m.report_section_topics({}, { locale }),
		blocks: [{ type: 'list', ordered: true, items: data.topics.map((topic) => topic.title) }]
	};
}

export function sheetsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const blocks: ReportBlock[] = [];
	for (const topic of data.topics) {
		const entries = data.parties.flatMap((party) => {
			const sheet = data.sheets.find((s) => s.topicId === topic.id && s.partyId === party.id);
			if (!sheet) return [];
			const parts: [string, string | null][] = [
				[m.report_sheet_a({}, { locale }), sheet.aText],
				[m.report_sheet_b({}, { locale }), sheet.bText],
				[m.report_sheet_c({}, { locale }), sheet.cText]
			];
			const lines = parts.flatMap(([label, text]) => (text ? [{ label, text }] : []));
			// A side typed in from paper says so, with the day it was filled in (docs/decisions/020).
			if (lines.length > 0 && sheet.paperFilledOn)
				lines.unshift({ label: m.paper_entry_date_label({}, { locale }), text: formatCalendarDate(sheet.paperFilledOn, locale) });
			return lines.length > 0 ? [{ title: nameWithPaper(party.displayName, sheet.paperFilledOn, locale), lines }] : [];
		});
		if (entries.length > 0) blocks.push({ type: 'subheading', text: topic.title }, { type: 'entries', entries });
	}
	if (blocks.length === 0) return null;
	return { key: 'sheets', title: m.report_section_sheets({}, { locale }), blocks };
}

export function wishesSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const entries = data.parties
		.map((party) => ({
			title: m.report_wishes_from({ name: party.displayName }, { locale }),
			lines: data.wishes
				.filter((w) => w.partyId === party.id)
				.map((w) => (w.question ? { label: w.title, text: w.question } : { label: m.report_wish_card({}, { locale }), text: w.title }))
		}))
		.filter((entry) => entry.lines.length > 0);
	if (entries.length === 0) return null;
	return { key: 'wishes', title: m.report_section_wishes({}, { locale }), blocks: [{ type: 'entries', entries }] };
}

/** Each moment by its time in the recording and its topic, with who noted what. */
export function momentsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const entries = data.moments.map((moment) => {
		const topic = data.topics.find((t) => t.id === moment.topicId)?.title;
		const about = topic ? m.report_moment_about({ topic }, { locale }) : m.report_moment_no_topic({}, { locale });
		return {
			title: `${formatRecordingTime(moment.atSeconds)} · ${about}`,
			lines: [{ label: partyName(data, moment.partyId), text: moment.note }]
		};
	});
	if (entries.length === 0) return null;
	return { key: 'moments', title: m.report_section_moments({}, { locale }), blocks: [{ type: 'entries', entries }] };
}

/**
 * Each evaluation on the scale it was asked on (the line from its two ends, as EvaluationPanel
 * showed it), for every party or only `ofParties`.
 */
export function evaluationSection(data: ReportData, locale: ClientLocale, ofParties?: readonly string[]): ReportSection | null {
	const score = (value: number | null, field: 'clarity' | 'overall') =>
		value === null ? '—' : answerSentence(value, evaluationScale(field, locale), 'line', locale);
	const evaluations = ofParties ? data.evaluations.filter((e) => ofParties.includes(e.partyId)) : data.evaluations;
	const entries = evaluations.map((evaluation) => ({
		title: partyName(data, evaluation.partyId),
		lines: [
			{ label: m.report_evaluation_clarity({}, { locale }), text: score(evaluation.clarity, 'clarity') },
			{ label: m.report_evaluation_overall({}, { locale }), text: score(evaluation.overall, 'overall') },
			...(evaluation.remark ? [{ label: m.report_evaluation_remark({}, { locale }), text: evaluation.remark }] : [])
		]
	}));
	if (entries.length === 0) return null;
	return { key: 'evaluation', title: m.report_section_evaluation({}, { locale }), blocks: [{ type: 'entries', entries }] };
}
