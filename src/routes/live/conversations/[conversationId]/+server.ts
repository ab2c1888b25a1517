import { getAppContext, type AppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { createHeartbeat } from '#lib/server/http/heartbeat.ts';
import {
	authorizeLiveUpdates,
	mayStillFollow,
	newerVersionThan,
	type LiveFollower
} from '#lib/server/participation/participation.usecases.ts';
import { DEVICE_COOKIE } from '#lib/server/http/device-session.ts';
import { takeStreamPlace } from '#lib/server/http/live-stream-places.ts';
import { liveStreamsOpen } from '#lib/server/shared/metrics.ts';
import { subscribeToConversation, type ConversationEvent } from '#lib/server/shared/live.ts';
import type { RequestHandler } from './$types';

/** A comment line now and then keeps proxies and phones from closing a quiet stream; one timer for all streams. */
const heartbeat = createHeartbeat(25_000);
const encoder = new TextEncoder();
const HEARTBEAT_LINE = encoder.encode(': heartbeat\n\n');
const FIRST_LINES = encoder.encode('retry: 3000\n: connected\n\n');

/**
 * Server-sent events for one conversation: `event: change` with the new version and what
 * happened — never content; the page fetches again and the usecases decide what it may see.
 * See docs/decisions/004-live-updates.md.
 */
export const GET: RequestHandler = async ({ locals, params, request, cookies, url }) => {
	const ctx = getAppContext();
	const { conversationId } = params;
	let organisationId = '';
	try {
		({ organisationId } = await authorizeLiveUpdates({ ctx, actor: locals.actor, conversationId }));
	} catch (caught) {
		errorPageFrom(caught);
	}
	const follower: LiveFollower =
		locals.actor.type === 'participant'
			? { type: 'participant', deviceToken: cookies.get(DEVICE_COOKIE) ?? '' }
			: { type: 'staff', cookie: request.headers.get('cookie') ?? '' };
	// The version the page was rendered with (?v=), to catch up on a change made before the stream opened.
	const raw = url.searchParams.get('v');
	const shown = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
	const following = { conversationId, organisationId, shown };
	// A follower holds a bounded number of streams on this instance: a new one closes their oldest.
	const { actor } = locals;
	const place = actor.type === 'participant' ? `device:${actor.deviceSessionId}` : `staff:${actor.type === 'staff' ? actor.userId : ''}`;
	return new Response(liveStream(ctx, following, follower, request.signal, place), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
};

/**
 * The stream itself, built from the few values it needs, so that an open stream keeps a few
 * small objects alive and not the whole request (decision 023).
 */
function liveStream(
	ctx: AppContext,
	{ conversationId, organisationId, shown }: { conversationId: string; organisationId: string; shown: number | null },
	follower: LiveFollower,
	signal: AbortSignal,
	place: string
): ReadableStream<Uint8Array> {
	// Until the stream has subscribed, a cancel only marks it: start() then gives everything back.
	let cancelled = false;
	let stop: (closeStream?: boolean) => void = () => {
		cancelled = true;
	};
	return new ReadableStream<Uint8Array>({
		async start(controller) {
			// Taken at once, before anything is awaited; closing this stream for a newer one of the same
			// follower goes through `stop`, whichever it is by then.
			const release = takeStreamPlace(place, () => stop());
			let open = true;
			const send = (bytes: Uint8Array) => {
				if (!open) return;
				try {
					controller.enqueue(bytes);
				} catch {
					// The stream closed under us (the browser went away): follow no more.
					stop(false);
				}
			};
			// Who opened the stream is asked again with every change (mayStillFollow), one change after
			// another so that they go out in order; a refusal, or a question the database cannot answer
			// now, closes the stream (the browser opens it again in 3 s, through the door).
			let asked: Promise<unknown> = Promise.resolve();
			const onEvent = (event: ConversationEvent) => {
				const line = encoder.encode(`event: change\ndata: ${JSON.stringify({ version: event.version, type: event.type })}\n\n`);
				// A stream closed meanwhile asks nothing more.
				const stillFollowing = async () => open && (await mayStillFollow(ctx, follower, conversationId).catch(() => false));
				if (follower.type === 'participant') {
					// The change that ends a device's session (the conversation closed) still reaches it, so
					// its page shows the end; then the device stops following.
					send(line);
					asked = asked.then(stillFollowing).then((allowed) => allowed || stop());
				} else {
					// A member of staff whose access ended (signed out, deactivated, taken off the
					// collaboration) is told of no further change, not even that one happened.
					asked = asked.then(stillFollowing).then((allowed) => (allowed ? send(line) : stop()));
				}
			};
			let unsubscribe: () => void;
			try {
				unsubscribe = await subscribeToConversation(ctx, conversationId, onEvent);
			} catch (caught) {
				release();
				throw caught;
			}
			// The browser went away while this stream subscribed (the first stream of an instance waits
			// for PostgreSQL's LISTEN): nothing may stay behind, or it would be followed, and beat, forever.
			if (cancelled || signal.aborted) {
				unsubscribe();
				release();
				closeQuietly(controller);
				return;
			}
			liveStreamsOpen.inc();
			const stopBeating = heartbeat.follow(() => send(HEARTBEAT_LINE));
			stop = (closeStream = true) => {
				if (!open) return;
				open = false;
				liveStreamsOpen.dec();
				stopBeating();
				unsubscribe();
				release();
				if (closeStream) closeQuietly(controller);
			};
			signal.addEventListener('abort', () => stop(false), { once: true });
			// Retry after 3 s when the connection drops; the first line tells the browser the stream works.
			send(FIRST_LINES);
			// A change between the page's rendering and this stream (a slow phone loads its script late)
			// was announced to nobody here: read after subscribing, so nothing falls between the two.
			if (shown !== null) {
				// Unreadable now (a database hiccup): the stream follows changes as before.
				const newer = await newerVersionThan(ctx, organisationId, conversationId, shown).catch(() => null);
				if (newer !== null) onEvent({ conversationId, organisationId, version: newer, type: 'resync' });
			}
		},
		cancel() {
			// The browser went away: the stream is already closed.
			stop(false);
		}
	});
}

/** Closes a stream that the browser may have cancelled meanwhile (closing it twice throws). */
function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
	try {
		controller.close();
	} catch {
		// Already closed.
	}
}
