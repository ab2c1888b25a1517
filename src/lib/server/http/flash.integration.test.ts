import { isRedirect, type Cookies } from '@sveltejs/kit';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { FLASH_TTL_MS, flashCookieName, putFlash, takeFlash } from './flash.ts';
import { NOTICE_COOKIE, redirectWithSecret, takeSecret } from './notice.ts';

/** The cookies of one browser, as SvelteKit's Cookies API shows them to a load or an action. */
function browserCookies(): Cookies & { jar: Map<string, string> } {
	const jar = new Map<string, string>();
	return {
		jar,
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => '',
		parse: () => ({ name: '', value: '' })
	} as unknown as Cookies & { jar: Map<string, string> };
}

const SECRET = { printLinks: [{ url: 'http://tweespraak.test/l/abc', displayName: 'Sam de Vries' }] };
const PAGE = '/collaborations/c1/conversations/k1/preparation';

describeOnBothDatabases('flash across a redirect', (dialect) => {
	const t = useTestContext(dialect);

	it('is read once, by the page it is for, and then gone', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, value: SECRET });
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: '/elsewhere' })).toBeUndefined();
		expect(await takeFlash(t.ctx, { token, kind: 'drafts', path: PAGE })).toBeUndefined();
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: PAGE })).toEqual(SECRET);
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: PAGE })).toBeUndefined();
	});

	it('is stored encrypted: the database alone holds neither the secret nor the cookie’s token', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, value: SECRET });
		const rows = await sql<{ id: string; payload: string }>`select id, payload from flash_entries`.execute(t.ctx.db);
		const stored = JSON.stringify(rows.rows);
		expect(stored).not.toContain('tweespraak.test');
		expect(stored).not.toContain('Sam de Vries');
		expect(stored).not.toContain(token);
	});

	it('is useless after two minutes, and a wrong or forged token reads nothing', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, value: SECRET });
		expect(
			await takeFlash(t.ctx, { token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), kind: 'secret', path: PAGE })
		).toBeUndefined();
		expect(await takeFlash(t.ctx, { token: 'not a token', kind: 'secret', path: PAGE })).toBeUndefined();
		t.ctx.clock.advance(FLASH_TTL_MS);
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: PAGE })).toBeUndefined();
	});

	it('a secret made by a post is shown once after the redirect; a reload says it was shown and shows nothing', async () => {
		const cookies = browserCookies();
		const postUrl = new URL(`http://tweespraak.test${PAGE}?/showLink`);
		let location = '';
		try {
			await redirectWithSecret({ url: postUrl, cookies }, t.ctx, {
				notice: { message: 'form_saved' },
				secret: SECRET,
				location: `${PAGE}#print-title`
			});
		} catch (thrown) {
			expect(isRedirect(thrown) && thrown.status).toBe(303);
			if (isRedirect(thrown)) location = thrown.location;
		}
		expect(location).toBe(`${PAGE}?shown=1#print-title`);
		expect(cookies.jar.has(NOTICE_COOKIE)).toBe(true);
		expect([...cookies.jar.values()].join(' ')).not.toContain('tweespraak.test');
		expect([...cookies.jar.values()].join(' ')).not.toContain('Vries');

		const shownUrl = new URL(location, postUrl);
		expect(await takeSecret({ url: shownUrl, cookies, isDataRequest: false }, t.ctx)).toEqual({ state: 'show', secret: SECRET });
		expect(cookies.jar.has(flashCookieName('secret'))).toBe(false);
		// The reload (and the back button) comes without the cookie, and would find nothing with it.
		expect(await takeSecret({ url: shownUrl, cookies, isDataRequest: false }, t.ctx)).toEqual({ state: 'spent' });
		expect(await takeSecret({ url: new URL(`http://tweespraak.test${PAGE}`), cookies, isDataRequest: false }, t.ctx)).toBeNull();
	});

	it('a live update’s data request never takes the secret meant for the page loading meanwhile', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, value: SECRET });
		const url = new URL(`http://tweespraak.test${PAGE}?shown=1`);
		const cookies = browserCookies();
		cookies.set(flashCookieName('secret'), token, { path: '/' });
		expect(await takeSecret({ url, cookies, isDataRequest: true }, t.ctx)).toBeNull();
		expect(await takeSecret({ url, cookies, isDataRequest: false }, t.ctx)).toEqual({ state: 'show', secret: SECRET });
	});

	it('a replayed cookie after the secret was shown finds nothing', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, value: SECRET });
		const url = new URL(`http://tweespraak.test${PAGE}?shown=1`);
		const first = browserCookies();
		first.set(flashCookieName('secret'), token, { path: '/' });
		expect((await takeSecret({ url, cookies: first, isDataRequest: false }, t.ctx))?.state).toBe('show');
		const replay = browserCookies();
		replay.set(flashCookieName('secret'), token, { path: '/' });
		expect(await takeSecret({ url, cookies: replay, isDataRequest: false }, t.ctx)).toEqual({ state: 'spent' });
	});
});
