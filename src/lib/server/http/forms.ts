import { error, fail, type Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { domainError, isDomainError, type DomainErrorCode } from '../shared/errors.ts';
import { logWriteConflict, writeConflictCode } from './error-answer.ts';
import { isClientLocale, type ClientLocale } from '#lib/locales.ts';

/**
 * Turns a usecase's failure into the page's answer: not found → 404 page, any other domain
 * error → the form again with its translated message; unexpected errors propagate (500, logged).
 * A write that lost to a concurrent request (a unique constraint, a deadlock or serialization
 * failure, SQLite busy: isWriteConflict) changed nothing and is answered like a stale form, 409
 * changed_meanwhile, in this one place rather than in each usecase, and logged with the database's
 * code as handleError logs the conflicts thrown elsewhere.
 */
export function failFromError(caught: unknown, values: Record<string, string> = {}, choices?: Record<string, string[]>) {
	const conflict = writeConflictCode(caught);
	if (conflict !== undefined) {
		logWriteConflict(conflict);
		caught = domainError('changed_meanwhile');
	}
	if (isDomainError(caught)) {
		if (caught.code === 'not_found') error(404, 'Not found');
		return fail(caught.status, choices ? { formError: caught.publicCode, values, choices } : { formError: caught.publicCode, values });
	}
	throw caught;
}

/** Copies the cookies better-auth wants to set onto SvelteKit's response. */
export function applyAuthCookies(cookies: Cookies, headers: Headers): void {
	const setCookie = headers.get('set-cookie');
	if (!setCookie) return;
	for (const [name, attributes] of parseSetCookieHeader(setCookie)) {
		cookies.set(name, attributes.value, { ...toCookieOptions(attributes), path: attributes.path || '/' });
	}
}

const NEXT_BASE = 'http://next.invalid';
/** What browsers drop or rewrite before they parse a URL (tabs, newlines, other controls) and the backslash, which they read as `/`. */
const UNSAFE_IN_NEXT = /[\u0000-\u001F\u007F\\]/;

/**
 * The one check for every redirect target that comes from a request (`?next=`, a form field,
 * a cookie): only a path on this site, as a browser would read it. The value is parsed with the
 * WHATWG URL parser against a placeholder origin and kept only when it stays on that origin;
 * anything a browser would first clean up (a tab in `/\t/evil.example` is dropped, giving
 * `//evil.example`) is refused rather than guessed at. The answer is the parser's own ASCII
 * serialisation, so the Location header never holds a character it cannot carry.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/start'): string {
	if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000 || UNSAFE_IN_NEXT.test(next)) return fallback;
	let parsed: URL;
	try {
		parsed = new URL(next, NEXT_BASE);
	} catch {
		return fallback;
	}
	if (parsed.origin !== NEXT_BASE) return fallback;
	const path = parsed.pathname + parsed.search + parsed.hash;
	// `/.//evil.example` parses to the path `//evil.example`, which on its own names another host.
	if (path.startsWith('//') || new URL(path, NEXT_BASE).origin !== NEXT_BASE) return fallback;
	return path;
}

export const LOCALE_COOKIE = 'tweespraak_locale';

/** The language this device chose (the switch, joining, a personal link), or null before any choice. */
export function chosenLocaleOf(cookies: Cookies): ClientLocale | null {
	const chosen = cookies.get(LOCALE_COOKIE);
	return isClientLocale(chosen) ? chosen : null;
}

export function setLocaleCookie(cookies: Cookies, locale: string, secure: boolean): void {
	// The device's choice, read by the hooks for the next page (server/http/page-locale.ts); the browser
	// renders each page in the language the server chose for it (page-locale.ts), not in this cookie's.
	cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false, secure });
}

/**
 * The form again with per-field messages (message keys), the values typed and the boxes ticked
 * so far (`choices`, a group of checkboxes by name); with
 * `formError` (a domain error code) also a message for the whole form, for a field the page does
 * not show.
 */
export function failValidation(
	form: { errors: Record<string, string>; values: Record<string, string>; choices?: Record<string, string[]> },
	formError?: DomainErrorCode
) {
	const { errors, values, choices = {} } = form;
	return formError === undefined ? fail(400, { errors, values, choices }) : fail(400, { errors, values, choices, formError });
}

/**
 * For loads and endpoints: a domain error becomes the error page with its translated code.
 * Anything else is thrown on as it is, to handleError (hooks.server.ts), which answers a write
 * conflict with 409 changed_meanwhile and any other error with a logged 500.
 */
export function errorPageFrom(caught: unknown): never {
	if (isDomainError(caught)) error(caught.status, caught.publicCode);
	throw caught;
}
