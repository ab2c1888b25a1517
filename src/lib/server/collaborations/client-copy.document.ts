import { scaleRangeText } from '#lib/answer-scale.ts';
import { formatCalendarDate, formatDate, formatDateTime } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import { LANGUAGE_NAMES } from '#lib/locales.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { nameWithPaper } from '#lib/server/paper/paper.models.ts';
import type { ReportBlock, ReportDocument, ReportEntry, ReportSection } from '#lib/server/reports/reports.document.ts';
import type { ClientCopy, CopyAgreement, CopyConversation } from './client-copy.types.ts';
import { todayInAmsterdam } from './collaborations.models.ts';

/**
 * The client's copy as a readable document, drawn from the JSON copy itself (so the PDF and the
 * JSON hold the same), addressed to the participant ("je"), in the copy's language: one of the six
 * client languages (src/lib/locales.ts), the participant's own by default. The conversation
 * report's renderer (reports.pdf.ts, fonts and right-to-left Arabic from shared/pdf.ts) draws it.
 */

type Line = ReportEntry['lines'][number];

/** A text the professional noted as the client said it is labelled so (seed 003). */
function noted(label: string, byProfessional: boolean | undefined, locale: ClientLocale): string {
	return byProfessional ? m.report_reflection_noted({ label }, { locale }) : label;
}

/** A line only when there is something to say. */
function line(label: string, text: string | null | undefined): Line[] {
	return text ? [{ label, text }] : [];
}

function aboutYou(copy: ClientCopy, locale: ClientLocale): ReportSection {
	const p = copy.participant;
	const lines: Line[] = [
		{
			label: m.client_copy_you_audience({}, { locale }),
			text: p.audience === 'child' ? m.collaboration_audience_child({}, { locale }) : m.collaboration_audience_adult({}, { locale })
		},
		{
			label: m.client_copy_you_language({}, { locale }),
			// The language's own name ("العربية", "Türkçe"), as the participant chose it.
			text: LANGUAGE_NAMES[p.language]
		},
		{ label: m.client_copy_you_email({}, { locale }), text: p.email ?? m.client_copy_none({}, { locale }) },
		{ label: m.client_copy_you_added({}, { locale }), text: formatDate(p.addedAt, locale) },
		...line(m.client_copy_you_removed({}, { locale }), p.removedAt && formatDate(p.removedAt, locale))
	];
	return {
		key: 'you',
		title: m.client_copy_section_you({}, { locale }),
		blocks: [{ type: 'entries', entries: [{ title: p.name, lines }] }]
	};
}

function theCollaboration(copy: ClientCopy, locale: ClientLocale): ReportSection {
	const c = copy.collaboration;
	const lines: Line[] = [
		{ label: m.report_fact_collaboration({}, { locale }), text: c.label },
		{
			label: m.client_copy_status({}, { locale }),
			text: c.status === 'closed' ? m.client_copy_collaboration_closed({}, { locale }) : m.client_copy_collaboration_open({}, { locale })
		},
		{ label: m.report_fact_started({}, { locale }), text: formatDate(c.startedAt, locale) },
		...line(m.report_fact_closed({}, { locale }), c.closedAt && formatDate(c.closedAt, locale)),
		...c.professionals.map((p) => ({
			label: p.role === 'holder' ? m.collaboration_role_holder({}, { locale }) : m.collaboration_role_co({}, { locale }),
			text: p.name
		}))
	];
	return {
		key: 'collaboration',
		title: m.client_copy_section_collaboration({}, { locale }),
		blocks: [{ type: 'entries', entries: [{ title: copy.organisation.name, lines }] }]
	};
}

function statusText(status: CopyConversation['status'], locale: ClientLocale): string {
	if (status === 'closed') return m.client_copy_status_closed({}, { locale });
	if (status === 'abandoned') return m.client_copy_status_abandoned({}, { locale });
	return m.client_copy_status_running({}, { locale });
}

/** The answers side by side, a column per party, on the scale they were asked. */
function answersBlocks(c: CopyConversation, locale: ClientLocale): ReportBlock[] {
	// Answers in words (issue 14) go in the same table, after the numbers, as given.
	const all = [...c.answers, ...c.answersInWords];
	if (all.length === 0 || !c.instrument) return [];
	const columns = [...new Map(all.map((a) => [`${a.by}:${a.name}`, a])).values()];
	const items = [...new Map(all.map((a) => [a.itemKey, a])).values()];
	// The caption says what the table is; a heading of its own could end a page above it.
	const blocks: ReportBlock[] = [
		{
			type: 'table',
			caption: m.report_ratings_caption({ range: scaleRangeText(c.instrument.scale, locale) }, { locale }),
			corner: m.report_ratings_question({}, { locale }),
			columns: columns.map((a) => (a.by === 'you' ? m.client_copy_you_column({ name: a.name }, { locale }) : a.name)),
			rows: items.map((item) => ({
				header: { text: item.item, sub: item.question },
				cells: columns.map(
					(column) => all.find((a) => a.itemKey === item.itemKey && a.by === column.by && a.name === column.name)?.text ?? '—'
				)
			}))
		}
	];
	if (c.method === 'quickCheck' && columns.every((a) => a.by === 'you'))
		blocks.push({ type: 'paragraph', text: m.client_copy_answers_only_yours({}, { locale }), muted: true });
	return blocks;
}

function preparationBlocks(c: CopyConversation, locale: ClientLocale): ReportBlock[] {
	const p = c.preparation;
	if (!p) return [];
	const lines: Line[] = [
		{
			label: m.client_copy_status({}, { locale }),
			text: m.client_copy_preparation_shared({ date: formatDateTime(p.sharedAt!, locale) }, { locale })
		},
		...line(m.prep_wishes_label({}, { locale }), p.wishes),
		...line(m.client_copy_preparation_cards({}, { locale }), p.cards.join(', ')),
		...line(m.report_sheet_a({}, { locale }), p.moment.whatHappened),
		...line(m.report_sheet_b({}, { locale }), p.moment.whatItDidToMe),
		...line(m.report_sheet_c({}, { locale }), p.moment.whyImportant),
		...p.safety.map((text) => ({ label: m.report_safety_suggestion({}, { locale }), text })),
		...line(m.report_safety_own({}, { locale }), p.safetyOwnWords)
	];
	return [{ type: 'entries', entries: [{ title: m.client_copy_preparation_title({}, { locale }), lines }] }];
}

function agreementEntry(a: CopyAgreement, locale: ClientLocale): ReportEntry {
	const kind = a.kind && (a.kind === 'keep' ? m.report_agreement_keep({}, { locale }) : m.report_agreement_change({}, { locale }));
	return {
		title: a.what,
		lines: [
			...line(m.report_agreement_kind({}, { locale }), kind),
			{ label: m.report_agreement_who({}, { locale }), text: a.whoLabel },
			{ label: m.report_agreement_due({}, { locale }), text: formatCalendarDate(a.dueOn, locale) },
			{ label: m.report_agreement_measure({}, { locale }), text: a.successMeasure },
			...line(m.report_agreement_needed({}, { locale }), a.needed),
			{ label: m.report_agreement_status({}, { locale }), text: a.statusLabel },
			...line(m.report_agreement_carried({}, { locale }), a.carriedOver ? m.report_yes({}, { locale }) : null),
			...a.reviews.map((r) => ({
				label: m.client_copy_review_on({ date: formatDate(r.reviewedAt, locale) }, { locale }),
				text: [r.outcomeLabel, r.note].filter(Boolean).join(' · ')
			}))
		]
	};
}

/** Everything of one conversation, in the order it happened; parts without content are left out. */
function conversationBlocks(c: CopyConversation, locale: ClientLocale): ReportBlock[] {
	const facts: Line[] = [
		{ label: m.client_copy_status({}, { locale }), text: statusText(c.status, locale) },
		...line(m.client_copy_planned_on({}, { locale }), c.plannedOn && formatCalendarDate(c.plannedOn, locale)),
		{ label: m.report_fact_started({}, { locale }), text: formatDateTime(c.startedAt, locale) },
		...line(m.report_fact_closed({}, { locale }), c.endedAt && formatDateTime(c.endedAt, locale)),
		...line(m.report_fact_instrument({}, { locale }), c.instrument && `${c.instrument.name} (v${c.instrument.version})`)
	];
	const entries = (title: string, list: ReportEntry[]): ReportBlock[] =>
		list.length === 0
			? []
			: [
					{ type: 'subheading', text: title },
					{ type: 'entries', entries: list }
				];
	const own = (lines: Line[]): ReportEntry[] => (lines.length === 0 ? [] : [{ title: m.client_copy_yours({}, { locale }), lines }]);
	const list = (title: string, items: string[]): ReportBlock[] =>
		items.length === 0
			? []
			: [
					{ type: 'subheading', text: title },
					{ type: 'list', ordered: false, items }
				];
	return [
		{ type: 'entries', entries: [{ title: m.client_copy_about_conversation({}, { locale }), lines: facts }] },
		// While it runs, what the two sides have not seen together is not in the copy yet (client-copy.policy.ts).
		...(c.status === 'running' ? [{ type: 'paragraph' as const, text: m.client_copy_running_held_back({}, { locale }), muted: true }] : []),
		...preparationBlocks(c, locale),
		...entries(
			m.client_copy_review_choices({}, { locale }),
			c.reviewChoices.map((r) => ({
				title: r.agreement,
				lines: [{ label: m.client_copy_your_choice({}, { locale }), text: r.outcomeLabel }]
			}))
		),
		...answersBlocks(c, locale),
		...entries(
			m.report_section_reflections({}, { locale }),
			c.reflections.map((r) => ({
				title: r.item,
				lines: [
					...line(noted(m.client_copy_reflection_most({}, { locale }), r.mostNotedByProfessional, locale), r.mostSatisfied),
					...line(noted(m.client_copy_reflection_least({}, { locale }), r.leastNotedByProfessional, locale), r.leastSatisfied)
				]
			}))
		),
		...entries(
			m.report_section_safety({}, { locale }),
			own([
				...(c.safety?.chosen ?? []).map((text) => ({ label: m.report_safety_suggestion({}, { locale }), text })),
				...line(m.report_safety_own({}, { locale }), c.safety?.ownWords)
			])
		),
		...list(m.report_section_topics({}, { locale }), c.topics),
		...entries(
			m.report_section_sheets({}, { locale }),
			c.sheets.map((s) => ({
				// Typed in from paper: says so, with the day it was filled in (docs/decisions/020).
				title: nameWithPaper(s.topic, s.onPaperFilledOn, locale),
				lines: [
					...line(m.paper_entry_date_label({}, { locale }), s.onPaperFilledOn && formatCalendarDate(s.onPaperFilledOn, locale)),
					...line(m.report_sheet_a({}, { locale }), s.whatHappened),
					...line(m.report_sheet_b({}, { locale }), s.whatItDidToMe),
					...line(m.report_sheet_c({}, { locale }), s.whyImportant)
				]
			}))
		),
		...list(m.report_section_wishes({}, { locale }), c.wishCards),
		...list(
			m.client_copy_moments_title({}, { locale }),
			c.recordingMoments.map((r) => `${Math.floor(r.atSeconds / 60)}:${String(r.atSeconds % 60).padStart(2, '0')} ${r.note}`)
		),
		...entries(
			m.report_section_evaluation({}, { locale }),
			own(
				c.evaluation
					? [
							...line(m.report_evaluation_clarity({}, { locale }), c.evaluation.clarity?.text),
							...line(m.report_evaluation_overall({}, { locale }), c.evaluation.overall?.text),
							...line(m.report_evaluation_remark({}, { locale }), c.evaluation.remark)
						]
					: []
			)
		),
		...entries(
			c.method === 'learningConversation' ? m.report_section_actions({}, { locale }) : m.report_section_agreements({}, { locale }),
			c.agreements.map((a) => agreementEntry(a, locale))
		),
		...(c.summary
			? [
					{ type: 'subheading' as const, text: m.report_section_summary({}, { locale }) },
					{ type: 'paragraph' as const, text: c.summary }
				]
			: [])
	];
}

function linksSection(copy: ClientCopy, locale: ClientLocale): ReportSection | null {
	if (copy.personalLinks.length === 0) return null;
	const entries = copy.personalLinks.map((link) => ({
		title: link.purpose === 'preparation' ? m.client_copy_link_preparation({}, { locale }) : m.client_copy_link_feedback({}, { locale }),
		lines: [
			{ label: m.client_copy_link_created({}, { locale }), text: formatDateTime(link.createdAt, locale) },
			...line(m.client_copy_link_sent({}, { locale }), link.sentAt && formatDateTime(link.sentAt, locale)),
			...line(m.client_copy_link_opened({}, { locale }), link.openedAt && formatDateTime(link.openedAt, locale)),
			{ label: m.client_copy_link_expires({}, { locale }), text: formatDateTime(link.expiresAt, locale) },
			...line(m.client_copy_link_revoked({}, { locale }), link.revokedAt && formatDateTime(link.revokedAt, locale))
		]
	}));
	return { key: 'links', title: m.client_copy_section_links({}, { locale }), blocks: [{ type: 'entries', entries }] };
}

/**
 * Who looked at the data (the access log): one line per day, person, role and kind of access,
 * with how often, so a year of visits stays readable; the JSON lists every entry.
 */
function accessSection(copy: ClientCopy, locale: ClientLocale): ReportSection {
	const lines = new Map<string, { text: string; count: number }>();
	for (const entry of copy.accessLog) {
		const text = m.client_copy_access_line(
			{ date: formatDate(entry.at, locale), who: entry.who, role: entry.roleLabel, what: entry.dataLabel },
			{ locale }
		);
		const line = lines.get(text) ?? { text, count: 0 };
		line.count += 1;
		lines.set(text, line);
	}
	const items = [...lines.values()].map((line) =>
		line.count > 1 ? m.client_copy_access_times({ line: line.text, count: line.count }, { locale }) : line.text
	);
	return {
		key: 'access',
		title: m.client_copy_section_access({}, { locale }),
		blocks: [
			{ type: 'paragraph', text: m.client_copy_access_intro({}, { locale }) },
			items.length > 0
				? { type: 'list', items, ordered: false }
				: { type: 'paragraph', text: m.client_copy_access_none({}, { locale }), muted: true }
		]
	};
}

/** The copy as a document for the PDF, in the language the copy was made in. */
export function buildClientCopyDocument(copy: ClientCopy): ReportDocument {
	const locale = copy.language;
	const intro: ReportSection = {
		key: 'intro',
		title: m.client_copy_section_intro({}, { locale }),
		blocks: [
			{ type: 'paragraph', text: m.client_copy_intro({ organisation: copy.organisation.name }, { locale }) },
			{ type: 'paragraph', text: m.client_copy_intro_others({}, { locale }) }
		]
	};
	const conversations: ReportSection[] = copy.conversations.map((c, index) => ({
		key: `conversation-${index + 1}`,
		title: m.report_subtitle({ method: c.methodLabel, date: formatDate(c.startedAt, locale) }, { locale }),
		blocks: conversationBlocks(c, locale)
	}));
	const none: ReportSection = {
		key: 'conversations',
		title: m.client_copy_section_conversations({}, { locale }),
		blocks: [{ type: 'paragraph', text: m.client_copy_no_conversations({}, { locale }), muted: true }]
	};
	const sections = [
		intro,
		aboutYou(copy, locale),
		theCollaboration(copy, locale),
		...(conversations.length > 0 ? conversations : [none]),
		linksSection(copy, locale),
		accessSection(copy, locale)
	].filter((section): section is ReportSection => section !== null);
	return {
		locale,
		title: m.client_copy_title({}, { locale }),
		subtitle: m.client_copy_subtitle({ name: copy.participant.name }, { locale }),
		collaborationLabel: copy.collaboration.label,
		facts: [
			{ label: m.report_fact_organisation({}, { locale }), value: copy.organisation.name },
			{ label: m.client_copy_made_on({}, { locale }), value: formatDateTime(copy.generatedAt, locale) }
		],
		sections,
		footer: m.client_copy_footer({ date: formatDateTime(copy.generatedAt, locale) }, { locale }),
		pageLabel: m.report_page({ page: '{page}', pages: '{pages}' }, { locale }),
		fileName: clientCopyFileName(copy.generatedAt)
	};
}

/** Pseudonymous: no label or name in a file name, which lands in download folders and mail attachments. */
export function clientCopyFileName(generatedAt: string): string {
	return `tweespraak-copy-${todayInAmsterdam(new Date(generatedAt))}`;
}
