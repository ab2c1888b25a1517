import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { getPreparation } from '../preparation/preparation.view.usecases.ts';
import { anonymousActor, tokenFromLink } from '../testing/builders.ts';
import { buildLearningConversation, prepare } from '../testing/learning-builders.ts';
import { buildRunningConversation, joinAs, nextAddress, type RunningConversation } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { claimParticipantLink, openParticipantLink } from './link-opening.usecases.ts';
import { createParticipantLink, issueLinkUnlessOpened, listParticipantLinks, revokeParticipantLinks } from './links.usecases.ts';
import { releaseParticipant } from './handover.usecases.ts';
import { authenticateDevice, leaveConversation } from './participation.usecases.ts';

const DAY = 86_400_000;
const SECRET = 'Ik durfde niet te zeggen dat ik boos was';

/**
 * A client sent a personal link who stops on their phone ("Stoppen op dit apparaat") takes part
 * again the way they came in: the same link opens again, on this or another device (an outside
 * tester found them locked out, told the link was "already opened on another device").
 */
describeOnBothDatabases('participation: stopping on a device that opened a personal link', (dialect) => {
	const t = useTestContext(dialect);

	function claim(token: string, actor: Actor = anonymousActor) {
		return claimParticipantLink({ ctx: t.ctx, actor, token, clientAddress: nextAddress() });
	}

	function open(token: string, actor: Actor = anonymousActor) {
		return openParticipantLink({ ctx: t.ctx, actor, token, clientAddress: nextAddress() });
	}

	const linkFor = (world: RunningConversation, purpose: 'preparation' | 'sessionFeedback' = 'sessionFeedback') =>
		createParticipantLink({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			partyId: world.partyIds[0]!,
			purpose
		});

	async function leaveWith(token: string) {
		const actor = (await authenticateDevice(t.ctx, token))!;
		return leaveConversation({ ctx: t.ctx, actor });
	}

	it('after stopping on the phone the same link opens again and takes part as the same participant; the old phone stays out', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await linkFor(world);
		const first = (await claim(link.token))!;
		expect(await leaveWith(first.token)).toEqual({ byLink: true });
		expect(await authenticateDevice(t.ctx, first.token)).toBeNull();

		await expect(open(link.token)).resolves.toMatchObject({ state: 'open', purpose: 'sessionFeedback' });
		const again = (await claim(link.token))!;
		expect(again.expiresAt).toBe(link.expiresAt);
		expect(await authenticateDevice(t.ctx, again.token)).toMatchObject({
			partyId: world.partyIds[0],
			mode: 'ownDevice',
			byLink: true
		});
		// Held again: a further device is refused, as before, and the first phone stays out.
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.claimed' });
		expect(await authenticateDevice(t.ctx, first.token)).toBeNull();
	});

	it('the preparation belongs to the participant: the link opened again finds it, and still nobody else reads it', async () => {
		const world = await buildLearningConversation(t.ctx, { participants: 2 });
		const token = tokenFromLink(world.printLinks.find((l) => l.partyId === world.participants[0]!.partyId)!.url);
		const phone = (await claim(token))!;
		await prepare(t.ctx, { actor: phone.actor, conversationId: world.conversationId, preparation: { wishes: SECRET }, share: false });
		await leaveWith(phone.token);

		const laptop = (await claim(token))!;
		const own = await getPreparation({ ctx: t.ctx, actor: laptop.actor, conversationId: world.conversationId });
		expect(own.own).toMatchObject({ wishes: SECRET, sharedAt: null });
		for (const actor of [world.participants[1]!, world.professional]) {
			const theirs = await getPreparation({ ctx: t.ctx, actor, conversationId: world.conversationId });
			expect(JSON.stringify(theirs)).not.toContain(SECRET);
		}
	});

	it('a link the professional replaced or took back after the phone stopped stays dead; so does one that expired', async () => {
		const replacedWorld = await buildRunningConversation(t.ctx);
		const replaced = await linkFor(replacedWorld);
		await leaveWith((await claim(replaced.token))!.token);
		await linkFor(replacedWorld);
		await expect(claim(replaced.token)).rejects.toMatchObject({ code: 'link.replaced' });

		const revokedWorld = await buildRunningConversation(t.ctx);
		const revoked = await linkFor(revokedWorld);
		await leaveWith((await claim(revoked.token))!.token);
		await revokeParticipantLinks({
			ctx: t.ctx,
			actor: revokedWorld.professional,
			conversationId: revokedWorld.conversationId,
			partyId: revokedWorld.partyIds[0]!,
			purpose: 'sessionFeedback'
		});
		await expect(claim(revoked.token)).rejects.toMatchObject({ code: 'link.revoked' });

		const expiredWorld = await buildRunningConversation(t.ctx);
		const expiring = await createParticipantLink({
			ctx: t.ctx,
			actor: expiredWorld.professional,
			conversationId: expiredWorld.conversationId,
			partyId: expiredWorld.partyIds[0]!,
			purpose: 'sessionFeedback',
			expiresAt: new Date(t.ctx.clock.now().getTime() + DAY)
		});
		await leaveWith((await claim(expiring.token))!.token);
		t.ctx.clock.advance(DAY + 1);
		await expect(claim(expiring.token)).rejects.toMatchObject({ code: 'link.expired' });
	});

	it('two devices opening a released link at the same moment: exactly one gets it', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await linkFor(world);
		await leaveWith((await claim(link.token))!.token);
		const results = await Promise.allSettled([claim(link.token), claim(link.token)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'link.claimed' } });
	});

	it('a released link still counts as opened: a reminder does not replace it, and the professional sees it can be opened', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await linkFor(world, 'preparation');
		await leaveWith((await claim(link.token))!.token);
		const input = {
			actor: world.professional,
			organisationId: world.organisationId,
			conversationId: world.conversationId,
			partyId: world.partyIds[0]!,
			purpose: 'preparation' as const,
			expiresAt: new Date(t.ctx.clock.now().getTime() + DAY)
		};
		await expect(t.ctx.db.transaction().execute((trx) => issueLinkUnlessOpened(trx, t.ctx, input))).rejects.toMatchObject({
			code: 'link.claimed'
		});
		const [status] = await listParticipantLinks({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			purpose: 'preparation'
		});
		expect(status!.link).toMatchObject({ state: 'open' });
		expect(status!.link!.claimedAt).not.toBeNull();
		await expect(claim(link.token)).resolves.not.toBeNull();
	});

	it('a phone that joined with the code and then opened its link frees the link when it stops; a code-only phone has no link to free', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await linkFor(world);
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		await expect(open(link.token, joined.actor)).resolves.toMatchObject({ state: 'mine' });
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.claimed' });
		expect(await leaveWith(joined.token)).toEqual({ byLink: true });
		await expect(claim(link.token)).resolves.not.toBeNull();

		const other = await joinAs(t.ctx, world, world.partyIds[1]!);
		expect(await leaveWith(other.token)).toEqual({ byLink: false });
	});

	it('stopping on a phone that joined with the code leaves a link another phone opened with that phone', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await linkFor(world);
		const byCode = await joinAs(t.ctx, world, world.partyIds[0]!);
		const byLink = (await claim(link.token))!;
		expect(await leaveWith(byCode.token)).toEqual({ byLink: false });
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.claimed' });
		expect(await authenticateDevice(t.ctx, byLink.token)).toMatchObject({ partyId: world.partyIds[0] });
	});

	it('when the professional frees the name, the link the phone held opens again (on a new phone); the old phone stays out', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await linkFor(world);
		const lost = (await claim(link.token))!;
		const release = () =>
			releaseParticipant({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId, partyId: world.partyIds[0]! });
		await release();
		expect(await authenticateDevice(t.ctx, lost.token)).toBeNull();

		await expect(open(link.token)).resolves.toMatchObject({ state: 'open' });
		const newPhone = (await claim(link.token))!;
		expect(await authenticateDevice(t.ctx, newPhone.token)).toMatchObject({ partyId: world.partyIds[0], byLink: true });
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.claimed' });
		expect(await authenticateDevice(t.ctx, lost.token)).toBeNull();

		// A link replaced meanwhile stays ended when the name is freed again.
		const replacement = await linkFor(world);
		await release();
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.replaced' });
		await expect(claim(replacement.token)).resolves.not.toBeNull();
	});
});
