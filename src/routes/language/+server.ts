import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppContext } from '#lib/server/context.ts';
import { safeNextPath, setLocaleCookie } from '#lib/server/http/forms.ts';
import { locale } from '#lib/server/shared/validation.ts';
import { setOwnLocale } from '#lib/server/staff/staff.usecases.ts';
import type { RequestHandler } from './$types';

/** The language switch: remembered in a cookie, and for staff also on their account (mails). */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData().catch(() => new FormData());
	const chosen = v.safeParse(locale, form.get('locale'));
	const next = safeNextPath(String(form.get('next') ?? ''), '/');
	if (!chosen.success) redirect(303, next);
	setLocaleCookie(cookies, chosen.output, url.protocol === 'https:');
	await setOwnLocale({ ctx: getAppContext(), actor: locals.actor, locale: chosen.output });
	redirect(303, next);
};
