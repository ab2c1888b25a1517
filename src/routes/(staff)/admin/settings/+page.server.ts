import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { settingsSchema } from '#lib/server/organisations/organisations.schemas.ts';
import { getOrganisationSettings, updateOrganisationSettings } from '#lib/server/organisations/organisations.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { settings: await getOrganisationSettings({ ctx: getAppContext(), actor: locals.actor }) };
};

export const actions = {
	default: async ({ request, locals, url, cookies }) => {
		const form = validateForm(settingsSchema, await request.formData(), ['clientLocales']);
		if (!form.ok) return failValidation(form);
		try {
			await updateOrganisationSettings({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			return failFromError(caught, form.echo.values, form.echo.choices);
		}
		redirectWithNotice({ url, cookies }, { message: 'form_saved' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
