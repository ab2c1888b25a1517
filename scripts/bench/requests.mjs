// Request latency of a few plain pages (the first figures of docs/BENCHMARKS.md).
import { cookiesFrom, request, runPool, summarise } from './lib.mjs';

export const REQUESTS = 400;
export const CONCURRENCY = 8;

/** Completes the first-run setup through its form; returns the new admin's session cookie. */
export async function setupAdmin(server) {
	const link = server.setupLink();
	if (!link) throw new Error('no setup link in the server output');
	const body = new URLSearchParams({
		organisationName: 'Bench',
		clientTerm: 'client',
		defaultLocale: 'nl',
		adminName: 'Bench Admin',
		adminEmail: 'bench@example.nl',
		password: 'bench password long enough',
		passwordConfirm: 'bench password long enough'
	});
	const response = await request(link.replace(/^http:\/\/localhost:\d+/, server.base), {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: server.base, accept: 'text/html' }
	});
	return cookiesFrom(response);
}

/** REQUESTS GETs of one URL, CONCURRENCY at a time. */
export async function measureRequests(url, cookie) {
	const times = [];
	const started = performance.now();
	await runPool(Array.from({ length: REQUESTS }), CONCURRENCY, async () => {
		const t = performance.now();
		const response = await request(url, { headers: cookie ? { cookie } : {} });
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`${url} answered ${response.status}`);
		// A lost session would be sent to the sign-in page: that is not the page meant.
		if (response.redirected) throw new Error(`${url} redirected to ${response.url}`);
		times.push(performance.now() - t);
	});
	const total = performance.now() - started;
	return { ...summarise(times), perSecond: (REQUESTS / total) * 1000 };
}

export async function measurePlainRequests(server, cookie) {
	return {
		'GET /healthz': await measureRequests(`${server.base}/healthz`),
		'GET /sign-in (anonymous page)': await measureRequests(`${server.base}/sign-in`),
		'GET /admin/staff (signed in, database reads)': await measureRequests(`${server.base}/admin/staff`, cookie)
	};
}
