import * as v from 'valibot';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { getClientWording, resetClientWording, saveClientWording } from '#lib/server/wording/wording.usecases.ts';
import type { Actions, PageServerLoad } from './$types';

const wordingSchema = v.object({ text: v.pipe(v.string('validation_required'), v.maxLength(2000, 'validation_too_long')) });

export const load: PageServerLoad = async ({ locals, params }) => {
	return getClientWording({ ctx: getAppContext(), actor: locals.actor, locale: params.locale, key: params.key }).catch(errorPageFrom);
};

export const actions = {
	save: async ({ request, locals, params, url, cookies }) => {
		const form = validateForm(wordingSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let result;
		try {
			result = await saveClientWording({
				ctx: getAppContext(),
				actor: locals.actor,
				locale: params.locale,
				key: params.key,
				text: form.data.text
			});
		} catch (caught) {
			return failFromError(caught, { text: form.data.text });
		}
		if (!result.ok) return failValidation({ errors: { text: `wording_error_${result.problem}` }, values: { text: form.data.text } });
		redirectWithNotice({ url, cookies }, { message: 'wording_saved' }, `/admin/wording?language=${params.locale}`);
	},
	reset: async ({ locals, params, url, cookies }) => {
		try {
			await resetClientWording({ ctx: getAppContext(), actor: locals.actor, locale: params.locale, key: params.key });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'wording_reset_done' }, `/admin/wording?language=${params.locale}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
