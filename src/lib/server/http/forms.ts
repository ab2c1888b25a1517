import { error, fail, type Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { isDomainError } from '../shared/errors.ts';

/**
 * Turns a usecase's failure into the page's answer: not found → 404 page, any other domain
 * error → the form again with its translated message; unexpected errors propagate (500, logged).
 */
export function failFromError(caught: unknown, values: Record<string, string> = {}) {
	if (isDomainError(caught)) {
		if (caught.code === 'not_found') error(404, 'Not found');
		return fail(caught.status, { formError: caught.code, values });
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

/** Only same-site paths, so `?next=` cannot send anyone to another site. */
export function safeNextPath(next: string | null | undefined, fallback = '/start'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	return next;
}

export const LOCALE_COOKIE = 'tweespraak_locale';

export function setLocaleCookie(cookies: Cookies, locale: string, secure: boolean): void {
	// Not HttpOnly: Paraglide's client runtime reads it to render the same language as the server.
	cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false, secure });
}

/** The form again with per-field messages (message keys) and the values typed so far. */
export function failValidation(form: { errors: Record<string, string>; values: Record<string, string> }) {
	return fail(400, { errors: form.errors, values: form.values });
}

/** For loads: a domain error becomes the error page with its translated code. */
export function errorPageFrom(caught: unknown): never {
	if (isDomainError(caught)) error(caught.status, caught.code);
	throw caught;
}
