import { createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import type { Actor } from '../access/actor.ts';
import { getAppContext } from '../context.ts';
import { consumeRateLimit, type RateLimitRule } from '../shared/rate-limit.ts';
import {
	FLASH_TTL_MS,
	flashCookieName,
	flashOwner,
	NO_OWNER,
	flashCookieOptions,
	flashSetCookieHeader,
	putFlash,
	takeFlash
} from './flash.ts';
import { redirectWithNotice } from './notice.ts';
import { splitPageFormPost, type PageFormPost } from '#lib/page-form.ts';

/**
 * The server's half of one form per page (src/lib/page-form.ts; docs/decisions/004, "Drafts").
 *
 * A post from a page form reaches its action as if only the pressed button's group had been
 * posted: `request.formData()` answers with that group's fields. The text typed in other groups
 * and not sent (the drafts) is shown again on the page that answers: at once when the action
 * refuses the post (the page is rendered with it), and after the 303 when it succeeds — then the
 * drafts wait in a flash (flash.ts: server-side, encrypted, single use, two minutes) for the next
 * load of the same page. A redirect to another page (the conversation was stopped, say) leaves
 * them: that page has no place for them. The default button (Enter in a field, without
 * JavaScript) sends nothing and brings the page back with every draft.
 */

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * How many drafts one session (a member's, a guest's, a device's) may have kept in a flash's two
 * minutes. Each may be as large as the body limit, and the default button keeps them without
 * running any action, so without a bound one device posting in a loop could fill the database
 * (an outside review). A person presses a few buttons a minute; past the bound the post still goes
 * on, only its drafts are not kept.
 */
export const DRAFT_FLASHES_PER_SESSION = 30;
const DRAFT_FLASHES: RateLimitRule = { limit: DRAFT_FLASHES_PER_SESSION, windowMs: FLASH_TTL_MS };

/** Whether this post's drafts may be kept: counted per session, the one that owns the flash (a device's session for a participant). */
async function mayKeepDrafts(actor: Actor): Promise<boolean> {
	const owner = flashOwner(actor);
	if (owner === NO_OWNER) return false;
	const ctx = getAppContext();
	return (await consumeRateLimit(ctx.db, ctx.clock, `drafts:${owner}`, DRAFT_FLASHES)).allowed;
}

/**
 * Who can be shown a page form (the staff pages, a guest's trajectory pages, a participant's
 * pages), and so has drafts to keep. Nobody else does: the pages open to anyone (sign-in, join, a
 * personal link, a password reset) have plain forms, and a post to them must not make the server
 * store what it carries. Without this, anyone could have every post to such a page stored as a
 * flash, up to the body limit each, for two minutes (an outside review).
 */
const HAS_PAGE_FORMS: ReadonlySet<Actor['type']> = new Set(['staff', 'guest', 'participant']);

function isFormPost(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	return request.method === 'POST' && FORM_TYPES.includes(type);
}

/** Reads the body once and makes `formData()` answer with the pressed group's fields only. */
async function readPageForm(request: Request): Promise<PageFormPost | null> {
	let posted: FormData;
	try {
		posted = await request.formData();
	} catch (failure) {
		// An unreadable body is refused before this hook (input-guard.ts: 400, malformed_request);
		// should one still come here, the action refuses it when it reads the form.
		Object.defineProperty(request, 'formData', {
			configurable: true,
			value: async (): Promise<FormData> => {
				throw failure;
			}
		});
		return null;
	}
	const split = splitPageFormPost([...posted].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	const answer: [string, FormDataEntryValue][] = split ? split.fields : [...posted];
	Object.defineProperty(request, 'formData', {
		configurable: true,
		value: async (): Promise<FormData> => {
			const data = new FormData();
			for (const [name, value] of answer) data.append(name, value);
			return data;
		}
	});
	return split;
}

/** The address to come back to after a post: this page, without the action in its query. */
function pageAddress(url: URL): string {
	const query = new URLSearchParams([...url.searchParams].filter(([name]) => !name.startsWith('/')));
	const search = query.size > 0 ? `?${query}` : '';
	return url.pathname + search;
}

async function keepDrafts(event: RequestEvent, response: Response, post: PageFormPost): Promise<void> {
	const location = response.headers.get('location');
	const drafts = post.drafts;
	if (response.status < 300 || response.status > 399 || !location || Object.keys(drafts).length === 0) return;
	const target = new URL(location, event.url);
	// Back to the page the drafts were typed on: elsewhere they have no place.
	if (target.origin !== event.url.origin || target.pathname !== (post.page ?? event.url.pathname)) return;
	if (!(await mayKeepDrafts(event.locals.actor))) return;
	const token = await putFlash(getAppContext(), {
		kind: 'drafts',
		path: target.pathname,
		owner: flashOwner(event.locals.actor),
		value: drafts
	});
	response.headers.append('set-cookie', flashSetCookieHeader('drafts', token, event.url.protocol === 'https:'));
}

async function takeDrafts(event: RequestEvent): Promise<Record<string, string> | null> {
	const name = flashCookieName('drafts');
	const token = event.cookies.get(name);
	if (token === undefined) return null;
	const value = await takeFlash(getAppContext(), {
		token,
		kind: 'drafts',
		path: event.url.pathname,
		owner: flashOwner(event.locals.actor)
	});
	if (value === undefined) return null;
	const { maxAge: _, ...options } = flashCookieOptions(event.url.protocol === 'https:');
	event.cookies.delete(name, options);
	return value as Record<string, string>;
}

export const pageFormDrafts: Handle = async ({ event, resolve }) => {
	if (event.request.method === 'GET' || event.request.method === 'HEAD') {
		// The page itself takes them, never a data request: the page still on screen may fetch its
		// data again (a live update) while the new one loads, and must not take them first.
		event.locals.drafts = event.isDataRequest ? null : await takeDrafts(event);
		return resolve(event);
	}
	if (!isFormPost(event.request) || !HAS_PAGE_FORMS.has(event.locals.actor.type)) return resolve(event);
	const post = await readPageForm(event.request);
	if (!post) return resolve(event);
	if (post.group === '') {
		const drafts = post.drafts;
		if (Object.keys(drafts).length > 0 && (await mayKeepDrafts(event.locals.actor))) {
			const token = await putFlash(getAppContext(), {
				kind: 'drafts',
				path: event.url.pathname,
				owner: flashOwner(event.locals.actor),
				value: drafts
			});
			event.cookies.set(flashCookieName('drafts'), token, flashCookieOptions(event.url.protocol === 'https:'));
		}
		redirectWithNotice(event, { message: 'form_nothing_sent' }, pageAddress(event.url));
	}
	event.locals.drafts = post.drafts;
	const response = await resolve(event);
	await keepDrafts(event, response, post);
	return response;
};

/**
 * Whose drafts a participant's page may keep in the browser's tab as they are typed, and bring back
 * on a reload (static/page-form.js): this device's, on this screen or step (`screen`) of its
 * conversation. Another person on the same phone (another device session), or a step that moved on,
 * has another scope, and the page drops what was kept for the old one. A hash: the page shows no ids.
 */
export function draftScopeOf(actor: Actor, screen: string): string | null {
	if (actor.type !== 'participant') return null;
	return createHash('sha256').update(`${actor.deviceSessionId}:${actor.conversationId}:${screen}`).digest('base64url').slice(0, 16);
}
