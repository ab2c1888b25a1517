import { fail } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import {
	importInstrument,
	listInstruments,
	setOrganisationQuickCheckInstrument,
	setOrganisationSessionFeedbackInstrument
} from '#lib/server/instruments/instruments.import.usecases.ts';
import { importFormSchema, instrumentChoiceSchema } from '#lib/server/instruments/instruments.schemas.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const locale = staffLocaleOf(getLocale());
	return listInstruments({ ctx: getAppContext(), actor: locals.actor, locale }).catch(errorPageFrom);
};

/** The pasted text, or else the chosen file's. */
async function questionnaireText(formData: FormData, pasted: string): Promise<string> {
	const file = formData.get('file');
	if (pasted.trim() !== '' || !(file instanceof File) || file.size === 0) return pasted;
	return file.text();
}

export const actions = {
	/** Checks a FHIR R4 Questionnaire and publishes it as the organisation's instrument, or lists what stands in the way. */
	import: async (event) => {
		const { request, locals } = event;
		const formData = await request.formData();
		const form = validateForm(importFormSchema, formData);
		if (!form.ok) return failValidation(form);
		const text = await questionnaireText(formData, form.data.questionnaire);
		if (text.trim() === '') return fail(400, { errors: { questionnaire: 'instruments_import_empty' }, values: {} });
		let outcome;
		try {
			const locale = staffLocaleOf(getLocale());
			outcome = await importInstrument({ ctx: getAppContext(), actor: locals.actor, text, licenceConfirmed: form.data.licence, locale });
		} catch (caught) {
			return failFromError(caught);
		}
		if (!outcome.ok) return fail(400, { problems: outcome.problems, values: {} });
		const { name, version } = outcome.instrument;
		redirectWithNotice(event, { message: 'instruments_imported', values: { name, version: String(version) } });
	},
	/** The organisation's quick-check instrument. */
	quickCheck: async (event) => {
		const form = validateForm(instrumentChoiceSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setOrganisationQuickCheckInstrument({ ctx: getAppContext(), actor: event.locals.actor, key: form.data.instrument || null });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice(event, { message: 'instruments_quick_check_saved' });
	},
	/** The organisation's session feedback instrument. */
	sessionFeedback: async (event) => {
		const form = validateForm(instrumentChoiceSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setOrganisationSessionFeedbackInstrument({
				ctx: getAppContext(),
				actor: event.locals.actor,
				key: form.data.instrument || null
			});
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice(event, { message: 'instruments_session_feedback_saved' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
