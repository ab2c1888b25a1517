import { isClientLocale, isStaffLocale, staffLocaleOf, type ClientLocale, type StaffLocale } from '#lib/locales.ts';
import type { Locale } from '#lib/paraglide/runtime.js';
import { isClientPage } from '../participation/participation.policy.ts';

/**
 * The language a page is sent in, decided once per request (hooks.server.ts) and used for all of
 * it: `<html lang>`, the shell (skip link, language picker, footer, dates) and the page's own
 * texts, on the server and, through the layout's data, in the browser (src/lib/page-locale.ts).
 * A client page follows the device's choice (`requested`, the language cookie), and before any
 * choice the phone's own languages (Accept-Language): a Turkish phone opens /join in Turkish, not
 * in Dutch until the client finds the switch. A participant's own language is set on top of this,
 * in the hooks. Every other page is a staff page, in Dutch or English only: the language the
 * professional handed the device over in while a hand-over lasts, else the device's choice when it
 * is a staff language, else Dutch. A client language never reaches a staff page.
 */
export function pageLocaleOf(input: {
	routeId: string | null;
	requested: Locale | null;
	acceptLanguage: string | null;
	handoverStaffLocale: StaffLocale | null;
}): Locale {
	if (isClientPage(input.routeId)) return input.requested ?? matchClientLocale(input.acceptLanguage);
	return input.handoverStaffLocale ?? staffLocaleOf(input.requested ?? 'nl');
}

/**
 * The client language that best fits a phone's Accept-Language (`tr-TR,tr;q=0.9,en;q=0.5`): the
 * first of its languages by quality (in the order given when equal) whose primary subtag is one of
 * the client languages; Dutch when none is.
 */
export function matchClientLocale(acceptLanguage: string | null): ClientLocale {
	const wanted = (acceptLanguage ?? '')
		.split(',')
		.slice(0, 32)
		.map((part, order) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((param) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param)).find(Boolean);
			return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', quality: q ? Number(q[1]) : 1, order };
		})
		.filter((language) => language.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.order - b.order);
	return wanted.map((language) => language.primary).find(isClientLocale) ?? 'nl';
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
