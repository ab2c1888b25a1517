import { samenSterkerV1 } from '../samen-sterker-v1.ts';
import type { InstrumentContent, InstrumentItem, LocalizedText, Smiley, WordingAudience } from '../instruments.models.ts';
import { collectQuestions, findMarkup, type FhirItem, type ImportedQuestion, type ImportProblem } from './fhir.import-items.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ITEMS, TWEESPRAAK_EXTENSION, type FhirAnswer, type FhirSource } from './fhir.models.ts';
import { invariantBreaches, missingRequiredElements, schemaErrors } from './fhir.schema-validation.ts';
import { languageOf, readTexts, toLocalizedText, type FhirElementExtension, type FhirPrimitiveExtras } from './fhir.text.ts';
import type { PlanTerm } from '#lib/server/db/schema.ts';
import { cleanText } from '#lib/server/shared/validation.ts';
import { textLimitProblems } from '../instruments.text-limits.ts';
import { ENABLE_OPERATORS, type EnableCondition, type EnableWhen } from '#lib/enable-when.ts';

/**
 * A FHIR R4 Questionnaire as an instrument (docs/decisions/019-fhir-questionnaires.md).
 * Pure: the text in, the instrument's content or every reason it is refused out. Nothing here
 * stores anything; the usecase stores only content this returned.
 */

export type { ImportProblem, ImportProblemCode } from './fhir.import-items.ts';

export type ImportResult = { ok: true; content: InstrumentContent } | { ok: false; problems: ImportProblem[] };

interface FhirQuestionnaire {
	resourceType: 'Questionnaire';
	url?: string;
	version?: string;
	name?: string;
	title?: string;
	_title?: FhirPrimitiveExtras;
	language?: string;
	copyright?: string;
	item?: FhirItem[];
	extension?: FhirElementExtension[];
	modifierExtension?: unknown[];
	contained?: unknown[];
}

const PLAN_TERMS: readonly PlanTerm[] = ['familyPlan', 'actionPlan', 'supportPlan', 'plan'];
/** A lucide icon name, as an item's or a smiley's pictogram may be. */
const PICTOGRAM = /^[a-z0-9-]{1,40}$/;

/**
 * How deep a file may nest (objects and arrays): far more than any questionnaire needs (a group
 * in a group adds two levels), far less than the schema validator and the readers below can
 * follow before they run out of stack.
 */
export const MAX_IMPORT_DEPTH = 64;

/** Whether the JSON nests deeper than `limit`, read without recursion. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
	const stack: [unknown, number][] = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (current === null || typeof current !== 'object') continue;
		if (depth > limit) return true;
		for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
	}
	return false;
}

/**
 * Every text in the file as a typed text would be (validation.ts cleanText): control characters,
 * NUL among them, and bidirectional overrides removed. A file is not a form, but its texts end up
 * on pages, in PDFs and CSVs as a form's do (an outside review planted a NUL before a formula in a
 * CSV cell), and PostgreSQL refuses a NUL where SQLite stores it. Changes the parsed JSON in place.
 */
function cleanStrings(value: unknown): void {
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const current = stack.pop();
		if (current === null || typeof current !== 'object') continue;
		const record = current as Record<string, unknown>;
		for (const [key, child] of Object.entries(record)) {
			if (typeof child === 'string') record[key] = cleanText(child);
			else if (child !== null && typeof child === 'object') stack.push(child);
		}
	}
}

/** The number of items at every level, without recursion (the file's depth is checked first). */
function countItems(items: unknown): number {
	let count = 0;
	const queue: unknown[] = [items];
	while (queue.length > 0) {
		const list = queue.pop();
		if (!Array.isArray(list)) continue;
		count += list.length;
		for (const item of list) queue.push((item as { item?: unknown } | null)?.item);
	}
	return count;
}

function refuse(...problems: ImportProblem[]): ImportResult {
	return { ok: false, problems };
}

/** Parses and checks the envelope: size, JSON, resource type, item count, R4 schema and invariants. */
function parseValid(text: string): { questionnaire: FhirQuestionnaire } | { problems: ImportProblem[] } {
	if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) return { problems: [{ code: 'too_large' }] };
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { problems: [{ code: 'not_json' }] };
	}
	if (!json || typeof json !== 'object' || (json as { resourceType?: unknown }).resourceType !== 'Questionnaire') {
		return { problems: [{ code: 'not_questionnaire' }] };
	}
	if (nestsDeeperThan(json, MAX_IMPORT_DEPTH)) return { problems: [{ code: 'too_deep' }] };
	cleanStrings(json);
	if (countItems((json as { item?: unknown }).item) > MAX_IMPORT_ITEMS) return { problems: [{ code: 'too_many_items' }] };
	const errors = [...schemaErrors('Questionnaire', json), ...missingRequiredElements(json)];
	if (errors.length > 0) return { problems: errors.map((detail) => ({ code: 'schema' as const, detail })) };
	const breaches = invariantBreaches(json);
	if (breaches.length > 0) {
		return {
			problems: breaches.map(({ invariant, linkId }) => ({
				code: 'invariant' as const,
				detail: invariant,
				...(linkId && { item: linkId })
			}))
		};
	}
	return { questionnaire: json as FhirQuestionnaire };
}

/** A Tweespraak extension's parts by name, with a text's translations read from `_valueString`. */
function partsOf(extension: FhirElementExtension): Map<string, FhirElementExtension> {
	return new Map((extension.extension ?? []).map((part) => [part.url, part]));
}

function textPart(part: FhirElementExtension | undefined, language: string): LocalizedText | undefined {
	return part && toLocalizedText(readTexts(part.valueString, part._valueString as FhirPrimitiveExtras | undefined, language));
}

function extensionsOf(owner: { extension?: FhirElementExtension[] }, name: string): FhirElementExtension[] {
	return (owner.extension ?? []).filter((extension) => extension.url === `${TWEESPRAAK_EXTENSION}/${name}`);
}

function itemOf(question: ImportedQuestion, language: string): InstrumentItem {
	const { item, text } = question;
	const wording: Record<WordingAudience, LocalizedText> = { adult: text, child: text, professional: text };
	for (const extension of extensionsOf(item, 'wording')) {
		const parts = partsOf(extension);
		const audience = parts.get('audience')?.valueCode;
		const said = textPart(parts.get('text'), language);
		if ((audience === 'child' || audience === 'professional') && said) wording[audience] = said;
	}
	const pictogram = extensionsOf(item, 'pictogram')[0]?.valueCode;
	const label = extensionsOf(item, 'label')[0];
	return {
		key: item.linkId,
		pictogram: pictogram && PICTOGRAM.test(pictogram) ? pictogram : 'star',
		label: (label && textPart(label, language)) ?? text,
		wording
	};
}

function smileysOf(questionnaire: FhirQuestionnaire, language: string): Smiley[] {
	const smileys = extensionsOf(questionnaire, 'smiley').flatMap((extension) => {
		const parts = partsOf(extension);
		const value = parts.get('value')?.valueInteger;
		const label = textPart(parts.get('label'), language);
		const pictogram = parts.get('pictogram')?.valueCode;
		if (typeof value !== 'number' || value < 0 || value > 100 || !label || !pictogram || !PICTOGRAM.test(pictogram)) return [];
		return [{ value, pictogram, label }];
	});
	return smileys.length > 0 ? smileys : samenSterkerV1.content.smileys;
}

function planTermsOf(questionnaire: FhirQuestionnaire, language: string): InstrumentContent['planTerms'] {
	const terms = { ...samenSterkerV1.content.planTerms };
	for (const extension of extensionsOf(questionnaire, 'plan-term')) {
		const parts = partsOf(extension);
		const term = parts.get('term')?.valueCode as PlanTerm | undefined;
		const label = textPart(parts.get('label'), language);
		if (term && PLAN_TERMS.includes(term) && label) terms[term] = label;
	}
	return terms;
}

/**
 * A question's enableWhen as conditions on the line (decision 019): on an earlier question, with
 * =, !=, >, <, >=, <= on a choice's coding (by rank, as the line shows it) or an integer/decimal
 * number, or `exists`. Anything else is refused with the item and why (`detail`).
 */
function conditionsOf(
	question: ImportedQuestion,
	earlier: readonly string[],
	/** The line's answer type; absent when no question is on the line (then no condition can refer to one). */
	answer: FhirAnswer | undefined,
	problems: ImportProblem[]
): EnableWhen | undefined {
	const { item } = question;
	if (!item.enableWhen?.length) return undefined;
	const problem = (detail: string) => void problems.push({ code: 'enable_when', item: item.linkId, detail });
	const conditions: EnableCondition[] = [];
	for (const when of item.enableWhen) {
		const operator = ENABLE_OPERATORS.find((known) => known === when.operator);
		if (!operator) return problem(`operator ${when.operator}`);
		if (!earlier.includes(when.question)) return problem(`question ${when.question}: not an earlier question`);
		if (operator === 'exists') {
			conditions.push({ question: when.question, operator, exists: when.answerBoolean !== false });
			continue;
		}
		let value: number | undefined;
		if (!answer) {
			return problem('answer type');
		} else if (answer.type === 'choice' && when.answerCoding) {
			const index = answer.options.findIndex(
				(option) => option.code === when.answerCoding!.code && (!when.answerCoding!.system || option.system === when.answerCoding!.system)
			);
			if (index < 0) return problem(`answer ${when.answerCoding.code ?? ''}: not an option of ${when.question}`);
			value = Math.round((index * 100) / (answer.options.length - 1));
		} else if (answer.type !== 'choice' && typeof (when.answerInteger ?? when.answerDecimal) === 'number') {
			const number = (when.answerInteger ?? when.answerDecimal)!;
			if (number < answer.min || number > answer.max) return problem(`answer ${number}: outside ${answer.min}–${answer.max}`);
			value = ((number - answer.min) * 100) / (answer.max - answer.min);
		} else {
			return problem('answer type');
		}
		conditions.push({ question: when.question, operator, value });
	}
	return { behavior: item.enableBehavior === 'any' ? 'any' : 'all', conditions };
}

function sameAnswer(a: FhirAnswer, b: FhirAnswer): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The Questionnaire's content as an instrument, or every reason it cannot be one. Whether the
 * quick check or session feedback may use it is decided where it is chosen (decision 019).
 */
export function importQuestionnaire(text: string, options: { licenceConfirmed: boolean }): ImportResult {
	const parsed = parseValid(text);
	if ('problems' in parsed) return refuse(...parsed.problems);
	const { questionnaire } = parsed;
	const problems: ImportProblem[] = [];
	const language = languageOf(questionnaire.language) ?? 'nl';
	const name = toLocalizedText(readTexts(questionnaire.title ?? questionnaire.name, questionnaire._title, language));
	if (questionnaire.modifierExtension?.length) problems.push({ code: 'modifier_extension' });
	// Nested resources are not checked against their own schema here (see schemaErrors) and nothing in them could be shown.
	if (questionnaire.contained?.length) problems.push({ code: 'unsupported_type', detail: 'contained' });
	if (!name) problems.push({ code: 'missing_title' });
	if (questionnaire.copyright && !options.licenceConfirmed) problems.push({ code: 'licence_unconfirmed' });
	findMarkup(questionnaire, undefined, problems);
	const questions = collectQuestions(questionnaire.item ?? [], language, problems);
	// The line is that of the items on it; free text and nominal choices are beside it (issue 14).
	const onLine = questions.filter((question) => question.answer);
	const first = onLine[0];
	if (questions.length === 0 && problems.length === 0) problems.push({ code: 'no_scale' });
	const differs = onLine.find((question) => !sameAnswer(question.answer!, first!.answer!) || question.points !== first!.points);
	if (differs) problems.push({ code: 'scales_differ', item: differs.item.linkId });
	const conditions = !differs
		? questions.map((question, index) => {
				const earlier = questions.slice(0, index);
				const offLine = earlier.filter((q) => !q.answer).map((q) => q.item.linkId);
				const refersOffLine = question.item.enableWhen?.find((when) => offLine.includes(when.question));
				// A condition compares with a point on the line; an answer in words has none.
				if (refersOffLine)
					return void problems.push({
						code: 'enable_when',
						item: question.item.linkId,
						detail: `question ${refersOffLine.question}: not on the line`
					});
				const onLineBefore = earlier.filter((q) => q.answer).map((q) => q.item.linkId);
				return conditionsOf(question, onLineBefore, first?.answer, problems);
			})
		: [];
	const ends = onLine.find((question) => question.ends);
	const source: FhirSource = {
		url: questionnaire.url ?? '',
		...(questionnaire.version && { version: questionnaire.version }),
		...(questionnaire.copyright && { copyright: questionnaire.copyright }),
		...(first?.answer && { answer: first.answer })
	};
	const items = questions.map((question, index) => {
		const enableWhen = conditions[index];
		const item = question.offLine ? { ...itemOf(question, language), answer: question.offLine } : itemOf(question, language);
		return enableWhen ? { ...item, enableWhen } : item;
	});
	const smileys = smileysOf(questionnaire, language);
	const planTerms = planTermsOf(questionnaire, language);
	// Every text a person reads within its length (decision 019, amended 2026-12-07), listed with the rest.
	problems.push(
		...textLimitProblems(
			{ ...(name && { name }), items, smileys, planTerms, fhir: source, ...(ends?.ends && { scale: ends.ends }) },
			{ ...(ends && { ends: ends.item.linkId }), ...(first && { line: first.item.linkId }) }
		)
	);
	if (problems.length > 0 || questions.length === 0 || !name) return refuse(...problems);

	const numberText = (value: number): LocalizedText => ({ nl: String(value), en: String(value) });
	// Without any item on the line the instrument still has one (never shown): Tweespraak's 0–10.
	const firstAnswer = first?.answer ?? { type: 'integer' as const, min: 0, max: 10 };
	const lineEnds = ends?.ends ?? {
		min: numberText(firstAnswer.type === 'choice' ? 0 : firstAnswer.min),
		max: numberText(firstAnswer.type === 'choice' ? first!.points : firstAnswer.max)
	};
	return {
		ok: true,
		content: {
			name,
			items,
			scale: { ...lineEnds, points: first?.points ?? 10 },
			smileys,
			planTerms,
			fhir: source
		}
	};
}
