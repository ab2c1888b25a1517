import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import {
	DEVICE_COOKIE,
	HANDOVER_COOKIE,
	clearDeviceCookies,
	handoverReturnPath,
	handoverStaffLocale
} from '#lib/server/http/device-session.ts';
import { applyAuthCookies, failFromError, failValidation, setLocaleCookie } from '#lib/server/http/forms.ts';
import {
	endHandover,
	getHandoverReturn,
	signOutHandedOverDevice,
	type HandoverSecret
} from '#lib/server/participation/handover.usecases.ts';
import { passwordSchema, pinSchema } from '#lib/server/participation/participation.schemas.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { childLocaleOf } from '#lib/server/http/page-locale.ts';
import { directionOf } from '#lib/locales.ts';
import { extractLocaleFromRequest, getLocale } from '#lib/paraglide/runtime.js';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { ChildState } from './ChildPart.svelte';

/**
 * Taking a handed-over device back. The page shows nothing of the conversation: the client's
 * answers are off the screen before the professional has the device again. It is the
 * professional's page, in their language (server/http/page-locale.ts); the part for the child
 * speaks the child's language and says so (`childLocale`). It says the conversation has ended only
 * when it has: opened while the device is still handed over, it says to whom.
 */
export const load: PageServerLoad = async ({ locals, request, cookies }) => {
	const { actor } = locals;
	const handedOver = actor.type === 'participant' || cookies.get(HANDOVER_COOKIE) !== undefined || locals.handoverLocked;
	if (!handedOver) redirect(303, '/start');
	const { handedTo, ...status } = await getHandoverReturn({
		ctx: getAppContext(),
		requestHeaders: request.headers,
		deviceToken: cookies.get(DEVICE_COOKIE)
	});
	const childLocale = childLocaleOf({
		participantLocale: handedTo?.locale ?? null,
		requested: extractLocaleFromRequest(request),
		pageLocale: getLocale()
	});
	const child: ChildState = actor.type === 'participant' ? 'running' : !handedTo ? 'unknown' : handedTo.ended ? 'ended' : 'handedOver';
	return { ...status, child, childName: handedTo?.name ?? null, childLocale, childDirection: directionOf(childLocale) };
};

async function takeBack(event: RequestEvent, secret: HandoverSecret | null) {
	const { cookies, request, url } = event;
	let outcome;
	try {
		outcome = await endHandover({
			ctx: getAppContext(),
			deviceToken: cookies.get(DEVICE_COOKIE),
			requestHeaders: request.headers,
			secret: secret ?? { password: '' }
		});
	} catch (caught) {
		return failFromError(caught);
	}
	const next = handoverReturnPath(cookies);
	const shownBefore = handoverStaffLocale(cookies);
	const secure = url.protocol === 'https:';
	clearDeviceCookies(cookies, secure);
	// The device is the professional's again, in their language: never left in the client's.
	setLocaleCookie(cookies, shownBefore ?? outcome.staff?.locale ?? 'nl', secure);
	if (!outcome.staff) redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	redirect(303, next);
}

export const actions = {
	pin: async (event) => {
		const form = validateForm(pinSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		return takeBack(event, { pin: form.data.pin });
	},
	password: async (event) => {
		const form = validateForm(passwordSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		return takeBack(event, { password: form.data.password });
	},
	/** No staff session is left in this browser: ending the hand-over unlocks nothing, and leads to the sign-in page. */
	signIn: async (event) => takeBack(event, null),
	/** The PIN and password rest (or are forgotten): the professional signs out here and signs in again. */
	signOut: async ({ cookies, request, url }) => {
		let headers: Headers | null;
		try {
			({ headers } = await signOutHandedOverDevice({
				ctx: getAppContext(),
				deviceToken: cookies.get(DEVICE_COOKIE),
				requestHeaders: request.headers
			}));
		} catch (caught) {
			// Not a handed-over device: nothing to sign out of here.
			if (isDomainError(caught, 'not_found')) redirect(303, '/start');
			throw caught;
		}
		const next = handoverReturnPath(cookies);
		const secure = url.protocol === 'https:';
		// The sign-in page that follows is the professional's, in the language they handed the device over in (else Dutch).
		setLocaleCookie(cookies, handoverStaffLocale(cookies) ?? 'nl', secure);
		clearDeviceCookies(cookies, secure);
		if (headers) applyAuthCookies(cookies, headers);
		redirect(303, `/sign-in?signedOut=1&next=${encodeURIComponent(next)}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
