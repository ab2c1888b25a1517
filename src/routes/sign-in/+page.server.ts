import { redirect } from '@sveltejs/kit';
import { signInSchema } from '#lib/server/auth/auth.schemas.ts';
import { signIn } from '#lib/server/auth/auth.usecases.ts';
import { KNOWN_DEVICE_COOKIE } from '#lib/server/auth/known-device.ts';
import { getAppContext } from '#lib/server/context.ts';
import { isProviderSignInOffered } from '#lib/server/identity/identity.sign-in.usecases.ts';
import { LOCALE_COOKIE, applyAuthCookies, failFromError, failValidation, safeNextPath, setLocaleCookie } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireClientAddress } from '#lib/server/http/client-address.ts';
import { setKnownDeviceCookie } from '#lib/server/http/known-device-cookie.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor.type === 'staff') redirect(303, safeNextPath(url.searchParams.get('next')));
	if (locals.actor.type === 'guest') redirect(303, safeNextPath(url.searchParams.get('next'), '/trajectories'));
	return {
		next: safeNextPath(url.searchParams.get('next')),
		providerSignIn: await isProviderSignInOffered({ ctx: getAppContext() }),
		notice: url.searchParams.has('signedOut')
			? 'signedOut'
			: url.searchParams.has('passwordChanged')
				? 'passwordChanged'
				: url.searchParams.has('accountCreated')
					? 'accountCreated'
					: null
	};
};

export const actions = {
	default: async ({ request, locals, cookies, getClientAddress, url }) => {
		const form = validateForm(signInSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let outcome;
		try {
			outcome = await signIn({
				ctx: getAppContext(),
				actor: locals.actor,
				email: form.data.email,
				password: form.data.password,
				clientAddress: requireClientAddress({ getClientAddress }),
				requestHeaders: request.headers,
				knownDevice: cookies.get(KNOWN_DEVICE_COOKIE)
			});
		} catch (caught) {
			return failFromError(caught, { email: form.data.email });
		}
		applyAuthCookies(cookies, outcome.headers);
		setKnownDeviceCookie(cookies, outcome.knownDevice, url.protocol === 'https:');
		// A language chosen on this device wins; otherwise the one saved on the account.
		if (!cookies.get(LOCALE_COOKIE)) setLocaleCookie(cookies, outcome.locale, url.protocol === 'https:');
		// A guest (trajectory participant without a membership) starts at their trajectories.
		const next = outcome.guest && form.data.next === '/start' ? '/trajectories' : safeNextPath(form.data.next);
		if (outcome.twoFactorRequired) redirect(303, `/sign-in/two-factor?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	}
} satisfies Actions satisfies RedirectOnSuccess;
