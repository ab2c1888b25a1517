import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { AppContext } from '../context.ts';
import type { StaffLocale } from '#lib/locales.ts';
import { clientAddressOf } from './client-address.ts';
import { errorPageFrom, safeNextPath } from './forms.ts';
import { DEVICE_SESSION_HOURS, type DeviceMode } from '../participation/participation.models.ts';
import { redirectForParticipant, type DeviceState } from '../participation/participation.policy.ts';
import { findEndedLinkReason, type EndedLinkReason } from '../participation/link-opening.usecases.ts';
import { authenticateDevice, leaveConversation } from '../participation/participation.usecases.ts';

/** The participant's device session (a random token; the database keeps only its hash). */
export const DEVICE_COOKIE = 'tweespraak_device';
/**
 * Set while this browser is handed over to a participant. It outlives the device session on
 * purpose: when the session ends (conversation closed, expired, deleted) the device must not
 * fall back to the professional's view; it stays locked until the professional authenticates.
 */
export const HANDOVER_COOKIE = 'tweespraak_handover';

/**
 * The language the professional's pages were shown in when they handed the device over: they get it
 * back on taking the device back. The account's stored language is the last one they chose anywhere,
 * and may not be the one this browser showed (a new-user review: a professional working in Dutch
 * came back to English).
 */
export const HANDOVER_LOCALE_COOKIE = 'tweespraak_handover_locale';

const LOCK_SECONDS = 7 * 24 * 60 * 60;

function cookieOptions(secure: boolean, maxAge: number) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge };
}

/**
 * For a hand-over, `returnTo` is where the professional lands after taking the device back.
 * `expiresAt`: the session's end, for sessions longer than DEVICE_SESSION_HOURS (a personal link).
 */
export function setDeviceCookies(
	cookies: Cookies,
	grant: { token: string; mode: DeviceMode; returnTo?: string; expiresAt?: string; staffLocale?: StaffLocale },
	secure: boolean
): void {
	const seconds = grant.expiresAt ? Math.ceil((Date.parse(grant.expiresAt) - Date.now()) / 1000) : 0;
	cookies.set(DEVICE_COOKIE, grant.token, cookieOptions(secure, Math.max(seconds, DEVICE_SESSION_HOURS * 60 * 60)));
	if (grant.mode !== 'handover') return;
	cookies.set(HANDOVER_COOKIE, grant.returnTo ?? '/start', cookieOptions(secure, LOCK_SECONDS));
	if (grant.staffLocale) cookies.set(HANDOVER_LOCALE_COOKIE, grant.staffLocale, cookieOptions(secure, LOCK_SECONDS));
}

/** The professional's language when they handed this device over, or null when it is not known. */
export function handoverStaffLocale(cookies: Cookies): StaffLocale | null {
	const value = cookies.get(HANDOVER_LOCALE_COOKIE);
	return value === 'nl' || value === 'en' ? value : null;
}

/** The page that tells a device its personal link no longer works (routes/l/ended). */
export function endedLinkPath(reason: EndedLinkReason): string {
	return `/l/ended?reason=${reason}`;
}

/** Where the professional goes after taking the device back. */
export function handoverReturnPath(cookies: Cookies): string {
	return safeNextPath(cookies.get(HANDOVER_COOKIE), '/start');
}

function keepDeviceCookie(cookies: Cookies, token: string, until: string, secure: boolean): void {
	const seconds = Math.ceil((Date.parse(until) - Date.now()) / 1000);
	if (seconds > 0) cookies.set(DEVICE_COOKIE, token, cookieOptions(secure, seconds));
}

export function clearDeviceCookies(cookies: Cookies, secure: boolean): void {
	cookies.delete(DEVICE_COOKIE, cookieOptions(secure, 0));
	cookies.delete(HANDOVER_COOKIE, cookieOptions(secure, 0));
	cookies.delete(HANDOVER_LOCALE_COOKIE, cookieOptions(secure, 0));
}

/**
 * "Stoppen op dit apparaat" on any participant page: this device stops taking part (its name, and
 * the personal link it holds, are free again), its cookies go, and the join page says how to come
 * back: with the code, or, let in with a link, by opening the link again (decision 007).
 */
export async function leaveThisDevice(ctx: AppContext, event: Pick<RequestEvent, 'locals' | 'cookies' | 'url'>): Promise<never> {
	let left;
	try {
		left = await leaveConversation({ ctx, actor: event.locals.actor });
	} catch (caught) {
		errorPageFrom(caught);
	}
	clearDeviceCookies(event.cookies, event.url.protocol === 'https:');
	redirect(303, left.byLink ? '/join?left=link' : '/join?left=1');
}

/**
 * What authentication found out about a browser as a participant's device. A link's reason
 * ('replaced', 'revoked', 'ended'): the device was let in with a personal link that no longer works.
 */
export type DeviceAdmission = 'participant' | 'ended' | 'none' | { link: EndedLinkReason };

/**
 * Authentication for participants' devices (hooks.server.ts). A device session wins over a staff
 * session in the same browser: on a handed-over device the professional's cookie is still there,
 * yet the actor is the participant and only the client-only screen opens. Redirects (throws)
 * when the device may not open this route. 'ended': a device session that no longer works was
 * cleared; 'none': not a participant's device.
 */
export async function admitParticipantDevice(ctx: AppContext, event: RequestEvent): Promise<DeviceAdmission> {
	const token = event.cookies.get(DEVICE_COOKIE);
	const locked = event.cookies.get(HANDOVER_COOKIE) !== undefined;
	if (!token && !locked) return 'none';
	const actor = token ? await authenticateDevice(ctx, token) : null;
	let state: DeviceState;
	if (actor?.type === 'outcomeReader') {
		state = locked ? 'handoverLocked' : 'outcome';
		// The cookie of a joined phone lasts DEVICE_SESSION_HOURS; the outcome stays readable longer.
		if (!locked && token) keepDeviceCookie(event.cookies, token, actor.readableUntil, event.url.protocol === 'https:');
	} else if (actor) state = actor.mode === 'handover' ? 'handover' : locked ? 'handoverLocked' : 'ownDevice';
	else if (locked) state = 'handoverLocked';
	else {
		// A device let in with a personal link keeps its (useless) cookie, so every reload says
		// why the link stopped working, even after its live stream noticed first.
		const reason = token ? await findEndedLinkReason(ctx, token) : null;
		if (reason) return { link: reason };
		event.cookies.delete(DEVICE_COOKIE, cookieOptions(event.url.protocol === 'https:', 0));
		return 'ended';
	}
	const trace = { requestId: event.locals.requestId, address: clientAddressOf(event) };
	event.locals.actor = actor && state !== 'handoverLocked' ? { ...actor, ...trace } : { type: 'anonymous', ...trace };
	event.locals.twoFactorSetupRequired = false;
	const target = redirectForParticipant(event.route.id, state);
	if (target) redirect(303, target);
	return 'participant';
}
