import { forgotPasswordSchema } from '#lib/server/auth/auth.schemas.ts';
import { requestPasswordReset } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions } from './$types';
import { requireClientAddress } from '#lib/server/http/client-address.ts';

export const actions = {
	default: async ({ request, getClientAddress, url, cookies }) => {
		const form = validateForm(forgotPasswordSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			// Not waiting for the mail (`sent`): the answer takes as long whether or not the address has an account.
			await requestPasswordReset({
				ctx: getAppContext(),
				email: form.data.email,
				clientAddress: requireClientAddress({ getClientAddress })
			});
		} catch (caught) {
			return failFromError(caught, { email: form.data.email });
		}
		redirectWithNotice({ url, cookies }, { message: 'forgot_sent' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
