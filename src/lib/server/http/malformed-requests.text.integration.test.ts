// Text fields are cleaned the same on both databases: control characters such as NUL are removed,
// and a required field of invisible characters only counts as empty. Against the real built server,
// on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { useMalformedRequestsServer } from '../testing/malformed-requests.ts';
import { getTestDialects } from '../testing/test-context.ts';

describe.each(getTestDialects())('text with control or invisible characters is cleaned the same on both databases (%s)', (dialect) => {
	const s = useMalformedRequestsServer(dialect);

	it('a NUL byte in a team name is removed, the same on both databases (regression: PostgreSQL refused it with a 500)', async () => {
		const response = await s.send('team with NUL', '/admin/teams?/create', {
			method: 'POST',
			cookie: s.adminCookie,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=Wijk%00team%07%20Oost'
		});
		expect(response.status).toBe(303);
		const page = await (await fetch(new URL('/admin/teams', s.app.baseURL), { headers: { cookie: s.adminCookie } })).text();
		expect(page).toContain('Wijkteam Oost');
	});

	it('a required name of invisible characters only (zero-width, fillers, blank braille) is refused as empty with its translated message, and stores nothing', async () => {
		const before = await s.countRows('teams');
		for (const name of ['\u200B', ' \u200B\u200C\u200D\u2060 ', '\u00AD\uFEFF', '\u115F\u1160', '\u3164', '\u2800', '\u180E']) {
			const response = await fetch(new URL('/admin/teams?/create', s.app.baseURL), {
				method: 'POST',
				headers: { origin: s.app.baseURL, cookie: s.adminCookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams({ name }),
				redirect: 'manual'
			});
			expect(response.status, JSON.stringify(name)).toBe(400);
			expect(await response.text(), JSON.stringify(name)).toContain('Vul dit veld in.');
		}
		expect(await s.countRows('teams')).toBe(before);
	});
});
