import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with a readable list when axe finds any WCAG 2.2 A/AA violation on the current page. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const violations = results.violations.map(
		(violation) =>
			`${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
	expect(violations, `WCAG 2.2 A/AA violations on ${label}`).toEqual([]);
}

/**
 * axe is a script, and a page in a context without JavaScript cannot run it. So the page's
 * document as served (scripts removed, as that visitor sees it) is checked in a scratch page
 * that can, with the same address and viewport so styles and relative links resolve alike.
 */
export async function expectAccessibleWithoutScripts(page: Page): Promise<void> {
	const url = page.url().split('#')[0]!;
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const scratch = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
	try {
		const copy = await scratch.newPage();
		await copy.route(
			(candidate) => candidate.href === url,
			(route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
		);
		await copy.goto(url);
		await expectAccessible(copy, `${url} (without JavaScript)`);
	} finally {
		await scratch.close();
	}
}
