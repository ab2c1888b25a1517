// The test API for e2e/*.e2e.ts: Playwright's `test` with the installations and pages a
// test needs. Every page handed out is tracked (support/tracking.ts) and checked at the end.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test as base, type BrowserContextOptions, type Page } from '@playwright/test';
import { findFreePort, startApp, type RunningApp } from './support/server.ts';
import { readMainState, type MainState } from './support/state.ts';
import { expectTrackedPageClean, reportCspViolationsIn, trackContext, trackPage } from './support/tracking.ts';

export { expect, type Page } from '@playwright/test';
export * from './support/actions.ts';
export { extractLink, readMails, type Mail } from './support/mail.ts';
export { checkPage, cspViolationsOf, requestsOf, isSameOrigin } from './support/tracking.ts';
export { runCli } from './support/server.ts';
export { MAIN_ADMIN, MAIN_ORGANISATION } from './support/state.ts';

interface TestFixtures {
	/** Attaches the end of the shared server's log to a failed test's report. */
	serverLogOnFailure: void;
	/** Opens a tracked page in a new browser context (own cookies); closed after the test. */
	newPage: (options?: BrowserContextOptions) => Promise<Page>;
	/** A tracked page signed in as organisation A's first admin on the shared server. */
	adminPage: Page;
	/** A brand-new installation (own server, own data dir) that has not been set up yet. */
	freshApp: RunningApp;
}

interface WorkerFixtures {
	/** The shared server started by global setup, with organisation A already set up. */
	mainApp: MainState;
}

// Each worker has its own small range of ports for fresh installations (4180–4190).
const FRESH_PORTS_PER_WORKER = 3;

/** A client address of the test's own (10.x.y.z), the same for every page it opens, new on a retry. */
function addressOf(testId: string, retry: number): string {
	const [a, b, c] = createHash('sha256').update(`${testId}:${retry}`).digest();
	return `10.${a}.${b}.${Math.max(1, c! % 254)}`;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
	// The shared server reads the client's address from X-Forwarded-For (global-setup.ts).
	extraHTTPHeaders: async ({}, use, testInfo) => {
		await use({ 'x-forwarded-for': addressOf(testInfo.testId, testInfo.retry) });
	},

	mainApp: [
		async ({}, use) => {
			await use(readMainState());
		},
		{ scope: 'worker' }
	],

	serverLogOnFailure: [
		async ({ mainApp }, use, testInfo) => {
			await use();
			if (testInfo.status === testInfo.expectedStatus || !fs.existsSync(mainApp.logFile)) return;
			const tail = fs.readFileSync(mainApp.logFile, 'utf8').split('\n').slice(-200).join('\n');
			await testInfo.attach('shared-server.log (last 200 lines)', { body: tail, contentType: 'text/plain' });
		},
		{ auto: true }
	],

	page: async ({ page, baseURL }, use, testInfo) => {
		await reportCspViolationsIn(page);
		trackPage(page, baseURL!);
		await use(page);
		// After a failure the test stopped mid-way; its unchecked last page is no news.
		if (testInfo.status === 'passed') expectTrackedPageClean(page);
	},

	newPage: async ({ browser, baseURL, contextOptions, locale, timezoneId, extraHTTPHeaders }, use, testInfo) => {
		const opened: Page[] = [];
		await use(async (options = {}) => {
			const context = await browser.newContext({ ...contextOptions, locale, timezoneId, baseURL, extraHTTPHeaders, ...options });
			await reportCspViolationsIn(context);
			trackContext(context, options.baseURL ?? baseURL!, options.javaScriptEnabled ?? true);
			const page = await context.newPage();
			opened.push(page);
			return page;
		});
		try {
			if (testInfo.status === 'passed') for (const page of opened) expectTrackedPageClean(page);
		} finally {
			await Promise.all(opened.map((page) => page.context().close()));
		}
	},

	adminPage: async ({ newPage, mainApp }, use) => {
		await use(await newPage({ storageState: mainApp.adminStorageState }));
	},

	freshApp: async ({ mainApp }, use, testInfo) => {
		const first = 4180 + ((testInfo.parallelIndex * FRESH_PORTS_PER_WORKER) % 9);
		const port = await findFreePort(first, Math.min(first + FRESH_PORTS_PER_WORKER - 1, 4190));
		const app = await startApp({ port, dataDir: path.join(mainApp.runDir, `fresh-${port}-${Date.now()}`) });
		await use(app);
		await app.stop();
		if (testInfo.status !== testInfo.expectedStatus) {
			await testInfo.attach('server.log', { path: app.logFile, contentType: 'text/plain' });
		} else if (!process.env.TWEESPRAAK_E2E_KEEP) {
			fs.rmSync(app.dataDir, { recursive: true, force: true });
		}
	}
});
