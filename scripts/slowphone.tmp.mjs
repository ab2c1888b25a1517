import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { openContext, buildRunningConversations } from './bench/fixtures.mjs';
import { makeTempDir, onCleanup, runCleanups, startServer } from './bench/lib.mjs';
import { joinOverHttp } from './bench/page-weight.mjs';
import { PARTICIPANT_PAGE } from './bench/ratings.mjs';
import { SLOW_4G, CPU_SLOWDOWN, measureSlowPhone } from './bench/slow-phone.mjs';
const dataDir = makeTempDir('sp');
const server = await startServer({ port: 4398, dataDir });
const ctx = await openContext({ dataDir });
try {
	console.log(JSON.stringify(await measureSlowPhone({ ctx, server })));
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	const [conversation] = await buildRunningConversations(ctx, { count: 1, participants: 1, claimed: 0 });
	const cookie = await joinOverHttp(server.base, conversation);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
	const [name, value] = cookie.split(';')[0].split('=');
	await context.addCookies([{ name, value, url: server.base }]);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	await page.goto(`${server.base}${PARTICIPANT_PAGE}`, { waitUntil: 'load' });
	const info = await page.evaluate(async () => {
		await document.fonts.ready;
		const nav = performance.getEntriesByType('navigation')[0];
		return {
			nav: { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, size: nav.transferSize },
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
			res: performance.getEntriesByType('resource').map((r) => ({ name: r.name.replace(location.origin, ''), start: Math.round(r.startTime), end: Math.round(r.responseEnd), size: r.transferSize, type: r.initiatorType })),
			now: performance.now()
		};
	});
	console.log(JSON.stringify(info, null, 1));
	await browser.close();
} finally {
	await ctx.database.destroy();
	await server.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
	await runCleanups();
}
