import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { applyAuthCookies, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { providerSignInError } from '#lib/server/identity/identity.models.ts';
import { providerSignInSchema } from '#lib/server/identity/identity.schemas.ts';
import { startProviderSignIn } from '#lib/server/identity/identity.sign-in.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor.type === 'staff') redirect(303, '/start');
	return { error: providerSignInError(url.searchParams.get('error')) };
};

export const actions = {
	default: async ({ request, cookies }) => {
		const form = validateForm(providerSignInSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let started;
		try {
			started = await startProviderSignIn({ ctx: getAppContext(), email: form.data.email, requestHeaders: request.headers });
		} catch (caught) {
			return failFromError(caught, { email: form.data.email });
		}
		applyAuthCookies(cookies, started.headers);
		redirect(303, started.url);
	}
} satisfies Actions satisfies RedirectOnSuccess;
