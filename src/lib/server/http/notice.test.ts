import { isRedirect, type Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	NOTICE_COOKIE,
	NOTICE_COOKIE_MAX,
	NOTICE_VALUE_MAX,
	noticeSetCookieHeader,
	parseNotice,
	redirectWithNotice,
	type Notice
} from './notice.ts';

// A redirect's notice is a cookie (issue 12). An outside tester imported an instrument named with
// 500,000 characters: the import's redirect set a 667 KB Set-Cookie (Node's fetch failed on the
// headers), and 5,000 characters already made a 6.8 KB cookie, which browsers drop and proxies
// refuse. Whatever a caller passes, the cookie stays small and the redirect a redirect.

/** The cookie value redirectWithNotice sets, and the redirect it ends with. */
function redirected(notice: Notice): { value: string; status: number } {
	const set: string[] = [];
	const cookies = { set: (name: string, value: string) => void (name === NOTICE_COOKIE && set.push(value)) } as unknown as Cookies;
	try {
		redirectWithNotice({ url: new URL('https://tweespraak.test/admin/instruments'), cookies }, notice);
	} catch (thrown) {
		if (!isRedirect(thrown)) throw thrown;
		return { value: set[0]!, status: thrown.status };
	}
	throw new Error('no redirect');
}

const LONG_VALUES: [string, string][] = [
	['500,000 letters', 'a'.repeat(500_000)],
	['5,000 letters', 'b'.repeat(5_000)],
	['Arabic (two bytes a letter)', 'ع'.repeat(50_000)],
	['emoji (four bytes, two code units)', '😀'.repeat(50_000)]
];

describe('the notice cookie', () => {
	it.each(LONG_VALUES)('stays under its bound with a value of %s, shortened with an ellipsis', (_, long) => {
		const { value, status } = redirected({ message: 'instruments_imported', values: { name: long, version: '1' } });
		expect(status).toBe(303);
		expect(value.length).toBeLessThanOrEqual(NOTICE_COOKIE_MAX);
		const read = parseNotice(value)!;
		expect(read.message).toBe('instruments_imported');
		expect(read.values!.version).toBe('1');
		expect(read.values!.name!.length).toBeLessThanOrEqual(NOTICE_VALUE_MAX);
		expect(read.values!.name!.endsWith('…')).toBe(true);
		expect(long.startsWith(read.values!.name!.slice(0, -1))).toBe(true);
		expect(read.values!.name!.isWellFormed()).toBe(true);
	});

	it('stays under its bound with many long values, and the Set-Cookie header of an endpoint refusal too', () => {
		const values = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`v${i}`, '😀'.repeat(1000)]));
		expect(redirected({ message: 'instruments_imported', values }).value.length).toBeLessThanOrEqual(NOTICE_COOKIE_MAX);
		const header = noticeSetCookieHeader({ message: 'error_rate_limited', values, alert: true }, true);
		expect(header.length).toBeLessThan(NOTICE_COOKIE_MAX + 100);
		expect(parseNotice(header.split(';')[0]!.slice(NOTICE_COOKIE.length + 1))).toMatchObject({
			message: 'error_rate_limited',
			alert: true
		});
	});

	it('keeps short values as they are', () => {
		const notice = { message: 'staff_invite_sent', values: { email: 'a@example.nl' } };
		expect(parseNotice(redirected(notice).value)).toEqual(notice);
		expect(parseNotice(redirected({ message: 'form_saved' }).value)).toEqual({ message: 'form_saved' });
	});

	it('an alert keeps its values: a throttle’s refusal names the minutes to wait', () => {
		const header = noticeSetCookieHeader({ message: 'error_rate_limited', values: { minutes: '10' }, alert: true }, false);
		expect(parseNotice(header.split(';')[0]!.slice(NOTICE_COOKIE.length + 1))).toEqual({
			message: 'error_rate_limited',
			alert: true,
			values: { minutes: '10' }
		});
	});
});
