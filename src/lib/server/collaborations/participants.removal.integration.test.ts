import { expect, it } from 'vitest';
import { closeConversation, saveAgreement, startAgreement, submitRatings } from '../conversations/conversations.usecases.ts';
import { authenticateDevice, joinWithCode } from '../participation/participation.usecases.ts';
import { ratingsOf } from '../testing/conversation-builders.ts';
import { buildRunningConversation, joinAs, nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { addParticipant, removeParticipant } from './participants.usecases.ts';

/**
 * A participant taken off a collaboration (a parent who no longer takes part, say) loses every way
 * in that they had: their phone in a running conversation, their phone reading an ended
 * conversation's outcome, and joining with the code. The others keep theirs.
 */
describeOnBothDatabases('removing a participant ends their access', (dialect) => {
	const t = useTestContext(dialect);

	it('in a running conversation: the removed participant’s phone is signed out and cannot join again; the others go on', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 3 });
		const [first, second, third] = world.partyIds as [string, string, string];
		const removedPhone = await joinAs(t.ctx, world, first);
		const stayingPhone = await joinAs(t.ctx, world, third);
		const participantOf = async (partyId: string) =>
			(await t.ctx.db.selectFrom('conversationParties').select('participantId').where('id', '=', partyId).executeTakeFirstOrThrow())
				.participantId!;

		const lead = { ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId };
		await removeParticipant({ ...lead, participantId: await participantOf(first) });
		await removeParticipant({ ...lead, participantId: await participantOf(second) });

		expect(await authenticateDevice(t.ctx, removedPhone.token)).toBeNull();
		expect((await authenticateDevice(t.ctx, stayingPhone.token))?.type).toBe('participant');
		// Not offered on the join page, and claiming the party directly is not found.
		const offered = await joinWithCode({ ctx: t.ctx, code: world.code, clientAddress: nextAddress() });
		expect(offered.participants.map((p) => p.partyId)).toEqual([]);
		await expect(joinAs(t.ctx, world, second)).rejects.toMatchObject({ code: 'not_found' });
		// The one who stays still answers.
		await submitRatings({ ctx: t.ctx, actor: stayingPhone.actor, conversationId: world.conversationId, values: ratingsOf(40) });
	});

	it('after the conversation ended: the removed participant’s phone no longer reads the outcome', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		const phone = await joinAs(t.ctx, world, world.partyIds[0]!);
		const lead = { ctx: t.ctx, actor: world.professional, conversationId: world.conversationId };
		await submitRatings({ ctx: t.ctx, actor: phone.actor, conversationId: world.conversationId, values: ratingsOf(30) });
		await submitRatings({ ...lead, values: ratingsOf(70) });
		await startAgreement(lead);
		await saveAgreement({
			...lead,
			input: { what: 'Elke maandag bellen', who: 'client', dueOn: '2100-01-31', successMeasure: 'Vier keer' }
		});
		await closeConversation({ ...lead, summary: 'Goed gesprek' });
		expect((await authenticateDevice(t.ctx, phone.token))?.type).toBe('outcomeReader');

		const collaboration = { ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId };
		await addParticipant({ ...collaboration, input: { displayName: 'Opvolger', audience: 'adult', locale: 'nl', email: null } });
		await removeParticipant({ ...collaboration, participantId: phone.actor.participantId });
		expect(await authenticateDevice(t.ctx, phone.token)).toBeNull();
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select('details')
			.where('action', '=', 'collaboration.participant_removed')
			.where('targetId', '=', world.collaborationId)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(String(audit.details))).toMatchObject({ devicesSignedOut: 1 });
	});
});
