// Every page a test shows is checked with axe (WCAG 2.2 A/AA). This test proves the check itself
// fails on a page that breaks the rules, for a phone with and one without JavaScript.
import { checkPage, expect, test, visit } from './fixtures.ts';
import { expectAccessibleWithoutScripts } from './support/a11y.ts';

test('the accessibility check fails a page with a field nobody can name, with and without JavaScript', async ({
	newPage,
	browser,
	baseURL
}) => {
	const withScript = await newPage();
	await visit(withScript, '/sign-in');
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
