import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { authorizeLiveUpdates, authenticateDevice } from '#lib/server/participation/participation.usecases.ts';
import { DEVICE_COOKIE } from '#lib/server/http/device-session.ts';
import { liveStreamsOpen } from '#lib/server/shared/metrics.ts';
import { subscribeToConversation, type ConversationEvent } from '#lib/server/shared/live.ts';
import type { RequestHandler } from './$types';

/** A comment line now and then keeps proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for one conversation: `event: change` with the new version and what
 * happened — never content; the page fetches again and the usecases decide what it may see.
 * See docs/decisions/004-live-updates.md.
 */
export const GET: RequestHandler = async ({ locals, params, request, cookies }) => {
	const ctx = getAppContext();
	const { conversationId } = params;
	try {
		await authorizeLiveUpdates({ ctx, actor: locals.actor, conversationId });
	} catch (caught) {
		errorPageFrom(caught);
	}
	const encoder = new TextEncoder();
	let stop: (closeStream?: boolean) => void = () => {};
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			let open = true;
			const send = (text: string) => {
				if (open) controller.enqueue(encoder.encode(text));
			};
			const deviceToken = locals.actor.type === 'participant' ? cookies.get(DEVICE_COOKIE) : undefined;
			const onEvent = (event: ConversationEvent) => {
				send(`event: change\ndata: ${JSON.stringify({ version: event.version, type: event.type })}\n\n`);
				// A device whose session ended with this change (conversation closed) stops following it.
				if (deviceToken)
					void authenticateDevice(ctx, deviceToken).then(
						(actor) => (actor?.type === 'participant' ? actor : stop()),
						() => stop()
					);
			};
			const unsubscribe = await subscribeToConversation(ctx, conversationId, onEvent);
			liveStreamsOpen.inc();
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
			stop = (closeStream = true) => {
				if (!open) return;
				open = false;
				liveStreamsOpen.dec();
				clearInterval(heartbeat);
				unsubscribe();
				if (closeStream) controller.close();
			};
			request.signal.addEventListener('abort', () => stop(false), { once: true });
			// Retry after 3 s when the connection drops; the first line tells the browser the stream works.
			send('retry: 3000\n: connected\n\n');
		},
		cancel() {
			// The browser went away: the stream is already closed.
			stop(false);
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
};
