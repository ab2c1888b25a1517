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
}

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
			})
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

export function itemKeys(content: InstrumentContent): string[] {
	return content.items.map((item) => item.key);
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
