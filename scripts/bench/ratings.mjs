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

/** Every form control of the page, in document order, with the attributes a browser posts by. */
function controlsOf(html) {
	return [...html.matchAll(/<(input|select|textarea|button)\b[^>]*>/gi)].map(([tag, element], index) => ({
		index,
		element: element.toLowerCase(),
		name: attribute(tag, 'name'),
		type: (attribute(tag, 'type') ?? (element.toLowerCase() === 'button' ? 'submit' : 'text')).toLowerCase(),
		value: attribute(tag, 'value'),
		form: attribute(tag, 'form'),
		formaction: attribute(tag, 'formaction'),
		checked: /\schecked(?=[\s>=/])/i.test(tag),
		offset: html.indexOf(tag)
	}));
}

/**
 * The rating form on the participant screen, as a browser sees it, and how a browser posts it:
 * the action, and the form data in document order, with one of the offered values per item
 * (chosen per submission). Client pages hold one page form (src/lib/page-form.ts): every control
 * is tied to the hidden `<form id="page-form">` by its `form` attribute, the rating's radios are
 * named `<group>:<item>`, and the pressed button (`__submit=<group>`, with its `formaction`) names
 * the group; a page without it has an ordinary form around the fields. Undefined when the screen
 * has no rating form (yet).
 */
export function findRatingForm(html, itemKeys) {
	const controls = controlsOf(html);
	for (const [formTag] of html.matchAll(/<form\b[^>]*>/gi)) {
		if ((attribute(formTag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
		const id = attribute(formTag, 'id');
		const start = html.indexOf(formTag);
		const end = html.indexOf('</form>', start);
		const owned = controls.filter((c) => (c.form !== undefined ? c.form === id && id !== undefined : c.offset > start && c.offset < end));
		// The item radios: named by the item (an ordinary form) or `<group>:<item>` (the page form).
		const group = ['', ...new Set(owned.map((c) => /^([\w-]+):/.exec(c.name ?? '')?.[1]).filter(Boolean))].find((prefix) =>
			itemKeys.every((key) => owned.some((c) => c.type === 'radio' && c.name === (prefix ? `${prefix}:${key}` : key)))
		);
		if (group === undefined) continue;
		const itemOf = new Map(itemKeys.map((key) => [group ? `${group}:${key}` : key, key]));
		const submit = owned.find(
			(c) => c.type === 'submit' && (group ? c.name === '__submit' && (c.value === group || c.value?.startsWith(`${group}?`)) : true)
		);
		const fields = [];
		const offered = Object.fromEntries(itemKeys.map((key) => [key, []]));
		for (const control of owned) {
			const item = itemOf.get(control.name ?? '');
			if (item !== undefined) {
				if (/^\d+$/.test(control.value ?? '')) offered[item].push(Number(control.value));
				if (!fields.some((field) => field.item === item)) fields.push({ item, name: control.name });
			} else if (control === submit) {
				if (control.name) fields.push({ name: control.name, value: control.value ?? '' });
			} else if (control.name && control.element === 'input' && control.type !== 'submit' && control.type !== 'button') {
				if ((control.type === 'radio' || control.type === 'checkbox') && !control.checked) continue;
				fields.push({ name: control.name, value: control.value ?? (control.type === 'checkbox' ? 'on' : '') });
			}
		}
		return { action: submit?.formaction ?? attribute(formTag, 'action') ?? '', fields, offered };
	}
	return undefined;
}

/** The form body for one submission: per item an offered value (or one of the 0–10 line's points, stored 0–100). */
function formBody(form, itemKeys, seed) {
	const body = new URLSearchParams();
	for (const field of form.fields) {
		if (field.item === undefined) {
			body.append(field.name, field.value);
			continue;
		}
		const i = itemKeys.indexOf(field.item);
		const offered = form.offered[field.item];
		body.append(field.name, String(offered.length > 0 ? offered[(seed + i) % offered.length] : ((seed * 7 + i * 13) % 11) * 10));
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

/**
 * The ceiling of this app's request path on this machine: `GET /healthz` goes through the same
 * server wrapper, hooks (request id, security headers, locale, input guard, authentication of a
 * visitor without cookies) and routing as every page, then runs one `select 1` and answers a few
 * bytes of JSON. No page or form of the app can be answered faster than this.
 */
export async function measureRouteFloor({ server }) {
	const get = async () => {
		const response = await request(`${server.base}/healthz`);
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
	};
	await runPool(Array.from({ length: WARMUP }), CONCURRENCY, get);
	const count = CONVERSATIONS * 4;
	const cpuBefore = cpuSnapshot(server.child.pid);
	const started = performance.now();
	await runPool(Array.from({ length: count }), CONCURRENCY, get);
	const total = performance.now() - started;
	return { count, perSecond: (count / total) * 1000, cpu: cpuPerOperation(cpuBefore, cpuSnapshot(server.child.pid), count) };
}
