import { STORED_MAX } from '#lib/answer-scale.ts';

/**
 * The FHIR R4 side of an instrument (docs/decisions/019-fhir-questionnaires.md). An imported
 * instrument keeps where it came from and how its answers map to the line, so an answer given in
 * Tweespraak goes back out as the answer the Questionnaire asked for.
 */

/** One answer option of a choice item, in the order of its ordinal value. */
export interface FhirOption {
	code: string;
	system?: string;
	display?: string;
	ordinal: number;
}

/** How every item of the instrument is answered: they share one scale, the line. */
export type FhirAnswer = { type: 'choice'; options: FhirOption[] } | { type: 'integer' | 'decimal'; min: number; max: number };

export interface FhirSource {
	/** Questionnaire.url: a re-import with the same url publishes a new version of the same instrument. */
	url: string;
	/** Questionnaire.version, as the publisher wrote it. */
	version?: string;
	copyright?: string;
	/** How the items on the line are answered; absent when no item is on it (only free text or nominal choices). */
	answer?: FhirAnswer;
}

/** Where Tweespraak's own extensions live; they carry what FHIR has no element for. */
export const TWEESPRAAK_EXTENSION = 'https://tweespraak.nl/fhir/StructureDefinition';
export const TRANSLATION_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/translation';
export const ORDINAL_EXTENSIONS = [
	'http://hl7.org/fhir/StructureDefinition/ordinalValue',
	'http://hl7.org/fhir/StructureDefinition/itemWeight',
	'http://hl7.org/fhir/StructureDefinition/iso21090-CO-value'
];
export const MIN_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const MAX_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/maxValue';
export const SLIDER_STEP_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/questionnaire-sliderStepValue';
export const ITEM_CONTROL_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
export const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';

/** The line has at most this many steps, so it fits a phone 360 px wide. */
export const MAX_LINE_POINTS = 10;
/** Limits on what an import may be (issue 14). */
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ITEMS = 200;

/** A stored value (0–100) as the answer the Questionnaire asked for. */
export function storedToAnswer(
	stored: number,
	answer: FhirAnswer
): { valueCoding: Omit<FhirOption, 'ordinal'> } | { valueInteger: number } | { valueDecimal: number } {
	if (answer.type === 'choice') {
		const index = Math.round((stored * (answer.options.length - 1)) / STORED_MAX);
		const { ordinal: _ordinal, ...coding } = answer.options[index]!;
		return { valueCoding: coding };
	}
	const value = answer.min + (stored * (answer.max - answer.min)) / STORED_MAX;
	if (answer.type === 'integer') return { valueInteger: Math.round(value) };
	return { valueDecimal: Math.round(value * 100) / 100 };
}

/** Options in ordinal order. Answers sit on the line by rank: the line shows the order, not the distances. */
export function sortOptions(options: readonly FhirOption[]): FhirOption[] {
	return [...options].sort((a, b) => a.ordinal - b.ordinal);
}
