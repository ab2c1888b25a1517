import { expect, it } from 'vitest';
import { GET } from '../../../routes/live/conversations/[conversationId]/+server.ts';
import type { Actor } from '../access/actor.ts';
import { authenticate } from '../auth/authenticate.ts';
import { abandonConversation } from '../conversations/conversations.usecases.ts';
import { addCoProfessional, removeCoProfessional } from '../collaborations/professionals.usecases.ts';
import { setAppContext, type AppContext } from '../context.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { buildStaff, signInAs } from '../testing/builders.ts';
import { buildRunningConversation, joinAs } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { MAX_STREAMS_PER_FOLLOWER, streamPlacesHeldBy } from '../http/live-stream-places.ts';

/** Asks for `GET /live/conversations/<id>` as a browser with these cookies (or this device) would. */
async function askForStream(ctx: AppContext, headers: Headers, conversationId: string, device?: { actor: Actor; token: string }) {
	setAppContext(ctx);
	const actor = device?.actor ?? (await authenticate(ctx, headers)).actor;
	const aborted = new AbortController();
	const request = new Request(`http://app.test/live/conversations/${conversationId}`, { headers, signal: aborted.signal });
	const response = await (GET as (event: unknown) => Promise<Response>)({
		locals: { actor: { ...actor, requestId: 'test', address: '192.0.2.1' } satisfies Actor },
		params: { conversationId },
		request,
		cookies: { get: () => device?.token },
		url: new URL(request.url)
	});
	return { response, abort: () => aborted.abort() };
}

/** Opens a stream and reads it as it comes. */
function streamOpener(ctx: () => AppContext) {
	return async (headers: Headers, conversationId: string, device?: { actor: Actor; token: string }) => {
		const { response, abort } = await askForStream(ctx(), headers, conversationId, device);
		expect(response.status).toBe(200);
		let text = '';
		let closed = false;
		const reader = response.body!.getReader();
		const decoder = new TextDecoder();
		void (async () => {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				text += decoder.decode(value);
			}
			closed = true;
		})();
		// Subscribed (on PostgreSQL: listening) once the first lines have come.
		await expect.poll(() => text.includes(': connected')).toBe(true);
		return {
			/** How many `event: change` lines have arrived. */
			changes: () => text.match(/^event: change$/gm)?.length ?? 0,
			/** What each change was, in order. */
			types: () => [...text.matchAll(/^data: (.*)$/gm)].map((line) => (JSON.parse(line[1]!) as { type: string }).type),
			/** Whether the server closed the stream. */
			closed: () => closed,
			close: abort
		};
	};
}

/**
 * A live stream stays open for hours, and was authorised once, when it opened. Decision 004: who
 * opened it is asked again with every change, so a member of staff whose access ended hears of
 * no further change, not even that one happened.
 */
describeOnBothDatabases('a staff live stream ends with the access it was opened with', (dialect) => {
	const t = useTestContext(dialect);

	const openStream = streamOpener(() => t.ctx);

	it('a professional taken off the collaboration hears of no further change; the holder still does', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 2 });
		const colleague = await buildStaff(t.ctx, world.professional);
		await addCoProfessional({ ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId, userId: colleague.userId });
		const holder = await openStream(await signInAs(t.ctx, world.professional), world.conversationId);
		const co = await openStream(await signInAs(t.ctx, colleague), world.conversationId);
		try {
			await joinAs(t.ctx, world, world.partyIds[0]!);
			await expect.poll(() => [holder.changes(), co.changes()]).toEqual([1, 1]);

			await removeCoProfessional({
				ctx: t.ctx,
				actor: world.professional,
				collaborationId: world.collaborationId,
				userId: colleague.userId
			});
			await joinAs(t.ctx, world, world.partyIds[1]!);
			await expect.poll(() => holder.changes()).toBe(2);
			await expect.poll(() => co.closed()).toBe(true);
			expect(co.changes()).toBe(1);
			expect(holder.closed()).toBe(false);
		} finally {
			holder.close();
			co.close();
		}
	});

	it('a professional who signed out, or was deactivated, hears of no further change', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 2 });
		const colleague = await buildStaff(t.ctx, world.professional);
		await addCoProfessional({ ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId, userId: colleague.userId });
		const holderCookies = await signInAs(t.ctx, world.professional);
		const holder = await openStream(holderCookies, world.conversationId);
		const co = await openStream(await signInAs(t.ctx, colleague), world.conversationId);
		try {
			await t.ctx.auth.api.signOut({ headers: holderCookies });
			await createStaffRepository(t.ctx.db).setStatus(
				world.organisationId,
				colleague.userId,
				'deactivated',
				t.ctx.clock.now().toISOString()
			);
			await joinAs(t.ctx, world, world.partyIds[0]!);
			await expect.poll(() => [holder.closed(), co.closed()]).toEqual([true, true]);
			expect([holder.changes(), co.changes()]).toEqual([0, 0]);
		} finally {
			holder.close();
			co.close();
		}
	});

	it('a participant’s device hears the change that ends its conversation, and then the stream closes', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		const device = await openStream(new Headers(), world.conversationId, joined);
		try {
			await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
			await expect.poll(() => device.closed()).toBe(true);
			// On PostgreSQL the join's own change may arrive after the stream opened (NOTIFY); the end comes last.
			expect(device.types().at(-1)).toBe('phase.changed');
		} finally {
			device.close();
		}
	});
});

/**
 * Decision 004: a follower holds a bounded number of streams on an instance, so one device or one
 * account cannot make every change of a conversation cost thousands of queries, nor hold the
 * server's connections; and a stream the browser dropped early leaves nothing behind.
 */
describeOnBothDatabases('live streams are bounded per follower and leave nothing behind', (dialect) => {
	const t = useTestContext(dialect);
	const openStream = streamOpener(() => t.ctx);

	// First in its context: on PostgreSQL the instance is not listening yet, so subscribing waits for LISTEN.
	it('a stream the browser dropped before it was subscribed holds no place and follows nothing', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 2 });
		const headers = await signInAs(t.ctx, world.professional);
		const follower = `staff:${world.professional.userId}`;
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			// The browser goes away at once: adapter-node cancels the body before anything is read.
			const { response, abort } = await askForStream(t.ctx, headers, world.conversationId);
			abort();
			await response.body!.cancel();
			await expect.poll(() => streamPlacesHeldBy(follower)).toBe(0);
			// A change afterwards reaches no stream of that browser, and breaks nothing.
			await joinAs(t.ctx, world, world.partyIds[0]!);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(unhandled).toEqual([]);
			expect(streamPlacesHeldBy(follower)).toBe(0);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});

	it('one device holds at most MAX_STREAMS_PER_FOLLOWER streams: one more closes its oldest, the newest always opens, and nobody else is touched', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		const follower = `device:${joined.actor.deviceSessionId}`;
		const professional = await openStream(await signInAs(t.ctx, world.professional), world.conversationId);
		const streams: Awaited<ReturnType<typeof openStream>>[] = [];
		try {
			for (let i = 0; i < MAX_STREAMS_PER_FOLLOWER; i += 1) streams.push(await openStream(new Headers(), world.conversationId, joined));
			// A phone back on the network opens a new stream while its old ones linger: the new one works.
			streams.push(await openStream(new Headers(), world.conversationId, joined));
			await expect.poll(() => streams[0]!.closed()).toBe(true);
			expect(streams.slice(1).map((stream) => stream.closed())).toEqual(Array(MAX_STREAMS_PER_FOLLOWER).fill(false));
			expect(streamPlacesHeldBy(follower)).toBe(MAX_STREAMS_PER_FOLLOWER);
			await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
			await expect.poll(() => [streams.at(-1)!.changes() > 0, professional.changes() > 0]).toEqual([true, true]);
		} finally {
			professional.close();
			for (const stream of streams) stream.close();
		}
	});
});
