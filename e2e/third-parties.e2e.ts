// Privacy: Tweespraak's pages load everything from its own server (fonts, scripts, icons) and
// call no analytics, CDN or font service. Every tracked page asserts this too; this test
// walks through every page a visitor and an admin can reach from the menu.
import { expect, isSameOrigin, requestsOf, test, visit } from './fixtures.ts';

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
