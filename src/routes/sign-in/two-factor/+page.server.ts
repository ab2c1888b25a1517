import { redirect } from '@sveltejs/kit';
import { codeSchema } from '#lib/server/auth/auth.schemas.ts';
import { verifySignInCode } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { applyAuthCookies, failFromError, failValidation, safeNextPath } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireClientAddress } from '#lib/server/http/client-address.ts';

export const load: PageServerLoad = ({ url }) => ({ next: safeNextPath(url.searchParams.get('next')) });

export const actions = {
	default: async ({ request, cookies, getClientAddress, url, locals }) => {
		const form = validateForm(codeSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			const { headers } = await verifySignInCode({
				ctx: getAppContext(),
				actor: locals.actor,
				code: form.data.code,
				clientAddress: requireClientAddress({ getClientAddress }),
				requestHeaders: request.headers
			});
			applyAuthCookies(cookies, headers);
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, safeNextPath(url.searchParams.get('next')));
	}
} satisfies Actions satisfies RedirectOnSuccess;
