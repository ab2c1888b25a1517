import * as m from '#lib/paraglide/messages.js';
import { runtimeMessages } from '#lib/runtime-messages.ts';
import { isClientLocale, languageTagOf } from '#lib/locales.ts';
import { dateTimeFormat } from '#lib/intl.ts';

/**
 * Looks up a message by key at run time (codes from the server); unknown keys fall back. Only the
 * keys the source can ask for are in the table (src/lib/runtime-messages.ts, written by
 * `npm run messages:runtime`): naming every message here put all of them, in every language, in
 * the chunk every page loads.
 */
export function translate(key: string, inputs: Record<string, unknown> = {}, fallback = m.error_page_generic): string {
	const fn = Object.hasOwn(runtimeMessages, key) ? runtimeMessages[key] : undefined;
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
	return Number(minutes) <= 1 && Object.hasOwn(runtimeMessages, singular) ? translate(singular) : translate(key, { minutes });
}

const AMSTERDAM = 'Europe/Amsterdam';

/** Dates always in the reader's language and Dutch time. */
export function formatDate(iso: string, locale: string): string {
	return dateTimeFormat(languageTagOf(locale), { dateStyle: 'long', timeZone: AMSTERDAM }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
	return dateTimeFormat(languageTagOf(locale), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: AMSTERDAM
	}).format(new Date(iso));
}

/** A calendar date ('YYYY-MM-DD', already a date in the Netherlands) in the reader's language. */
export function formatCalendarDate(date: string, locale: string): string {
	return dateTimeFormat(languageTagOf(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * Until when something works, as people say it: an end at midnight is "tot en met" the day
 * before ("tot en met 6 december", not "tot 7 dec 2026, 00:00"); another end gives its day and
 * time. Without the year, unless it ends in another year than it is now.
 */
export function formatUntil(iso: string, locale: string, now: Date = new Date()): string {
	const end = new Date(iso);
	const tag = languageTagOf(locale);
	const time = dateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: AMSTERDAM }).format(end);
	const atMidnight = time === '00:00';
	const day = atMidnight ? new Date(end.getTime() - 1) : end;
	const year = (at: Date) => dateTimeFormat('en', { year: 'numeric', timeZone: AMSTERDAM }).format(at);
	const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: AMSTERDAM };
	if (year(day) !== year(now)) options.year = 'numeric';
	const date = dateTimeFormat(tag, options).format(day);
	const lang = isClientLocale(locale) ? locale : 'nl';
	return atMidnight ? m.date_until_inclusive({ date }, { locale: lang }) : m.date_until_time({ date, time }, { locale: lang });
}

/**
 * A button's words and what it acts on, as a screen reader reads them: "Opnieuw versturen: a@example.nl"
 * (ActionLabel.svelte), never with a space before the colon.
 */
export function actionAbout(action: string, about: string): string {
	return `${withColon(action.trim())} ${about.trim()}`;
}

/** A label before its value: "Wie doet het:" but "A. Wat gebeurde er?" without a second mark. */
export function withColon(label: string): string {
	return /[?!.:]$/.test(label.trim()) ? label : `${label}:`;
}
