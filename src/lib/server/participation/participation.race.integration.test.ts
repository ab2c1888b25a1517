import { expect, it } from 'vitest';
import { abandonConversation } from '../conversations/conversations.usecases.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { buildRunningConversation, nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { anonymousActor } from '../testing/builders.ts';
import { claimParticipantLink } from './link-opening.usecases.ts';
import { createParticipantLink } from './links.usecases.ts';
import { claimParticipant } from './participation.usecases.ts';

/**
 * A name is claimed only in a conversation that still runs with the code the phone typed: the
 * claim's transaction reads the conversation again after locking it. Before, the code was checked
 * before that transaction, and a name picked just after the professional ended the conversation
 * was still taken, with a device session in the ended conversation (an own phone of a closed one
 * reads its outcome: canReadOutcome).
 */
describeOnBothDatabases('a claim overtaken by the end of its conversation', (dialect) => {
	const t = useTestContext(dialect);

	const sessionsOf = async (partyId: string) =>
		(await t.ctx.db.selectFrom('deviceSessions').select('id').where('partyId', '=', partyId).execute()).length;

	it('regression (race): a name picked after the professional ended the conversation is refused as an invalid code, and no device session is made', async () => {
		const world = await buildRunningConversation(t.ctx);
		const end = () => abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		const partyId = world.partyIds[0]!;
		await expect(
			claimParticipant({ ctx: withChangeBeforeTheWrite(t.ctx, end), code: world.code, partyId, clientAddress: nextAddress() })
		).rejects.toMatchObject({ code: 'participation.invalid_code' });
		expect(await sessionsOf(partyId)).toBe(0);
	});

	it('regression (race): a personal link claimed after the professional ended the conversation is refused as ended, and no device session is made', async () => {
		const world = await buildRunningConversation(t.ctx);
		const partyId = world.partyIds[0]!;
		const { token } = await createParticipantLink({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			partyId,
			purpose: 'preparation'
		});
		const end = () => abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		await expect(
			claimParticipantLink({ ctx: withChangeBeforeTheWrite(t.ctx, end), actor: anonymousActor, token, clientAddress: nextAddress() })
		).rejects.toMatchObject({ code: 'link.expired' });
		expect(await sessionsOf(partyId)).toBe(0);
	});

	it('a claim by code or by link with nothing in between is taken as before', async () => {
		const world = await buildRunningConversation(t.ctx);
		const partyId = world.partyIds[0]!;
		await claimParticipant({
			ctx: withChangeBeforeTheWrite(t.ctx, async () => {}),
			code: world.code,
			partyId,
			clientAddress: nextAddress()
		});
		expect(await sessionsOf(partyId)).toBe(1);
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a claim while the end is being saved waits for it, and is refused once it is saved',
		async () => {
			const world = await buildRunningConversation(t.ctx);
			const partyId = world.partyIds[0]!;
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (ending) => {
					const repo = createConversationsRepository(ending);
					await repo.lockForChange(world.organisationId, world.conversationId);
					await repo.updateConversation(world.organisationId, world.conversationId, { phase: 'abandoned', joinCode: null });
				},
				() => claimParticipant({ ctx: t.ctx, code: world.code, partyId, clientAddress: nextAddress() }),
				'the claim to wait for the end'
			);
			expect(outcome).toMatchObject({ code: 'participation.invalid_code' });
			expect(await sessionsOf(partyId)).toBe(0);
		}
	);
});
