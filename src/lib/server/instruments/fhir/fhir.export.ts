import { DEFAULT_LINE_POINTS } from '#lib/answer-scale.ts';
import type { InstrumentContent, InstrumentItem, ItemAnswer, LocalizedText } from '../instruments.models.ts';
import {
	ITEM_CONTROL_EXTENSION,
	ITEM_CONTROL_SYSTEM,
	MAX_VALUE_EXTENSION,
	MIN_VALUE_EXTENSION,
	ORDINAL_EXTENSIONS,
	SLIDER_STEP_EXTENSION,
	storedToAnswer,
	TWEESPRAAK_EXTENSION,
	type FhirAnswer
} from './fhir.models.ts';
import { writeText, type FhirElementExtension } from './fhir.text.ts';

/**
 * Instruments as FHIR R4 Questionnaires and answers as QuestionnaireResponses
 * (docs/decisions/019-fhir-questionnaires.md). Built-ins have no FHIR source: their line is a
 * decimal from 0 to its points with step 1, so a re-import gives the same line.
 */

export const TWEESPRAAK_CANONICAL_BASE = 'https://tweespraak.nl/fhir/Questionnaire';

export interface ExportableInstrument {
	key: string;
	version: number;
	publishedAt: string;
	content: InstrumentContent;
}

type FhirObject = Record<string, unknown>;

/** The answer type of an instrument: its Questionnaire's, or the line as a decimal for a built-in. */
export function answerOf(content: InstrumentContent): FhirAnswer {
	return content.fhir?.answer ?? { type: 'decimal', min: 0, max: content.scale.points ?? DEFAULT_LINE_POINTS };
}

/** `url|version`, the canonical reference a QuestionnaireResponse names. */
export function canonicalOf(instrument: ExportableInstrument): { url: string; version: string } {
	const fhir = instrument.content.fhir;
	return {
		url: fhir?.url || `${TWEESPRAAK_CANONICAL_BASE}/${instrument.key}`,
		version: fhir?.version ?? String(instrument.version)
	};
}

/** `{ name: 'x', _name: {translations} }` for a localized element. */
function textElement(name: string, text: LocalizedText): FhirObject {
	const { value, extras } = writeText(text);
	return { [name]: value, ...(extras && { [`_${name}`]: extras }) };
}

function textExtension(name: string, text: LocalizedText): FhirElementExtension {
	const { value, extras } = writeText(text);
	return { url: name, valueString: value, ...(extras && { _valueString: extras }) };
}

function tweespraak(name: string, rest: Omit<FhirElementExtension, 'url'>): FhirElementExtension {
	return { url: `${TWEESPRAAK_EXTENSION}/${name}`, ...rest };
}

function endItem(key: string, control: 'lower' | 'upper', text: LocalizedText): FhirObject {
	return {
		linkId: `${key}.${control}`,
		type: 'display',
		...textElement('text', text),
		extension: [{ url: ITEM_CONTROL_EXTENSION, valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: control }] } }]
	};
}

function answerElements(answer: FhirAnswer, points: number): FhirObject {
	if (answer.type === 'choice') {
		return {
			answerOption: answer.options.map(({ ordinal, ...coding }) => ({
				valueCoding: coding,
				extension: [{ url: ORDINAL_EXTENSIONS[0], valueDecimal: ordinal }]
			}))
		};
	}
	const value = answer.type === 'integer' ? 'valueInteger' : 'valueDecimal';
	const range = [
		{ url: MIN_VALUE_EXTENSION, [value]: answer.min },
		{ url: MAX_VALUE_EXTENSION, [value]: answer.max }
	];
	if (answer.type === 'decimal') range.push({ url: SLIDER_STEP_EXTENSION, valueDecimal: (answer.max - answer.min) / points });
	return { extension: range };
}

/** A question's conditions back as R4 enableWhen: the answer as the Questionnaire asks it (decision 019). */
function enableWhenOf(item: InstrumentItem, answer: FhirAnswer): FhirObject {
	const conditions = item.enableWhen?.conditions ?? [];
	if (conditions.length === 0) return {};
	const answerOfCondition = (value: number): FhirObject => {
		const shown = storedToAnswer(value, answer);
		if ('valueCoding' in shown) return { answerCoding: shown.valueCoding };
		if ('valueInteger' in shown) return { answerInteger: shown.valueInteger };
		return { answerDecimal: shown.valueDecimal };
	};
	return {
		enableWhen: conditions.map((condition) => ({
			question: condition.question,
			operator: condition.operator,
			...(condition.operator === 'exists' ? { answerBoolean: condition.exists !== false } : answerOfCondition(condition.value ?? 0))
		})),
		...(conditions.length > 1 && { enableBehavior: item.enableWhen!.behavior })
	};
}

/** The words of the item for every audience, its pictogram and label: Tweespraak's extensions. */
function itemExtensions(item: InstrumentItem): FhirElementExtension[] {
	const { url: _url, ...labelText } = textExtension('label', item.label);
	return [
		tweespraak('pictogram', { valueCode: item.pictogram }),
		tweespraak('label', labelText),
		...(['child', 'professional'] as const).map((audience) =>
			tweespraak('wording', { extension: [{ url: 'audience', valueCode: audience }, textExtension('text', item.wording[audience])] })
		)
	];
}

/**
 * An item not on the line (issue 14): `string`/`text`, or a `choice` whose options have no
 * ordinal value, so an import of the export reads it back as the same nominal choice.
 */
function exportOffLineItem(item: InstrumentItem & { answer: ItemAnswer }, content: InstrumentContent): FhirObject {
	const { answer } = item;
	return {
		linkId: item.key,
		type: answer.type,
		...textElement('text', item.wording.adult),
		...enableWhenOf(item, answerOf(content)),
		extension: itemExtensions(item),
		...(answer.type === 'choice' && {
			answerOption: answer.options.map((option) => ({
				valueCoding: { ...(option.system && { system: option.system }), code: option.code, ...textElement('display', option.display) }
			}))
		})
	};
}

function exportItem(item: InstrumentItem, content: InstrumentContent): FhirObject {
	if (item.answer) return exportOffLineItem({ ...item, answer: item.answer }, content);
	const answer = answerOf(content);
	const points = content.scale.points ?? DEFAULT_LINE_POINTS;
	const elements = answerElements(answer, points);
	const extension = [...((elements.extension as FhirElementExtension[] | undefined) ?? []), ...itemExtensions(item)];
	return {
		linkId: item.key,
		type: answer.type,
		...textElement('text', item.wording.adult),
		required: true,
		...enableWhenOf(item, answer),
		extension,
		...(elements.answerOption ? { answerOption: elements.answerOption } : {}),
		item: [endItem(item.key, 'lower', content.scale.min), endItem(item.key, 'upper', content.scale.max)]
	};
}

/** Letters and digits only, starting with a capital: what R4's que-0 asks of `name`. */
function computableName(key: string): string {
	const name = key.replace(/[^A-Za-z0-9]/g, '');
	return /^[A-Z]/.test(name) ? name : `Q${name}`;
}

/** One instrument version as a FHIR R4 Questionnaire. */
export function instrumentToQuestionnaire(instrument: ExportableInstrument): FhirObject {
	const { content } = instrument;
	const canonical = canonicalOf(instrument);
	return {
		resourceType: 'Questionnaire',
		language: 'nl',
		url: canonical.url,
		version: canonical.version,
		name: computableName(instrument.key),
		...textElement('title', content.name),
		status: 'active',
		date: instrument.publishedAt,
		...(content.fhir?.copyright && { copyright: content.fhir.copyright }),
		extension: [
			...content.smileys.map((smiley) =>
				tweespraak('smiley', {
					extension: [
						{ url: 'value', valueInteger: smiley.value },
						{ url: 'pictogram', valueCode: smiley.pictogram },
						textExtension('label', smiley.label)
					]
				})
			),
			...Object.entries(content.planTerms).map(([term, label]) =>
				tweespraak('plan-term', { extension: [{ url: 'term', valueCode: term }, textExtension('label', label)] })
			)
		],
		item: content.items.map((item) => exportItem(item, content))
	};
}

export interface ResponseSource {
	/** Stable, pseudonymous: the party's id. */
	partyId: string;
	role: 'client' | 'child' | 'professional';
	authored: string;
	instrument: ExportableInstrument;
	values: { itemKey: string; value: number }[];
	/** Answers in words (issue 14): free text, or a nominal choice's code. */
	texts?: Record<string, string>;
}

/** An answer in words as FHIR has it: `valueString` for free text, the option's `valueCoding` for a nominal choice. */
function textAnswer(item: InstrumentItem | undefined, text: string): FhirObject | null {
	if (!item?.answer) return null;
	if (item.answer.type !== 'choice') return { valueString: text };
	const option = item.answer.options.find((o) => o.code === text);
	return option
		? { valueCoding: { ...(option.system && { system: option.system }), code: option.code, display: option.display.nl } }
		: null;
}

/** One party's answers in one conversation as a QuestionnaireResponse about the collaboration's label. */
export function toQuestionnaireResponse(source: ResponseSource, subjectLabel: string): FhirObject {
	const canonical = canonicalOf(source.instrument);
	const answer = answerOf(source.instrument.content);
	const { items } = source.instrument.content;
	const order = items.map((item) => item.key);
	const answered = [
		...source.values.map(({ itemKey, value }) => ({ itemKey, answer: storedToAnswer(value, answer) as FhirObject })),
		...Object.entries(source.texts ?? {}).flatMap(([itemKey, text]) => {
			const shown = textAnswer(
				items.find((item) => item.key === itemKey),
				text
			);
			return shown ? [{ itemKey, answer: shown }] : [];
		})
	].sort((a, b) => order.indexOf(a.itemKey) - order.indexOf(b.itemKey));
	return {
		resourceType: 'QuestionnaireResponse',
		identifier: { system: `${TWEESPRAAK_EXTENSION}/party`, value: source.partyId },
		questionnaire: `${canonical.url}|${canonical.version}`,
		status: 'completed',
		subject: { display: subjectLabel },
		authored: source.authored,
		author: { display: source.role },
		item: answered.map(({ itemKey, answer: shown }) => ({ linkId: itemKey, answer: [shown] }))
	};
}

/** The responses of a collaboration as one Bundle of type collection. */
export function toResponseBundle(responses: readonly FhirObject[], timestamp: string): FhirObject {
	return {
		resourceType: 'Bundle',
		type: 'collection',
		timestamp,
		entry: responses.map((resource) => ({ resource }))
	};
}
