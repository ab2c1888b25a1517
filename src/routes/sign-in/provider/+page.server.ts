import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { applyAuthCookies, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { providerSignInError } from '#lib/server/identity/identity.models.ts';
import { providerSignInSchema } from '#lib/server/identity/identity.schemas.ts';
import { isProviderSignInOffered, startProviderSignIn } from '#lib/server/identity/identity.sign-in.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The provider's sign-in address, from the post to the page that links to it. Not a redirect
 * from the post itself: the Content-Security-Policy (form-action 'self') stops a form's
 * navigation from ending on another site, so the person follows a link instead.
 */
const CONTINUE_COOKIE = 'tweespraak_provider_continue';
const CONTINUE_PATH = '/sign-in/provider';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	if (locals.actor.type === 'staff') redirect(303, '/start');
	const stored = url.searchParams.has('continue') ? cookies.get(CONTINUE_COOKIE) : undefined;
	const continueUrl = stored && /^https?:\/\//.test(stored) ? stored : null;
	return {
		error: providerSignInError(url.searchParams.get('error')),
		continueUrl,
		// Reached by an old bookmark while no organisation has a provider: say so instead of asking for an address.
		offered: await isProviderSignInOffered({ ctx: getAppContext() })
	};
};

export const actions = {
	default: async ({ request, cookies, url }) => {
		const form = validateForm(providerSignInSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let started;
		try {
			started = await startProviderSignIn({ ctx: getAppContext(), email: form.data.email, requestHeaders: request.headers });
		} catch (caught) {
			return failFromError(caught, { email: form.data.email });
		}
		applyAuthCookies(cookies, started.headers);
		cookies.set(CONTINUE_COOKIE, started.url, {
			path: CONTINUE_PATH,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 10 * 60
		});
		redirect(303, `${CONTINUE_PATH}?continue`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
