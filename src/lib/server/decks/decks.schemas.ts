import * as v from 'valibot';
import { requiredText, sentString } from '#lib/server/shared/validation.ts';
import { BACK_MAX_QUESTIONS, QUESTION_MAX_LENGTH, TITLE_MAX_LENGTH, type CardTexts, type Text } from './decks.models.ts';

/** Always sent (sentString): a post without it leaves the card's back questions as they are. */
const backText = () => v.pipe(sentString, v.maxLength(BACK_MAX_QUESTIONS * (QUESTION_MAX_LENGTH + 2), 'validation_too_long'));

/**
 * The admin's form for one card: title per language; the client's wording and the
 * professional's wording, each a front question per language and back questions one per line.
 */
export const cardTextsSchema = v.object({
	titleNl: requiredText(TITLE_MAX_LENGTH),
	titleEn: requiredText(TITLE_MAX_LENGTH),
	frontNl: requiredText(QUESTION_MAX_LENGTH),
	frontEn: requiredText(QUESTION_MAX_LENGTH),
	backNl: backText(),
	backEn: backText(),
	proFrontNl: requiredText(QUESTION_MAX_LENGTH),
	proFrontEn: requiredText(QUESTION_MAX_LENGTH),
	proBackNl: backText(),
	proBackEn: backText()
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
function pairBack(nlText: string, enText: string, fields: { nl: string; en: string }): Text[] | { field: string; message: string } {
	const nl = lines(nlText);
	const en = lines(enText);
	if (nl.length !== en.length) return { field: fields.en, message: 'decks_validation_back_pairs' };
	if (nl.length > BACK_MAX_QUESTIONS) return { field: fields.nl, message: 'decks_validation_back_count' };
	if ([...nl, ...en].some((line) => line.length > QUESTION_MAX_LENGTH)) return { field: fields.nl, message: 'validation_too_long' };
	return nl.map((line, index) => ({ nl: line, en: en[index]! }));
}

/**
 * The form's fields as a card's texts. The back questions pair up line by line, so both
 * languages of a wording need the same number of lines: a field message when they do not.
 */
export function toCardTexts(form: v.InferOutput<typeof cardTextsSchema>): { texts: CardTexts } | { field: string; message: string } {
	const back = pairBack(form.backNl, form.backEn, { nl: 'backNl', en: 'backEn' });
	if (!Array.isArray(back)) return back;
	const proBack = pairBack(form.proBackNl, form.proBackEn, { nl: 'proBackNl', en: 'proBackEn' });
	if (!Array.isArray(proBack)) return proBack;
	return {
		texts: {
			title: { nl: form.titleNl, en: form.titleEn },
			front: { nl: form.frontNl, en: form.frontEn },
			back,
			professional: { front: { nl: form.proFrontNl, en: form.proFrontEn }, back: proBack }
		}
	};
}
