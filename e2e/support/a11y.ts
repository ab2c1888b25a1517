import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type BrowserContext, type CDPSession, type Page, type ViewportSize } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe-core itself, run in the page. @axe-core/playwright's AxeBuilder opens a helper page in the
// context for every check to merge frame results (our pages have no frames), which made a check
// take about a second; injected once per document and run directly, it takes tens of milliseconds.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Puts axe into the page's current document. Through the page's own DevTools session, not
 * `page.evaluate(source)`: Playwright first tries to compile a string it is given, twice, to
 * learn whether it is a function, which for axe's 650 KB took longer than sending it; this
 * halved the time of putting axe into a page (decision 024, part seven). Not an init script:
 * that would send axe along with every document of the context, checked or not.
 */
const devtools = new WeakMap<Page, Promise<CDPSession>>();
async function injectAxe(page: Page): Promise<void> {
	let session = devtools.get(page);
	if (!session) {
		session = page.context().newCDPSession(page);
		devtools.set(page, session);
	}
	const { exceptionDetails } = await (await session).send('Runtime.evaluate', { expression: AXE_SOURCE });
	if (exceptionDetails) throw new Error(`axe could not be put into ${page.url()}: ${exceptionDetails.text}`);
}
const RUN_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };

declare global {
	interface Window {
		/** The page state axe sees, as a hash (installed by pageState, read again around the run). */
		__tweespraakAxeState?: () => Promise<string>;
	}
}

/**
 * Everything axe's result depends on, as one string: the document as it is now (attributes,
 * text, inline styles; the per-request CSP nonce left out, which the browser hides anyway), the
 * stylesheets, what was typed or chosen in each control, focus and hover, the viewport and the
 * media features. Two documents with the same state get the same axe result. Hashed in the page
 * (SHA-256): the state is 20–170 KB, and only its hash travels back to the test (decision 024,
 * part seven); where the page has no Web Crypto (not a secure context) the state itself does.
 */
function pageState(): Promise<string> {
	if (!window.__tweespraakAxeState) {
		const describe = () => {
			const all = [...document.querySelectorAll('*')];
			const controls = [...document.querySelectorAll('input, textarea, select')].map((control) =>
				control instanceof HTMLSelectElement
					? `s${control.selectedIndex}`
					: control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')
						? `c${Number(control.checked)}`
						: `v${(control as HTMLInputElement).value}`
			);
			const sheets = [...document.styleSheets].map((sheet) => {
				try {
					return `${sheet.href ?? 'inline'}:${[...sheet.cssRules].map((rule) => rule.cssText).join('')}`;
				} catch {
					return `${sheet.href}:?`;
				}
			});
			const hovered = [...document.querySelectorAll(':hover')].at(-1);
			const media = [
				'(prefers-color-scheme: dark)',
				'(prefers-reduced-motion: reduce)',
				'(forced-colors: active)',
				'(prefers-contrast: more)'
			];
			return JSON.stringify({
				html: document.documentElement.outerHTML.replace(/\snonce="[^"]*"/g, ''),
				controls,
				sheets,
				focus: all.indexOf(document.activeElement!),
				focusVisible: document.activeElement?.matches(':focus-visible') ?? false,
				hover: hovered ? all.indexOf(hovered) : -1,
				viewport: [window.innerWidth, window.innerHeight, window.devicePixelRatio],
				media: media.map((query) => window.matchMedia(query).matches)
			});
		};
		window.__tweespraakAxeState = async () => {
			const state = describe();
			if (!crypto.subtle) return `state:${state}`;
			const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(state)));
			return `sha256:${btoa(String.fromCharCode(...digest))}`;
		};
	}
	return window.__tweespraakAxeState();
}

/**
 * The page states axe found without violations in this worker, by hash (see pageState). A page
 * shown again in exactly such a state (the sign-in page, the join page, a list unchanged since
 * the last visit) has been checked: its result is known without running axe again. A state with
 * violations is never stored, so a failing page fails on every visit.
 */
const passedStates = new Set<string>();
/** The same for documents checked as a visitor without JavaScript sees them: scripts removed, by viewport. */
const passedStatesWithoutScripts = new Set<string>();
const hashOf = (state: string) => createHash('sha256').update(state).digest('base64');

/** Where the time of each check goes, one JSON line per check (with the test's title), when TWEESPRAAK_E2E_AXE_LOG names a file. */
function logCheck(entry: Record<string, unknown>): void {
	const file = process.env.TWEESPRAAK_E2E_AXE_LOG;
	if (!file) return;
	let title: string | undefined;
	try {
		title = test.info().title;
	} catch {
		// Outside a test (a fixture's teardown): no title.
	}
	fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, test: title, at: Date.now(), ...entry })}\n`);
}

async function runAxe(page: Page): Promise<AxeResults['violations']> {
	const started = performance.now();
	const state = await page.evaluate(pageState);
	if (passedStates.has(state)) {
		logCheck({ url: page.url(), known: true, ms: Math.round(performance.now() - started) });
		return [];
	}
	const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
	if (!loaded) await injectAxe(page);
	const injected = performance.now();
	const { before, after, violations } = await page.evaluate(async (options) => {
		const axe = (window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe;
		const stateBefore = await window.__tweespraakAxeState!();
		const results = await axe.run(document, options);
		return { before: stateBefore, after: await window.__tweespraakAxeState!(), violations: results.violations };
	}, RUN_OPTIONS);
	// Only a state that held still while axe ran, and that axe passed, counts as checked later.
	if (violations.length === 0 && before === after) passedStates.add(before);
	logCheck({
		url: page.url(),
		known: false,
		stable: before === after,
		injectMs: Math.round(injected - started),
		runMs: Math.round(performance.now() - injected)
	});
	return violations;
}

/** Fails with a readable list when axe finds any WCAG 2.2 A/AA violation on the current page. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
	const violations = (await runAxe(page)).map(
		(violation) =>
			`${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
	expect(violations, `WCAG 2.2 A/AA violations on ${label}`).toEqual([]);
	await expectNoSidewaysScroll(page, label);
}

/**
 * WCAG 2.2 1.4.10 (reflow), which axe does not test: at a phone's width (320 to 480 CSS px) no page
 * scrolls sideways. Every page a test shows at such a width is held to it here, once, instead of
 * in a few tests by hand (an outside review found the insights charts' screen-reader table
 * widening three staff pages to 379–550 px at 360).
 */
async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
	const width = page.viewportSize()?.width;
	if (width === undefined || width < 320 || width > 480) return;
	const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	expect(scrollWidth, `${label} scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
}

/**
 * axe is a script, and a page in a context without JavaScript cannot run it. So the page's
 * document as served (scripts removed, as that visitor sees it) is checked in a scratch page
 * that can, with the same address and viewport so styles and relative links resolve alike.
 */
export async function expectAccessibleWithoutScripts(page: Page): Promise<void> {
	const url = page.url().split('#')[0]!;
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	// The same document at the same size was checked before in this worker and passed.
	const state = hashOf(JSON.stringify({ html: html.replace(/\snonce="[^"]*"/g, ''), viewport: page.viewportSize() }));
	if (passedStatesWithoutScripts.has(state)) {
		logCheck({ url, known: true, withoutScripts: true });
		return;
	}
	const copy = await (await scratchContext(page.context().browser()!, page.viewportSize())).newPage();
	try {
		await copy.route(
			(candidate) => candidate.href === url,
			(route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
		);
		await copy.goto(url);
		await expectAccessible(copy, `${url} (without JavaScript)`);
		passedStatesWithoutScripts.add(state);
	} finally {
		await copy.close();
	}
}

/**
 * One context per browser and viewport holds the scratch pages (a page each, closed after its
 * check); opening a context per check cost a new renderer every time. It has no cookies: the
 * copy is fulfilled from the HTML above, the rest (styles, images) is public.
 */
const scratchContexts = new WeakMap<Browser, Map<string, Promise<BrowserContext>>>();
function scratchContext(browser: Browser, viewport: ViewportSize | null): Promise<BrowserContext> {
	const byViewport = scratchContexts.get(browser) ?? new Map<string, Promise<BrowserContext>>();
	scratchContexts.set(browser, byViewport);
	const key = JSON.stringify(viewport);
	if (!byViewport.has(key)) byViewport.set(key, browser.newContext({ viewport }));
	return byViewport.get(key)!;
}
