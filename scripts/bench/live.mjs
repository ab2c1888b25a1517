// Live-event delay: with CONVERSATIONS quick checks open at once, each followed by participant 1's
// screen over server-sent events, participant 2 submits; measured from the start of that submit
// until the `change` event reaches participant 1's stream, and until participant 1's page has been
// loaded again (what the screen does on that event).
import { buildRunningConversations, quickCheckItemKeys, submitRatingsInProcess } from './fixtures.mjs';
import { request, rssMb, runPool, sleep, summarise } from './lib.mjs';
import { PARTICIPANT_PAGE, loadRatingForm, postRatings } from './ratings.mjs';

export const CONVERSATIONS = 200;
export const CONCURRENCY = 10;
const EVENT_TIMEOUT_MS = 10_000;

/**
 * One participant's event stream: resolves `ready` after the server's first line (it subscribes
 * before sending it); `next(types)` resolves with the arrival time of the next change of one of these types.
 */
async function openStream(base, conversationId, token, abort) {
	const response = await request(`${base}/live/conversations/${conversationId}`, {
		headers: { cookie: `tweespraak_device=${token}`, accept: 'text/event-stream' },
		signal: abort.signal
	});
	if (!response.ok) throw new Error(`the live stream answered ${response.status}`);
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	let connected = false;
	let waiter;
	const events = [];
	const pump = (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			const at = performance.now();
			buffer += value;
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (block.includes(': connected')) connected = true;
				const name = /^event: (.*)$/m.exec(block)?.[1];
				const data = /^data: (.*)$/m.exec(block)?.[1];
				if (name === 'change') events.push({ at, ...JSON.parse(data) });
				waiter?.();
			}
		}
	})().catch((error) => {
		if (error.name !== 'AbortError') throw error;
	});
	const waitFor = async (test, what) => {
		const deadline = performance.now() + EVENT_TIMEOUT_MS;
		for (;;) {
			const found = test();
			if (found) return found;
			const left = deadline - performance.now();
			if (left <= 0) throw new Error(`no ${what} on the stream of ${conversationId} within ${EVENT_TIMEOUT_MS} ms`);
			await Promise.race([new Promise((resolve) => (waiter = resolve)), sleep(Math.min(left, 250))]);
		}
	};
	await waitFor(() => connected, 'first line');
	return {
		pump,
		next: (types, after) => waitFor(() => events.find((e) => e.at >= after && types.includes(e.type)), 'change event')
	};
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
		const streams = await runPool(conversations, 20, (c) => openStream(server.base, c.conversationId, c.devices[0].token, abort));
		const toEvent = [];
		const toScreen = [];
		const submitTimes = [];
		await runPool(conversations, CONCURRENCY, async (conversation, index) => {
			const [watcher, submitter] = conversation.devices;
			const t0 = performance.now();
			const arrival = streams[index].next(['party.submitted', 'phase.changed'], t0);
			if (form) await postRatings(server.base, submitter.token, form, itemKeys, index);
			else
				await submitRatingsInProcess(ctx, submitter.actor, Object.fromEntries(itemKeys.map((key, i) => [key, (index * 7 + i * 13) % 101])));
			submitTimes.push(performance.now() - t0);
			const event = await arrival;
			toEvent.push(event.at - t0);
			await reloadPage(server.base, watcher.token);
			toScreen.push(performance.now() - t0);
		});
		return {
			memoryWithStreams: rssMb(server.child.pid),
			via: form ? 'http' : 'usecase',
			streams: streams.length,
			submit: summarise(submitTimes),
			toEvent: summarise(toEvent),
			toScreen: summarise(toScreen)
		};
	} finally {
		abort.abort();
	}
}
