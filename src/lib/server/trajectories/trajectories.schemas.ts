import * as v from 'valibot';
import { isCalendarDate } from '../collaborations/collaborations.models.ts';
import { checkbox, clientLocale, email, requiredText, sentString, sentText, wholeRows } from '../shared/validation.ts';
import { ANSWER_TEXT_MAX, FUNCTION_NAME_MAX, MAX_QUESTIONS, QUESTION_KINDS, QUESTION_TEXT_MAX, SCALE3 } from './trajectories.models.ts';

/** The forms have this many meeting and moment rows; empty rows are ignored. */
export const MEETING_ROWS = [1, 2, 3, 4, 5, 6] as const;
export const MOMENT_ROWS = [1, 2, 3, 4, 5] as const;
export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const CONSENT_MAX = 4000;
export const TITLE_MAX = 120;
export const PLACE_MAX = 120;
export const PROGRAMME_MAX = 1000;

const optionalText = (max: number) => v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(max, 'validation_too_long'));
const optionalDate = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.check((value) => value === '' || isCalendarDate(value), 'validation_date')
);
const requiredDate = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.nonEmpty('validation_required'),
	v.check(isCalendarDate, 'validation_date')
);
const id = v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'));

export interface MeetingInput {
	/** The meeting this row shows (settings form), so its attendance stays; empty for a new one. */
	id: string;
	heldOn: string;
	title: string;
	place: string | null;
	programme: string | null;
}

export interface MomentInput {
	opensOn: string;
	closesOn: string;
}

/** A moment row of the settings form: the moment it shows (its id), or empty for a new one. */
export interface MomentRowInput extends MomentInput {
	id: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each field's input type differs; all give a string
type TextEntries = Record<string, v.GenericSchema<any, string>>;

/** Numbered form rows (meeting1Date, meeting2Date, …) as one flat set of string fields. */
function rowEntries(rows: readonly number[], entries: (n: number) => TextEntries): TextEntries {
	return Object.assign({}, ...rows.map((n) => entries(n))) as TextEntries;
}

const meetingEntries = rowEntries(MEETING_ROWS, (n) => ({
	[`meeting${n}Id`]: optionalText(64),
	[`meeting${n}Date`]: optionalDate,
	[`meeting${n}Title`]: optionalText(TITLE_MAX),
	[`meeting${n}Place`]: optionalText(PLACE_MAX),
	[`meeting${n}Programme`]: optionalText(PROGRAMME_MAX)
}));
const momentEntries = rowEntries(MOMENT_ROWS, (n) => ({
	[`moment${n}Id`]: optionalText(64),
	[`moment${n}Opens`]: optionalDate,
	[`moment${n}Closes`]: optionalDate
}));

type Row = Record<string, string>;
type RowRule = { field: string; ok: (row: Row) => boolean; message: string };

/** Checks across fields of numbered rows; each failing rule puts its message on its field. */
function rowRules(rules: RowRule[]) {
	return v.rawCheck<Row>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const row = dataset.value;
		for (const rule of rules) {
			if (rule.ok(row)) continue;
			addIssue({ message: rule.message, path: [{ type: 'object', origin: 'value', input: row, key: rule.field, value: row[rule.field] }] });
		}
	});
}

/** A row needs both fields or neither; the empty one gets the message. */
function bothOrNeither(a: string, b: string): RowRule[] {
	return [
		{ field: a, ok: (row) => row[a] !== '' || row[b] === '', message: 'validation_required' },
		{ field: b, ok: (row) => row[b] !== '' || row[a] === '', message: 'validation_required' }
	];
}

const meetingRules = MEETING_ROWS.flatMap((n) => [
	...bothOrNeither(`meeting${n}Date`, `meeting${n}Title`),
	// A place or programme belongs to a meeting: without a date it would be lost.
	{
		field: `meeting${n}Date`,
		ok: (row: Row) => row[`meeting${n}Date`] !== '' || (row[`meeting${n}Place`] === '' && row[`meeting${n}Programme`] === ''),
		message: 'validation_required'
	}
]);
const momentRules: RowRule[] = [
	...MOMENT_ROWS.flatMap((n) => bothOrNeither(`moment${n}Opens`, `moment${n}Closes`)),
	...MOMENT_ROWS.map((n) => ({
		field: `moment${n}Closes`,
		ok: (row: Row) => !row[`moment${n}Closes`] || !row[`moment${n}Opens`] || row[`moment${n}Opens`]! <= row[`moment${n}Closes`]!,
		message: 'validation_trajectory_close_before_open'
	})),
	{ field: 'moment1Opens', ok: (row) => toMoments(row).length > 0, message: 'validation_trajectory_moment_needed' }
];

function toMeetings(data: Record<string, string>): MeetingInput[] {
	return MEETING_ROWS.filter((n) => data[`meeting${n}Date`]).map((n) => ({
		id: data[`meeting${n}Id`] ?? '',
		heldOn: data[`meeting${n}Date`]!,
		title: data[`meeting${n}Title`]!,
		place: data[`meeting${n}Place`] || null,
		programme: data[`meeting${n}Programme`] || null
	}));
}

function toMoments(data: Record<string, string>): MomentInput[] {
	return MOMENT_ROWS.filter((n) => data[`moment${n}Opens`]).map((n) => ({
		opensOn: data[`moment${n}Opens`]!,
		closesOn: data[`moment${n}Closes`]!
	}));
}

const detailsEntries = {
	name: requiredText(NAME_MAX),
	description: optionalText(DESCRIPTION_MAX),
	consentText: requiredText(CONSENT_MAX)
};

export const createTrajectorySchema = v.pipe(
	v.object({ ...meetingEntries, ...momentEntries, ...detailsEntries } as TextEntries),
	rowRules([...meetingRules, ...momentRules]),
	v.transform((data: Row) => ({
		name: data.name!,
		description: data.description!,
		consentText: data.consentText!,
		meetings: toMeetings(data),
		moments: toMoments(data)
	}))
);
export type CreateTrajectoryInput = v.InferOutput<typeof createTrajectorySchema>;

/** The settings form always sends the description (sentText): a post without it changes nothing. */
export const detailsSchema = v.object({ ...detailsEntries, description: sentText(DESCRIPTION_MAX) });
export type TrajectoryDetailsInput = v.InferOutput<typeof detailsSchema>;

/**
 * The settings form shows a row per meeting (with its id) and empty ones; each row it shows is
 * sent whole (wholeRows). A meeting is removed only by emptying its row: one the post does not
 * mention (added by a colleague after this form was loaded) stays.
 */
export const meetingsSchema = v.pipe(
	wholeRows(MEETING_ROWS.map((n) => ['Id', 'Date', 'Title', 'Place', 'Programme'].map((field) => `meeting${n}${field}`))),
	v.object(meetingEntries),
	rowRules(meetingRules),
	v.transform((data: Record<string, string>) => ({
		meetings: toMeetings(data),
		// A row that shows a meeting (its id) but whose date and title were emptied removes it.
		removedIds: MEETING_ROWS.filter((n) => data[`meeting${n}Id`] && !data[`meeting${n}Date`]).map((n) => data[`meeting${n}Id`]!)
	}))
);

/**
 * The settings form shows a row per moment, carrying the moment's id, and an empty one to add a
 * moment; each row it shows is sent whole (wholeRows). A row with an id saves that moment's
 * dates, whatever its place in the post; a row without one adds a moment; a moment is removed
 * only by emptying its row. A moment the post does not mention (added by a colleague after the
 * form was loaded) stays as it is.
 */
export const momentsSchema = v.pipe(
	wholeRows(MOMENT_ROWS.map((n) => ['Id', 'Opens', 'Closes'].map((field) => `moment${n}${field}`))),
	v.object(momentEntries),
	rowRules(momentRules),
	v.transform((data: Row) => ({
		moments: MOMENT_ROWS.filter((n) => data[`moment${n}Opens`]).map((n): MomentRowInput => ({
			id: data[`moment${n}Id`] ?? '',
			opensOn: data[`moment${n}Opens`]!,
			closesOn: data[`moment${n}Closes`]!
		})),
		removedIds: MOMENT_ROWS.filter((n) => data[`moment${n}Id`] && !data[`moment${n}Opens`]).map((n) => data[`moment${n}Id`]!)
	}))
);
export type MomentsInput = v.InferOutput<typeof momentsSchema>;

/**
 * Per moment row that the post has, the moment it names (its id) and the key of its instrument;
 * empty for none (the usecase checks both). Each row is sent whole (wholeRows). A moment the post
 * does not name keeps its instrument: a form loaded before another coordinator added, removed or
 * renumbered a moment, or a post cut short, never sets or clears another moment's choice. With the
 * row's `instrument<n>Shown`, the instrument the form showed (`shownKey`), a row left as shown keeps
 * what a colleague chose since, and a row both changed is refused (setMomentInstruments).
 */
export const momentInstrumentsSchema = v.pipe(
	wholeRows(MOMENT_ROWS.map((n) => [`instrument${n}`, `instrument${n}Moment`])),
	v.object(
		Object.fromEntries(
			MOMENT_ROWS.flatMap((n) => [
				[`instrument${n}`, v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80, 'validation_too_long')))],
				[`instrument${n}Moment`, v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64, 'validation_choice')))],
				[`instrument${n}Shown`, v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80, 'validation_too_long')))]
			])
		)
	),
	v.transform((record: Record<string, string | undefined>) =>
		MOMENT_ROWS.flatMap((n): { momentId: string; instrumentKey: string; shownKey?: string }[] => {
			const instrumentKey = record[`instrument${n}`];
			const momentId = record[`instrument${n}Moment`];
			const shownKey = record[`instrument${n}Shown`];
			if (instrumentKey === undefined || momentId === undefined) return [];
			return [shownKey === undefined ? { momentId, instrumentKey } : { momentId, instrumentKey, shownKey }];
		})
	)
);
export type MomentInstrumentsInput = v.InferOutput<typeof momentInstrumentsSchema>;

/** Template rows: the existing questions plus empty rows to add one; an emptied text removes it. */
export const TEMPLATE_ROWS = Array.from({ length: MAX_QUESTIONS }, (_, index) => index + 1);
const templateEntries = rowEntries(TEMPLATE_ROWS, (n) => ({
	[`q${n}Key`]: optionalText(40),
	[`q${n}Text`]: optionalText(QUESTION_TEXT_MAX),
	[`q${n}Kind`]: v.optional(v.picklist(QUESTION_KINDS, 'validation_choice'), 'scale3'),
	[`q${n}From`]: v.pipe(v.optional(v.string(), '1'), v.trim(), v.regex(/^[1-9]$/, 'validation_choice'))
}));
/**
 * Each row the form shows, an answered question's too, is sent whole (wholeRows): a missing kind or
 * start is not read as the first choice. A row with a key saves that question, one without adds a
 * question, and a question is removed only by emptying the text of its row (`removedKeys`). A
 * question the post does not mention (added by a colleague after the form was loaded) stays.
 */
export const templateSchema = v.pipe(
	wholeRows(TEMPLATE_ROWS.map((n) => ['Key', 'Text', 'Kind', 'From'].map((field) => `q${n}${field}`))),
	v.object(templateEntries),
	v.transform((record: Row) => ({
		questions: TEMPLATE_ROWS.filter((n) => record[`q${n}Text`]).map((n) => ({
			key: record[`q${n}Key`] ?? '',
			kind: record[`q${n}Kind`] as (typeof QUESTION_KINDS)[number],
			text: record[`q${n}Text`]!,
			fromMoment: Number(record[`q${n}From`])
		})),
		removedKeys: TEMPLATE_ROWS.filter((n) => record[`q${n}Key`] && !record[`q${n}Text`]).map((n) => record[`q${n}Key`]!)
	}))
);
export type TemplateInput = v.InferOutput<typeof templateSchema>;

export const inviteParticipantSchema = v.object({
	email,
	organisationName: requiredText(TITLE_MAX),
	/** One of the trajectory's functions, or empty for none; the usecase checks it belongs. */
	functionId: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64, 'validation_choice')), ''),
	/** The invitee's language: the invitation page and mail; one the organisation offers (the usecase checks). */
	locale: clientLocale
});
export type InviteParticipantInput = v.InferOutput<typeof inviteParticipantSchema>;

export const participantIdSchema = v.object({ participantId: id });

/** The select always sends the function (sentString): a post without it leaves the participant's function as it is. */
export const participantFunctionSchema = v.object({
	participantId: id,
	functionId: v.pipe(sentString, v.trim(), v.maxLength(64, 'validation_choice'))
});

export const functionSchema = v.object({ functionName: requiredText(FUNCTION_NAME_MAX) });

/**
 * The attendance form: per participant it shows, a hidden `shown` with the participant's id and a
 * checkbox `present` with the same value. Only the participants shown are marked present or
 * absent; one the form did not show (invited after it was loaded) keeps their attendance. A
 * ticked participant the form did not show is refused.
 */
export const attendanceSchema = v.pipe(
	v.object({
		present: v.pipe(v.optional(v.array(id), []), v.maxLength(500, 'validation_choice')),
		shown: v.pipe(v.optional(v.array(id), []), v.maxLength(500, 'validation_choice'))
	}),
	v.forward(
		v.check((input) => input.present.every((participantId) => input.shown.includes(participantId)), 'validation_choice'),
		['present']
	)
);

export const stopSchema = v.object({ participantId: id, stoppedOn: requiredDate });

export const pairSchema = v.pipe(
	v.object({ participantA: id, participantB: id }),
	v.forward(
		v.check((data) => data.participantA !== data.participantB, 'validation_trajectory_pair_same'),
		['participantB']
	)
);

export const pairIdSchema = v.object({ pairId: id });

export const consentSchema = v.object({ decision: v.picklist(['agree', 'decline'], 'validation_choice') });

/** The answer form always sends these boxes (sentText): a post without one leaves the stored answer as it is. */
const levelText = sentText(ANSWER_TEXT_MAX);

/** Answers to the template's questions come as answer_<key>; the usecase checks them against the template. */
export const responseSchema = v.object({
	learningGoal: requiredText(ANSWER_TEXT_MAX),
	// Shown only from the second moment on (when there is an earlier goal), so it may be absent.
	goalChangeReason: optionalText(ANSWER_TEXT_MAX),
	barrierPersonal: levelText,
	barrierTeam: levelText,
	barrierOrganisation: levelText,
	resourcePersonal: levelText,
	resourceTeam: levelText,
	resourceOrganisation: levelText,
	explanation: sentText(ANSWER_TEXT_MAX)
});
export type ResponseFormInput = v.InferOutput<typeof responseSchema> & { answers: Record<string, string> };

export function answersFrom(formData: FormData): Record<string, string> {
	const answers: Record<string, string> = {};
	for (const [key, value] of formData) {
		if (key.startsWith('answer_') && typeof value === 'string') answers[key.slice('answer_'.length)] = value;
	}
	return answers;
}

export const buddyEntrySchema = v.object({
	metOn: requiredDate,
	topic: requiredText(TITLE_MAX),
	valuable: v.picklist(['yes', 'no'], 'validation_choice'),
	reflection: optionalText(ANSWER_TEXT_MAX),
	shared: checkbox
});
export type BuddyEntryInput = v.InferOutput<typeof buddyEntrySchema>;

export const shareEntrySchema = v.object({ entryId: id, shared: v.picklist(['yes', 'no'], 'validation_choice') });

export const evaluationSchema = v.object({
	rating: v.picklist(SCALE3, 'validation_choice'),
	// Always sent (sentText): a corrected evaluation without them does not erase them.
	whatHelped: sentText(ANSWER_TEXT_MAX),
	tips: sentText(ANSWER_TEXT_MAX),
	/** The texts may be quoted in the report, without a name. */
	quoteAllowed: checkbox
});
export type EvaluationInput = v.InferOutput<typeof evaluationSchema>;
