import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { errorPageFrom, failFromError, failValidation, LOCALE_COOKIE, setLocaleCookie } from '#lib/server/http/forms.ts';
import { acceptInvitation, getInvitationWelcome } from '#lib/server/invitations/invitations.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { acceptInvitationSchema } from '#lib/server/staff/staff.schemas.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, url }) => {
	const welcome = await getInvitationWelcome({ ctx: getAppContext(), token: params.token }).catch(errorPageFrom);
	// First visit on this device: show the page in the language the admin chose for the invitation.
	if (!cookies.get(LOCALE_COOKIE) && welcome.locale !== getLocale()) {
		setLocaleCookie(cookies, welcome.locale, url.protocol === 'https:');
		redirect(303, url.pathname);
	}
	return { organisationName: welcome.organisationName, email: welcome.email };
};

export const actions = {
	default: async ({ request, params, locals, cookies, url }) => {
		const form = validateForm(acceptInvitationSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let accepted;
		try {
			accepted = await acceptInvitation({ ctx: getAppContext(), actor: locals.actor, token: params.token, input: form.data });
		} catch (caught) {
			return failFromError(caught, { name: form.data.name });
		}
		setLocaleCookie(cookies, accepted.locale, url.protocol === 'https:');
		redirect(303, '/sign-in?accountCreated=1');
	}
} satisfies Actions satisfies RedirectOnSuccess;
