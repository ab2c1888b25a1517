// How soon a cheap phone on slow 4G can use the rating page on its first visit, in Chromium:
// 150 ms latency, 1.6 Mbit/s down and 750 kbit/s up (Lighthouse's "slow 4G"), the CPU slowed
// four times, an empty cache. "Usable" is when the page has loaded (its styles and scripts) and
// its fonts are ready (the last font load done, taken in the page): the rating form is then shown
// as it is meant to be and answers a tap.
import { chromium } from '@playwright/test';
import { buildRunningConversations } from './fixtures.mjs';
import { joinOverHttp } from './page-weight.mjs';
import { PARTICIPANT_PAGE } from './ratings.mjs';

export const SLOW_4G = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
export const CPU_SLOWDOWN = 4;
const RUNS = 5;

export async function measureSlowPhone({ ctx, server }) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	const runs = [];
	try {
		const conversations = await buildRunningConversations(ctx, { count: RUNS, participants: 1, claimed: 0 });
		for (const conversation of conversations) {
			const cookie = await joinOverHttp(server.base, conversation);
			const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
			const [name, value] = cookie.split(';')[0].split('=');
			await context.addCookies([{ name, value, url: server.base }]);
			// When the fonts became ready, taken in the page as it happens: asking afterwards would
			// time the question (a round trip to a page whose CPU is slowed four times), not the fonts.
			await context.addInitScript(() => {
				const fonts = document.fonts;
				const mark = () => {
					if (fonts.status === 'loaded') window.__fontsReadyAt = performance.now();
				};
				fonts.addEventListener('loadingdone', mark);
				fonts.addEventListener('loadingerror', mark);
			});
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
			await page.goto(`${server.base}${PARTICIPANT_PAGE}`, { waitUntil: 'load' });
			const timing = await page.evaluate(async () => {
				await document.fonts.ready;
				// No loading event: the page needed no font that was not already there.
				const fontsReady = window.__fontsReadyAt ?? 0;
				const [navigation] = performance.getEntriesByType('navigation');
				const paint = performance.getEntriesByName('first-contentful-paint')[0];
				return {
					firstByte: navigation.responseStart,
					firstPaint: paint?.startTime ?? null,
					loaded: navigation.loadEventEnd || performance.now(),
					fontsReady
				};
			});
			if (!(await page.locator('form').first().isVisible())) throw new Error('the rating page shows no form');
			runs.push({ ...timing, usable: Math.max(timing.loaded, timing.fontsReady) });
			await context.close();
		}
	} finally {
		await browser.close();
	}
	const median = (key) => {
		const values = runs.map((run) => run[key]).sort((a, b) => a - b);
		return values[Math.floor(values.length / 2)];
	};
	return {
		runs: runs.length,
		firstByte: median('firstByte'),
		firstPaint: median('firstPaint'),
		loaded: median('loaded'),
		fontsReady: median('fontsReady'),
		usable: median('usable')
	};
}
