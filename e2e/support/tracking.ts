// Every page a test opens is tracked: each document (and each client-side route change) it
// shows must have passed the axe check, every request it makes must go to the app itself, and
// the browser must never have blocked anything under the Content-Security-Policy.
// The fixtures in e2e/fixtures.ts assert all three when the test ends.
import { expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutScripts } from './a11y.ts';

interface Shown {
	url: string;
	checked: boolean;
}

interface Tracking {
	origin: string;
	javaScriptEnabled: boolean;
	shown: Shown[];
	requests: string[];
	/** What the browser reported as blocked by the Content-Security-Policy, in order. */
	cspViolations: string[];
}

const tracked = new WeakMap<Page, Tracking>();

const withoutHash = (url: string) => url.split('#')[0];

const CSP_MARK = '[csp-violation]';

/**
 * Runs in every document before the app's own scripts: each `securitypolicyviolation` event
 * (what the browser blocked, and where) becomes a console message the test records. Init scripts
 * are not subject to the page's policy.
 */
function reportCspViolations(mark: string): void {
	document.addEventListener(
		'securitypolicyviolation',
		(event) => {
			const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` : '';
			const sample = event.sample ? ` (${JSON.stringify(event.sample)})` : '';
			console.error(
				`${mark} ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${document.location.pathname}${where}${sample}`
			);
		},
		true
	);
}

/**
 * A console message about the Content-Security-Policy: the event reported by the init script,
 * or Chromium's own "Refused to … because it violates the following Content Security Policy
 * directive" line, which is there even when the page runs no script.
 */
function cspViolationIn(message: ConsoleMessage): string | undefined {
	const text = message.text();
	if (text.startsWith(CSP_MARK) || /Content Security Policy/i.test(text)) return text;
	return undefined;
}

/** Makes every page of `context` (opened from now on) report CSP violations; await before opening one. */
export async function reportCspViolationsIn(target: BrowserContext | Page): Promise<void> {
	await target.addInitScript(reportCspViolations, CSP_MARK);
}

/** Starts recording what `page` shows and requests; `baseURL` is the only origin it may reach. */
export function trackPage(page: Page, baseURL: string, javaScriptEnabled = true): void {
	const tracking: Tracking = { origin: new URL(baseURL).origin, javaScriptEnabled, shown: [], requests: [], cspViolations: [] };
	tracked.set(page, tracking);
	page.on('console', (message) => {
		const violation = cspViolationIn(message);
		if (violation !== undefined) tracking.cspViolations.push(violation);
	});
	// The address of the document on its way to the main frame, from its answer (not a redirect)
	// until it arrives there. Not from the request: while a form post is on its way (a password
	// hashed at full cost takes half a second), the page still shown may write its own history
	// entry at that same address (SvelteKit's replaceState), which would count as the new document
	// and leave an entry nobody checks once the post redirects elsewhere.
	let loadingDocument: string | undefined;
	page.on('request', (request) => void tracking.requests.push(request.url()));
	page.on('response', (response) => {
		const request = response.request();
		if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
		if (response.status() >= 300 && response.status() < 400) return;
		loadingDocument = withoutHash(response.url());
	});
	page.on('framenavigated', (frame) => {
		if (frame !== page.mainFrame() || !frame.url().startsWith('http')) return;
		const url = frame.url();
		const previous = tracking.shown.at(-1)?.url;
		// A new document arrives at the address its request went to. Until it does, the page still
		// shown may write its own history entry: SvelteKit's history.replaceState when its script
		// starts, which on two busy cores comes a second or two after the load event, so after a
		// quick check (a page state axe passed before) and the next step's click or visit. That is
		// the same document at the same address, not the new one arriving.
		const newDocument = loadingDocument !== undefined && withoutHash(url) === loadingDocument;
		if (newDocument) loadingDocument = undefined;
		// A new document is always a new page. Without one, only a client-side route change is:
		// SvelteKit's history.replaceState at start-up and in-page links (#main) are not.
		if (!newDocument && previous !== undefined && withoutHash(url) === withoutHash(previous)) return;
		tracking.shown.push({ url, checked: false });
	});
}

export function trackContext(context: BrowserContext, baseURL: string, javaScriptEnabled = true): void {
	for (const page of context.pages()) trackPage(page, baseURL, javaScriptEnabled);
	context.on('page', (page) => trackPage(page, baseURL, javaScriptEnabled));
}

/** Runs axe on what the page shows now and records that this page has been checked. */
export async function checkPage(page: Page): Promise<void> {
	const tracking = tracked.get(page);
	if (tracking?.javaScriptEnabled === false) await expectAccessibleWithoutScripts(page);
	else await expectAccessible(page);
	const current = tracking?.shown.at(-1);
	if (current) current.checked = true;
}

/**
 * For a page that loads itself again on every change (the participant's live screen): the
 * documents it showed before the current one, at the same address, count as checked once the
 * current one is. Call it right after checkPage on such a page.
 */
export function markShownChecked(page: Page): void {
	const tracking = tracked.get(page);
	const current = tracking?.shown.at(-1);
	if (!tracking || !current?.checked) return;
	for (const shown of tracking.shown) if (withoutHash(shown.url) === withoutHash(current.url)) shown.checked = true;
}

/** The requests a tracked page has made so far (for tests that assert on them directly). */
export function requestsOf(page: Page): string[] {
	return [...(tracked.get(page)?.requests ?? [])];
}

export function isSameOrigin(url: string, origin: string): boolean {
	// data: and blob: URLs never leave the browser.
	if (url.startsWith('data:') || url.startsWith('blob:')) return true;
	return new URL(url).origin === origin;
}

/** The addresses of the pages `page` has shown and that have not passed the axe check yet, in order. */
export function uncheckedPagesOf(page: Page): string[] {
	return (tracked.get(page)?.shown ?? []).filter((shown) => !shown.checked).map((shown) => shown.url);
}

/** The end-of-test assertions for one page. */
export function expectTrackedPageClean(page: Page): void {
	const tracking = tracked.get(page);
	if (!tracking) return;
	const unchecked = uncheckedPagesOf(page);
	expect(unchecked, 'pages shown without an accessibility check (use visit(), submit() or checkPage())').toEqual([]);
	const foreign = tracking.requests.filter((url) => !isSameOrigin(url, tracking.origin));
	expect(foreign, `requests to a host other than ${tracking.origin}`).toEqual([]);
	expect(tracking.cspViolations, 'Content-Security-Policy violations (the policy blocked something the page needs)').toEqual([]);
}

/**
 * The CSP violations a tracked page has reported so far, for the test of the check itself
 * (which also clears them, so its own end-of-test check passes).
 */
export function cspViolationsOf(page: Page, options: { clear?: boolean } = {}): string[] {
	const tracking = tracked.get(page);
	const violations = [...(tracking?.cspViolations ?? [])];
	if (tracking && options.clear) tracking.cspViolations = [];
	return violations;
}
