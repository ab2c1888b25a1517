import { defineConfig } from '@playwright/test';
import { chromiumForTests } from './scripts/test-browser.mjs';

// Playwright never downloads a browser here: it drives the system's Chromium, its headless shell
// when installed (scripts/test-browser.mjs).
const chromium = chromiumForTests();
const port = Number(process.env.E2E_PORT || 4173);

export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './e2e/global-setup.ts',
	// Tests run in parallel on the two cores, also the tests of one file (each builds its own
	// collaborations); a file whose tests share what its beforeAll seeded says mode 'default'.
	workers: 2,
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	// Every page is checked with axe and for CSP violations, a few seconds each on two busy cores.
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		headless: true,
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		actionTimeout: 10_000,
		navigationTimeout: 15_000,
		// Recording a trace costs every test CPU (DOM snapshots per action, the screencast), also
		// the tests that pass; in CI a failing test is run again and its retry recorded (decision
		// 024, part four). Locally, without retries, a failing test keeps its trace.
		trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run'
			]
		}
	}
});
