import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { staffLocaleOf } from '#lib/locales.ts';
import { getAppContext } from '#lib/server/context.ts';
import { safeNextPath, setLocaleCookie } from '#lib/server/http/forms.ts';
import { redirectWithNotice } from '#lib/server/http/notice.ts';
import { setParticipantLocale } from '#lib/server/participation/language.usecases.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import { clientLocale, locale } from '#lib/server/shared/validation.ts';
import { setOwnLocale } from '#lib/server/staff/staff.usecases.ts';
import { setGuestLocale } from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import type { RequestHandler } from './$types';

/**
 * The language switch: remembered in a cookie; for staff also on their account (mails), for a
 * participant's device on the participant (docs/decisions/021), in a language their organisation
 * offers; for a guest (a trajectory's outside participant) also on their account (their pages on
 * any device, their trajectories' mails), in a language an organisation of their trajectories
 * offers. Anyone else (the join page) may read the client pages in any client language.
 */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData().catch(() => new FormData());
	const next = safeNextPath(String(form.get('next') ?? ''), '/');
	const actor = locals.actor;
	const secure = url.protocol === 'https:';
	if (actor.type === 'participant' || actor.type === 'outcomeReader') {
		const chosen = v.safeParse(clientLocale, form.get('locale'));
		const refused = () => redirectWithNotice({ url, cookies }, { message: 'participant_language_not_offered' }, next);
		if (!chosen.success) return refused();
		try {
			await setParticipantLocale({ ctx: getAppContext(), actor, locale: chosen.output });
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'collaboration.locale_not_offered') return refused();
			throw caught;
		}
		setLocaleCookie(cookies, chosen.output, secure);
		redirect(303, next);
	}
	if (actor.type === 'guest') {
		// An outside participant of a trajectory: a language an organisation of their trajectories offers.
		const chosen = v.safeParse(clientLocale, form.get('locale'));
		const refused = () => redirectWithNotice({ url, cookies }, { message: 'participant_language_not_offered' }, next);
		if (!chosen.success) return refused();
		try {
			await setGuestLocale({ ctx: getAppContext(), actor, locale: chosen.output });
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'collaboration.locale_not_offered') return refused();
			throw caught;
		}
		setLocaleCookie(cookies, chosen.output, secure);
		redirect(303, next);
	}
	const chosen = v.safeParse(actor.type === 'anonymous' ? clientLocale : locale, form.get('locale'));
	if (!chosen.success) redirect(303, next);
	setLocaleCookie(cookies, chosen.output, secure);
	await setOwnLocale({ ctx: getAppContext(), actor, locale: staffLocaleOf(chosen.output) });
	redirect(303, next);
};
