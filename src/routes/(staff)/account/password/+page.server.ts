import { changeOwnPassword, getAccountSecurity } from '#lib/server/auth/account-security.usecases.ts';
import { changePasswordSchema } from '#lib/server/auth/auth.schemas.ts';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, request }) => {
	const { passwordChangeRefusal } = await getAccountSecurity({
		ctx: getAppContext(),
		actor: locals.actor,
		requestHeaders: request.headers
	});
	return { passwordChangeRefusal };
};

export const actions = {
	default: async ({ request, locals, url, cookies }) => {
		const form = validateForm(changePasswordSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await changeOwnPassword({
				ctx: getAppContext(),
				actor: locals.actor,
				currentPassword: form.data.currentPassword,
				newPassword: form.data.password,
				requestHeaders: request.headers
			});
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'account_password_changed' }, '/account');
	}
} satisfies Actions satisfies RedirectOnSuccess;
