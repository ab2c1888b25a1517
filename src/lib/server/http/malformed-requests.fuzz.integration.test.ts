// Malformed requests against the real built server (scripts/server.mjs), on SQLite and, with
// TEST_DATABASE_URL, on PostgreSQL: every form action and endpoint found under src/routes (so a
// new route is covered without touching this file), anonymously and as a signed-in admin, with
// broken bodies, NUL bytes and other controls in every field, bad route and query parameters and
// redirect targets that leave the site. None may answer 5xx or write an error line to the log.
// The other malformed-requests.*.integration.test.ts files hold the rules found this way, one each.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	ADMIN,
	enumerateRoutes,
	fieldNames,
	JSON_BODY,
	malformedBodies,
	mixedBody,
	useMalformedRequestsServer,
	UUID
} from '../testing/malformed-requests.ts';
import { getTestDialects } from '../testing/test-context.ts';

describe.each(getTestDialects())('never a 5xx nor an error line in the log for any malformed request (%s)', (dialect) => {
	const s = useMalformedRequestsServer(dialect);

	it('at least 1,000 malformed requests over every form action and endpoint: never a 5xx, never an error line in the log', async () => {
		const targets = enumerateRoutes();
		expect(targets.length).toBeGreaterThan(30);
		const fields = fieldNames();
		const bodies = malformedBodies(fields);
		let turn = 0;
		for (const who of ['anonymous', 'admin'] as const) {
			const cookie = who === 'admin' ? s.adminCookie : undefined;
			for (const target of targets) {
				// Signing out would end the admin's session half-way.
				if (who === 'admin' && target.routeId === '/sign-out') continue;
				for (const action of target.actions) {
					// Signing out on a handed-over device ends the session it is sent with, whatever the body.
					if (who === 'admin' && action === '?/signOut') continue;
					const url = target.path + action;
					// Always a broken multipart body, text/plain and JSON; as admin (past the sign-in redirect) also SvelteKit's
					// binary form, every field with a nasty value, and one more kind in turn, so each kind reaches many actions.
					turn += 1;
					const chosen =
						who === 'anonymous'
							? [bodies[0]!, bodies[3]!]
							: [bodies[0]!, bodies[3]!, bodies[5]!, mixedBody(fields, turn), bodies[turn % bodies.length]!];
					for (const [type, body] of [...chosen, JSON_BODY]) {
						await s.send(`${who} POST ${url} ${type}`, url, {
							method: 'POST',
							cookie,
							headers: type ? { 'content-type': type } : {},
							body: body as BodyInit
						});
					}
				}
				// A GET-only endpoint without parameters gets bad queries; one with parameters gets bad values below.
				if (target.kind === 'endpoint' && target.actions.length === 0 && target.params.length === 0) {
					for (const query of ['?q=%C3%28', '?reference=%00&from=%00&staff=x']) {
						await s.send(`${who} GET ${target.path}${query}`, target.path + query, { cookie });
					}
				}
				if (target.kind === 'page') {
					await s.send(`${who} POST ${target.path}?/default`, `${target.path}?/default`, {
						method: 'POST',
						cookie,
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body: 'a=b'
					});
					for (const query of [
						'?next=/%09/evil.example',
						'?next=/%E3%80%82/evil.example',
						'?code=%00',
						'?team=%00&period=%00',
						'?q=%C3%28'
					]) {
						await s.send(`${who} GET ${target.path}${query}`, target.path + query, { cookie });
					}
				}
				/** A GET of `path`, and a form post of `body` to its first action. */
				const getAndPost = async (path: string, body: string) => {
					await s.send(`${who} GET ${path}`, path, { cookie });
					await s.send(`${who} POST ${path}`, path + (target.actions[0] ?? ''), {
						method: 'POST',
						cookie,
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body
					});
				};
				// A path that a browser reads as another site's (a Post/Redirect/Get back to it was a 500).
				for (const odd of [`/${target.path}`, `/\\${target.path.slice(1)}`, `//evil.example${target.path}`]) {
					await getAndPost(odd, '__page=%2Fc&__group=&__submit=&name=a');
				}
				for (const param of target.params.length > 0 ? ['a%00b', '%C0%AF', 'x'.repeat(3000)] : []) {
					await getAndPost(target.path.replace(UUID, param).replace('x'.repeat(43), param).replace('onbekend', param), 'name=a');
				}
			}
		}
		// /metrics (METRICS_TOKEN is set for this server): a missing, broken or wrong token is a 401, never more.
		for (const authorization of ['', 'Bearer', 'Bearer x', `Bearer ${'x'.repeat(5000)}`, 'Basic %00', 'Bearer \u00e9t\u00e9']) {
			const response = await s.send(`metrics ${authorization.slice(0, 20)}`, '/metrics', {
				headers: authorization ? { authorization: encodeURI(authorization) } : {}
			});
			expect(response.status).toBe(401);
		}
		// Cookies are input too: the app's own, decoded by SvelteKit and better-auth.
		for (const value of ['%00', 'a%00b', '%ED%A0%80', '%', 'x'.repeat(4000)]) {
			const cookie = [
				'tweespraak.session_token',
				'tweespraak_device',
				'tweespraak_handover',
				'tweespraak_locale',
				'tweespraak_known_device'
			]
				.map((name) => `${name}=${value}`)
				.join('; ');
			for (const url of ['/', '/start', '/c', '/handover/return', '/join?code=AAAAAAAA']) await s.send(`cookie ${url}`, url, { cookie });
			await s.send('cookie sign-in', '/sign-in', {
				method: 'POST',
				cookie,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: ADMIN.email, password: 'wrong password' })
			});
		}
		expect(s.outcomes.length).toBeGreaterThanOrEqual(1000);
		expect(s.outcomes.filter((outcome) => outcome.status >= 500)).toEqual([]);
		const errorLines = fs
			.readFileSync(s.app.logFile, 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('{') && (JSON.parse(line) as { level?: number }).level! >= 50);
		expect(errorLines).toEqual([]);
	}, 300_000);
});
