// Live-event delay: with CONVERSATIONS quick checks open at once, each followed by participant 1's
// screen over server-sent events, participant 2 submits; measured from the start of that submit
// until the `change` event reaches participant 1's stream, and until participant 1's page has been
// loaded again (what the screen does on that event).
import http from 'node:http';
import { buildRunningConversations, quickCheckItemKeys, submitRatingsInProcess } from './fixtures.mjs';
import { request, rssMb, runPool, summarise } from './lib.mjs';
import { PARTICIPANT_PAGE, loadRatingForm, postRatings } from './ratings.mjs';

/** Quick checks open at once; both participants' devices follow each over a live stream. */
export const CONVERSATIONS = 1000;
export const STREAMS = CONVERSATIONS * 2;
export const CONCURRENCY = 10;
const EVENT_TIMEOUT_MS = 10_000;

/** Streams go over plain node:http sockets: 2,000 fetch streams would cost the bench more than the server. */
const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * One participant's event stream: resolves after the server's first line (it subscribes before
 * sending it); `next(types, after)` resolves with the first change of one of these types that
 * arrived at or after `after`.
 */
function openStream(base, conversationId, token, abort) {
	return new Promise((resolve, reject) => {
		const url = new URL(`/live/conversations/${conversationId}`, base);
		const req = http.get(url, {
			agent: streamAgent,
			headers: { cookie: `tweespraak_device=${token}`, accept: 'text/event-stream' },
			signal: abort.signal
		});
		const events = [];
		const waiters = new Set();
		let buffer = '';
		let connected = false;
		const settle = () => {
			for (const waiter of waiters) waiter();
		};
		req.on('error', (error) => {
			if (error.name !== 'AbortError') reject(error);
		});
		req.on('response', (response) => {
			if (response.statusCode !== 200) {
				response.resume();
				reject(new Error(`the live stream answered ${response.statusCode}`));
				return;
			}
			response.setEncoding('utf8');
			response.on('error', () => undefined);
			response.on('data', (chunk) => {
				const at = performance.now();
				buffer += chunk;
				let end;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					if (!connected && block.includes(': connected')) {
						connected = true;
						resolve(stream);
					}
					const name = /^event: (.*)$/m.exec(block)?.[1];
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (name === 'change') events.push({ at, ...JSON.parse(data) });
				}
				settle();
			});
		});
		const stream = {
			next: (types, after) =>
				new Promise((found, failed) => {
					const check = () => {
						const event = events.find((e) => e.at >= after && types.includes(e.type));
						if (!event) return;
						clearTimeout(timer);
						waiters.delete(check);
						found(event);
					};
					const timer = setTimeout(() => {
						waiters.delete(check);
						failed(new Error(`no change event on the stream of ${conversationId} within ${EVENT_TIMEOUT_MS} ms`));
					}, EVENT_TIMEOUT_MS);
					waiters.add(check);
					check();
				})
		};
		setTimeout(() => {
			if (!connected) reject(new Error(`no first line on the stream of ${conversationId} within ${EVENT_TIMEOUT_MS} ms`));
		}, EVENT_TIMEOUT_MS).unref();
	});
}

/**
 * Participant 1's screen on a change: participant pages ship no SvelteKit client, and
 * static/live-client.js loads the page again (a plain GET of the HTML).
 */
async function reloadPage(base, token) {
	const response = await request(`${base}${PARTICIPANT_PAGE}`, { headers: { cookie: `tweespraak_device=${token}`, accept: 'text/html' } });
	await response.arrayBuffer();
	if (!response.ok) throw new Error(`${PARTICIPANT_PAGE} answered ${response.status}`);
}

/**
 * `submitVia` 'http' posts participant 2's rating form to `server`; 'usecase' submits in this
 * process (on PostgreSQL the NOTIFY then crosses from this process to the server's LISTEN).
 */
export async function measureLiveDelay({ ctx, server, submitVia }) {
	const itemKeys = await quickCheckItemKeys(ctx);
	const conversations = await buildRunningConversations(ctx, { count: CONVERSATIONS, participants: 2 });
	const form = submitVia === 'http' ? await loadRatingForm(server.base, conversations[0].devices[1].token, itemKeys) : undefined;
	if (submitVia === 'http' && !form) throw new Error('no rating form on the participant screen');
	const abort = new AbortController();
	try {
		const open = (some) =>
			runPool(some, 20, async (c) => {
				const [watcher, submitter] = await Promise.all(
					c.devices.map((device) => openStream(server.base, c.conversationId, device.token, abort))
				);
				return { watcher, submitter };
			});
		// Memory is read twice: at issue 17's own condition (1,000 streams) and with all of them open.
		const half = Math.ceil(conversations.length / 2);
		const firstHalf = await open(conversations.slice(0, half));
		const memoryWithHalfTheStreams = rssMb(server.child.pid);
		const streams = [...firstHalf, ...(await open(conversations.slice(half)))];
		const memoryWithStreams = rssMb(server.child.pid);
		const toEvent = [];
		const toScreen = [];
		const submitTimes = [];
		await runPool(conversations, CONCURRENCY, async (conversation, index) => {
			const [watcher, submitter] = conversation.devices;
			const t0 = performance.now();
			const arrival = streams[index].watcher.next(['party.submitted', 'phase.changed'], t0);
			if (form) await postRatings(server.base, submitter.token, form, itemKeys, index);
			else
				// One of the line's points (0, 10, …, 100): a rating off them is refused (decision 020).
				await submitRatingsInProcess(
					ctx,
					submitter.actor,
					Object.fromEntries(itemKeys.map((key, i) => [key, ((index * 7 + i * 13) % 11) * 10]))
				);
			submitTimes.push(performance.now() - t0);
			const event = await arrival;
			toEvent.push(event.at - t0);
			await reloadPage(server.base, watcher.token);
			toScreen.push(performance.now() - t0);
		});
		return {
			memoryWithStreams,
			memoryWithHalfTheStreams,
			halfTheStreams: half * 2,
			via: form ? 'http' : 'usecase',
			streams: streams.length * 2,
			submit: summarise(submitTimes),
			toEvent: summarise(toEvent),
			toScreen: summarise(toScreen)
		};
	} finally {
		abort.abort();
	}
}
