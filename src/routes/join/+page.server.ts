import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { setDeviceCookies } from '#lib/server/http/device-session.ts';
import { failFromError, failValidation, setLocaleCookie } from '#lib/server/http/forms.ts';
import { claimSchema } from '#lib/server/participation/participation.schemas.ts';
import { readJoinKey } from '#lib/server/participation/join-key.ts';
import { claimParticipant, joinWithCode } from '#lib/server/participation/participation.usecases.ts';
import { domainError, isDomainError } from '#lib/server/shared/errors.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { refusalOnPage } from '#lib/server/http/page-refusal.ts';
import type { Actions, PageServerLoad } from './$types';

/** Why a device came here: its session ended, or it stopped (after joining with the code, or opening a personal link). */
type JoinNotice = 'ended' | 'left' | 'leftLink';

/**
 * Taking part on one's own phone, in two steps that work without JavaScript: the code (typed, or
 * from the QR code's link as ?code=), then "who are you?" among the names nobody has taken yet.
 */
export const load: PageServerLoad = async ({ url, getClientAddress, locals }) => {
	const left = url.searchParams.get('left');
	const notice: JoinNotice | null = url.searchParams.has('ended') ? 'ended' : left === 'link' ? 'leftLink' : left !== null ? 'left' : null;
	const typed = url.searchParams.get('code')?.slice(0, 32) ?? '';
	// Verder pressed with the field empty: say so, rather than show the same page again unchanged.
	if (!typed.trim()) {
		const codeError = url.searchParams.has('code') ? domainError('participation.code_missing').publicCode : null;
		return { step: 'code' as const, notice, typed: '', codeError, scanned: false };
	}
	// From the QR code: its key lets this phone in even when others typed wrong codes from here.
	const key = readJoinKey(url.searchParams.get('key'));
	try {
		const joined = await joinWithCode({ ctx: getAppContext(), code: typed, key, clientAddress: getClientAddress() });
		return {
			step: 'who' as const,
			notice: null,
			code: joined.code,
			key: key ?? null,
			scanned: key !== undefined,
			participants: joined.participants
		};
	} catch (caught) {
		if (!isDomainError(caught)) throw caught;
		return { step: 'code' as const, notice: null, typed, codeError: refusalOnPage(locals, caught), scanned: key !== undefined };
	}
};

export const actions = {
	claim: async ({ request, cookies, url, getClientAddress, locals }) => {
		const form = validateForm(claimSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let grant;
		try {
			grant = await claimParticipant({
				ctx: getAppContext(),
				code: form.data.code,
				key: readJoinKey(form.data.key),
				partyId: form.data.partyId,
				clientAddress: getClientAddress(),
				requestId: locals.requestId
			});
		} catch (caught) {
			return failFromError(caught);
		}
		const secure = url.protocol === 'https:';
		setDeviceCookies(cookies, { token: grant.token, mode: 'ownDevice' }, secure);
		// From here on the pages speak the participant's language; the switch in the header still works.
		setLocaleCookie(cookies, grant.locale, secure);
		redirect(303, '/c');
	}
} satisfies Actions satisfies RedirectOnSuccess;
