import * as v from 'valibot';
import { requiredText } from '#lib/server/shared/validation.ts';
import { BACK_MAX_QUESTIONS, QUESTION_MAX_LENGTH, TITLE_MAX_LENGTH, type CardTexts } from './decks.models.ts';

/** The admin's form for one card: title and front question per language, back questions one per line. */
export const cardTextsSchema = v.object({
	titleNl: requiredText(TITLE_MAX_LENGTH),
	titleEn: requiredText(TITLE_MAX_LENGTH),
	frontNl: requiredText(QUESTION_MAX_LENGTH),
	frontEn: requiredText(QUESTION_MAX_LENGTH),
	backNl: v.pipe(v.optional(v.string(), ''), v.maxLength(BACK_MAX_QUESTIONS * (QUESTION_MAX_LENGTH + 2), 'validation_too_long')),
	backEn: v.pipe(v.optional(v.string(), ''), v.maxLength(BACK_MAX_QUESTIONS * (QUESTION_MAX_LENGTH + 2), 'validation_too_long'))
});

export const deckSwitchSchema = v.object({
	deckKey: v.pipe(v.string('validation_choice'), v.maxLength(60, 'validation_choice')),
	enabled: v.picklist(['on', 'off'], 'validation_choice')
});

function lines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/**
 * The form's fields as a card's texts. The back questions pair up line by line, so both
 * languages need the same number of lines: null (and a field message) when they do not.
 */
export function toCardTexts(form: v.InferOutput<typeof cardTextsSchema>): { texts: CardTexts } | { field: string; message: string } {
	const nl = lines(form.backNl);
	const en = lines(form.backEn);
	if (nl.length !== en.length) return { field: 'backEn', message: 'decks_validation_back_pairs' };
	if (nl.length > BACK_MAX_QUESTIONS) return { field: 'backNl', message: 'decks_validation_back_count' };
	if ([...nl, ...en].some((line) => line.length > QUESTION_MAX_LENGTH)) return { field: 'backNl', message: 'validation_too_long' };
	return {
		texts: {
			title: { nl: form.titleNl, en: form.titleEn },
			front: { nl: form.frontNl, en: form.frontEn },
			back: nl.map((line, index) => ({ nl: line, en: en[index]! }))
		}
	};
}
