import { endOneSession, endOtherSessions, getAccountSecurity } from '#lib/server/auth/account-security.usecases.ts';
import { endSessionSchema } from '#lib/server/auth/auth.schemas.ts';
import { getTwoFactorStatus } from '#lib/server/auth/auth.two-factor.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { clearHandoverPin, getHandoverPinStatus, setHandoverPin } from '#lib/server/participation/handover-pin.usecases.ts';
import { setPinSchema } from '#lib/server/participation/participation.schemas.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, request }) => {
	const twoFactor = await getTwoFactorStatus({ ctx: getAppContext(), actor: locals.actor });
	const handoverPin = await getHandoverPinStatus({ ctx: getAppContext(), actor: locals.actor });
	const security = await getAccountSecurity({ ctx: getAppContext(), actor: locals.actor, requestHeaders: request.headers });
	// The language stored on the account (used for mails); the header switch and the form below change it.
	return { twoFactor, handoverPin, security, locale: locals.actor.type === 'staff' ? locals.actor.locale : null };
};

export const actions = {
	/** The PIN that takes a device back after handing it to a client. */
	setPin: async ({ request, locals, url, cookies }) => {
		const form = validateForm(setPinSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setHandoverPin({
				ctx: getAppContext(),
				actor: locals.actor,
				pin: form.data.pin,
				password: form.data.password,
				requestHeaders: request.headers
			});
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'handover_pin_saved' });
	},
	/** Every other session of the account ends; this one stays. */
	endOtherSessions: async ({ request, locals, url, cookies }) => {
		try {
			await endOtherSessions({ ctx: getAppContext(), actor: locals.actor, requestHeaders: request.headers });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'account_sessions_ended' });
	},
	/** One other session ends (the list names each by its device and sign-in time); this one and the rest stay. */
	endSession: async ({ request, locals, url, cookies }) => {
		const form = validateForm(endSessionSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let ended: boolean;
		try {
			({ ended } = await endOneSession({
				ctx: getAppContext(),
				actor: locals.actor,
				requestHeaders: request.headers,
				sessionId: form.data.session
			}));
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: ended ? 'account_session_ended' : 'account_session_already_ended' });
	},
	clearPin: async ({ locals, url, cookies }) => {
		await clearHandoverPin({ ctx: getAppContext(), actor: locals.actor });
		redirectWithNotice({ url, cookies }, { message: 'handover_pin_cleared' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
