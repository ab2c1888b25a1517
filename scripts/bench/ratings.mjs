// Rating submissions per second: every participant of N running quick checks submits their
// complete ratings once. Over HTTP (the participant's rating form, posted as a browser without
// JavaScript would) when the participant screen has that form, else through the usecase. Beside
// them, a bare `node:http` hello-world under the same load generator, as the yardstick.
import { buildRunningConversations, countSubmitted, quickCheckItemKeys, submitRatingsInProcess } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { cpuPerOperation, cpuSnapshot, request, runPool, sleep, summarise } from './lib.mjs';

export const CONVERSATIONS = 600;
export const CONCURRENCY = 12;
/** Submissions before the timed ones, so the server's code paths are compiled (steady state, not start-up). */
export const WARMUP = 100;
export const PARTICIPANT_PAGE = '/c';

const decode = (text) =>
	text
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
const attribute = (tag, name) => {
	const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
	return match ? decode(match[2] ?? match[3] ?? match[4]) : undefined;
};

/**
 * The rating form on the participant screen, as a browser sees it: the form holding a field per
 * item, its action, and the body to post (hidden fields as they are; per item one of the offered
 * values, chosen by `pick`). Undefined when the screen has no such form (yet).
 */
export function findRatingForm(html, itemKeys) {
	for (const [, formTag, inner] of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/gi)) {
		const fields = [...inner.matchAll(/<(input|select|textarea)\b[^>]*>/gi)].map(([tag]) => ({
			tag,
			name: attribute(tag, 'name'),
			type: (attribute(tag, 'type') ?? 'text').toLowerCase(),
			value: attribute(tag, 'value')
		}));
		if (!itemKeys.every((key) => fields.some((f) => f.name === key))) continue;
		if ((attribute(formTag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
		const hidden = fields.filter((f) => f.type === 'hidden' && f.name && !itemKeys.includes(f.name));
		const offered = Object.fromEntries(
			itemKeys.map((key) => [
				key,
				fields.filter((f) => f.name === key && f.value !== undefined && /^\d+$/.test(f.value)).map((f) => Number(f.value))
			])
		);
		return { action: attribute(formTag, 'action') ?? '', hidden, offered };
	}
	return undefined;
}

/** The form body for one submission: per item an offered value (or a value on the 0–100 scale). */
function formBody(form, itemKeys, seed) {
	const body = new URLSearchParams();
	for (const field of form.hidden) body.append(field.name, field.value ?? '');
	for (const [i, key] of itemKeys.entries()) {
		const offered = form.offered[key];
		body.append(key, String(offered.length > 0 ? offered[(seed + i) % offered.length] : (seed * 7 + i * 13) % 101));
	}
	return body;
}

/** Loads the participant screen for a device and looks for the rating form. */
export async function loadRatingForm(base, token, itemKeys) {
	const response = await request(`${base}${PARTICIPANT_PAGE}`, { headers: { cookie: `tweespraak_device=${token}`, accept: 'text/html' } });
	const html = await response.text();
	if (!response.ok) throw new Error(`${PARTICIPANT_PAGE} answered ${response.status}`);
	return findRatingForm(html, itemKeys);
}

/**
 * Posts the rating form with a device cookie, as a browser without JavaScript does; with
 * `follow`, also loads the page the answer redirects to, as the browser then does.
 */
export async function postRatings(base, token, form, itemKeys, seed, follow = false) {
	const url = new URL(form.action, `${base}${PARTICIPANT_PAGE}`);
	const response = await request(url, {
		method: 'POST',
		body: formBody(form, itemKeys, seed),
		redirect: 'manual',
		headers: { cookie: `tweespraak_device=${token}`, origin: base, accept: 'text/html' }
	});
	const text = await response.text();
	if (response.status >= 400) throw new Error(`POST ${url.pathname}${url.search} answered ${response.status}: ${text.slice(0, 200)}`);
	const location = response.headers.get('location');
	if (follow && location) {
		const page = await request(new URL(location, url), { headers: { cookie: `tweespraak_device=${token}`, accept: 'text/html' } });
		await page.arrayBuffer();
		if (!page.ok) throw new Error(`${location} answered ${page.status} after the submit`);
	}
	return response.status;
}

/**
 * Prepares CONVERSATIONS running quick checks with one joined participant each, then lets every
 * participant submit once, CONCURRENCY at a time. `server` is the running server on that database.
 * `follow`: each submit also loads the page it redirects to (the whole round trip of a phone).
 */
export async function measureRatingThroughput({ ctx, server, follow = false }) {
	const itemKeys = await quickCheckItemKeys(ctx);
	const prepared = await buildRunningConversations(ctx, { count: WARMUP + CONVERSATIONS, participants: 1 });
	const form = await loadRatingForm(server.base, prepared[0].devices[0].token, itemKeys);
	const via = form ? 'http' : 'usecase';
	const submit = async (conversation, index) => {
		const device = conversation.devices[0];
		if (form) await postRatings(server.base, device.token, form, itemKeys, index, follow);
		else await submitRatingsInProcess(ctx, device.actor, Object.fromEntries(itemKeys.map((key, i) => [key, ((index + i) % 11) * 10])));
	};
	await runPool(prepared.slice(0, WARMUP), CONCURRENCY, submit);
	const conversations = prepared.slice(WARMUP);
	const times = [];
	const cpuBefore = cpuSnapshot(server.child.pid);
	const started = performance.now();
	await runPool(conversations, CONCURRENCY, async (conversation, index) => {
		const t = performance.now();
		await submit(conversation, index);
		times.push(performance.now() - t);
	});
	const total = performance.now() - started;
	const cpu = cpuPerOperation(cpuBefore, cpuSnapshot(server.child.pid), conversations.length);
	const submitted = await countSubmitted(ctx, conversations, 0);
	if (submitted !== conversations.length) throw new Error(`only ${submitted} of ${conversations.length} submissions were stored`);
	return {
		via,
		follow,
		action: form?.action,
		count: conversations.length,
		perSecond: (conversations.length / total) * 1000,
		seconds: total / 1000,
		cpu,
		...summarise(times)
	};
}

/** The yardstick: a bare `node:http` hello-world in a process of its own, as the server is. */
const HELLO_WORLD = `require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); }).listen(Number(process.env.PORT), '127.0.0.1');`;

/**
 * Requests per second to a bare `node:http` hello-world on this machine, measured with the same
 * load generator (fetch, CONCURRENCY at a time, WARMUP first) in the same run: the submissions
 * are printed as a share of it, which says more than a figure taken on a machine of unknown speed.
 */
export async function measureBareHttp({ port }) {
	const child = spawn(process.execPath, ['-e', HELLO_WORLD], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		const url = `http://localhost:${port}/`;
		const get = async () => {
			const response = await request(url);
			await response.arrayBuffer();
			if (!response.ok) throw new Error(`the hello-world answered ${response.status}`);
		};
		for (
			let i = 0;
			i < 100 &&
			!(await get().then(
				() => true,
				() => false
			));
			i++
		)
			await sleep(50);
		await runPool(Array.from({ length: WARMUP }), CONCURRENCY, get);
		const count = CONVERSATIONS * 4;
		const started = performance.now();
		await runPool(Array.from({ length: count }), CONCURRENCY, get);
		return { count, perSecond: (count / (performance.now() - started)) * 1000 };
	} finally {
		child.kill('SIGTERM');
		await exited;
	}
}
