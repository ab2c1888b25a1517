import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { setDeviceCookies } from '#lib/server/http/device-session.ts';
import { LOCALE_COOKIE, setLocaleCookie } from '#lib/server/http/forms.ts';
import { claimParticipantLink, openParticipantLink } from '#lib/server/participation/link-opening.usecases.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { refusalOnPage } from '#lib/server/http/page-refusal.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireClientAddress } from '#lib/server/http/client-address.ts';

/**
 * A personal link (preparation at home, session feedback). Opening it shows one button; the
 * post claims it for this device, so a mail scanner that follows the link claims nothing.
 * A refused link shows why (expired, opened on another device, replaced) and changes nothing.
 */
export const load: PageServerLoad = async ({ params, locals, cookies, url, getClientAddress }) => {
	try {
		const opened = await openParticipantLink({
			ctx: getAppContext(),
			actor: locals.actor,
			token: params.token,
			clientAddress: requireClientAddress({ getClientAddress })
		});
		if (opened.state === 'mine') redirect(303, '/c');
		// First visit on this device: the page speaks the participant's language.
		if (!cookies.get(LOCALE_COOKIE) && opened.locale !== getLocale()) {
			setLocaleCookie(cookies, opened.locale, url.protocol === 'https:');
			redirect(303, url.pathname);
		}
		return { refused: null, purpose: opened.purpose, expiresAt: opened.expiresAt };
	} catch (caught) {
		if (!isDomainError(caught)) throw caught;
		return { refused: refusalOnPage(locals, caught), purpose: null, expiresAt: null };
	}
};

export const actions = {
	default: async ({ params, locals, cookies, url, getClientAddress }) => {
		let grant;
		try {
			grant = await claimParticipantLink({
				ctx: getAppContext(),
				actor: locals.actor,
				token: params.token,
				clientAddress: requireClientAddress({ getClientAddress }),
				requestId: locals.requestId
			});
		} catch (caught) {
			if (!isDomainError(caught)) throw caught;
			return fail(caught.status, { refused: caught.publicCode });
		}
		if (grant) {
			const secure = url.protocol === 'https:';
			setDeviceCookies(cookies, { token: grant.token, mode: 'ownDevice', expiresAt: grant.expiresAt }, secure);
			setLocaleCookie(cookies, grant.locale, secure);
		}
		redirect(303, '/c');
	}
} satisfies Actions satisfies RedirectOnSuccess;
