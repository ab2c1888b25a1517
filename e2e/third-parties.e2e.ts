// Privacy: Tweespraak's pages load everything from its own server (fonts, scripts, icons) and
// call no analytics, CDN or font service. Every tracked page asserts this too; this test
// walks through every page a visitor and an admin can reach from the menu. Every tracked page
// also fails its test when the browser blocked anything under the Content-Security-Policy.
import { cspViolationsOf, expect, isSameOrigin, requestsOf, test, visit } from './fixtures.ts';
import { expectTrackedPageClean } from './support/tracking.ts';

test('no page makes a request to a host other than the app', async ({ page, adminPage, mainApp }) => {
	const origin = new URL(mainApp.baseURL).origin;

	for (const path of ['/sign-in', '/forgot-password', '/invitation/not-a-real-token', '/does-not-exist']) await visit(page, path);

	await visit(adminPage, '/start');
	const menu = await adminPage
		.getByRole('navigation')
		.getByRole('link')
		.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
	expect(menu).toContain('/admin/staff');
	for (const path of menu) await visit(adminPage, path);

	for (const tracked of [page, adminPage]) {
		const requests = requestsOf(tracked);
		expect(requests.length).toBeGreaterThan(10);
		expect(requests.filter((url) => !isSameOrigin(url, origin))).toEqual([]);
	}
});

test('a page on which the browser blocks an inline style fails the end-of-test check', async ({ newPage }) => {
	const [withScript, withoutScript] = [await newPage(), await newPage({ javaScriptEnabled: false })];
	// Styles come from the app's own files, or inline from SvelteKit with a nonce: never 'unsafe-inline'.
	const policy = (await withScript.request.get('/sign-in')).headers()['content-security-policy'] ?? '';
	expect(policy).toMatch(/(^|; )style-src 'self'( 'nonce-[^']+')?(;|$)/);
	await visit(withScript, '/sign-in');
	// SvelteKit's route announcer keeps its look without the inline style it came with.
	await expect(withScript.locator('#svelte-announcer')).toHaveCSS('position', 'absolute');
	// What a server-rendered style="…" attribute or a library's injected style would do.
	await withScript.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
	await expect
		.poll(() => cspViolationsOf(withScript))
		.toContainEqual(expect.stringContaining('[csp-violation] style-src-attr blocked inline'));
	// Without JavaScript no event listener runs: Chromium's own console line is what is seen.
	await withoutScript.route('**/sign-in', async (route) => {
		const response = await route.fetch();
		const html = (await response.text()).replace('<main', '<main style="outline: 1px solid red"');
		await route.fulfill({ response, body: html });
	});
	await visit(withoutScript, '/sign-in');
	await expect
		.poll(() => cspViolationsOf(withoutScript))
		.toContainEqual(expect.stringContaining("violates the following Content Security Policy directive 'style-src 'self'"));
	for (const page of [withScript, withoutScript]) {
		expect(() => expectTrackedPageClean(page)).toThrow(/Content-Security-Policy/);
		// Clean again, so the fixture's own end-of-test check passes for this test.
		cspViolationsOf(page, { clear: true });
	}
});
