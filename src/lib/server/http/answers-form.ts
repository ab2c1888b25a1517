import { fail } from '@sveltejs/kit';
import { echoAnswers, RATING_INPUT_ERRORS, readRatingValues, readTextAnswers } from '#lib/components/conversation/rating-form.ts';
import { isDomainError } from '../shared/errors.ts';
import { failFromError } from './forms.ts';

export interface SentAnswers {
	/** Answers on the line, as posted (the engine checks them). */
	values: Record<string, number | string>;
	/** Answers in words (`text.<key>` fields), as typed. */
	texts: Record<string, string>;
}

/**
 * One post of a rating form (the quick check on a phone or the professional's page, session
 * feedback): reads the answers on the line and in words, hands them to `submit`, and on a
 * refusal gives the form back with every answer as it was sent, so nothing chosen or typed is
 * lost. A question left open is marked at the question (`ratingError`); text the engine refuses
 * (control characters, too long) and any other refusal is said above the form (`formError`).
 * An unknown conversation is the 404 page.
 */
export async function sendAnswers<T>(request: Request, submit: (answers: SentAnswers) => Promise<T>) {
	const formData = await request.formData();
	const answers: SentAnswers = { values: readRatingValues(formData), texts: readTextAnswers(formData) };
	try {
		return { ok: true as const, result: await submit(answers) };
	} catch (caught) {
		if (!isDomainError(caught) || caught.code === 'not_found') return { ok: false as const, failure: failFromError(caught) };
		const ratingValues = echoAnswers(answers.values, answers.texts);
		if (RATING_INPUT_ERRORS.includes(caught.code) || caught.code === 'trajectory.invalid_answer') {
			return { ok: false as const, failure: fail(400, { ratingError: caught.code, ratingValues }) };
		}
		return { ok: false as const, failure: fail(caught.status, { formError: caught.publicCode, ratingValues }) };
	}
}
