// Records everything a browser context receives from the app: every response body (documents,
// SvelteKit's __data.json, scripts, styles) and every message on a server-sent event stream.
// Used to prove that a participant's browser never received another party's ratings before
// the reveal — not on the screen, not in the page source, not in the network traffic.
import type { BrowserContext, CDPSession, Page, Response } from '@playwright/test';

export interface Received {
	/** Order of arrival within this recorder. */
	seq: number;
	url: string;
	kind: 'response' | 'event';
	status: number;
	body: string;
}

export interface TrafficRecorder {
	/** Waits until every body that has arrived so far has been read. */
	settle(): Promise<void>;
	/** Everything received so far (after settle()). */
	received(): Received[];
	/** Responses whose body could not be read: where they came in, the URL and why. */
	unreadable(): { seq: number; reason: string }[];
	/** Starts following a page of the context that was opened after the recorder. */
	follow(page: Page): Promise<void>;
}

const EVENT_STREAM = 'text/event-stream';
const IMMUTABLE = /^https?:\/\/[^/]+\/_app\/immutable\//;
const TEXTUAL = /^(text\/|application\/(json|javascript|xml|[\w.+-]*\+(json|xml))|image\/svg\+xml)/;

/** Starts recording on every current and future page of `context` (Chromium only: uses CDP for the event streams). */
export async function recordTraffic(context: BrowserContext): Promise<TrafficRecorder> {
	const received: Received[] = [];
	const unreadable: { seq: number; reason: string }[] = [];
	const pending = new Set<Promise<void>>();
	const sessions: CDPSession[] = [];
	let seq = 0;

	const onResponse = (response: Response) => {
		const status = response.status();
		const type = response.headers()['content-type'] ?? '';
		// Redirects have no body; event streams never end and are recorded message by message;
		// fonts and images cannot hold a rating (the reveal draws its markers as inline SVG); nor can
		// the build's own files under /_app/immutable/, named by a hash of their content and the same
		// for every visitor. Their bodies were not always readable (the browser may drop a cached
		// script's body before it is asked for: a flaky "No resource with given identifier").
		if ((status >= 300 && status < 400) || type.startsWith(EVENT_STREAM) || !TEXTUAL.test(type) || IMMUTABLE.test(response.url())) {
			received.push({ seq: seq++, url: response.url(), kind: 'response', status, body: '' });
			return;
		}
		const entry: Received = { seq: seq++, url: response.url(), kind: 'response', status, body: '' };
		received.push(entry);
		const reading = response
			.body()
			.then((body) => {
				entry.body = body.toString('utf8');
			})
			.catch((error: unknown) => {
				const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
				unreadable.push({ seq: entry.seq, reason: `${response.url()}: ${reason}` });
			})
			.finally(() => pending.delete(reading));
		pending.add(reading);
	};
	context.on('response', onResponse);

	async function follow(page: Page): Promise<void> {
		const session = await context.newCDPSession(page);
		sessions.push(session);
		const urls = new Map<string, string>();
		session.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
		session.on('Network.eventSourceMessageReceived', (event) => {
			received.push({
				seq: seq++,
				url: urls.get(event.requestId) ?? '(event stream)',
				kind: 'event',
				status: 200,
				body: `event: ${event.eventName}\nid: ${event.eventId}\ndata: ${event.data}`
			});
		});
		await session.send('Network.enable');
	}
	for (const page of context.pages()) await follow(page);
	context.on('page', (page) => void follow(page));

	return {
		async settle() {
			while (pending.size > 0) await Promise.all([...pending]);
		},
		received: () => [...received],
		unreadable: () => [...unreadable],
		follow
	};
}

/** The received items whose body contains any of the markers (strings or patterns). */
export function findMarkers(items: readonly Received[], markers: readonly (string | RegExp)[]): string[] {
	const hits: string[] = [];
	for (const item of items) {
		for (const marker of markers) {
			const found = typeof marker === 'string' ? item.body.includes(marker) : marker.test(item.body);
			if (found) hits.push(`${item.kind} ${item.url} (#${item.seq}) contains ${String(marker)}`);
		}
	}
	return hits;
}
