import type { KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { requireConversationInCollaboration } from '../conversations/conversations.usecases.ts';
import { sharePreparation, takeBackPreparation } from '../preparation/preparation.usecases.ts';
import { subscribeToConversation, type ConversationEvent } from '../shared/live.ts';
import { readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { buildLearningConversation, prepare } from '../testing/learning-builders.ts';
import { buildRunningConversation, joinAs } from '../testing/participation-world.ts';
import { describeStatement } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { releaseParticipant, startHandover } from './handover.usecases.ts';
import { leaveConversation, newerVersionThan } from './participation.usecases.ts';

/**
 * Decision 004, "a change before the stream opens": a page opens its live stream only once its
 * script runs, with the version it was rendered with; the stream sends a resync when
 * `newerVersionThan` finds a newer one. Every change a page shows must therefore raise the
 * version — also a name claimed or freed and a preparation shared or taken back.
 */
describeOnBothDatabases('live catch-up: a page whose stream opens late learns of every change it shows', (dialect) => {
	const t = useTestContext(dialect);

	/** The version a staff page of the conversation is rendered with (read before what it shows). */
	async function renderedVersion(actor: Actor, conversationId: string, collaborationId: string) {
		return (await requireConversationInCollaboration({ ctx: t.ctx, actor, conversationId, collaborationId })).version;
	}

	/** What the stream asks as it opens: is the page behind? (null: no resync). */
	function behind(organisationId: string, conversationId: string, shown: number) {
		return newerVersionThan(t.ctx, organisationId, conversationId, shown);
	}

	it('a name claimed on a device after the professional’s page was rendered: the page is behind, and the event carries the new version', async () => {
		const world = await buildRunningConversation(t.ctx);
		const shown = await renderedVersion(world.professional, world.conversationId, world.collaborationId);
		const events: ConversationEvent[] = [];
		const stop = await subscribeToConversation(t.ctx, world.conversationId, (event) => events.push(event));
		try {
			await joinAs(t.ctx, world, world.partyIds[0]!);
			const newer = await behind(world.organisationId, world.conversationId, shown);
			expect(newer).toBeGreaterThan(shown);
			await expect.poll(() => events.map((event) => [event.type, event.version])).toEqual([['party.claimed', newer]]);
		} finally {
			stop();
		}
	});

	it('a name freed after the page was rendered — the device leaves, or the professional frees it — puts the page behind', async () => {
		const world = await buildRunningConversation(t.ctx);
		const first = await joinAs(t.ctx, world, world.partyIds[0]!);
		await joinAs(t.ctx, world, world.partyIds[1]!);
		const beforeLeaving = await renderedVersion(world.professional, world.conversationId, world.collaborationId);
		await leaveConversation({ ctx: t.ctx, actor: first.actor });
		expect(await behind(world.organisationId, world.conversationId, beforeLeaving)).not.toBeNull();
		const beforeFreeing = await renderedVersion(world.professional, world.conversationId, world.collaborationId);
		await releaseParticipant({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId, partyId: world.partyIds[1]! });
		expect(await behind(world.organisationId, world.conversationId, beforeFreeing)).not.toBeNull();
	});

	it('a preparation shared after the professional’s preparation page was rendered puts the page behind; taken back, too', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		const client = lc.participants[0]!;
		const { conversationId } = lc;
		await prepare(t.ctx, { actor: client, conversationId, preparation: { wishes: 'Over mijn werk praten' }, share: false });
		const beforeSharing = await renderedVersion(lc.professional, conversationId, lc.collaborationId);
		await sharePreparation({ ctx: t.ctx, actor: client, conversationId });
		expect(await behind(lc.professional.organisationId, conversationId, beforeSharing)).not.toBeNull();
		const beforeTakingBack = await renderedVersion(lc.professional, conversationId, lc.collaborationId);
		await takeBackPreparation({ ctx: t.ctx, actor: client, conversationId });
		expect(await behind(lc.professional.organisationId, conversationId, beforeTakingBack)).not.toBeNull();
	});

	it('nothing changed since the page was rendered, or the page already shows the claim: no resync', async () => {
		const world = await buildRunningConversation(t.ctx);
		const shown = await renderedVersion(world.professional, world.conversationId, world.collaborationId);
		expect(await behind(world.organisationId, world.conversationId, shown)).toBeNull();
		// The claiming device's own page, rendered after its claim, shows it already.
		const { actor } = await joinAs(t.ctx, world, world.partyIds[0]!);
		const ownPage = await readConversationAsParticipant(t.ctx, actor);
		expect(await behind(world.organisationId, world.conversationId, ownPage.version)).toBeNull();
		expect(
			await behind(
				world.organisationId,
				world.conversationId,
				await renderedVersion(world.professional, world.conversationId, world.collaborationId)
			)
		).toBeNull();
	});

	it('a name claimed, left, freed or handed over and a preparation shared are stored with their new version or not at all', async () => {
		// A database that refuses to raise a conversation's version (as a crash between two
		// statements would leave it): the change must not be stored without it, or a page rendered
		// just before it would never catch up.
		const refuseVersion: KyselyPlugin = {
			transformQuery: ({ node }) => {
				if (describeStatement(node) === 'update:conversations') throw new Error('the version was not raised');
				return node;
			},
			transformResult: async ({ result }) => result
		};
		const failing = { ...t.ctx, db: t.ctx.db.withPlugin(refuseVersion) };
		// The changes' own audit events and their access entries (written with each change, so a change
		// that fails leaves none); a view is logged at the door, before a change is tried.
		const actions = async () =>
			(await t.ctx.db.selectFrom('auditEvents').select('action').where('action', '!=', 'access.view').execute())
				.map((event) => event.action)
				.toSorted();

		const world = await buildRunningConversation(t.ctx);
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		const client = lc.participants[0]!;
		await prepare(t.ctx, {
			actor: client,
			conversationId: lc.conversationId,
			preparation: { wishes: 'Over mijn werk praten' },
			share: false
		});
		const before = await actions();
		const versions = async () => [
			await renderedVersion(world.professional, world.conversationId, world.collaborationId),
			await renderedVersion(lc.professional, lc.conversationId, lc.collaborationId)
		];
		const versionsBefore = await versions();

		const refused = 'the version was not raised';
		await expect(joinAs(failing, world, world.partyIds[1]!)).rejects.toThrow(refused);
		await expect(leaveConversation({ ctx: failing, actor: joined.actor })).rejects.toThrow(refused);
		const free = { ctx: failing, actor: world.professional, conversationId: world.conversationId, partyId: world.partyIds[0]! };
		await expect(releaseParticipant(free)).rejects.toThrow(refused);
		await expect(startHandover({ ...free, partyId: world.partyIds[1]! })).rejects.toThrow(refused);
		await expect(sharePreparation({ ctx: failing, actor: client, conversationId: lc.conversationId })).rejects.toThrow(refused);

		// Nothing of it was stored: none of their audit events, the same versions, the names as they were.
		expect(await actions()).toEqual(before);
		expect(await versions()).toEqual(versionsBefore);
		await expect(readConversationAsParticipant(t.ctx, joined.actor)).resolves.toBeTruthy();
		await expect(joinAs(t.ctx, world, world.partyIds[1]!)).resolves.toBeTruthy();
	});
});
