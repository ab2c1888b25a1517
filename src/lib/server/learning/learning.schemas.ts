import * as v from 'valibot';
import { isCalendarDate } from '#lib/server/collaborations/collaborations.models.ts';
import {
	AGREEMENT_WHO,
	findAgreementProblem,
	isTooLong,
	NOTE_MAX_LENGTH,
	WHO_OTHER_MAX_LENGTH
} from '#lib/server/conversations/conversations.schemas.ts';
import type { AgreementActionKind, AgreementWho } from '#lib/server/db/schema.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';
import { sentText } from '#lib/server/shared/validation.ts';
import { isSafetySuggestion, parseRecordingTime } from './learning.models.ts';

/**
 * Input rules of the learning conversation. Forms use the valibot schemas (field messages); the
 * usecases check the same rules again with the find…Problem functions, so a JSON call or a
 * stale form gets a clear error code and changes nothing.
 */

/** A, B and C of a sheet: room for a real story, not for a document. */
export const SHEET_TEXT_MAX_LENGTH = 2000;
export const SAFETY_OWN_MAX_LENGTH = 1000;
export const OWN_TOPIC_MAX_LENGTH = 300;
export const MOMENT_NOTE_MAX_LENGTH = 1000;
export const REMARK_MAX_LENGTH = 1000;
export const EVALUATION_MIN = 0;
export const EVALUATION_MAX = 100;

export const ACTION_KINDS: readonly AgreementActionKind[] = ['keep', 'change'];

export interface SheetInput {
	a?: string | null;
	b?: string | null;
	c?: string | null;
}

export function findSheetProblem(input: SheetInput): DomainErrorCode | null {
	const tooLong = [input.a, input.b, input.c].some((text) => isTooLong(text?.trim(), SHEET_TEXT_MAX_LENGTH));
	return tooLong ? 'conversation.text_too_long' : null;
}

export function findSafetyProblem(input: { suggestions: readonly string[]; ownWords?: string | null }): DomainErrorCode | null {
	if (input.suggestions.length > 20 || !input.suggestions.every(isSafetySuggestion)) return 'learning.unknown_suggestion';
	if (isTooLong(input.ownWords?.trim(), SAFETY_OWN_MAX_LENGTH)) return 'conversation.text_too_long';
	return null;
}

export interface ActionInput {
	kind: AgreementActionKind;
	what: string;
	needed?: string | null;
	who: AgreementWho;
	whoOther?: string | null;
	dueOn: string;
	successMeasure: string;
}

/** An action is an agreement with a kind: all its SMART parts are required (who and when above all); "what is needed" is optional. */
export function findActionProblem(input: ActionInput, today: string): DomainErrorCode | null {
	if (!ACTION_KINDS.includes(input.kind)) return 'learning.action_incomplete';
	if (!AGREEMENT_WHO.includes(input.who) || !isCalendarDate(input.dueOn ?? '')) return 'learning.action_incomplete';
	if (isTooLong(input.needed?.trim(), NOTE_MAX_LENGTH)) return 'conversation.text_too_long';
	const problem = findAgreementProblem(input, today);
	return problem === 'conversation.agreement_incomplete' ? 'learning.action_incomplete' : problem;
}

export interface EvaluationInput {
	clarity: number;
	overall: number;
	remark?: string | null;
}

export function findEvaluationProblem(input: EvaluationInput): DomainErrorCode | null {
	const onLine = (value: unknown) =>
		typeof value === 'number' && Number.isInteger(value) && value >= EVALUATION_MIN && value <= EVALUATION_MAX;
	if (!onLine(input.clarity) || !onLine(input.overall)) return 'learning.evaluation_incomplete';
	if (isTooLong(input.remark?.trim(), REMARK_MAX_LENGTH)) return 'conversation.text_too_long';
	return null;
}

export function findMomentProblem(input: { at: string; note: string }): DomainErrorCode | null {
	if (parseRecordingTime(input.at ?? '') === null) return 'learning.invalid_time';
	if (!input.note?.trim()) return 'learning.moment_incomplete';
	if (isTooLong(input.note.trim(), MOMENT_NOTE_MAX_LENGTH)) return 'conversation.text_too_long';
	return null;
}

/**
 * The fields of the learning forms a person types into (not ids, choices or dates). When a post is
 * refused because the conversation moved on (409), its form may be gone from the page; these are
 * shown back so nothing typed is lost (handleLearningForm). learning-forms.test.ts fails on a
 * typed field of a schema below that is missing here.
 */
export const TYPED_TEXT_FIELDS: ReadonlySet<string> = new Set([
	'ownWords',
	'ownText',
	'a',
	'b',
	'c',
	'note',
	'what',
	'needed',
	'whoOther',
	'successMeasure',
	'remark'
]);

// Form schemas (messages are validation_* keys).

const id = v.pipe(v.string('validation_required'), v.trim(), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'));
const optionalId = v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(64, 'validation_choice'));
const optionalText = (max: number) => v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(max, 'validation_too_long'));
const requiredText = (max: number) => v.pipe(optionalText(max), v.nonEmpty('validation_required'));
const linePoint = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.nonEmpty('validation_required'),
	v.regex(/^\d{1,3}$/, 'validation_choice'),
	v.transform(Number),
	v.number(),
	v.minValue(EVALUATION_MIN, 'validation_choice'),
	v.maxValue(EVALUATION_MAX, 'validation_choice')
);

/**
 * Whose record a safety, sheet or wish form saves: every such form names its party, one's own
 * form too (the viewer's own party id). A post without it, or with it empty, is refused: it was
 * cut short or made by hand, and read as "one's own" it would save a client's words over the
 * sender's own record.
 */
const partyId = id;

export const safetySchema = v.object({
	partyId,
	suggestions: v.pipe(
		v.array(v.string()),
		v.maxLength(20, 'validation_choice'),
		v.check((keys) => keys.every(isSafetySuggestion), 'validation_choice')
	),
	/** Always sent (sentText): a post without it leaves the words as they are. */
	ownWords: sentText(SAFETY_OWN_MAX_LENGTH)
});
/** Fields the form sends more than once. */
export const SAFETY_ARRAYS = ['suggestions'] as const;

/** A card (deck and card key), with words when it is the own-topic card; or only words: an own topic. */
export const topicSchema = v.pipe(
	v.object({ deckId: optionalId, cardKey: optionalId, ownText: optionalText(OWN_TOPIC_MAX_LENGTH) }),
	v.forward(
		v.check((input) => input.cardKey !== '' || input.ownText !== '', 'validation_required'),
		['ownText']
	)
);

export const topicIdSchema = v.object({ topicId: id });

export const sheetSchema = v.object({
	topicId: id,
	partyId,
	// Always sent (sentText): a post without a box leaves the sheet as it is.
	a: sentText(SHEET_TEXT_MAX_LENGTH),
	b: sentText(SHEET_TEXT_MAX_LENGTH),
	c: sentText(SHEET_TEXT_MAX_LENGTH)
});

export const momentSchema = v.object({
	at: v.pipe(
		v.string('validation_required'),
		v.trim(),
		v.nonEmpty('validation_required'),
		v.check((value) => parseRecordingTime(value) !== null, 'learning_validation_time')
	),
	note: requiredText(MOMENT_NOTE_MAX_LENGTH),
	/** The topic the moment is about; empty for none. */
	topicId: optionalId
});

export const momentIdSchema = v.object({ momentId: id });

export const wishSchema = v.object({ deckId: id, cardKey: id, partyId });

const date = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.nonEmpty('validation_required'),
	v.check(isCalendarDate, 'validation_date')
);

/** `actionId` empty: a new action; else the action of this conversation to change. */
export const actionSchema = v.pipe(
	v.object({
		actionId: optionalId,
		// A radio group that was left empty sends nothing: then too the message is "choose one".
		kind: v.pipe(v.optional(v.string(), ''), v.picklist(ACTION_KINDS, 'validation_choice')),
		what: requiredText(NOTE_MAX_LENGTH),
		// Always sent (sentText), for a new action and a change alike: a post without it changes nothing.
		needed: sentText(NOTE_MAX_LENGTH),
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

export const actionIdSchema = v.object({ actionId: id });

export const evaluationSchema = v.object({
	clarity: linePoint,
	overall: linePoint,
	/** Always sent (sentText): a post without it leaves the remark as it is. */
	remark: sentText(REMARK_MAX_LENGTH)
});
