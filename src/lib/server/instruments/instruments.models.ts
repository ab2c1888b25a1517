import { DEFAULT_LINE_POINTS, spreadText, type AnswerScale } from '#lib/answer-scale.ts';
import type { EnableCondition, EnableWhen } from '#lib/enable-when.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale, PlanTerm } from '#lib/server/db/schema.ts';
import type { FhirSource } from './fhir/fhir.models.ts';

/**
 * An instrument's content as stored in instruments.content_json. Every word a participant or
 * professional reads about an item lives here, per language and per audience, so a published
 * version keeps its meaning for the ratings given with it. No item text lives in code paths.
 */
export interface LocalizedText {
	nl: string;
	en: string;
	/** The client languages (src/lib/locales.ts); a text without one is read in Dutch, marked as Dutch. */
	ar?: string;
	tr?: string;
	pl?: string;
	uk?: string;
}

/** A text in the reader's language, or in Dutch where it has not been translated yet; `lang` says which. */
export function localize(text: LocalizedText, locale: ClientLocale): { text: string; lang: ClientLocale } {
	const translated = text[locale];
	return translated ? { text: translated, lang: locale } : { text: text.nl, lang: 'nl' };
}

/** Whose words: the adult client, a child, or the professional's own perspective. */
export type WordingAudience = 'adult' | 'child' | 'professional';

export const WORDING_AUDIENCES: readonly WordingAudience[] = ['adult', 'child', 'professional'];

export interface InstrumentItem {
	/** Stable key, stored with every rating ('omgang', 'luisteren', …). */
	key: string;
	/** A lucide icon name, e.g. 'handshake' (imported as `@lucide/svelte/icons/<name>`). */
	pictogram: string;
	/** A short name for charts and lists; may contain `{plan}`. */
	label: LocalizedText;
	/** The question per audience; may contain `{plan}`, filled with the organisation's plan term. */
	wording: Record<WordingAudience, LocalizedText>;
	/**
	 * Asked only when these conditions on earlier questions hold (FHIR enableWhen, decision 019):
	 * only in an instrument one person answers (session feedback, trajectory moments), never in
	 * the quick check, where both parties rate every item.
	 */
	enableWhen?: EnableWhen;
	/**
	 * An item that is not on the line (issue 14, decision 019): free text on one line (`string`),
	 * free text on more lines (`text`), or a choice whose options have no order (nominal). Absent:
	 * a point on the line, as every item of the quick check. Only in an instrument one person
	 * answers (session feedback, trajectory moments); never counted in a mean, trend or chart.
	 */
	answer?: ItemAnswer;
}

/** One option of a nominal choice: its FHIR coding and the words a person reads. */
export interface NominalOption {
	code: string;
	system?: string;
	display: LocalizedText;
}

export type ItemAnswer = { type: 'string' } | { type: 'text' } | { type: 'choice'; options: NominalOption[] };

/** The most a person may type: one line, or a few paragraphs. */
export const TEXT_ANSWER_MAX: Readonly<Record<'string' | 'text', number>> = { string: 200, text: 2000 };

/** A nominal choice has at least two and at most this many options. */
export const MAX_NOMINAL_OPTIONS = 20;

/** Whether an item is answered on the line (and so has a mean, a trend and a place in charts). */
export function isOnLine(item: Pick<InstrumentItem, 'answer'>): boolean {
	return item.answer === undefined;
}

/**
 * Whether some item is on the line: the quick check needs one (both give a score and see the
 * difference); its questions in words are answered beside them (issue 14, decision 019).
 */
export function hasItemOnLine(content: Pick<InstrumentContent, 'items'>): boolean {
	return content.items.some(isOnLine);
}

/**
 * Whether a new version keeps the line of the version before it. The insights, their trends and
 * CSV read all versions' answers on the newest version's line, so a version on another line would
 * show the answers given before it on a scale nobody saw ("Eens", 4 of 1–5, read as 7,5 of 10);
 * the trajectory's monitor report shows each version on its own line (decision 019). A version
 * before it without a question on the line has no answers on a line to misread.
 */
export function keepsLine(before: InstrumentContent, after: InstrumentContent): boolean {
	if (!hasItemOnLine(before)) return true;
	return hasItemOnLine(after) && (before.scale.points ?? DEFAULT_LINE_POINTS) === (after.scale.points ?? DEFAULT_LINE_POINTS);
}

/** Every control character but a newline and a tab (only in `text`), and lone surrogates. */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export type TextAnswerProblem = 'instruments.answer_control_characters' | 'instruments.answer_too_long' | 'trajectory.invalid_answer';

/**
 * One answer in words as it may be stored, or why not (issue 14): free text trimmed, within its
 * length, with no control character (a newline only in multi-line `text`, stored as \n); a
 * nominal choice one of its option codes. Empty free text is no answer (`null`): it may be left
 * empty. Never logs the text.
 */
export function checkTextAnswer(answer: ItemAnswer, raw: string): { problem: TextAnswerProblem } | { text: string | null } {
	if (answer.type === 'choice')
		return answer.options.some((option) => option.code === raw) ? { text: raw } : { problem: 'trajectory.invalid_answer' };
	const text = (answer.type === 'text' ? raw.replace(/\r\n?/g, '\n') : raw).trim();
	if ((answer.type === 'text' ? CONTROL_IN_TEXT : CONTROL_IN_LINE).test(text) || !text.isWellFormed())
		return { problem: 'instruments.answer_control_characters' };
	if (text.length > TEXT_ANSWER_MAX[answer.type]) return { problem: 'instruments.answer_too_long' };
	return { text: text === '' ? null : text };
}

/** How a rendered item not on the line is answered: a text field of at most `maxLength`, or one of the options. */
export type RenderedAnswer =
	{ type: 'string' | 'text'; maxLength: number } | { type: 'choice'; options: { code: string; label: string }[] };

export interface Smiley {
	value: number;
	pictogram: string;
	label: LocalizedText;
}

export interface InstrumentContent {
	name: LocalizedText;
	items: InstrumentItem[];
	/**
	 * The ends of the line, e.g. 'ontevreden' – 'tevreden', and its number of steps (0 to
	 * `points`; 10 when not given, as for every version published so far). Stored values run
	 * from 0 to 100; what a person reads is always on this line (src/lib/answer-scale.ts).
	 */
	scale: { min: LocalizedText; max: LocalizedText; points?: number };
	/** Children choose one of these instead of a point on the line. */
	smileys: Smiley[];
	/** The words for each plan term an organisation can choose (organisations.plan_term). */
	planTerms: Record<PlanTerm, LocalizedText>;
	/** An imported instrument: its Questionnaire's identity and answer mapping (decision 019). */
	fhir?: FhirSource;
}

/** A built-in instrument as the code ships it; ensureBuiltInInstruments stores it once. */
export interface BuiltInInstrument {
	key: string;
	version: number;
	method: 'quickCheck' | 'sessionFeedback';
	content: InstrumentContent;
}

export interface RenderedItem {
	key: string;
	pictogram: string;
	label: string;
	text: string;
	/** The language the label and text are in: the reader's, or 'nl' when not translated. */
	lang: ClientLocale;
	/** A conditional question: when to answer it, in plain words, and the conditions for the page's script. */
	condition?: { note: string; enableWhen: EnableWhen };
	/** Not on the line: a text field or a choice of words (issue 14). */
	answer?: RenderedAnswer;
}

/** The scale as one reader reads it; every view formats values with it (src/lib/answer-scale.ts). */
export type RenderedScale = AnswerScale;

export const PLAN_PLACEHOLDER = '{plan}';

const PLAN_TERMS: readonly PlanTerm[] = ['familyPlan', 'actionPlan', 'supportPlan', 'plan'];

/** An organisation's stored plan term; anything unknown reads as the neutral 'plan'. */
export function toPlanTerm(value: string | null | undefined): PlanTerm {
	return PLAN_TERMS.find((term) => term === value) ?? 'plan';
}

function fill(text: string, planWord: string): string {
	const filled = text.replaceAll(PLAN_PLACEHOLDER, planWord);
	// A placeholder at the start of a sentence or label still starts with a capital.
	return filled.charAt(0).toLocaleUpperCase() + filled.slice(1);
}

const CONDITION_MESSAGES = {
	'=': m.rating_condition_eq,
	'!=': m.rating_condition_ne,
	'>': m.rating_condition_gt,
	'<': m.rating_condition_lt,
	'>=': m.rating_condition_ge,
	'<=': m.rating_condition_le
} as const;

/** "Alleen invullen als bij ‘Doelen’ 3 of meer is gekozen." — in the reader's language, on the line's numbers. */
export function conditionNote(content: InstrumentContent, enableWhen: EnableWhen, locale: ClientLocale): string {
	const o = { locale };
	const points = content.scale.points ?? DEFAULT_LINE_POINTS;
	const part = (condition: EnableCondition) => {
		const referred = content.items.find((item) => item.key === condition.question);
		const question = referred ? localize(referred.label, locale).text : condition.question;
		if (condition.operator === 'exists')
			return condition.exists === false ? m.rating_condition_not_exists({ question }, o) : m.rating_condition_exists({ question }, o);
		const answer = spreadText(condition.value ?? 0, { points }, locale);
		return CONDITION_MESSAGES[condition.operator]({ question, answer }, o);
	};
	const joiner = ` ${enableWhen.behavior === 'any' ? m.rating_condition_or({}, o) : m.rating_condition_and({}, o)} `;
	return m.rating_condition_note({ conditions: enableWhen.conditions.map(part).join(joiner) }, o);
}

function renderAnswer(answer: ItemAnswer, locale: ClientLocale): RenderedAnswer {
	if (answer.type !== 'choice') return { type: answer.type, maxLength: TEXT_ANSWER_MAX[answer.type] };
	return { type: 'choice', options: answer.options.map((option) => ({ code: option.code, label: localize(option.display, locale).text })) };
}

/** The items as one audience reads them, in one language, with the plan term filled in. */
export function renderItems(
	content: InstrumentContent,
	audience: WordingAudience,
	locale: ClientLocale,
	planTerm: PlanTerm
): RenderedItem[] {
	return content.items.map((item) => {
		// Label and question in one language, so a Dutch question never gets a half-translated label.
		const lang = item.label[locale] && item.wording[audience][locale] ? locale : 'nl';
		const planWord = localize(content.planTerms[planTerm], lang).text;
		return {
			key: item.key,
			pictogram: item.pictogram,
			label: fill(localize(item.label, lang).text, planWord),
			text: fill(localize(item.wording[audience], lang).text, planWord),
			lang,
			...(item.enableWhen?.conditions.length && {
				condition: { note: conditionNote(content, item.enableWhen, locale), enableWhen: item.enableWhen }
			}),
			...(item.answer && { answer: renderAnswer(item.answer, lang) })
		};
	});
}

export function renderScale(content: InstrumentContent, locale: ClientLocale): RenderedScale {
	return {
		min: localize(content.scale.min, locale).text,
		max: localize(content.scale.max, locale).text,
		points: content.scale.points ?? DEFAULT_LINE_POINTS,
		smileys: content.smileys.map((smiley) => ({
			value: smiley.value,
			pictogram: smiley.pictogram,
			label: localize(smiley.label, locale).text
		}))
	};
}

/** The keys of the items on the line: what the quick check rates and every mean or trend counts. */
export function itemKeys(content: InstrumentContent): string[] {
	return content.items.filter(isOnLine).map((item) => item.key);
}

/** Values a child's smiley may take (0, 25, 50, 75, 100 for Samen Sterker). */
export function smileyValues(content: InstrumentContent): number[] {
	return content.smileys.map((smiley) => smiley.value);
}

/**
 * Reads stored content. It was written by this code from a checked built-in (or, later, a
 * checked import), so a shape mismatch means a corrupt row: fail loudly rather than render it.
 */
export function parseInstrumentContent(json: string): InstrumentContent {
	const content = JSON.parse(json) as InstrumentContent;
	if (!Array.isArray(content.items) || !content.scale || !Array.isArray(content.smileys) || !content.planTerms) {
		throw new Error('instrument content is not in the expected shape');
	}
	return content;
}

/** Freezes a value and everything in it, so a shared copy (e.g. a cached instrument) cannot be changed. */
export function deepFreeze<T>(value: T): Readonly<T> {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}
