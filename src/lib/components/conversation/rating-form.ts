import { linePointValues } from '#lib/answer-scale.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';

/**
 * The rating form as the pages post it: one radio group per item, named after the item key,
 * and nothing else. Nothing is checked at first, so an untouched item sends nothing. The engine
 * (submitRatings) decides what is valid; these helpers read the form and, when the engine
 * refuses, tell each item what was wrong. Pure, for the action and the page alike.
 */

const FIELD_NAME = /^[a-z][\w-]{0,63}$/i;
const MAX_FIELDS = 50;

/** Every answer as posted: a whole number when it looks like one, else the text (the engine refuses it). Empty answers are left out. */
export function readRatingValues(formData: FormData): Record<string, number | string> {
	const values: Record<string, number | string> = {};
	for (const [key, raw] of formData) {
		if (Object.keys(values).length >= MAX_FIELDS) break;
		if (typeof raw !== 'string' || !FIELD_NAME.test(key) || raw.trim() === '' || Object.hasOwn(values, key)) continue;
		const text = raw.trim();
		values[key] = /^\d{1,3}$/.test(text) ? Number(text) : text.slice(0, 20);
	}
	return values;
}

/** The instrument a trajectory moment's forms showed; the dot keeps it out of the ratings, as for TEXT_FIELD_PREFIX. */
export const SHOWN_INSTRUMENT_FIELD = 'shown.instrumentKey';
/** An item in words posts as `text.<key>`: the dot is not in FIELD_NAME, so readRatingValues never reads it. */
export const TEXT_FIELD_PREFIX = 'text.';
/** Read a little past the longest allowed answer, so a too long one is refused, not cut. */
const TEXT_READ_MAX = 2001 * 2;

/**
 * Every answer in words as posted (free text, a nominal choice's code), by item key, as typed:
 * the engine trims, checks and refuses. Empty answers are left out.
 */
export function readTextAnswers(formData: FormData): Record<string, string> {
	const texts: Record<string, string> = {};
	for (const [name, raw] of formData) {
		if (Object.keys(texts).length >= MAX_FIELDS) break;
		if (typeof raw !== 'string' || !name.startsWith(TEXT_FIELD_PREFIX)) continue;
		const key = name.slice(TEXT_FIELD_PREFIX.length);
		if (!FIELD_NAME.test(key.replaceAll('.', '_')) || raw.trim() === '' || Object.hasOwn(texts, key)) continue;
		texts[key] = raw.slice(0, TEXT_READ_MAX);
	}
	return texts;
}

/** Answers and answers in words, as one map to echo back into the form (`text.<key>` for words). */
export function echoAnswers(
	values: Readonly<Record<string, number | string>>,
	texts: Readonly<Record<string, string>>
): Record<string, string> {
	return {
		...echoRatingValues(values),
		...Object.fromEntries(Object.entries(texts).map(([key, text]) => [`${TEXT_FIELD_PREFIX}${key}`, text]))
	};
}

/** A value echoed back by the server, as the form shows it again. */
export function echoedValue(values: Readonly<Record<string, string>> | undefined, key: string): number | undefined {
	const raw = values?.[key];
	return raw !== undefined && /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
}

/** The engine's refusals that are about the answers themselves (the rest are about the moment). */
export const RATING_INPUT_ERRORS: readonly DomainErrorCode[] = [
	'conversation.incomplete_ratings',
	'conversation.invalid_rating',
	'conversation.unknown_item'
];

export type ItemProblem = 'rating_unanswered' | 'rating_invalid';

/**
 * Which items need another look, as message keys: every unanswered item and every answer that
 * is not one of the offered points. The engine stops at its first problem; the person filling
 * in sees all of them at once.
 */
export function itemProblems(
	itemKeys: readonly string[],
	values: Readonly<Record<string, number | string>>,
	allowed: readonly number[]
): Record<string, ItemProblem> {
	const problems: Record<string, ItemProblem> = {};
	for (const key of itemKeys) {
		const value = values[key];
		if (value === undefined) problems[key] = 'rating_unanswered';
		else if (typeof value !== 'number' || !allowed.includes(value)) problems[key] = 'rating_invalid';
	}
	return problems;
}

/** The points an adult can choose on the built-in 0–10 line: 0, 10, … 100. */
export const LINE_POINTS: readonly number[] = linePointValues();

/** Values to put back into the form after a refusal, so nothing chosen is lost. */
export function echoRatingValues(values: Readonly<Record<string, number | string>>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
