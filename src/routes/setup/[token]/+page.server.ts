import { signIn } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { applyAuthCookies, errorPageFrom, failFromError, failValidation, setLocaleCookie } from '#lib/server/http/forms.ts';
import { setupSchema } from '#lib/server/organisations/organisations.schemas.ts';
import { checkSetupLink, completeSetup } from '#lib/server/organisations/organisations.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireClientAddress } from '#lib/server/http/client-address.ts';

export const load: PageServerLoad = async ({ params }) => {
	await checkSetupLink({ ctx: getAppContext(), token: params.token }).catch(errorPageFrom);
	return {};
};

export const actions = {
	default: async ({ request, params, locals, cookies, getClientAddress, url }) => {
		const ctx = getAppContext();
		const form = validateForm(setupSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await completeSetup({ ctx, actor: locals.actor, token: params.token, input: form.data });
		} catch (caught) {
			return failFromError(caught, {
				organisationName: form.data.organisationName,
				adminName: form.data.adminName,
				adminEmail: form.data.adminEmail
			});
		}
		setLocaleCookie(cookies, form.data.defaultLocale, url.protocol === 'https:');
		const { headers } = await signIn({
			ctx,
			actor: locals.actor,
			email: form.data.adminEmail,
			password: form.data.password,
			clientAddress: requireClientAddress({ getClientAddress }),
			requestHeaders: request.headers
		});
		applyAuthCookies(cookies, headers);
		// The first admin has the admin role only: the notice says what comes next, and how they get
		// the collaborations too when they work with clients themselves.
		redirectWithNotice({ url, cookies }, { message: 'setup_next_steps' }, '/admin/staff');
	}
} satisfies Actions satisfies RedirectOnSuccess;
