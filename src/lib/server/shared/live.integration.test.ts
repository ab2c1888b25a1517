import type { KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../context.ts';
import { submitRatings } from '../conversations/conversations.usecases.ts';
import { readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { buildRunningConversation, joinAs } from '../testing/participation-world.ts';
import { CapturingMailer, describeOnBothDatabases, TestClock, useTestContext } from '../testing/test-context.ts';
import { LIVE_CHANNEL, NOTIFY_PER_STATEMENT, publishConversationEvent, subscribeToConversation, type ConversationEvent } from './live.ts';
import { createLogger } from './logger.ts';
import { newId } from './tokens.ts';

/** Resolves with the first event a subscription receives, or rejects after `ms`. */
function nextEvent(ctx: AppContext, conversationId: string, ms = 1000) {
	let stop: () => void = () => {};
	const received = new Promise<ConversationEvent>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no live event within ${ms} ms`)), ms);
		subscribeToConversation(ctx, conversationId, (event) => {
			clearTimeout(timer);
			resolve(event);
		}).then((unsubscribe) => (stop = unsubscribe), reject);
	});
	return { received: received.finally(() => stop()), ready: () => new Promise((resolve) => setTimeout(resolve, 50)) };
}

describeOnBothDatabases('live updates', (dialect) => {
	const t = useTestContext(dialect);

	it('a published event reaches a subscriber of that conversation within a second, and no one else', async () => {
		const conversationId = newId();
		const mine = nextEvent(t.ctx, conversationId);
		const others: ConversationEvent[] = [];
		const unsubscribeOther = await subscribeToConversation(t.ctx, newId(), (event) => others.push(event));
		await mine.ready();
		const started = Date.now();
		await publishConversationEvent(t.ctx, { conversationId, organisationId: 'org', type: 'phase.changed', version: 3 });
		expect(await mine.received).toEqual({ conversationId, organisationId: 'org', type: 'phase.changed', version: 3 });
		expect(Date.now() - started).toBeLessThan(1000);
		unsubscribeOther();
		expect(others).toEqual([]);
	});

	it('after unsubscribing, events no longer arrive', async () => {
		const conversationId = newId();
		const seen: ConversationEvent[] = [];
		const unsubscribe = await subscribeToConversation(t.ctx, conversationId, (event) => seen.push(event));
		unsubscribe();
		await publishConversationEvent(t.ctx, { conversationId, organisationId: 'org', type: 'x', version: 1 });
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(seen).toEqual([]);
	});

	it('the event carries ids, a type and a version only: no rating, name or note, whatever the publisher passes', async () => {
		const conversationId = newId();
		const listening = nextEvent(t.ctx, conversationId);
		await listening.ready();
		const leaky = { conversationId, organisationId: 'org', type: 'party.submitted', version: 2, value: 87, displayName: 'Sam', note: 'x' };
		await publishConversationEvent(t.ctx, leaky as ConversationEvent);
		expect(Object.keys(await listening.received).toSorted()).toEqual(['conversationId', 'organisationId', 'type', 'version']);
	});

	it('submitting ratings tells the other devices "party.submitted" with the new version, and nothing of the ratings', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const { actor } = await joinAs(t.ctx, world, world.partyIds[0]!);
		const view = await readConversationAsParticipant(t.ctx, actor);
		const values = Object.fromEntries(view.items.map((item) => [item.key, 70]));
		const listening = nextEvent(t.ctx, world.conversationId);
		await listening.ready();
		await submitRatings({ ctx: t.ctx, actor, conversationId: world.conversationId, values });
		const event = await listening.received;
		expect(event).toMatchObject({ conversationId: world.conversationId, organisationId: world.organisationId, type: 'party.submitted' });
		expect(Object.keys(event).toSorted()).toEqual(['conversationId', 'organisationId', 'type', 'version']);
	});

	it.runIf(dialect === 'postgres')(
		'on PostgreSQL an event published by one instance reaches a subscriber on another within a second',
		async () => {
			const other = await createAppContext({
				config: t.ctx.config,
				logger: createLogger('silent'),
				clock: new TestClock(),
				mailer: new CapturingMailer()
			});
			try {
				const conversationId = newId();
				const onOther = nextEvent(other, conversationId);
				await onOther.ready();
				const started = Date.now();
				await publishConversationEvent(t.ctx, { conversationId, organisationId: 'org', type: 'phase.changed', version: 5 });
				expect(await onOther.received).toEqual({ conversationId, organisationId: 'org', type: 'phase.changed', version: 5 });
				expect(Date.now() - started).toBeLessThan(1000);
			} finally {
				await other.database.destroy();
			}
		}
	);

	it.runIf(dialect === 'postgres')(
		'on PostgreSQL events published at the same moment go out in one statement (at most NOTIFY_PER_STATEMENT each), and a follower hears every one',
		async () => {
			let statements = 0;
			const counting: KyselyPlugin = {
				transformQuery: ({ node }) => {
					statements += 1;
					return node;
				},
				transformResult: async ({ result }) => result
			};
			// The hub publishes through its context's db only (its LISTEN connection comes from the pool).
			const counted: AppContext = { ...t.ctx, db: t.ctx.db.withPlugin(counting) };
			const conversationId = newId();
			const heard: number[] = [];
			const unsubscribe = await subscribeToConversation(counted, conversationId, (event) => heard.push(event.version));
			try {
				const publish = (versions: number[]) =>
					Promise.all(
						versions.map((version) => publishConversationEvent(counted, { conversationId, organisationId: 'org', type: 'x', version }))
					);
				await publish([1, 2, 3, 4, 5]);
				expect(statements).toBe(1);
				await expect.poll(() => heard).toEqual([1, 2, 3, 4, 5]);

				const many = Array.from({ length: NOTIFY_PER_STATEMENT + 1 }, (_, index) => 100 + index);
				await publish(many);
				expect(statements).toBe(3);
				await expect.poll(() => heard.slice(5).toSorted((a, b) => a - b)).toEqual(many);
			} finally {
				unsubscribe();
			}
		}
	);

	it.runIf(dialect === 'postgres')('on PostgreSQL the NOTIFY payload itself holds only the four fields', async () => {
		const client = await t.ctx.database.pool!.connect();
		try {
			const payload = new Promise<string>((resolve) => client.on('notification', (message) => resolve(message.payload ?? '')));
			await client.query(`LISTEN ${LIVE_CHANNEL}`);
			const leaky = { conversationId: newId(), organisationId: 'org', type: 't', version: 1, ratings: [10, 90] };
			await publishConversationEvent(t.ctx, leaky as ConversationEvent);
			expect(Object.keys(JSON.parse(await payload) as object).toSorted()).toEqual(['conversationId', 'organisationId', 'type', 'version']);
		} finally {
			await client.query(`UNLISTEN ${LIVE_CHANNEL}`);
			client.release();
		}
	});
});
