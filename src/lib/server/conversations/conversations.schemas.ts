import * as v from 'valibot';
import { linePointValues } from '#lib/answer-scale.ts';
import { keepEnabledAnswers, type EnableWhen } from '#lib/enable-when.ts';
import { isCalendarDate } from '#lib/server/collaborations/collaborations.models.ts';
import type { AgreementWho, ReviewOutcome } from '#lib/server/db/schema.ts';
import { isOnLine, type InstrumentContent } from '#lib/server/instruments/instruments.models.ts';
import { cleanTexts } from '#lib/server/trajectories/trajectories.instruments.models.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';
import { sentText } from '#lib/server/shared/validation.ts';

/**
 * Input rules of the quick check. Forms use the valibot schemas (field messages); the usecases
 * check the same rules again with the find…Problem functions, so a JSON call or a stale form
 * gets a clear error code and changes nothing.
 */

export const NOTE_MAX_LENGTH = 500;
export const WHO_OTHER_MAX_LENGTH = 100;
export const SUMMARY_MAX_LENGTH = 1000;
export const RATING_MIN = 0;
export const RATING_MAX = 100;

export const AGREEMENT_WHO: readonly AgreementWho[] = ['client', 'professional', 'both', 'other'];
export const REVIEW_OUTCOMES: readonly ReviewOutcome[] = ['done', 'partly', 'notDone'];
/** After the review: close the agreement, copy it as a new open one, or leave it open as it is. */
export type ReviewFollowUp = 'none' | 'carryOver' | 'keepOpen';
export const REVIEW_FOLLOW_UPS: readonly ReviewFollowUp[] = ['none', 'carryOver', 'keepOpen'];

/** Why these ratings cannot be stored, or null. `allowed` limits a child's answers to the smiley values. */
export function findRatingProblem(
	values: Readonly<Record<string, unknown>>,
	itemKeys: readonly string[],
	allowed: readonly number[] | null
): DomainErrorCode | null {
	if (Object.keys(values).some((key) => !itemKeys.includes(key))) return 'conversation.unknown_item';
	for (const key of itemKeys) {
		const value = values[key];
		if (value === undefined || value === null || value === '') return 'conversation.incomplete_ratings';
		if (typeof value !== 'number' || !Number.isInteger(value) || value < RATING_MIN || value > RATING_MAX)
			return 'conversation.invalid_rating';
		if (allowed !== null && !allowed.includes(value)) return 'conversation.invalid_rating';
	}
	return null;
}

/**
 * The ratings of an instrument one person answers (session feedback, also on paper): a
 * conditional question (enableWhen) that is not asked is not required, and an answer to it is
 * dropped (decision 019). Returns why they cannot be stored, or the values to store.
 */
export function checkAskedRatings(
	items: readonly { key: string; enableWhen?: EnableWhen }[],
	values: Readonly<Record<string, unknown>>,
	allowed: readonly number[] | null
): { problem: DomainErrorCode } | { problem: null; values: Record<string, number> } {
	const keys = items.map((item) => item.key);
	const unknown = Object.fromEntries(Object.entries(values).filter(([key]) => !keys.includes(key)));
	const enabled = keepEnabledAnswers(items, values);
	const problem = findRatingProblem({ ...unknown, ...enabled.values }, enabled.asked, allowed);
	return problem ? { problem } : { problem: null, values: enabled.values as Record<string, number> };
}

/**
 * One person's answers to an instrument that may ask questions in words beside its line (issue
 * 14): session feedback and the quick check, on a device or on paper. The asked items on the line
 * rated (checkAskedRatings), the answers in words of the asked ones checked apart (cleanTexts:
 * free text may stay empty, a nominal choice must be made). Returns why they cannot be stored,
 * or what to store; the caller stores nothing on a problem.
 */
export function checkAskedAnswers(
	content: InstrumentContent,
	values: Readonly<Record<string, unknown>>,
	texts: Readonly<Record<string, string>>,
	allowed: readonly number[] | null
): { problem: DomainErrorCode } | { problem: null; values: Record<string, number>; texts: Record<string, string> } {
	// Only the line's own points (0, 10 … 100 on a 0–10 line), as its form offers them: a value between
	// two points (55, sent by hand) could not be shown on the scale it was asked on (an outside review).
	const checked = checkAskedRatings(content.items.filter(isOnLine), values, allowed ?? linePointValues(content.scale.points));
	if (checked.problem) return checked;
	const { asked } = keepEnabledAnswers(content.items, checked.values);
	const words = cleanTexts(content, asked, texts);
	if (words.problem) return words;
	return { problem: null, values: checked.values, texts: words.texts };
}

export function isTooLong(text: string | null | undefined, max: number): boolean {
	return text !== null && text !== undefined && text.length > max;
}

export interface AgreementInput {
	what: string;
	who: AgreementWho;
	whoOther?: string | null;
	dueOn: string;
	successMeasure: string;
}

/** All four SMART parts are required; "someone else" needs a name; the date lies today or later. */
export function findAgreementProblem(input: AgreementInput, today: string): DomainErrorCode | null {
	const what = input.what?.trim() ?? '';
	const measure = input.successMeasure?.trim() ?? '';
	const whoOther = input.whoOther?.trim() ?? '';
	if (!what || !measure || !AGREEMENT_WHO.includes(input.who) || !isCalendarDate(input.dueOn ?? ''))
		return 'conversation.agreement_incomplete';
	if (input.who === 'other' && !whoOther) return 'conversation.agreement_incomplete';
	if (isTooLong(what, NOTE_MAX_LENGTH) || isTooLong(measure, NOTE_MAX_LENGTH) || isTooLong(whoOther, WHO_OTHER_MAX_LENGTH)) {
		return 'conversation.text_too_long';
	}
	if (input.dueOn < today) return 'conversation.date_in_past';
	return null;
}

// Form schemas (messages are validation_* keys).

const optionalText = (max: number) => v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(max, 'validation_too_long'));
const requiredText = (max: number) => v.pipe(optionalText(max), v.nonEmpty('validation_required'));
const date = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.nonEmpty('validation_required'),
	v.check(isCalendarDate, 'validation_date')
);
const optionalDate = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.check((value) => value === '' || isCalendarDate(value), 'validation_date')
);

/** One field per item, named after the item key; an untouched line sends nothing. */
export function ratingsFormSchema(itemKeys: readonly string[]) {
	const value = v.pipe(
		v.string('validation_required'),
		v.trim(),
		v.nonEmpty('validation_required'),
		v.regex(/^\d{1,3}$/, 'validation_choice'),
		v.transform(Number),
		v.number(),
		v.minValue(RATING_MIN, 'validation_choice'),
		v.maxValue(RATING_MAX, 'validation_choice')
	);
	return v.object(Object.fromEntries(itemKeys.map((key) => [key, value])));
}

export const reviewAgreementSchema = v.object({
	agreementId: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice')),
	outcome: v.picklist(REVIEW_OUTCOMES, 'validation_choice'),
	/** Always sent (sentText): a post without it leaves the review's note as it is. */
	note: sentText(NOTE_MAX_LENGTH),
	followUp: v.optional(v.picklist(REVIEW_FOLLOW_UPS, 'validation_choice'), 'none'),
	/** Only for a carried-over copy: its new date; empty keeps the old one. */
	dueOn: optionalDate
});

/** A participant's own choice of how an agreement under review went. */
export const reviewChoiceSchema = v.object({
	agreementId: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice')),
	outcome: v.picklist(REVIEW_OUTCOMES, 'validation_choice')
});

export const agreementSchema = v.pipe(
	v.object({
		what: requiredText(NOTE_MAX_LENGTH),
		// An unanswered radio group sends nothing: the message is "choose one", not a generic error.
		who: v.pipe(v.optional(v.string(), ''), v.picklist(AGREEMENT_WHO, 'validation_choice')),
		whoOther: optionalText(WHO_OTHER_MAX_LENGTH),
		dueOn: date,
		successMeasure: requiredText(NOTE_MAX_LENGTH)
	}),
	v.forward(
		v.check((input) => input.who !== 'other' || input.whoOther !== '', 'validation_required'),
		['whoOther']
	)
);

export const closeConversationSchema = v.object({
	summary: optionalText(SUMMARY_MAX_LENGTH),
	nextDueOn: optionalDate
});

/** The professional marks a client party as there or not there (before the reveal). */
export const presenceSchema = v.object({
	partyId: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice')),
	present: v.picklist(['yes', 'no'], 'validation_choice')
});

/** A form that names one conversation (e.g. "stop this conversation" on the collaboration page). */
export const conversationIdSchema = v.object({
	conversationId: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'))
});
