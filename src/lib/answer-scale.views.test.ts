import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Timeline from '#lib/components/collaborations/Timeline.svelte';
import ClosedSummary from '#lib/components/conversation/ClosedSummary.svelte';
import FeedbackAnswers from '#lib/components/conversation/FeedbackAnswers.svelte';
import OwnAnswers from '#lib/components/conversation/OwnAnswers.svelte';
import RevealView from '#lib/components/conversation/RevealView.svelte';
import EvaluationPanel from '#lib/components/learning/EvaluationPanel.svelte';
import LearningSummary from '#lib/components/learning/LearningSummary.svelte';
import { NO_FEEDBACK } from '#lib/components/learning/learning-forms.ts';
import type { TimelineEntry } from '#lib/server/conversations/conversations.timeline.ts';
import type { FeedbackView } from '#lib/server/feedback/feedback.views.ts';
import { caseloadCsvRows, dashboardCsvRows } from '#lib/server/insights/insights.export.ts';
import type { QuarterFigures } from '#lib/server/insights/insights.models.ts';
import { renderItems, renderScale } from '#lib/server/instruments/instruments.models.ts';
import { sessionFeedbackV1 } from '#lib/server/instruments/session-feedback-v1.ts';
import type { LearningView } from '#lib/server/learning/learning.views.ts';
import { buildReportDocument } from '#lib/server/reports/reports.models.ts';
import { renderReportPdf } from '#lib/server/reports/reports.pdf.ts';
import { quickCheckReportData } from '#lib/server/testing/report-fixtures.ts';
import { allItems, quickCheckItems, quickCheckScale, quickCheckView } from '#lib/server/testing/quick-check-view.ts';
import { extractPdfText } from '#lib/server/testing/pdf-text.ts';
import CaseloadPage from '../routes/(staff)/insights/+page.svelte';
import DashboardPage from '../routes/(staff)/insights/dashboard/+page.svelte';
import CollaborationInsightsPage from '../routes/(staff)/collaborations/[collaborationId=id]/insights/+page.svelte';

/**
 * Issue 12 part 3: the client chose "3 van 10" and pages, screen-reader texts, the PDF and the
 * CSV said "30 (van 0 tot 100)". Every view a person reads a value in is made here for answers
 * of 3 on the 0–10 line (stored 30) and must show 3, never the stored 30. Averages of 30 read 3,0.
 */

const STORED = 30;
/** The stored value as a number of its own (not part of "2030" or "3,0"). */
const NORMALISED = /(?<![\d.,])30(?![\d.,])/;

/** What a person can read or hear of server-rendered HTML: the text, and the accessible names and descriptions. */
function readable(html: string): string {
	const spoken = [...html.matchAll(/\s(?:aria-label|title|alt)="([^"]*)"/g)].map((match) => match[1]);
	const text = html
		.replace(/<style[\s\S]*?<\/style>/g, ' ')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ');
	return [text, ...spoken].join(' ').replaceAll('&amp;', '&').replace(/\s+/g, ' ');
}

const items = quickCheckItems;
const scale = quickCheckScale;
const conversationView = quickCheckView({
	phase: 'closed',
	viewer: 'pro',
	values: { anna: STORED, pro: 80 },
	markViewer: false,
	endedAt: '2026-03-12T10:45:00.000Z'
});
const { parties, ratings } = conversationView;

function expectOnTheLine(html: string, expected: string[]) {
	const text = readable(html);
	expect(text).not.toMatch(NORMALISED);
	for (const words of expected) expect(text).toContain(words);
}

describe('every view shows an answer of 3 on the 0–10 line as 3, never as the stored 30', () => {
	it('the reveal: lines (screen-reader text), table and the difference', () => {
		const { body } = render(RevealView, { props: { view: conversationView, formal: false } });
		expectOnTheLine(body, ['Anna: 3 van 10', 'Piet: 8 van 10', 'van 0 (ontevreden) tot 10 (tevreden)']);
		// The difference column: 8 − 3 = 5, not 50.
		expect(readable(body)).toMatch(/Omgang .* 3 8 5 /);
		expect(readable(body)).not.toMatch(/\b(80|50)\b/);
	});

	it('the closed summary', () => {
		const { body } = render(ClosedSummary, {
			props: { view: conversationView, client: 'cliënt', collaboration: { id: 'col1', label: 'Fam. K.', nextDueOn: null } }
		});
		expectOnTheLine(body, ['van 0 (ontevreden) tot 10 (tevreden)']);
	});

	it('the own answers a participant looks back on, and a child’s as smileys in words', () => {
		expectOnTheLine(render(OwnAnswers, { props: { items, scale, values: allItems(STORED), child: false } }).body, ['3 van 10']);
		const child = readable(render(OwnAnswers, { props: { items, scale, values: allItems(75), child: true } }).body);
		expect(child).toContain('Goed');
		expect(child).not.toMatch(/\b75\b/);
	});

	it('the timeline', () => {
		const entry: TimelineEntry = {
			id: 'c1',
			method: 'quickCheck',
			phase: 'closed',
			startedAt: conversationView.startedAt,
			scheduledOn: null,
			revealedAt: conversationView.revealedAt,
			endedAt: conversationView.endedAt,
			summary: null,
			instrument: { key: 'samenSterker', version: 1, name: 'Samen Sterker' },
			items,
			scale,
			parties,
			ratings,
			gaps: conversationView.gaps,
			reviews: [],
			agreement: null,
			actions: []
		};
		expectOnTheLine(render(Timeline, { props: { entries: [entry], client: 'cliënt', collaborationId: 'col1' } }).body, [
			'van 0 (ontevreden) tot 10 (tevreden)'
		]);
	});

	it('session feedback answers 7, 3, 9 and 6 read 7, 3, 9 and 6', () => {
		const feedbackItems = renderItems(sessionFeedbackV1.content, 'professional', 'nl', 'plan');
		const values = { relationship: 70, goals: STORED, approach: 90, overall: 60 };
		const view = {
			items: feedbackItems,
			scale: renderScale(sessionFeedbackV1.content, 'nl'),
			parties: [{ id: 'anna', displayName: 'Anna', audience: 'adult', submitted: true, isViewer: false }],
			answers: [{ partyId: 'anna', values }]
		} as unknown as FeedbackView;
		const text = readable(render(FeedbackAnswers, { props: { view } }).body);
		expect(text).not.toMatch(/\b(70|30|90|60)\b/);
		expect(text).toMatch(/Gehoord en begrepen .*\b7\b/);
		expect(text).toContain('van 0 (niet goed) tot 10 (heel goed)');
	});

	it('the learning conversation’s evaluation, asked as "8 van 10", reads 8 van 10', () => {
		const view = {
			startedAt: '2026-03-12T10:15:00.000Z',
			endedAt: '2026-03-12T10:45:00.000Z',
			summary: null,
			review: [],
			outcome: null,
			viewer: { partyId: 'pro', kind: 'professional' },
			parties,
			evaluations: [{ partyId: 'anna', clarity: 80, overall: STORED, remark: null }],
			allowedActions: [],
			topics: [],
			actions: [],
			safety: [],
			wishes: []
		} as unknown as LearningView;
		const panel = readable(render(EvaluationPanel, { props: { view, formal: true, feedback: NO_FEEDBACK } }).body);
		expect(panel).toContain('duidelijk: 8 van 10 · gesprek: 3 van 10');
		expect(panel).not.toMatch(/\b80\b|(?<![\d.,])30(?![\d.,])|van 100/);
		const summary = render(LearningSummary, {
			props: { view, client: 'cliënt', collaboration: { id: 'col1', label: 'Fam. K.', nextDueOn: null } }
		}).body;
		expectOnTheLine(summary, ['duidelijk: 8 van 10 · gesprek: 3 van 10']);
	});

	it('the report PDF, ratings and evaluation', async () => {
		const data = quickCheckReportData('nl', {
			ratings: [
				{ partyId: 'mother', values: allItems(STORED) },
				{ partyId: 'pro', values: allItems(STORED) }
			],
			evaluations: [{ partyId: 'mother', clarity: STORED, overall: STORED, remark: null }],
			generatedAt: '2026-03-12T11:15:00.000Z'
		});
		const text = (await extractPdfText(await renderReportPdf(buildReportDocument(data)))).join(' ');
		expect(text).not.toMatch(NORMALISED);
		expect(text).toContain('van 0 (ontevreden) tot 10 (tevreden)');
		expect(text).toContain('3 van 10');
	});

	it('the insights: dashboard, caseload and one collaboration show averages on the line, one decimal', () => {
		const figure = (value: number) => ({ shown: true as const, value, collaborations: 12 });
		const quarter: QuarterFigures = {
			quarter: '2026-Q1',
			coverage: figure(80),
			items: [{ instrumentKey: 'samenSterker', itemKey: 'omgang', client: figure(STORED), professional: figure(75), gap: figure(45) }],
			agreements: { shown: false }
		};
		const dashboard = {
			scope: { kind: 'organisation', name: null },
			canSeeOrganisation: true,
			teams: [],
			availableQuarters: ['2026-Q1'],
			from: '2026-Q1',
			to: '2026-Q1',
			minGroupSize: 5,
			items: [{ instrumentKey: 'samenSterker', itemKey: 'omgang', label: 'Omgang' }],
			quarters: [quarter]
		};
		const dashboardText = readable(render(DashboardPage, { props: { data: { dashboard, exportEmpty: false } as never } }).body);
		expect(dashboardText).toContain('3,0');
		expect(dashboardText).toContain('+4,5');
		// Coverage is a percentage and stays one; ratings never show as stored.
		expect(dashboardText.replace(/80%|\b80\b(?=[^,])/g, '')).not.toMatch(/(?<![\d.,%])(30|75|45)(?![\d.,%])/);

		const caseload = {
			due: [],
			openAgreements: [],
			eyeOpener: [
				{
					instrumentKey: 'samenSterker',
					itemKey: 'omgang',
					label: 'Omgang',
					meanGap: STORED,
					conversations: 2,
					above: 2,
					systematic: false
				}
			],
			eyeOpenerSummary: { kind: 'tooFew', conversations: 2, needed: 3, higher: 1, total: 1 },
			eyeOpenerRule: { conversations: 3, meanGap: 10 },
			trend: [{ quarter: '2026-Q1', conversations: 2, own: 60, clients: STORED, gap: STORED }],
			hasRatings: true
		};
		const caseloadText = readable(
			render(CaseloadPage, { props: { data: { caseload, canSeeDashboard: false, exportEmpty: false } as never } }).body
		);
		expect(caseloadText).toContain('+3,0');
		expect(caseloadText).not.toMatch(/(?<![\d.,])(30|60)(?![\d.,])/);

		const insights = {
			collaboration: { id: 'col1', label: 'Fam. K.' },
			instruments: [
				{
					key: 'samenSterker',
					name: 'Samen Sterker',
					scale,
					conversations: [{ id: 'c1', endedAt: '2026-03-12T10:45:00.000Z' }],
					items: [
						{
							key: 'omgang',
							label: 'Omgang',
							series: [{ key: 'participant:anna', kind: 'participant', name: 'Anna', values: [STORED] }],
							gaps: [STORED]
						}
					]
				}
			],
			agreements: { done: 0, partly: 0, notDone: 0 }
		};
		const collaborationText = readable(render(CollaborationInsightsPage, { props: { data: { insights } as never } }).body);
		expect(collaborationText).toContain('van 0 (ontevreden) tot 10 (tevreden)');
		expect(collaborationText).not.toMatch(NORMALISED);
	});

	it('the CSV exports: ratings and gaps on the line, with the answer in words', () => {
		const figure = (value: number) => ({ shown: true as const, value, collaborations: 12 });
		const rows = dashboardCsvRows(
			{
				scope: { kind: 'organisation', name: null },
				items: [{ instrumentKey: 'samenSterker', itemKey: 'omgang', label: 'Omgang' }],
				quarters: [
					{
						quarter: '2026-Q1',
						coverage: { shown: false },
						items: [
							{ instrumentKey: 'samenSterker', itemKey: 'omgang', client: figure(STORED), professional: figure(75), gap: figure(45) }
						],
						agreements: { shown: false }
					}
				]
			},
			'nl'
		);
		expect(rows).toContainEqual(['2026-Q1', 'Hele organisatie', 'Omgang', 'Cliënten', 3, 12, '0-10']);
		expect(rows).toContainEqual(['2026-Q1', 'Hele organisatie', 'Omgang', 'Verschil', 4.5, 12, '0-10']);
		const caseload = caseloadCsvRows(
			[
				{
					label: 'Fam. K.',
					endedOn: '2026-03-12',
					instrument: 'Samen Sterker',
					item: 'Omgang',
					party: { kind: 'participant', number: 1, audience: 'adult' },
					value: STORED,
					scale
				},
				{
					label: 'Fam. K.',
					endedOn: '2026-03-12',
					instrument: 'Samen Sterker',
					item: 'Omgang',
					party: { kind: 'participant', number: 2, audience: 'child' },
					value: 75,
					scale
				}
			],
			'nl'
		);
		expect(caseload[1]!.slice(5, 8)).toEqual([3, '3 van 10', 'van 0 (ontevreden) tot 10 (tevreden)']);
		expect(caseload[2]!.slice(5, 8)).toEqual([7.5, 'Goed', 'van 0 (ontevreden) tot 10 (tevreden)']);
	});
});
