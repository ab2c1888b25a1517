import { isRedirect, type Cookies } from '@sveltejs/kit';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { FLASH_TTL_MS, flashCookieName, flashOwner, putFlash, takeFlash } from './flash.ts';
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
/** The professional signed in in this browser, and their session. */
const SIGNED_IN = { type: 'staff', userId: 'u1', organisationId: 'o1', roles: ['professional'], locale: 'nl', sessionId: 's1' } as const;
const locals = { actor: SIGNED_IN };
const OWNER = flashOwner(SIGNED_IN);

describeOnBothDatabases('flash across a redirect', (dialect) => {
	const t = useTestContext(dialect);

	it('is read once, by the page it is for, and then gone', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, owner: OWNER, value: SECRET });
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: '/elsewhere', owner: OWNER })).toBeUndefined();
		expect(await takeFlash(t.ctx, { token, kind: 'drafts', path: PAGE, owner: OWNER })).toBeUndefined();
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: PAGE, owner: OWNER })).toEqual(SECRET);
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: PAGE, owner: OWNER })).toBeUndefined();
	});

	it('is stored encrypted: the database alone holds neither the secret nor the cookie’s token', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, owner: OWNER, value: SECRET });
		const rows = await sql<{ id: string; payload: string }>`select id, payload from flash_entries`.execute(t.ctx.db);
		const stored = JSON.stringify(rows.rows);
		expect(stored).not.toContain('tweespraak.test');
		expect(stored).not.toContain('Sam de Vries');
		expect(stored).not.toContain(token);
	});

	it('is useless after two minutes, and a wrong or forged token reads nothing', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, owner: OWNER, value: SECRET });
		expect(
			await takeFlash(t.ctx, { token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), kind: 'secret', path: PAGE, owner: OWNER })
		).toBeUndefined();
		expect(await takeFlash(t.ctx, { token: 'not a token', kind: 'secret', path: PAGE, owner: OWNER })).toBeUndefined();
		t.ctx.clock.advance(FLASH_TTL_MS);
		expect(await takeFlash(t.ctx, { token, kind: 'secret', path: PAGE, owner: OWNER })).toBeUndefined();
	});

	it('a secret made by a post is shown once after the redirect; a reload says it was shown and shows nothing', async () => {
		const cookies = browserCookies();
		const postUrl = new URL(`http://tweespraak.test${PAGE}?/showLink`);
		let location = '';
		try {
			await redirectWithSecret({ url: postUrl, cookies, locals }, t.ctx, {
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
		expect(await takeSecret({ url: shownUrl, cookies, isDataRequest: false, locals }, t.ctx)).toEqual({ state: 'show', secret: SECRET });
		expect(cookies.jar.has(flashCookieName('secret'))).toBe(false);
		// The reload (and the back button) comes without the cookie, and would find nothing with it.
		expect(await takeSecret({ url: shownUrl, cookies, isDataRequest: false, locals }, t.ctx)).toEqual({ state: 'spent' });
		expect(await takeSecret({ url: new URL(`http://tweespraak.test${PAGE}`), cookies, isDataRequest: false, locals }, t.ctx)).toBeNull();
	});

	it('a live update’s data request never takes the secret meant for the page loading meanwhile', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, owner: OWNER, value: SECRET });
		const url = new URL(`http://tweespraak.test${PAGE}?shown=1`);
		const cookies = browserCookies();
		cookies.set(flashCookieName('secret'), token, { path: '/' });
		expect(await takeSecret({ url, cookies, isDataRequest: true, locals }, t.ctx)).toBeNull();
		expect(await takeSecret({ url, cookies, isDataRequest: false, locals }, t.ctx)).toEqual({ state: 'show', secret: SECRET });
	});

	it('is its owner’s only: whoever signs in next in the same browser, or a signed-out visitor, is shown nothing of it, and it is gone', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, owner: OWNER, value: SECRET });
		const url = new URL(`http://tweespraak.test${PAGE}?shown=1`);
		const cookies = browserCookies();
		cookies.set(flashCookieName('secret'), token, { path: '/' });
		const nextColleague = { ...SIGNED_IN, userId: 'u2', sessionId: 's2' };
		expect(await takeSecret({ url, cookies, isDataRequest: false, locals: { actor: nextColleague } }, t.ctx)).toEqual({ state: 'spent' });
		cookies.set(flashCookieName('secret'), token, { path: '/' });
		expect(await takeSecret({ url, cookies, isDataRequest: false, locals }, t.ctx)).toEqual({ state: 'spent' });

		const drafts = await putFlash(t.ctx, { kind: 'drafts', path: PAGE, owner: OWNER, value: { note: 'wat ik typte' } });
		expect(await takeFlash(t.ctx, { token: drafts, kind: 'drafts', path: PAGE, owner: flashOwner({ type: 'anonymous' }) })).toBeUndefined();
		const own = await putFlash(t.ctx, { kind: 'drafts', path: PAGE, owner: OWNER, value: { note: 'wat ik typte' } });
		const device = { type: 'participant', deviceSessionId: 's1' } as Parameters<typeof flashOwner>[0];
		expect(await takeFlash(t.ctx, { token: own, kind: 'drafts', path: PAGE, owner: flashOwner(device) })).toBeUndefined();
		const mine = await putFlash(t.ctx, { kind: 'drafts', path: PAGE, owner: OWNER, value: { note: 'wat ik typte' } });
		expect(await takeFlash(t.ctx, { token: mine, kind: 'drafts', path: PAGE, owner: OWNER })).toEqual({ note: 'wat ik typte' });
	});

	it('a replayed cookie after the secret was shown finds nothing', async () => {
		const token = await putFlash(t.ctx, { kind: 'secret', path: PAGE, owner: OWNER, value: SECRET });
		const url = new URL(`http://tweespraak.test${PAGE}?shown=1`);
		const first = browserCookies();
		first.set(flashCookieName('secret'), token, { path: '/' });
		expect((await takeSecret({ url, cookies: first, isDataRequest: false, locals }, t.ctx))?.state).toBe('show');
		const replay = browserCookies();
		replay.set(flashCookieName('secret'), token, { path: '/' });
		expect(await takeSecret({ url, cookies: replay, isDataRequest: false, locals }, t.ctx)).toEqual({ state: 'spent' });
	});
});
