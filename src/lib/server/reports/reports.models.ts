import { answerModeOf, answerText, scaleRangeText } from '#lib/answer-scale.ts';
import { formatCalendarDate, formatDate, formatDateTime, withColon } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import type { AgreementActionKind, AgreementStatus, AgreementWho, ClientLocale, Method, ReviewOutcome } from '#lib/server/db/schema.ts';
import { answerInWords } from '#lib/components/conversation/answer-words.ts';
import type { RenderedItem, RenderedScale } from '#lib/server/instruments/instruments.models.ts';
import { clientTermIn } from '#lib/server/organisations/organisations.models.ts';
import type { ReportBlock, ReportDocument, ReportEntry, ReportFact, ReportSection } from './reports.document.ts';
import {
	evaluationSection,
	momentsSection,
	safetySection,
	sheetsSection,
	topicsSection,
	wishesSection
} from './reports.learning.models.ts';

/**
 * Everything a closed conversation's report shows, already loaded and named, and the pure step
 * that turns it into a document in the reader's language. Sections without content are left out,
 * so a quick check's report has no sheets and a learning conversation's none of the quick check's
 * reflections.
 */

export interface ReportParty {
	id: string;
	kind: 'participant' | 'professional';
	displayName: string;
	audience: 'adult' | 'child' | 'professional';
}

export interface ReportAgreement {
	what: string;
	who: AgreementWho;
	whoOther: string | null;
	dueOn: string;
	successMeasure: string;
	status: AgreementStatus;
	carriedOver: boolean;
	actionKind: AgreementActionKind | null;
	needed: string | null;
}

export interface ReportData {
	locale: ClientLocale;
	/** The organisation's word for its clients (organisations.client_term), e.g. 'parent'. */
	clientTerm: string;
	organisationName: string;
	collaborationLabel: string;
	conversation: { method: Method; startedAt: string; endedAt: string | null; summary: string | null };
	/** The instrument rated with, in the adult wording; null for a conversation without ratings. */
	instrument: { name: string; version: number; items: RenderedItem[]; scale: RenderedScale } | null;
	/** Clients first, the professional(s) last. */
	parties: ReportParty[];
	ratings: { partyId: string; values: Record<string, number> }[];
	/**
	 * Answers in words (issue 14) of the parties the reader may see (the ratings' rule): item key →
	 * free text or a nominal choice's code. Absent or empty for an instrument without them.
	 */
	texts?: { partyId: string; texts: Record<string, string> }[];
	reflections: {
		partyId: string;
		itemKey: string;
		mostSatisfied: string | null;
		leastSatisfied: string | null;
		/** Noted by the professional as the client said it (seed 003); the report says so. */
		mostNotedByProfessional?: boolean;
		leastNotedByProfessional?: boolean;
	}[];
	reviews: { what: string; outcome: ReviewOutcome; note: string | null; carriedOver: boolean }[];
	agreements: ReportAgreement[];
	safety: { partyId: string; suggestions: string[]; ownWords: string | null }[];
	/** Chosen topics in order, each already named (a card's title or the words of an own topic). */
	topics: { id: string; title: string }[];
	/** `paperFilledOn`: typed in from paper, the day it was filled in (docs/decisions/020). */
	sheets: {
		topicId: string;
		partyId: string;
		aText: string | null;
		bText: string | null;
		cText: string | null;
		paperFilledOn?: string | null;
	}[];
	/** Handed wish cards: the card's short title and its question (empty when the card has none). */
	wishes: { partyId: string; title: string; question: string }[];
	/** Moments of a recorded session (video-stimulated recall), in the recording's order, each with its topic if named. */
	moments: { partyId: string; atSeconds: number; note: string; topicId: string | null }[];
	evaluations: { partyId: string; clarity: number | null; overall: number | null; remark: string | null }[];
	/** When the report was made. */
	generatedAt: string;
}

function capitalise(text: string): string {
	return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function methodLabel(method: Method, locale: ClientLocale): string {
	if (method === 'learningConversation') return m.collaboration_timeline_method_learning({}, { locale });
	if (method === 'sessionFeedback') return m.collaboration_timeline_method_feedback({}, { locale });
	return m.collaboration_timeline_method_quick({}, { locale });
}

export function outcomeLabel(outcome: AgreementStatus, locale: ClientLocale): string {
	if (outcome === 'done') return m.collaboration_timeline_outcome_done({}, { locale });
	if (outcome === 'partly') return m.collaboration_timeline_outcome_partly({}, { locale });
	if (outcome === 'notDone') return m.collaboration_timeline_outcome_not_done({}, { locale });
	return m.collaboration_timeline_outcome_open({}, { locale });
}

/** `client` null: the words a participant reads about themselves ("Jij of jullie"). */
export function whoLabel(agreement: Pick<ReportAgreement, 'who' | 'whoOther'>, client: string | null, locale: ClientLocale): string {
	if (agreement.who === 'client' && client === null) return m.agreement_who_client_you({}, { locale });
	if (agreement.who === 'client' && client !== null) return capitalise(m.collaboration_timeline_who_client({ client }, { locale }));
	if (agreement.who === 'professional') return capitalise(m.collaboration_timeline_who_professional({}, { locale }));
	if (agreement.who === 'both') return capitalise(m.collaboration_timeline_who_both({}, { locale }));
	return agreement.whoOther ?? '';
}

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: ClientLocale }) => string;

/**
 * A safety suggestion key in words. The suggestions are the learning conversation's; their
 * words are looked up by the message keys it uses, and an unknown key is shown as it is stored.
 */
export function safetyLabel(key: string, locale: ClientLocale): string {
	const messages = m as unknown as Record<string, MessageFn | undefined>;
	const safeKey = key.replace(/[^A-Za-z0-9_]/g, '_');
	for (const name of [`learning_safety_${safeKey}`, `prep_safety_${safeKey}`]) {
		const fn = messages[name];
		if (typeof fn === 'function') return fn({}, { locale });
	}
	return key;
}

export function partyName(data: ReportData, partyId: string): string {
	return data.parties.find((party) => party.id === partyId)?.displayName ?? '—';
}

/** An answer on the scale it was given on: "3" (the caption says "van 0 … tot 10 …"), or a child's smiley in words. */
function ratingText(data: ReportData, party: ReportParty, value: number | undefined): string {
	if (value === undefined || !data.instrument) return '—';
	return answerText(value, data.instrument.scale, answerModeOf(party.audience), data.locale);
}

function ratingsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const instrument = data.instrument;
	const rated = data.parties.filter((party) => data.ratings.some((r) => r.partyId === party.id));
	if (!instrument || rated.length === 0) return null;
	const values = (partyId: string) => data.ratings.find((r) => r.partyId === partyId)?.values ?? {};
	const block: ReportBlock = {
		type: 'table',
		caption: m.report_ratings_caption({ range: scaleRangeText(instrument.scale, locale) }, { locale }),
		corner: m.report_ratings_question({}, { locale }),
		columns: rated.map((party) => party.displayName),
		// Questions in words have no point on the line: they get a table of their own (wordsSection).
		rows: instrument.items
			.filter((item) => !item.answer)
			.map((item) => ({
				header: { text: item.label, sub: item.text },
				cells: rated.map((party) => ratingText(data, party, values(party.id)[item.key]))
			}))
	};
	return { key: 'ratings', title: m.report_section_ratings({}, { locale }), blocks: [block] };
}

/**
 * The answers in words (issue 14) side by side, as the reveal shows them: per question what each
 * party wrote, a choice as its option's words in the reader's language, '—' for an open question
 * left empty. Only the parties in `data.texts`: the loader keeps out whom the reader may not see.
 */
function wordsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const items = data.instrument?.items.filter((item) => item.answer) ?? [];
	const texts = data.texts ?? [];
	const wrote = data.parties.filter((party) => texts.some((t) => t.partyId === party.id && Object.keys(t.texts).length > 0));
	if (items.length === 0 || wrote.length === 0) return null;
	const textOf = (partyId: string, key: string) => texts.find((t) => t.partyId === partyId)?.texts[key];
	const block: ReportBlock = {
		type: 'table',
		caption: m.reveal_words_intro({}, { locale }),
		corner: m.report_ratings_question({}, { locale }),
		columns: wrote.map((party) => party.displayName),
		rows: items.map((item) => ({
			header: { text: item.label, sub: item.text },
			cells: wrote.map((party) => answerInWords(item, textOf(party.id, item.key)) || '—')
		}))
	};
	return { key: 'words', title: m.reveal_words_title({}, { locale }), blocks: [block] };
}

function reflectionsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	const entries: ReportEntry[] = [];
	for (const item of data.instrument?.items ?? []) {
		const lines = data.reflections
			.filter((r) => r.itemKey === item.key)
			.flatMap((r) => {
				const name = partyName(data, r.partyId);
				const noted = (label: string, byProfessional: boolean | undefined) =>
					byProfessional ? m.report_reflection_noted({ label }, { locale }) : label;
				return [
					...(r.mostSatisfied
						? [{ label: noted(m.report_reflection_most({ name }, { locale }), r.mostNotedByProfessional), text: r.mostSatisfied }]
						: []),
					...(r.leastSatisfied
						? [{ label: noted(m.report_reflection_least({ name }, { locale }), r.leastNotedByProfessional), text: r.leastSatisfied }]
						: [])
				];
			});
		if (lines.length > 0) entries.push({ title: item.label, lines });
	}
	if (entries.length === 0) return null;
	return { key: 'reflections', title: m.report_section_reflections({}, { locale }), blocks: [{ type: 'entries', entries }] };
}

function reviewsSection(data: ReportData, locale: ClientLocale): ReportSection | null {
	if (data.reviews.length === 0) return null;
	const entries = data.reviews.map((review) => ({
		title: review.what,
		lines: [
			{ label: m.report_review_outcome({}, { locale }), text: outcomeLabel(review.outcome, locale) },
			...(review.note ? [{ label: m.report_review_note({}, { locale }), text: review.note }] : []),
			...(review.carriedOver ? [{ label: m.report_review_carried({}, { locale }), text: m.report_yes({}, { locale }) }] : [])
		]
	}));
	return { key: 'reviews', title: m.report_section_reviews({}, { locale }), blocks: [{ type: 'entries', entries }] };
}

function agreementsSection(data: ReportData, client: string | null, locale: ClientLocale, withStatus = true): ReportSection | null {
	if (data.agreements.length === 0) return null;
	const entries = data.agreements.map((a) => ({
		title: a.what,
		lines: [
			...(a.actionKind
				? [
						{
							label: m.report_agreement_kind({}, { locale }),
							text: a.actionKind === 'keep' ? m.report_agreement_keep({}, { locale }) : m.report_agreement_change({}, { locale })
						}
					]
				: []),
			{ label: m.report_agreement_who({}, { locale }), text: whoLabel(a, client, locale) },
			{ label: m.report_agreement_due({}, { locale }), text: formatCalendarDate(a.dueOn, locale) },
			{ label: m.report_agreement_measure({}, { locale }), text: a.successMeasure },
			...(a.needed ? [{ label: m.report_agreement_needed({}, { locale }), text: a.needed }] : []),
			...(withStatus ? [{ label: m.report_agreement_status({}, { locale }), text: outcomeLabel(a.status, locale) }] : []),
			...(a.carriedOver ? [{ label: m.report_agreement_carried({}, { locale }), text: m.report_yes({}, { locale }) }] : [])
		]
	}));
	const title =
		client === null
			? m.outcome_section_agreements({}, { locale })
			: data.conversation.method === 'learningConversation'
				? m.report_section_actions({}, { locale })
				: m.report_section_agreements({}, { locale });
	return { key: 'agreements', title, blocks: [{ type: 'entries', entries }] };
}

function facts(data: ReportData, client: string, locale: ClientLocale): ReportFact[] {
	const clients = data.parties.filter((p) => p.kind === 'participant').map((p) => p.displayName);
	const professionals = data.parties.filter((p) => p.kind === 'professional').map((p) => p.displayName);
	const list: ReportFact[] = [
		{ label: m.report_fact_organisation({}, { locale }), value: data.organisationName },
		{ label: m.report_fact_collaboration({}, { locale }), value: data.collaborationLabel },
		{ label: capitalise(client), value: clients.join(', ') || '—' }
	];
	if (professionals.length > 0) list.push({ label: m.report_fact_professional({}, { locale }), value: professionals.join(', ') });
	list.push({ label: m.report_fact_method({}, { locale }), value: methodLabel(data.conversation.method, locale) });
	if (data.instrument)
		list.push({ label: m.report_fact_instrument({}, { locale }), value: `${data.instrument.name} (v${data.instrument.version})` });
	list.push({ label: m.report_fact_started({}, { locale }), value: formatDateTime(data.conversation.startedAt, locale) });
	if (data.conversation.endedAt)
		list.push({ label: m.report_fact_closed({}, { locale }), value: formatDateTime(data.conversation.endedAt, locale) });
	return list;
}

/** The report in the reader's language, with the organisation's client term. */
export function buildReportDocument(data: ReportData): ReportDocument {
	const { locale } = data;
	const client = clientTermIn(data.clientTerm, locale);
	const summary: ReportSection | null = data.conversation.summary
		? { key: 'summary', title: m.report_section_summary({}, { locale }), blocks: [{ type: 'paragraph', text: data.conversation.summary }] }
		: null;
	const sections = [
		summary,
		reviewsSection(data, locale),
		ratingsSection(data, locale),
		wordsSection(data, locale),
		reflectionsSection(data, locale),
		safetySection(data, locale),
		topicsSection(data, locale),
		sheetsSection(data, locale),
		momentsSection(data, locale),
		wishesSection(data, locale),
		agreementsSection(data, client, locale),
		evaluationSection(data, locale)
	].filter((section): section is ReportSection => section !== null);
	const day = data.conversation.endedAt ?? data.conversation.startedAt;
	return {
		locale,
		title: m.report_title({}, { locale }),
		subtitle: m.report_subtitle({ method: methodLabel(data.conversation.method, locale), date: formatDate(day, locale) }, { locale }),
		collaborationLabel: data.collaborationLabel,
		facts: facts(data, client, locale),
		sections,
		footer: m.report_footer({ date: formatDateTime(data.generatedAt, locale) }, { locale }),
		pageLabel: m.report_page({ page: '{page}', pages: '{pages}' }, { locale }),
		fileName: `${m.report_file_name({}, { locale })}-${day.slice(0, 10)}`
	};
}

/**
 * What a participant keeps after the close (docs/decisions/010): what was agreed — what, who,
 * by when, how we will know — the review of the earlier agreements and the summary, in "je"
 * words. Of a quick check nothing else: no ratings, no one's notes. Of a learning conversation,
 * a conversation of equals (docs/decisions/013), also what was said together — topics, the
 * shared sheets, recording moments, wish cards — and the evaluation of `readers` (their own;
 * every participant's when the professional prints it for them). Never a preparation, never
 * the professional's evaluation.
 */
export function buildOutcomeDocument(data: ReportData, readers?: readonly string[]): ReportDocument {
	const { locale } = data;
	const agreements = agreementsSection(data, null, locale, false);
	const summary: ReportSection | null = data.conversation.summary
		? { key: 'summary', title: m.report_section_summary({}, { locale }), blocks: [{ type: 'paragraph', text: data.conversation.summary }] }
		: null;
	const none: ReportSection = { key: 'agreements', title: m.outcome_section_agreements({}, { locale }), blocks: [] };
	none.blocks.push({ type: 'paragraph', text: m.outcome_no_agreements({}, { locale }), muted: true });
	// A learning conversation is one of equals: each party keeps what was said together, and their own evaluation.
	const together =
		data.conversation.method === 'learningConversation'
			? [
					topicsSection(data, locale),
					sheetsSection(data, locale),
					momentsSection(data, locale),
					wishesSection(data, locale),
					evaluationSection(data, locale, readers ?? data.parties.filter((p) => p.kind === 'participant').map((p) => p.id))
				]
			: [];
	const sections = [agreements ?? none, reviewsSection(data, locale), summary, ...together].filter((s): s is ReportSection => s !== null);
	const day = data.conversation.endedAt ?? data.conversation.startedAt;
	const professionals = data.parties.filter((p) => p.kind === 'professional').map((p) => p.displayName);
	const facts: ReportFact[] = [{ label: m.report_fact_organisation({}, { locale }), value: data.organisationName }];
	if (professionals.length > 0) facts.push({ label: m.report_fact_professional({}, { locale }), value: professionals.join(', ') });
	return {
		locale,
		title: m.outcome_title({}, { locale }),
		subtitle: m.report_subtitle({ method: methodLabel(data.conversation.method, locale), date: formatDate(day, locale) }, { locale }),
		collaborationLabel: '',
		facts,
		sections,
		footer: m.outcome_footer({ date: formatDateTime(data.generatedAt, locale) }, { locale }),
		pageLabel: m.report_page({ page: '{page}', pages: '{pages}' }, { locale }),
		fileName: `${m.outcome_file_name({}, { locale })}-${day.slice(0, 10)}`
	};
}

/** A document as plain text, for the body of a mail. */
export function reportToText(report: ReportDocument): string {
	const lines = [report.title, report.subtitle, ''];
	for (const section of report.sections) {
		lines.push(section.title.toLocaleUpperCase(report.locale));
		for (const block of section.blocks) {
			if (block.type === 'paragraph' || block.type === 'subheading') lines.push(block.text);
			if (block.type === 'list') lines.push(...block.items.map((item) => `- ${item}`));
			if (block.type === 'entries') {
				for (const entry of block.entries)
					lines.push(`- ${entry.title}`, ...entry.lines.map((line) => `  ${withColon(line.label)} ${line.text}`));
			}
		}
		lines.push('');
	}
	lines.push(report.footer);
	return lines.join('\n');
}
