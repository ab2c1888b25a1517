import QRCode from 'qrcode';
import { codeSchema, passwordSchema } from '#lib/server/auth/auth.schemas.ts';
import { confirmTwoFactorSetup, disableTwoFactor, getTwoFactorStatus, startTwoFactorSetup } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { applyAuthCookies, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { redirectWithNotice } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const status = await getTwoFactorStatus({ ctx: getAppContext(), actor: locals.actor });
	// From the database rather than locals, so the page is right straight after turning it on.
	return { status, setupRequired: status.requiredByOrganisation && !status.enabled };
};

/** The secret in groups of four, easier to type into an app by hand. */
function readableKey(totpUri: string): string {
	const secret = new URL(totpUri).searchParams.get('secret') ?? '';
	return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

// Not `satisfies RedirectOnSuccess` (see src/routes/post-redirect-get.test.ts): start shows the new secret and backup codes once,
// and the database keeps only its hash, so the page after a redirect could not show it.
export const actions = {
	start: async ({ request, locals }) => {
		const form = validateForm(passwordSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			const setup = await startTwoFactorSetup({
				ctx: getAppContext(),
				actor: locals.actor,
				password: form.data.password,
				requestHeaders: request.headers
			});
			// Made here, on the server: the page needs no script, and the CSP allows data: images.
			const qrCode = await QRCode.toDataURL(setup.totpUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
			return { setup: { qrCode, key: readableKey(setup.totpUri), backupCodes: setup.backupCodes } };
		} catch (caught) {
			return failFromError(caught);
		}
	},
	confirm: async ({ request, locals, cookies, url }) => {
		const form = validateForm(codeSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			const { headers } = await confirmTwoFactorSetup({
				ctx: getAppContext(),
				actor: locals.actor,
				code: form.data.code,
				requestHeaders: request.headers
			});
			applyAuthCookies(cookies, headers);
		} catch (caught) {
			// `step` brings the code field back instead of the password step.
			return failFromError(caught, { step: 'confirm' });
		}
		redirectWithNotice({ url, cookies }, { message: 'twofactor_enabled' });
	},
	disable: async ({ request, locals, cookies, url }) => {
		const form = validateForm(passwordSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			const { headers } = await disableTwoFactor({
				ctx: getAppContext(),
				actor: locals.actor,
				password: form.data.password,
				requestHeaders: request.headers
			});
			applyAuthCookies(cookies, headers);
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'twofactor_disabled' });
	}
} satisfies Actions;
