// A body the server cannot read (broken multipart, text/plain, JSON to a form, binary) or an action
// the page does not have is refused with 400 and a clear message, and nothing runs or changes; never
// a 500. Against the real built server, on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { JSON_BODY, malformedBodies, useMalformedRequestsServer } from '../testing/malformed-requests.ts';
import { getTestDialects } from '../testing/test-context.ts';

describe.each(getTestDialects())('an unreadable form post is refused with 400 and changes nothing (%s)', (dialect) => {
	const s = useMalformedRequestsServer(dialect);

	it('a form action with a broken multipart or text/plain body answers 400 with a clear message, and changes nothing', async () => {
		for (const [type, body] of malformedBodies(['name']).slice(0, 6)) {
			const response = await fetch(new URL('/admin/teams?/create', s.app.baseURL), {
				method: 'POST',
				headers: { origin: s.app.baseURL, cookie: s.adminCookie, 'content-type': type!, accept: 'text/html' },
				body: body as BodyInit,
				redirect: 'manual'
			});
			expect(response.status, type!).toBe(400);
			expect(await response.text()).toContain('Dit verzoek klopt niet');
		}
		const page = await (await fetch(new URL('/admin/teams', s.app.baseURL), { headers: { cookie: s.adminCookie } })).text();
		expect(page).not.toContain('half');
	});

	it('an unreadable body to an action that takes no fields answers 400 and the action does not run (regression: it reset a wording)', async () => {
		const list = await (await fetch(new URL('/admin/wording', s.app.baseURL), { headers: { cookie: s.adminCookie } })).text();
		let page: string | undefined;
		for (const [, candidate] of list.matchAll(/href="(\/admin\/wording\/nl\/\w+)"/g)) {
			const saved = await s.send('wording save', `${candidate}?/save`, {
				method: 'POST',
				cookie: s.adminCookie,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ text: 'Onze eigen tekst' })
			});
			if (saved.status === 303) {
				page = candidate;
				break;
			}
		}
		expect(page, 'a wording the admin can save').toBeDefined();
		const before = await s.countRows('message_overrides');
		expect(before).toBeGreaterThan(0);
		for (const [type, body] of malformedBodies(['text']).slice(0, 6)) {
			const response = await fetch(new URL(`${page}?/reset`, s.app.baseURL), {
				method: 'POST',
				headers: { origin: s.app.baseURL, cookie: s.adminCookie, 'content-type': type!, accept: 'text/html' },
				body: body as BodyInit,
				redirect: 'manual'
			});
			expect(response.status, type!).toBe(400);
			expect(await response.text(), type!).toContain('Dit verzoek klopt niet');
		}
		expect(await s.countRows('message_overrides')).toBe(before);
	});

	it('hand-over and release with a JSON body answer 400, not 500', async () => {
		for (const url of ['/participation/handover', '/participation/release']) {
			const response = await s.send(`json ${url}`, url, {
				method: 'POST',
				cookie: s.adminCookie,
				headers: { 'content-type': JSON_BODY[0] },
				body: JSON_BODY[1]
			});
			expect(response.status, url).toBe(400);
		}
	});

	it('POST ?/default on a page with named actions answers 400, not 500', async () => {
		const response = await s.send('default', '/admin/teams?/default', {
			method: 'POST',
			cookie: s.adminCookie,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=x'
		});
		expect(response.status).toBe(400);
	});
});
