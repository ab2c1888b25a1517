import { isClientLocale, isStaffLocale, staffLocaleOf, type ClientLocale, type StaffLocale } from '#lib/locales.ts';
import type { Locale } from '#lib/paraglide/runtime.js';
import { isClientPage } from '../participation/participation.policy.ts';

/**
 * The language a page is sent in, decided once per request (hooks.server.ts) and used for all of
 * it: `<html lang>`, the shell (skip link, language picker, footer, dates) and the page's own
 * texts, on the server and, through the layout's data, in the browser (src/lib/page-locale.ts).
 * A client page follows the device's choice (a participant's own language is set on top of this,
 * in the hooks); every other page is a staff page, in Dutch or English only: the language the
 * professional handed the device over in while a hand-over lasts, else the device's choice when it
 * is a staff language, else Dutch. A client language in the cookie never reaches a staff page.
 */
export function pageLocaleOf(input: { routeId: string | null; requested: Locale; handoverStaffLocale: StaffLocale | null }): Locale {
	if (isClientPage(input.routeId)) return input.requested;
	return input.handoverStaffLocale ?? staffLocaleOf(input.requested);
}

/**
 * The language the child's part of the hand-over's return page speaks: the language of the
 * participant the device was handed to (as they last set it), else the device's client language
 * (the hand-over set it to the participant's), else the page's own.
 */
export function childLocaleOf(input: { participantLocale: string | null; requested: string; pageLocale: string }): ClientLocale {
	if (isClientLocale(input.participantLocale)) return input.participantLocale;
	if (isClientLocale(input.requested) && !isStaffLocale(input.requested)) return input.requested;
	return isClientLocale(input.pageLocale) ? input.pageLocale : 'nl';
}
