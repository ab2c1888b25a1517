import * as m from '#lib/paraglide/messages.js';

type MessageFn = (inputs?: Record<string, unknown>) => string;

/** Looks up a message by key at run time (codes from the server); unknown keys fall back. */
export function translate(key: string, inputs: Record<string, unknown> = {}, fallback = m.error_page_generic): string {
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[key];
	return typeof fn === 'function' ? fn(inputs) : fallback();
}

/**
 * A domain error code such as `invitation.duplicate` → its message. A code may end in `:<minutes>`
 * (a throttle's real wait): the message gets `minutes`, and for one minute its `_minute` variant.
 */
export function errorMessage(code: string): string {
	const [name = '', minutes] = code.split(':');
	const key = `error_${name.replaceAll('.', '_')}`;
	if (minutes === undefined) return translate(key);
	const singular = `${key}_minute`;
	return Number(minutes) <= 1 && singular in m ? translate(singular) : translate(key, { minutes });
}

const AMSTERDAM = 'Europe/Amsterdam';

/** Dates always in the reader's language and Dutch time. */
export function formatDate(iso: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: AMSTERDAM }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: AMSTERDAM
	}).format(new Date(iso));
}

/** A calendar date ('YYYY-MM-DD', already a date in the Netherlands) in the reader's language. */
export function formatCalendarDate(date: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${date}T00:00:00Z`)
	);
}
