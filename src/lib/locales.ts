import { getLocale } from '#lib/paraglide/runtime.js';

/**
 * The languages of Tweespraak (docs/decisions/021-client-languages-rtl-and-read-aloud.md). Staff
 * pages are Dutch and English; the pages a client sees (joining, rating, the reveal, reflections,
 * the agreement, the end screen, preparation, session feedback) and the mails to participants also
 * come in Arabic, Turkish, Polish and Ukrainian. Dutch is the source: a text not translated into a
 * client language is shown in Dutch, marked with lang="nl".
 */
export const STAFF_LOCALES = ['nl', 'en'] as const;
export const CLIENT_LOCALES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;

export type StaffLocale = (typeof STAFF_LOCALES)[number];
export type ClientLocale = (typeof CLIENT_LOCALES)[number];

/** Languages written from right to left. */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar']);

/** Each language's name in that language itself, so a client finds their own language. */
export const LANGUAGE_NAMES: Record<ClientLocale, string> = {
	nl: 'Nederlands',
	en: 'English',
	ar: 'العربية',
	tr: 'Türkçe',
	pl: 'Polski',
	uk: 'Українська'
};

/** The BCP 47 tag for dates, numbers and speech voices. */
const TAGS: Record<ClientLocale, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar-u-nu-latn', tr: 'tr-TR', pl: 'pl-PL', uk: 'uk-UA' };

export function isClientLocale(value: unknown): value is ClientLocale {
	return typeof value === 'string' && (CLIENT_LOCALES as readonly string[]).includes(value);
}

export function isStaffLocale(value: unknown): value is StaffLocale {
	return typeof value === 'string' && (STAFF_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: string): 'rtl' | 'ltr' {
	return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

export function languageTagOf(locale: string): string {
	return isClientLocale(locale) ? TAGS[locale] : TAGS.nl;
}

/** A client language as a staff member reads it: the staff language for the staff pages, else Dutch. */
export function staffLocaleOf(locale: string): StaffLocale {
	return isStaffLocale(locale) ? locale : 'nl';
}

/** The client languages an organisation offers, as stored ("nl,en,ar"); Dutch is always offered. */
export function parseClientLocales(stored: string | null | undefined): ClientLocale[] {
	const chosen = new Set((stored ?? '').split(',').filter(isClientLocale));
	chosen.add('nl');
	return CLIENT_LOCALES.filter((locale) => chosen.has(locale));
}

/** The language of a staff page: Dutch or English, whatever the browser last chose for a client page. */
export function getStaffLocale(): StaffLocale {
	return staffLocaleOf(getLocale());
}
