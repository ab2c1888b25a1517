import * as v from 'valibot';
import type { Audience, ClientLocale } from '../db/schema.ts';
import { clientLocale, sentString } from '../shared/validation.ts';
import { isCalendarDate, LABEL_MAX_LENGTH, looksLikeNationalId, MAX_RHYTHM_WEEKS, MIN_RHYTHM_WEEKS } from './collaborations.models.ts';

export const AUDIENCES = ['adult', 'child'] as const;
export const RHYTHMS = ['weeks', 'manual'] as const;
export const PARTICIPANT_NAME_MAX_LENGTH = 60;
/** The new-collaboration form has this many participant rows; empty rows are ignored. */
export const PARTICIPANT_ROWS = [1, 2, 3] as const;

const noNationalId = v.check((value: string) => !looksLikeNationalId(value), 'validation_national_id');

/** A pseudonym: initials or a nickname. Refuses anything that looks like a BSN, and long text. */
export const collaborationLabel = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.nonEmpty('validation_required'),
	noNationalId,
	v.maxLength(LABEL_MAX_LENGTH, 'validation_label_too_long')
);

const optionalName = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	noNationalId,
	v.maxLength(PARTICIPANT_NAME_MAX_LENGTH, 'validation_too_long')
);
const requiredName = v.pipe(optionalName, v.nonEmpty('validation_required'));

const isEmailOrEmpty = (value: string) => value === '' || v.EMAIL_REGEX.test(value);
/** Only for invitations and reminders, so it may stay empty. */
const optionalEmail = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.toLowerCase(),
	v.maxLength(254, 'validation_too_long'),
	v.check(isEmailOrEmpty, 'validation_email')
);
/** The same, where an existing participant's address is saved over: the form always sends it (sentString). */
const sentEmail = v.pipe(
	sentString,
	v.trim(),
	v.toLowerCase(),
	v.maxLength(254, 'validation_too_long'),
	v.check(isEmailOrEmpty, 'validation_email')
);

const audience = v.picklist(AUDIENCES, 'validation_choice');
const id = v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'));

const dateOrEmpty = v.check((value: string) => value === '' || isCalendarDate(value), 'validation_date');
const rhythmEntries = {
	label: collaborationLabel,
	rhythm: v.picklist(RHYTHMS, 'validation_choice'),
	rhythmWeeks: v.pipe(v.optional(v.string(), ''), v.trim()),
	nextDueOn: v.pipe(v.optional(v.string(), ''), v.trim(), dateOrEmpty)
};
/** The details form of an existing collaboration always sends both fields (sentString): a post without one changes nothing. */
const updateEntries = {
	...rhythmEntries,
	rhythmWeeks: v.pipe(sentString, v.trim()),
	nextDueOn: v.pipe(sentString, v.trim(), dateOrEmpty)
};

function isRhythmWeeks(value: string): boolean {
	return /^\d{1,3}$/.test(value) && Number(value) >= MIN_RHYTHM_WEEKS && Number(value) <= MAX_RHYTHM_WEEKS;
}

/** "Every N weeks" needs a number of weeks; "manual" ignores whatever was typed there. */
const rhythmWeeksGiven = (input: { rhythm: string; rhythmWeeks: string }) => input.rhythm === 'manual' || isRhythmWeeks(input.rhythmWeeks);

function toDetails(input: { label: string; rhythm: 'weeks' | 'manual'; rhythmWeeks: string; nextDueOn: string }): CollaborationDetails {
	return {
		label: input.label,
		rhythmWeeks: input.rhythm === 'manual' ? null : Number(input.rhythmWeeks),
		nextDueOn: input.nextDueOn === '' ? null : input.nextDueOn
	};
}

export interface CollaborationDetails {
	label: string;
	/** Every this many weeks; null for a manual rhythm. */
	rhythmWeeks: number | null;
	nextDueOn: string | null;
}

export interface ParticipantInput {
	displayName: string;
	audience: Audience;
	locale: ClientLocale;
	email: string | null;
}

type Row = 1 | 2 | 3;
type RowEntries<N extends Row> = Record<`participant${N}Name`, typeof optionalName> &
	Record<`participant${N}Audience`, typeof audience> &
	Record<`participant${N}Locale`, typeof clientLocale> &
	Record<`participant${N}Email`, typeof optionalEmail>;

function rowEntries<N extends Row>(n: N): RowEntries<N> {
	return {
		[`participant${n}Name`]: optionalName,
		[`participant${n}Audience`]: audience,
		[`participant${n}Locale`]: clientLocale,
		[`participant${n}Email`]: optionalEmail
	} as RowEntries<N>;
}

const createEntries = { ...rhythmEntries, ...rowEntries(1), ...rowEntries(2), ...rowEntries(3) };
type CreateFields = v.InferOutput<v.ObjectSchema<typeof createEntries, undefined>>;

function rowOf(input: CreateFields, n: Row): ParticipantInput {
	const email = input[`participant${n}Email`];
	return {
		displayName: input[`participant${n}Name`],
		audience: input[`participant${n}Audience`],
		locale: input[`participant${n}Locale`],
		email: email === '' ? null : email
	};
}

/** A row with an e-mail address needs a name too. */
const rowHasName = (name: string, email: string) => email === '' || name !== '';

export const createCollaborationSchema = v.pipe(
	v.object(createEntries),
	v.forward(v.partialCheck([['rhythm'], ['rhythmWeeks']], rhythmWeeksGiven, 'validation_rhythm_weeks'), ['rhythmWeeks']),
	v.forward(
		v.partialCheck(
			[['participant1Name'], ['participant1Email']],
			(input) => rowHasName(input.participant1Name, input.participant1Email),
			'validation_required'
		),
		['participant1Name']
	),
	v.forward(
		v.partialCheck(
			[['participant2Name'], ['participant2Email']],
			(input) => rowHasName(input.participant2Name, input.participant2Email),
			'validation_required'
		),
		['participant2Name']
	),
	v.forward(
		v.partialCheck(
			[['participant3Name'], ['participant3Email']],
			(input) => rowHasName(input.participant3Name, input.participant3Email),
			'validation_required'
		),
		['participant3Name']
	),
	v.forward(
		v.partialCheck(
			[['participant1Name'], ['participant2Name'], ['participant3Name']],
			(input) => PARTICIPANT_ROWS.some((n) => input[`participant${n}Name`] !== ''),
			'validation_participant_required'
		),
		['participant1Name']
	),
	v.transform((input) => ({
		...toDetails(input),
		participants: PARTICIPANT_ROWS.map((n) => rowOf(input, n)).filter((p) => p.displayName !== '')
	}))
);

export const updateCollaborationSchema = v.pipe(
	v.object(updateEntries),
	v.forward(v.partialCheck([['rhythm'], ['rhythmWeeks']], rhythmWeeksGiven, 'validation_rhythm_weeks'), ['rhythmWeeks']),
	v.transform(toDetails)
);

const participantEntries = { displayName: requiredName, audience, locale: clientLocale, email: optionalEmail };
const withNullEmail = <T extends { email: string }>(input: T) => ({ ...input, email: input.email === '' ? null : input.email });

export const participantSchema = v.pipe(v.object(participantEntries), v.transform(withNullEmail));
export const updateParticipantSchema = v.pipe(
	v.object({ participantId: id, ...participantEntries, email: sentEmail }),
	v.transform(withNullEmail)
);
export const participantIdSchema = v.object({ participantId: id });
export const professionalSchema = v.object({ userId: id });

export type CreateCollaborationInput = v.InferOutput<typeof createCollaborationSchema>;
export type UpdateParticipantInput = v.InferOutput<typeof updateParticipantSchema>;

export const HANDOVER_NOTE_MAX_LENGTH = 2000;

/** Handing the collaboration to a colleague, with an optional note for them. */
export const handoverSchema = v.object({
	toUserId: id,
	// The holder the page showed, empty when it showed none: a handover by someone else since
	// refuses this one (transferHolder). Always sent by both forms; a post without it (a page from
	// before this field, or hand-made) is refused before anything is read (refusalOfHandoverForm).
	fromUserId: v.pipe(
		v.union([id, v.literal('')], 'validation_required'),
		v.transform((value) => (value === '' ? null : value))
	),
	note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(HANDOVER_NOTE_MAX_LENGTH, 'validation_too_long')), '')
});

/**
 * The refusal of a handover form that did not say which holder it showed: the page is out of date
 * (or the post hand-made), so the person is asked to load it again and nothing is handed over.
 */
export function refusalOfHandoverForm(errors: Record<string, string>): 'changed_meanwhile' | undefined {
	return errors.fromUserId === undefined ? undefined : 'changed_meanwhile';
}

/** Handing over from the list of an admin or team lead: which collaboration, to whom, with a note. */
export const handoverFromListSchema = v.object({ collaborationId: id, ...handoverSchema.entries });
