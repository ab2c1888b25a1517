// Every page a test shows is checked with axe (WCAG 2.2 A/AA). These tests prove the check itself
// fails on a page that breaks the rules, for a phone with and one without JavaScript, and that
// the pages a test must check are the ones it showed: each new document, no fewer and no more.
import { checkPage, expect, test, visit } from './fixtures.ts';
import { expectAccessibleWithoutScripts } from './support/a11y.ts';
import { uncheckedPagesOf } from './support/tracking.ts';

test('the accessibility check fails a page with a field nobody can name, with and without JavaScript', async ({
	newPage,
	browser,
	baseURL
}) => {
	const withScript = await newPage();
	await visit(withScript, '/sign-in');
	// Once the app's script has started: hydrating a page whose labels were just taken away would
	// put them back, and the check would see the page as served (the check is quick enough now).
	await withScript.locator('html[data-started]').waitFor({ state: 'attached' });
	await withScript.evaluate(() => document.querySelectorAll('main label').forEach((label) => label.remove()));
	await expect(checkPage(withScript)).rejects.toThrow(/WCAG 2\.2 A\/AA violations[\s\S]*label/);
	// Back to the page as served, so the fixture's own end-of-test check passes.
	await visit(withScript, '/sign-in');

	const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
	try {
		const withoutScript = await context.newPage();
		await withoutScript.route('**/sign-in', async (route) => {
			const response = await route.fetch();
			const html = (await response.text()).replace(/<label\b[\s\S]*?<\/label>/g, '');
			await route.fulfill({ response, body: html });
		});
		await withoutScript.goto('/sign-in');
		await expect(expectAccessibleWithoutScripts(withoutScript)).rejects.toThrow(/WCAG 2\.2 A\/AA violations[\s\S]*label/);
	} finally {
		await context.close();
	}
});

test('a page counts as shown when its document arrives, not when the page still shown writes its history entry meanwhile', async ({
	newPage,
	baseURL
}) => {
	const page = await newPage();
	await visit(page, '/sign-in');
	// SvelteKit's first history entry, written when its script starts, is not the one this test is
	// about: with a quick check its script may start only now, and its entry would come first.
	await page.locator('html[data-started]').waitFor({ state: 'attached' });
	const order: string[] = [];
	page.on('request', (request) => {
		if (request.isNavigationRequest()) order.push(`request ${new URL(request.url()).pathname}`);
	});
	const rewritten = page.waitForEvent('framenavigated', (frame) => frame.url() === `${baseURL}/sign-in`);
	void rewritten.then(() => order.push('history entry of /sign-in'));
	// The next page's document is held on its way until the page still shown has written its
	// history entry, as SvelteKit's script does when it starts: on two busy cores that comes after
	// the load event, after a quick check (a page state axe passed before) and the next step.
	await page.route('**/forgot-password', async (route) => {
		await rewritten;
		await route.continue();
	});
	const loaded = page.waitForEvent('load');
	// A link the browser follows itself (clicked before SvelteKit's script took over the links).
	await page.evaluate(() => {
		location.assign('/forgot-password');
		setTimeout(() => history.replaceState({ ...history.state, started: true }, '', location.href), 500);
	});
	await loaded;
	expect(order).toEqual(['request /forgot-password', 'history entry of /sign-in']);
	expect(uncheckedPagesOf(page), 'the page that arrived, and only that one, waits for its check').toEqual([`${baseURL}/forgot-password`]);
	await checkPage(page);
	expect(uncheckedPagesOf(page)).toEqual([]);
});
