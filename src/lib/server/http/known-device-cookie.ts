import type { Cookies } from '@sveltejs/kit';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_COOKIE_PATH, KNOWN_DEVICE_DAYS } from '../auth/known-device.ts';

/**
 * Marks this browser as one where the account proved itself (a right password, or a reset link
 * from its mailbox): its later sign-ins are held only by its own failure limit (decision 012).
 * Sent back only to the sign-in pages.
 */
export function setKnownDeviceCookie(cookies: Cookies, value: string, secure: boolean): void {
	cookies.set(KNOWN_DEVICE_COOKIE, value, {
		path: KNOWN_DEVICE_COOKIE_PATH,
		maxAge: KNOWN_DEVICE_DAYS * 24 * 60 * 60,
		httpOnly: true,
		sameSite: 'lax',
		secure
	});
}
