import { redirect } from '@sveltejs/kit';
import { resetPasswordSchema } from '#lib/server/auth/auth.schemas.ts';
import { checkResetToken, resetPassword } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { setKnownDeviceCookie } from '#lib/server/http/known-device-cookie.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	await checkResetToken({ ctx: getAppContext(), token: params.token }).catch(errorPageFrom);
	return {};
};

export const actions = {
	default: async ({ request, params, locals, cookies, url }) => {
		const form = validateForm(resetPasswordSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let outcome;
		try {
			outcome = await resetPassword({ ctx: getAppContext(), actor: locals.actor, token: params.token, newPassword: form.data.password });
		} catch (caught) {
			return failFromError(caught);
		}
		// The mailbox proved the owner: a stranger who fills the account's sign-in limit after this
		// does not keep them out of this browser.
		if (outcome.knownDevice) setKnownDeviceCookie(cookies, outcome.knownDevice, url.protocol === 'https:');
		redirect(303, '/sign-in?passwordChanged=1');
	}
} satisfies Actions satisfies RedirectOnSuccess;
