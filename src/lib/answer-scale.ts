import * as m from '#lib/paraglide/messages.js';
import { languageTagOf, type ClientLocale } from '#lib/locales.ts';
import { numberFormat } from '#lib/intl.ts';

/**
 * How a person reads an answer: on the scale the instrument asked it on, never as the stored
 * number. Answers are stored 0–100 (a point on the line × 10, a child's smiley 0, 25 … 100);
 * a person chose "3 van 10" or "Niet goed", so that is what every page, table, screen-reader
 * text, PDF and CSV shows. Shared by the server (PDF, CSV) and the pages: one function per way
 * of showing a value, so no view formats a value on its own.
 */

export interface AnswerSmiley {
	value: number;
	pictogram: string;
	label: string;
}

/** A scale as one reader reads it: its end words, the number of steps on the line, and a child's smileys. */
export interface AnswerScale {
	min: string;
	max: string;
	/** The line runs from 0 to `points` (10 for "3 van 10"). */
	points: number;
	smileys: AnswerSmiley[];
}

/** An adult chooses a point on the line; a child a smiley. */
export type AnswerMode = 'line' | 'smiley';

type Locale = ClientLocale;

/** Stored values run from 0 to this. */
export const STORED_MAX = 100;
/** The line of the built-in instruments and of the evaluation: 0 to 10. */
export const DEFAULT_LINE_POINTS = 10;

export function answerModeOf(audience: string): AnswerMode {
	return audience === 'child' ? 'smiley' : 'line';
}

/** The stored values of the points on a line: 0, 10, … 100 for a 0–10 line. */
export function linePointValues(points: number = DEFAULT_LINE_POINTS): number[] {
	return Array.from({ length: points + 1 }, (_, i) => Math.round((i * STORED_MAX) / points));
}

/** A stored value as a point on the line, to one decimal: 30 → 3; a mean of 63.4 → 6.3. */
export function toLinePoint(stored: number, points: number = DEFAULT_LINE_POINTS): number {
	return Math.round((stored * points * 10) / STORED_MAX) / 10;
}

function numberText(value: number, locale: Locale, decimals: 'asNeeded' | 'one'): string {
	return numberFormat(languageTagOf(locale), {
		minimumFractionDigits: decimals === 'one' ? 1 : 0,
		maximumFractionDigits: 1
	}).format(value);
}

export function smileyOf(stored: number, scale: Pick<AnswerScale, 'smileys'>, mode: AnswerMode): AnswerSmiley | undefined {
	return mode === 'smiley' ? scale.smileys.find((smiley) => smiley.value === stored) : undefined;
}

/** One person's answer, short, for a table cell: "3", or a child's smiley in words ("Niet goed"). */
export function answerText(stored: number, scale: AnswerScale, mode: AnswerMode, locale: Locale): string {
	const smiley = smileyOf(stored, scale, mode);
	return smiley ? smiley.label : numberText(toLinePoint(stored, scale.points), locale, 'asNeeded');
}

/** One person's answer in full, for screen readers, lists and the PDF: "3 van 10", or "Niet goed". */
export function answerSentence(stored: number, scale: AnswerScale, mode: AnswerMode, locale: Locale): string {
	const smiley = smileyOf(stored, scale, mode);
	if (smiley) return smiley.label;
	return m.rating_point({ point: answerText(stored, scale, 'line', locale), points: scale.points }, { locale });
}

/** A mean on the line, always with one decimal: 63 → "6,3", 60 → "6,0". */
export function meanText(stored: number, scale: Pick<AnswerScale, 'points'>, locale: Locale): string {
	return numberText(toLinePoint(stored, scale.points), locale, 'one');
}

/** How far apart answers lie on the line (never negative): 25 → "2,5", 30 → "3". */
export function spreadText(stored: number, scale: Pick<AnswerScale, 'points'>, locale: Locale): string {
	return numberText(toLinePoint(stored, scale.points), locale, 'asNeeded');
}

/**
 * The difference of two values as they are shown (each rounded to one decimal first, then
 * subtracted), so it always equals the difference of the two numbers beside it: "+1,5", "−0,3", "0,0".
 */
export function differenceText(higher: number, lower: number, scale: Pick<AnswerScale, 'points'>, locale: Locale): string {
	const difference = Math.round((toLinePoint(higher, scale.points) - toLinePoint(lower, scale.points)) * 10) / 10;
	return signedText(difference, locale);
}

/** A difference already on the line: "+1,5", "−0,3", "0,0". */
export function signedText(difference: number, locale: Locale): string {
	const text = numberText(Math.abs(difference), locale, 'one');
	return difference > 0 ? `+${text}` : difference < 0 ? `−${text}` : text;
}

/** The difference of two stored means as a number on the line, rounded as shown: for a CSV. */
export function differenceOnLine(higher: number, lower: number, points: number = DEFAULT_LINE_POINTS): number {
	return Math.round((toLinePoint(higher, points) - toLinePoint(lower, points)) * 10) / 10;
}

/** The scale in words: "van 0 (ontevreden) tot 10 (tevreden)". */
export function scaleRangeText(scale: Pick<AnswerScale, 'min' | 'max' | 'points'>, locale: Locale): string {
	return m.scale_range({ min: scale.min, max: scale.max, points: scale.points }, { locale });
}

/** The learning conversation's evaluation: two lines from 0 to 10, each with its own end words. */
export function evaluationScale(field: 'clarity' | 'overall', locale: Locale): AnswerScale {
	return field === 'clarity'
		? {
				min: m.learning_evaluation_clarity_min({}, { locale }),
				max: m.learning_evaluation_clarity_max({}, { locale }),
				points: DEFAULT_LINE_POINTS,
				smileys: []
			}
		: {
				min: m.learning_evaluation_overall_min({}, { locale }),
				max: m.learning_evaluation_overall_max({}, { locale }),
				points: DEFAULT_LINE_POINTS,
				smileys: []
			};
}

/** An evaluation as a person reads it: "duidelijk: 8 van 10 · gesprek: 7 van 10" ("—" for a part not filled in). */
export function evaluationText(evaluation: { clarity: number | null; overall: number | null }, locale: Locale): string {
	const part = (field: 'clarity' | 'overall') => {
		const value = evaluation[field];
		return value === null ? '—' : answerSentence(value, evaluationScale(field, locale), 'line', locale);
	};
	return m.learning_evaluation_values({ clarity: part('clarity'), overall: part('overall') }, { locale });
}
