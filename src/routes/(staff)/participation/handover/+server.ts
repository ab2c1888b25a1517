import { error, redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { setDeviceCookies } from '#lib/server/http/device-session.ts';
import { errorPageFrom, safeNextPath, setLocaleCookie } from '#lib/server/http/forms.ts';
import { startHandover } from '#lib/server/participation/handover.usecases.ts';
import { partySchema } from '#lib/server/participation/participation.schemas.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RequestHandler } from './$types';

/** "Hand over this device to …": from here on this browser shows only that participant's screen, in their language. */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const form = validateForm(partySchema, await request.formData());
	if (!form.ok) error(400, 'validation');
	let grant;
	try {
		grant = await startHandover({
			ctx: getAppContext(),
			actor: locals.actor,
			conversationId: form.data.conversationId,
			partyId: form.data.partyId
		});
	} catch (caught) {
		errorPageFrom(caught);
	}
	const secure = url.protocol === 'https:';
	// The staff page's language now (this request's), to come back to when the device is taken back.
	const staffLocale = staffLocaleOf(getLocale());
	setDeviceCookies(cookies, { token: grant.token, mode: 'handover', returnTo: safeNextPath(form.data.next), staffLocale }, secure);
	setLocaleCookie(cookies, grant.locale, secure);
	redirect(303, '/c');
};
