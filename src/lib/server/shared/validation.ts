import { CLIENT_LOCALES, STAFF_LOCALES } from '../../locales.ts';
import * as v from 'valibot';
import * as m from '#lib/paraglide/messages.js';

/**
 * Form validation with valibot. Each validator's message is a message key (see
 * messages/nl.json, `validation_*`), so the page shows it in the user's language.
 */
export type FieldErrors = Record<string, string>;

/**
 * What a form sent, to put back into it after a refusal: `values` per single field, `choices` per
 * field that holds several (a group of checkboxes). Secrets are never sent back.
 */
export interface FormEcho {
	values: Record<string, string>;
	choices: Record<string, string[]>;
}

export type FormResult<T> = { ok: true; data: T; echo: FormEcho } | ({ ok: false; errors: FieldErrors } & FormEcho);

/**
 * Controls that text typed or pasted into a form has no use for: C0 except tab, newline and
 * carriage return, DEL, and C1. PostgreSQL refuses NUL in text ("invalid byte sequence") where
 * SQLite stores it, so they are removed before either database sees them. Also the bidirectional
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069): a typed text never needs them, and
 * they make text read differently from what is stored ("Trojan source"), for instance an
 * organisation's own wording on a client's page or an agreement on the other side's screen. The
 * left-to-right and right-to-left marks (U+200E, U+200F), which Arabic text may need, stay.
 */
const UNWANTED_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** Every control character, tab and newline included: none belongs in an id, a token or a URL's parameter. */
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Characters that show nothing: the zero-width space and joiners, the word joiner, the soft
 * hyphen, the byte order mark and the other default-ignorable characters (the Hangul fillers
 * among them), and the blank braille pattern. Inside a text they may be needed (a joiner in an
 * emoji or a Persian word); a text of them alone, perhaps with spaces, shows as nothing, so it is
 * an empty field: a required name then gets its "fill this in" message instead of a team, a
 * client or an agreement that shows blank. A text of spaces alone is left to each field's trim.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/u;
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/**
 * The same text on both databases: unwanted controls removed, lone surrogates made U+FFFD; a text
 * of invisible characters only (see INVISIBLE) becomes empty.
 */
export function cleanText(value: string): string {
	const clean = value.toWellFormed().replace(UNWANTED_CONTROLS, '');
	return INVISIBLE.test(clean) && NOTHING_VISIBLE.test(clean) ? '' : clean;
}

export function hasControlCharacters(value: string): boolean {
	return ANY_CONTROL.test(value) || !value.isWellFormed();
}

/** Reads FormData into a plain object; names in `arrays` keep all their values. */
export function formDataToObject(formData: FormData, arrays: readonly string[] = []): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const key of new Set(formData.keys())) {
		const values = formData.getAll(key).filter((value): value is string => typeof value === 'string');
		result[key] = arrays.includes(key) ? values : (values[0] ?? '');
	}
	for (const key of arrays) result[key] ??= [];
	return result;
}

export function validateForm<S extends v.GenericSchema>(
	schema: S,
	formData: FormData,
	arrays: readonly string[] = []
): FormResult<v.InferOutput<S>> {
	const input = formDataToObject(formData, arrays);
	const result = v.safeParse(schema, input);
	// Also for a valid form: a usecase may still refuse it, and the page shows it again then.
	if (result.success) return { ok: true, data: result.output, echo: echoOf(input) };
	const errors: FieldErrors = {};
	for (const issue of result.issues) {
		const field = issue.path?.map((p) => String(p.key)).join('.') || 'form';
		errors[field] ??= messageOf(schema, issue);
	}
	return { ok: false, errors, ...echoOf(input) };
}

const isMessageKey = (text: string) => typeof (m as unknown as Record<string, unknown>)[text] === 'function';

/**
 * The issue's message key. A field the form did not send at all (a radio group with nothing
 * chosen, a select or field left out of a hand-made post) is reported by valibot for the object,
 * in English ("Invalid key: …"), not by the field's own schema: it is judged as the same field
 * sent empty, so it gets that field's own message ("Kies er een", "Vul dit in").
 */
function messageOf(schema: v.GenericSchema, issue: v.BaseIssue<unknown>): string {
	if (isMessageKey(issue.message)) return issue.message;
	const key = issue.path?.length === 1 ? issue.path[0]!.key : undefined;
	const entry = typeof key === 'string' ? entriesOf(schema)?.[key] : undefined;
	const asEmpty = entry ? v.safeParse(entry, '') : undefined;
	const message = asEmpty && !asEmpty.success ? asEmpty.issues[0].message : undefined;
	return message !== undefined && isMessageKey(message) ? message : 'validation_required';
}

/** The fields of an object schema, also inside a pipe (`v.pipe(v.object(…), v.check(…))`). */
export function entriesOf(schema: v.GenericSchema): Record<string, v.GenericSchema> | undefined {
	const candidate = schema as { entries?: Record<string, v.GenericSchema>; pipe?: readonly v.GenericSchema[] };
	return candidate.entries ?? (candidate.pipe?.[0] ? entriesOf(candidate.pipe[0]) : undefined);
}

const NEVER_ECHO = /password|token|code|secret/i;

/**
 * What to put back into the form after an error. A group of checkboxes comes back too: without it,
 * a refused form showed the stored or default ticks, and saving again after fixing the error
 * saved what the person had not chosen. Secrets are never sent back.
 */
function echoOf(input: Record<string, unknown>): FormEcho {
	const echo: FormEcho = { values: {}, choices: {} };
	for (const [key, value] of Object.entries(input)) {
		if (NEVER_ECHO.test(key)) continue;
		if (typeof value === 'string') echo.values[key] = value.slice(0, 500);
		else if (Array.isArray(value)) echo.choices[key] = value.slice(0, 50).map((one: string) => one.slice(0, 500));
	}
	return echo;
}

// Building blocks shared by the feature schemas.

/**
 * A field the page always renders as a text box, text area or select, which browsers send even
 * when empty: it may be empty, but it must be there. A post without it is hand-made, stale or cut
 * short, so it is refused ('validation_required') instead of read as sent empty and saved over
 * what is stored. Not for checkboxes or radio groups, which send nothing when unanswered, nor for
 * a field a page shows only sometimes: there absence is an answer (`v.optional`).
 */
export const sentString = v.string('validation_required');

/** A text field that is always sent (see sentString), trimmed; it may be empty. */
export const sentText = (max: number) => v.pipe(sentString, v.trim(), v.maxLength(max, 'validation_too_long'));

/**
 * The same rule for numbered rows, where a page shows some rows and not others (a row per meeting,
 * plus a few empty ones): a row is sent whole or not at all. A post that has some of a row's fields
 * and lacks another is refused, with 'validation_required' on each field it lacks, before the row's
 * own schema would read the missing field as empty (a select as its first choice) and save that.
 * Put it first in the form's pipe: `v.pipe(wholeRows(rows), v.object(…), …)`.
 */
export function wholeRows(rows: readonly (readonly string[])[]) {
	return v.pipe(
		v.record(v.string(), v.unknown()),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const input = dataset.value;
			for (const fields of rows) {
				if (!fields.some((field) => field in input)) continue;
				for (const key of fields.filter((field) => !(field in input))) {
					addIssue({ message: 'validation_required', path: [{ type: 'object', origin: 'value', input, key, value: undefined }] });
				}
			}
		})
	);
}

export const requiredText = (max: number) =>
	v.pipe(v.string('validation_required'), v.trim(), v.nonEmpty('validation_required'), v.maxLength(max, 'validation_too_long'));

export const email = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.toLowerCase(),
	v.nonEmpty('validation_required'),
	v.maxLength(254, 'validation_too_long'),
	v.email('validation_email')
);

export const locale = v.picklist(STAFF_LOCALES, 'validation_choice');

/** A participant's language; whether their organisation offers it is the usecase's question. */
export const clientLocale = v.picklist(CLIENT_LOCALES, 'validation_choice');

export const checkbox = v.pipe(
	v.optional(v.string(), ''),
	v.transform((value) => value === 'on' || value === 'true' || value === '1')
);
