import { redirect, type ActionFailure, type Cookies } from '@sveltejs/kit';
import type { Actor } from '../access/actor.ts';
import { flashCookieName, flashCookieOptions, flashOwner, putFlash, takeFlash } from './flash.ts';

/**
 * Post/Redirect/Get with a message (issue 12): a form post that succeeded answers 303 to a page
 * loaded with GET, so reloading it never sends the form again. What the post achieved is told
 * there by a notice: a message key (and the few values the message names, such as the address an
 * invitation went to), carried by a short-lived HttpOnly cookie that the next page load takes and
 * clears — never in the address, which ends up in history, logs and referrers.
 */
export interface Notice {
	/** A key of messages/*.json. */
	message: string;
	values?: Record<string, string>;
	/** Shown as an alert: the post was refused (an endpoint refused it, endpoint-refusals.ts). */
	alert?: boolean;
}

export const NOTICE_COOKIE = 'tweespraak_notice';
const MAX_AGE_SECONDS = 60;
const KEY = /^[a-z][a-z0-9_]{0,80}$/;

/** Ends a successful form post: sets the notice and redirects (303) to `location` (default: the same page). */
export function redirectWithNotice(event: { url: URL; cookies: Cookies }, notice: Notice, location?: string): never {
	event.cookies.set(NOTICE_COOKIE, encodeNotice(notice), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: MAX_AGE_SECONDS
	});
	redirect(303, location ?? event.url.pathname + event.url.search);
}

/**
 * The notice's bound (amended 2026-12-07): a value is at most NOTICE_VALUE_MAX characters, as the
 * page reads it (parseNotice), and the whole cookie value at most NOTICE_COOKIE_MAX bytes, far
 * under the 4 KB a browser keeps per cookie and the header size a proxy or Node's own fetch
 * accepts. A value is shortened with an ellipsis. Whatever a caller passes (an imported
 * instrument's name of 500,000 characters made a 667 KB Set-Cookie), the redirect stays a redirect.
 */
export const NOTICE_VALUE_MAX = 200;
export const NOTICE_COOKIE_MAX = 1800;

/** `text` at most `max` characters, its end replaced by an ellipsis when it was longer; never half a surrogate pair. */
function shorten(text: string, max: number): string {
	if (text.length <= max) return text;
	if (max <= 1) return max === 1 ? '…' : '';
	let cut = max - 1;
	const last = text.charCodeAt(cut - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
	return `${text.slice(0, cut)}…`;
}

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The notice as a cookie value within NOTICE_COOKIE_MAX: each value shortened, the longest halved until it fits. */
function encodeNotice(notice: Notice): string {
	if (notice.values === undefined) return base64(notice);
	const values = Object.fromEntries(Object.entries(notice.values).map(([key, text]) => [key, shorten(String(text), NOTICE_VALUE_MAX)]));
	let encoded = base64({ ...notice, values });
	while (encoded.length > NOTICE_COOKIE_MAX) {
		const [key, text] = Object.entries(values).reduce<[string, string] | [undefined, '']>(
			(longest, entry) => (entry[1].length > longest[1].length ? entry : longest),
			[undefined, '']
		);
		// Nothing left to shorten (only many names): the message alone.
		if (key === undefined) return base64({ message: notice.message, ...(notice.alert && { alert: notice.alert }) });
		values[key] = shorten(text, Math.floor(text.length / 2));
		encoded = base64({ ...notice, values });
	}
	return encoded;
}

/** The same cookie as a Set-Cookie header, for a response made after SvelteKit's (endpoint-refusals.ts). */
export function noticeSetCookieHeader(notice: Notice, secure: boolean): string {
	return `${NOTICE_COOKIE}=${encodeNotice(notice)}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The notice a redirect left for this page, once: it is cleared as it is read. */
export function takeNotice(cookies: Cookies, secure: boolean): Notice | null {
	const raw = cookies.get(NOTICE_COOKIE);
	if (raw === undefined) return null;
	cookies.delete(NOTICE_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
	return parseNotice(raw);
}

/**
 * Secrets shown once (issue 12, part 4). A post that makes a secret the database keeps only as a
 * hash (a personal link to print, a two-factor secret) redirects like any other; the secret goes
 * with it in a flash (flash.ts: server-side, encrypted, single use, two minutes), and the address
 * says `?shown=1`. The page loaded with that address takes the secret and shows it; a reload, or
 * the back button, finds it taken and says so ("already shown; make a new one") — never the
 * secret again, and nothing is sent again.
 */
export const SHOWN_PARAM = 'shown';

type FlashContext = Parameters<typeof putFlash>[0];
/** The request's address and cookies, and who sent it: a flash is for its owner's session only (flash.ts). */
type CookieEvent = { url: URL; cookies: Cookies; locals: { actor: Actor } };
/**
 * A page load: its address, cookies, and whether it is the client's data request (a live update
 * fetching the page's data again) rather than the page itself. Only the page itself takes what a
 * post left for it: a live update of the page still on screen may race the new page's load.
 */
type LoadEvent = CookieEvent & { isDataRequest: boolean };

/** Ends a successful post that made `secret`: it is shown once on `location` (a path of this site). */
export async function redirectWithSecret(
	event: CookieEvent,
	ctx: FlashContext,
	input: { notice?: Notice; secret: unknown; location: string }
): Promise<never> {
	const target = new URL(input.location, event.url);
	target.searchParams.set(SHOWN_PARAM, '1');
	const token = await putFlash(ctx, { kind: 'secret', path: target.pathname, owner: flashOwner(event.locals.actor), value: input.secret });
	event.cookies.set(flashCookieName('secret'), token, flashCookieOptions(event.url.protocol === 'https:'));
	const location = target.pathname + target.search + target.hash;
	if (input.notice) redirectWithNotice(event, input.notice, location);
	redirect(303, location);
}

/** What a page loaded after redirectWithSecret shows: the secret, or that it was shown already. */
export type ShownOnce<T> = { state: 'show'; secret: T } | { state: 'spent' };

/**
 * The secret left for this page load, once; null when the address does not say one was shown, or
 * for a data request (the page on screen keeps showing what it took).
 */
export async function takeSecret<T>(event: LoadEvent, ctx: FlashContext): Promise<ShownOnce<T> | null> {
	if (event.isDataRequest || event.url.searchParams.get(SHOWN_PARAM) !== '1') return null;
	const name = flashCookieName('secret');
	const token = event.cookies.get(name);
	if (token === undefined) return { state: 'spent' };
	const { maxAge: _, ...options } = flashCookieOptions(event.url.protocol === 'https:');
	event.cookies.delete(name, options);
	const secret = await takeFlash(ctx, { token, kind: 'secret', path: event.url.pathname, owner: flashOwner(event.locals.actor) });
	return secret === undefined ? { state: 'spent' } : { state: 'show', secret: secret as T };
}

export function parseNotice(raw: string): Notice | null {
	try {
		const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (!value || typeof value !== 'object') return null;
		const { message, values, alert } = value as { message?: unknown; values?: unknown; alert?: unknown };
		if (typeof message !== 'string' || !KEY.test(message)) return null;
		const shown = alert === true ? { message, alert } : { message };
		if (values === undefined) return shown;
		if (!values || typeof values !== 'object') return null;
		const entries = Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
		// An alert keeps its values too: a throttle's refusal names the minutes to wait (endpoint-refusals.ts).
		return { ...shown, values: Object.fromEntries(entries.map(([key, text]) => [key, text.slice(0, NOTICE_VALUE_MAX)])) };
	} catch {
		return null;
	}
}

/**
 * The type every page's `actions` must satisfy (`satisfies Actions satisfies RedirectOnSuccess`):
 * an action may answer a refused post with `fail(…)`, and nothing else — a success ends in a
 * redirect (which throws). `src/routes/post-redirect-get.test.ts` checks every route uses it.
 */
export type RedirectOnSuccess = Record<
	string,
	(...args: never[]) => Promise<ActionFailure<Record<string, unknown>>> | ActionFailure<Record<string, unknown>>
>;
