import { expect, it } from 'vitest';
import { anonymousActor } from '../testing/builders.ts';
import { buildRunningConversation, joinAs, nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { claimParticipantLink, findEndedLinkReason } from '../participation/link-opening.usecases.ts';
import { createParticipantLink } from '../participation/links.usecases.ts';
import { authenticateDevice } from '../participation/participation.usecases.ts';
import { closeCollaboration, reopenCollaboration } from './collaborations.usecases.ts';

/**
 * Closing a collaboration ends the client's access to it (decision 011, "Closing ends the
 * conversations"): a closed collaboration's client can no longer rate, through any link or device.
 */
describeOnBothDatabases('closing a collaboration', (dialect) => {
	const t = useTestContext(dialect);

	const claim = (token: string) => claimParticipantLink({ ctx: t.ctx, actor: anonymousActor, token, clientAddress: nextAddress() });

	it('closing ends its running conversation: the personal links and devices in it are refused as ended, also after reopening', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 3 });
		const linkOf = (partyIndex: number) =>
			createParticipantLink({
				ctx: t.ctx,
				actor: world.professional,
				conversationId: world.conversationId,
				partyId: world.partyIds[partyIndex]!,
				purpose: 'preparation'
			});
		const byLink = (await claim((await linkOf(0)).token))!;
		const byCode = await joinAs(t.ctx, world, world.partyIds[1]!);
		const unopened = await linkOf(2);
		expect(await authenticateDevice(t.ctx, byLink.token)).toMatchObject({ type: 'participant' });
		expect(await authenticateDevice(t.ctx, byCode.token)).toMatchObject({ type: 'participant' });

		await closeCollaboration({ ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId });

		const conversation = await t.ctx.db
			.selectFrom('conversations')
			.select(['phase', 'joinCode', 'endedAt'])
			.where('id', '=', world.conversationId)
			.executeTakeFirstOrThrow();
		expect(conversation).toEqual({ phase: 'abandoned', joinCode: null, endedAt: t.ctx.clock.now().toISOString() });
		// The phone let in by its link is told its link ended ("Deze link werkt niet meer"); the one
		// that joined with the code is sent to the join page's "ended" notice.
		expect(await authenticateDevice(t.ctx, byLink.token)).toBeNull();
		expect(await findEndedLinkReason(t.ctx, byLink.token)).toBe('ended');
		expect(await authenticateDevice(t.ctx, byCode.token)).toBeNull();
		await expect(claim(unopened.token)).rejects.toMatchObject({ code: 'link.expired' });
		await expect(joinAs(t.ctx, world, world.partyIds[2]!)).rejects.toMatchObject({ code: 'participation.invalid_code' });
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details'])
			.where('targetId', '=', world.conversationId)
			.where('action', '=', 'conversation.abandoned')
			.execute();
		expect(audit).toEqual([
			{ action: 'conversation.abandoned', details: JSON.stringify({ from: 'rating', to: 'abandoned', collaborationClosed: true }) }
		]);

		// Reopening does not start the ended conversation again.
		await reopenCollaboration({ ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId });
		expect(await authenticateDevice(t.ctx, byLink.token)).toBeNull();
		await expect(claim(unopened.token)).rejects.toMatchObject({ code: 'link.expired' });
	});
});
