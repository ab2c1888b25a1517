// A redirect target that comes from a request (`next=`) never leaves the site, however a browser
// would read it. Against the real built server, on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { ADMIN, useMalformedRequestsServer } from '../testing/malformed-requests.ts';
import { getTestDialects } from '../testing/test-context.ts';

describe.each(getTestDialects())('a redirect target from a request stays on the site (%s)', (dialect) => {
	const s = useMalformedRequestsServer(dialect);

	it('signing in from a link whose next= would leave the site lands on the start page, signed in (regression: a 500)', async () => {
		for (const next of ['/\t/evil.example', '/\u3002/evil.example', '/.//evil.example', '//evil.example']) {
			const response = await s.send(`sign-in next=${JSON.stringify(next)}`, '/sign-in', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.77.0.2' },
				body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, next })
			});
			expect(response.status, next).toBe(303);
			const location = response.headers.get('location')!;
			expect(new URL(location, s.app.baseURL).origin, next).toBe(s.app.baseURL);
			expect(location, next).toMatch(/^\/(?!\/)/);
		}
	});
});
