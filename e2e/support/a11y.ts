import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe-core itself, run in the page. @axe-core/playwright's AxeBuilder opens a helper page in the
// context for every check to merge frame results (our pages have no frames), which made a check
// take about a second; injected once per document and run directly, it takes tens of milliseconds.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RUN_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };

async function runAxe(page: Page): Promise<AxeResults> {
	const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
	if (!loaded) await page.evaluate(AXE_SOURCE);
	return page.evaluate(
		(options) =>
			(window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe.run(document, options),
		RUN_OPTIONS
	);
}

/** Fails with a readable list when axe finds any WCAG 2.2 A/AA violation on the current page. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
	const results = await runAxe(page);
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
