import * as v from 'valibot';
import { checkbox } from '#lib/server/shared/validation.ts';
import { MAX_IMPORT_BYTES } from './fhir/fhir.models.ts';

/**
 * An instrument key from a choice list; empty means "no own choice" (Samen Sterker, or the
 * organisation's). The list always sends the field: a post without it chose nothing and is
 * refused, instead of being read as "no own choice" and saved.
 */
export const instrumentChoiceSchema = v.object({
	instrument: v.pipe(v.string('validation_required'), v.maxLength(80, 'validation_choice'), v.regex(/^[A-Za-z0-9-]*$/, 'validation_choice'))
});

/** The import form: pasted text (a chosen file is read by the action), and the licence confirmation. */
export const importFormSchema = v.object({
	questionnaire: v.pipe(v.optional(v.string(), ''), v.maxLength(MAX_IMPORT_BYTES + 1, 'instruments_problem_too_large')),
	licence: checkbox
});
