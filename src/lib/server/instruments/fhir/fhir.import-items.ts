import { MAX_NOMINAL_OPTIONS, type ItemAnswer, type LocalizedText, type NominalOption } from '../instruments.models.ts';
import {
	ITEM_CONTROL_EXTENSION,
	ITEM_CONTROL_SYSTEM,
	MAX_LINE_POINTS,
	MAX_VALUE_EXTENSION,
	MIN_VALUE_EXTENSION,
	ORDINAL_EXTENSIONS,
	SLIDER_STEP_EXTENSION,
	sortOptions,
	type FhirAnswer,
	type FhirOption
} from './fhir.models.ts';
import { hasMarkup, readTexts, toLocalizedText, type FhirElementExtension, type FhirPrimitiveExtras } from './fhir.text.ts';

/** Why an import is refused; each has a translated message (instrument_import_problem_<code>). */
export type ImportProblemCode =
	| 'not_json'
	| 'too_large'
	| 'too_many_items'
	| 'too_deep'
	| 'not_questionnaire'
	| 'schema'
	| 'invariant'
	| 'modifier_extension'
	| 'missing_title'
	| 'licence_unconfirmed'
	| 'markup'
	| 'link_id'
	| 'missing_text'
	| 'enable_when'
	| 'enable_when_quick_check'
	| 'no_line_quick_check'
	| 'scale_changed'
	| 'repeats'
	| 'display_text'
	| 'unsupported_type'
	| 'value_set'
	| 'no_ordinal'
	| 'options_count'
	| 'ordinal_duplicate'
	| 'no_range'
	| 'range_too_wide'
	| 'scales_differ'
	| 'no_scale'
	| 'title_too_long'
	| 'question_too_long'
	| 'label_too_long'
	| 'option_too_long'
	| 'copyright_too_long'
	| 'code_too_long';

export interface ImportProblem {
	code: ImportProblemCode;
	/** The item's linkId, when the problem is one item's. */
	item?: string;
	/** A technical detail (schema path, invariant id, item type); not translated. */
	detail?: string;
}

/** The parts of an R4 Questionnaire item this import reads (the schema has checked the shapes). */
export interface FhirItem {
	linkId: string;
	type: string;
	text?: string;
	_text?: FhirPrimitiveExtras;
	item?: FhirItem[];
	enableWhen?: FhirEnableWhen[];
	enableBehavior?: 'all' | 'any';
	repeats?: boolean;
	answerValueSet?: string;
	answerOption?: {
		valueCoding?: { code?: string; system?: string; display?: string; _display?: FhirPrimitiveExtras };
		extension?: FhirElementExtension[];
	}[];
	extension?: FhirElementExtension[];
	modifierExtension?: unknown[];
}

/** One R4 enableWhen (the schema has checked its shape; que-7 that `exists` takes a boolean). */
export interface FhirEnableWhen {
	question: string;
	operator: string;
	answerBoolean?: boolean;
	answerInteger?: number;
	answerDecimal?: number;
	answerCoding?: { system?: string; code?: string };
	[other: string]: unknown;
}

/** One question as the instrument will hold it. */
export interface ImportedQuestion {
	item: FhirItem;
	text: LocalizedText;
	/** On the line: how it is answered in FHIR. Absent for an item not on the line (`offLine`). */
	answer?: FhirAnswer;
	/** Free text or a nominal choice (issue 14): answered by one person, never on the line. */
	offLine?: ItemAnswer;
	/** Line steps (decimals may set their own with the slider step). */
	points: number;
	/** The words at the ends of the line, when the item gives them. */
	ends?: { min: LocalizedText; max: LocalizedText };
}

const LINK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FREE_TEXT = ['string', 'text'];

function numberExtension(item: FhirItem, url: string): number | undefined {
	const found = item.extension?.find((extension) => extension.url === url);
	const value = found?.valueInteger ?? found?.valueDecimal;
	return typeof value === 'number' ? value : undefined;
}

function itemControlOf(item: FhirItem): string | undefined {
	const control = item.extension?.find((extension) => extension.url === ITEM_CONTROL_EXTENSION) as
		{ valueCodeableConcept?: { coding?: { system?: string; code?: string }[] } } | undefined;
	return control?.valueCodeableConcept?.coding?.find((coding) => coding.system === ITEM_CONTROL_SYSTEM)?.code;
}

function ordinalOf(option: NonNullable<FhirItem['answerOption']>[number]): number | undefined {
	const found = option.extension?.find((extension) => ORDINAL_EXTENSIONS.includes(extension.url));
	return typeof found?.valueDecimal === 'number'
		? found.valueDecimal
		: typeof found?.valueInteger === 'number'
			? found.valueInteger
			: undefined;
}

/**
 * A choice whose options have no ordinal value at all: a nominal choice (issue 14), its options
 * in the Questionnaire's order with their display in every language (the code when there is none).
 */
function nominalAnswer(item: FhirItem, language: string, problems: ImportProblem[]): ItemAnswer | undefined {
	const options: NominalOption[] = [];
	for (const option of item.answerOption ?? []) {
		const coding = option.valueCoding;
		if (!coding?.code) return void problems.push({ code: 'no_ordinal', item: item.linkId });
		const display = toLocalizedText(readTexts(coding.display, coding._display, language)) ?? { nl: coding.code, en: coding.code };
		options.push({ code: coding.code, ...(coding.system && { system: coding.system }), display });
	}
	if (options.length < 2 || options.length > MAX_NOMINAL_OPTIONS) return void problems.push({ code: 'options_count', item: item.linkId });
	if (new Set(options.map((option) => `${option.system ?? ''}|${option.code}`)).size !== options.length)
		return void problems.push({ code: 'ordinal_duplicate', item: item.linkId });
	return { type: 'choice', options };
}

function choiceAnswer(item: FhirItem, problems: ImportProblem[]): FhirAnswer | undefined {
	const problem = (code: ImportProblemCode) => problems.push({ code, item: item.linkId });
	if (item.answerValueSet) return void problem('value_set');
	const options: FhirOption[] = [];
	for (const option of item.answerOption ?? []) {
		const ordinal = ordinalOf(option);
		const coding = option.valueCoding;
		if (ordinal === undefined || !coding?.code) return void problem('no_ordinal');
		options.push({
			code: coding.code,
			...(coding.system && { system: coding.system }),
			...(coding.display && { display: coding.display }),
			ordinal
		});
	}
	if (options.length < 2 || options.length > MAX_LINE_POINTS + 1) return void problem('options_count');
	if (new Set(options.map((option) => option.ordinal)).size !== options.length) return void problem('ordinal_duplicate');
	return { type: 'choice', options: sortOptions(options) };
}

function rangeAnswer(item: FhirItem, problems: ImportProblem[]): { answer: FhirAnswer; points: number } | undefined {
	const min = numberExtension(item, MIN_VALUE_EXTENSION);
	const max = numberExtension(item, MAX_VALUE_EXTENSION);
	if (min === undefined || max === undefined || max <= min) return void problems.push({ code: 'no_range', item: item.linkId });
	const step = item.type === 'decimal' ? (numberExtension(item, SLIDER_STEP_EXTENSION) ?? (max - min) / MAX_LINE_POINTS) : 1;
	const points = Math.round(((max - min) / step) * 1000) / 1000;
	if (!Number.isInteger(points) || points < 1 || points > MAX_LINE_POINTS)
		return void problems.push({ code: 'range_too_wide', item: item.linkId });
	return { answer: { type: item.type as 'integer' | 'decimal', min, max }, points };
}

/** The words at the line's ends: the first and last option, or display items marked lower and upper. */
function endsOf(item: FhirItem, answer: FhirAnswer, language: string): ImportedQuestion['ends'] {
	const lower = item.item?.find((child) => itemControlOf(child) === 'lower');
	const upper = item.item?.find((child) => itemControlOf(child) === 'upper');
	if (lower && upper) {
		const min = toLocalizedText(readTexts(lower.text, lower._text, language));
		const max = toLocalizedText(readTexts(upper.text, upper._text, language));
		if (min && max) return { min, max };
	}
	if (answer.type !== 'choice') return undefined;
	const codings = (item.answerOption ?? []).map((option) => option.valueCoding!);
	const byCode = (code: string) => codings.find((coding) => coding.code === code)!;
	const first = byCode(answer.options[0]!.code);
	const last = byCode(answer.options.at(-1)!.code);
	const min = toLocalizedText(readTexts(first.display, first._display, language));
	const max = toLocalizedText(readTexts(last.display, last._display, language));
	return min && max ? { min, max } : undefined;
}

function questionOf(item: FhirItem, language: string, problems: ImportProblem[]): ImportedQuestion | undefined {
	const before = problems.length;
	const problem = (code: ImportProblemCode, detail?: string) => problems.push({ code, item: item.linkId, ...(detail && { detail }) });
	if (item.repeats) problem('repeats');
	for (const child of item.item ?? []) {
		if (child.type !== 'display' || !['lower', 'upper'].includes(itemControlOf(child) ?? ''))
			problem('unsupported_type', `${child.linkId}: nested`);
	}
	const text = toLocalizedText(readTexts(item.text, item._text, language));
	if (!text) problem('missing_text');
	let answer: FhirAnswer | undefined;
	let points = 0;
	const nominal =
		item.type === 'choice' && !item.answerValueSet && !(item.answerOption ?? []).some((option) => ordinalOf(option) !== undefined);
	if (FREE_TEXT.includes(item.type) || nominal) {
		// Not on the line: no ends, no steps (decision 019, issue 14).
		const offLine = nominal ? nominalAnswer(item, language, problems) : ({ type: item.type as 'string' | 'text' } as const);
		if (problems.length > before || !offLine || !text) return undefined;
		return { item, text, offLine, points: 0 };
	}
	if (item.type === 'choice') {
		answer = choiceAnswer(item, problems);
		if (answer?.type === 'choice') points = answer.options.length - 1;
	} else {
		const range = rangeAnswer(item, problems);
		answer = range?.answer;
		points = range?.points ?? 0;
	}
	if (problems.length > before || !answer || !text) return undefined;
	const ends = endsOf(item, answer, language);
	return { item, text, answer, points, ...(ends && { ends }) };
}

/**
 * Walks the items (groups are flattened: their questions are asked in order, the group's own
 * text is not shown) and returns the questions, or adds a problem per item it cannot show.
 */
export function collectQuestions(items: readonly FhirItem[], language: string, problems: ImportProblem[]): ImportedQuestion[] {
	const questions: ImportedQuestion[] = [];
	for (const item of items) {
		const problem = (code: ImportProblemCode, detail?: string) => problems.push({ code, item: item.linkId, ...(detail && { detail }) });
		if (!LINK_ID.test(item.linkId)) {
			problem('link_id');
			continue;
		}
		if (item.modifierExtension?.length) problem('modifier_extension');
		// A condition on a whole group cannot be shown: the group's own text is not shown (decision 019).
		if (item.enableWhen?.length && item.type === 'group') problem('enable_when', 'group');
		if (item.type === 'group') {
			questions.push(...collectQuestions(item.item ?? [], language, problems));
		} else if (item.type === 'display') {
			problem('display_text');
		} else if (['choice', 'integer', 'decimal', ...FREE_TEXT].includes(item.type)) {
			const question = questionOf(item, language, problems);
			if (question) questions.push(question);
		} else {
			problem('unsupported_type', item.type);
		}
	}
	return questions;
}

/** Every text of the resource a person could read, with the linkId it belongs to. */
export function findMarkup(value: unknown, linkId: string | undefined, found: ImportProblem[]): void {
	if (typeof value === 'string') {
		if (hasMarkup(value) && !found.some((problem) => problem.item === linkId))
			found.push({ code: 'markup', ...(linkId && { item: linkId }) });
		return;
	}
	if (Array.isArray(value)) {
		for (const inner of value) findMarkup(inner, linkId, found);
		return;
	}
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const own = typeof record.linkId === 'string' ? record.linkId : linkId;
		for (const [key, inner] of Object.entries(record)) {
			// The narrative is XHTML by definition; it is not read or kept (see decision 019).
			if (key === 'text' && inner && typeof inner === 'object' && !Array.isArray(inner)) continue;
			findMarkup(inner, own, found);
		}
	}
}
