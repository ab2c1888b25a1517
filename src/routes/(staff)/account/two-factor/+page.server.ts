import { codeSchema, passwordSchema } from '#lib/server/auth/auth.schemas.ts';
import {
	confirmTwoFactorSetup,
	disableTwoFactor,
	getTwoFactorStatus,
	startTwoFactorSetup
} from '#lib/server/auth/auth.two-factor.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { qrDataUrl } from '#lib/server/shared/qr.ts';
import { applyAuthCookies, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { redirectWithNotice, redirectWithSecret, takeSecret, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, cookies, isDataRequest }) => {
	const ctx = getAppContext();
	const status = await getTwoFactorStatus({ ctx, actor: locals.actor });
	// The secret and backup codes of the set-up just started, on this load only; a reload says they were shown.
	const shown = status.enabled ? null : await takeSecret<TwoFactorSetup>({ url, cookies, isDataRequest, locals }, ctx);
	// From the database rather than locals, so the page is right straight after turning it on.
	return {
		status,
		setupRequired: status.requiredByOrganisation && !status.enabled,
		setup: shown?.state === 'show' ? shown.secret : null,
		setupShown: shown?.state === 'spent'
	};
};

interface TwoFactorSetup {
	qrCode: string;
	key: string;
	backupCodes: string[];
}

/** The secret in groups of four, easier to type into an app by hand. */
function readableKey(totpUri: string): string {
	const secret = new URL(totpUri).searchParams.get('secret') ?? '';
	return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export const actions = {
	start: async (event) => {
		const { request, locals } = event;
		const form = validateForm(passwordSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const ctx = getAppContext();
		let setup;
		try {
			setup = await startTwoFactorSetup({ ctx, actor: locals.actor, password: form.data.password, requestHeaders: request.headers });
		} catch (caught) {
			return failFromError(caught);
		}
		// Made here, on the server: the page needs no script, and the CSP allows data: images.
		const qrCode = await qrDataUrl(setup.totpUri);
		const secret: TwoFactorSetup = { qrCode, key: readableKey(setup.totpUri), backupCodes: setup.backupCodes };
		// Shown once on the page the post redirects to, never kept in the page's address or a plain cookie.
		return redirectWithSecret(event, ctx, { secret, location: event.url.pathname });
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
} satisfies Actions satisfies RedirectOnSuccess;
