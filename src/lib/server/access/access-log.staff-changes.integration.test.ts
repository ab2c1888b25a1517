import { expect, it } from 'vitest';
import { closeCollaboration, updateCollaboration } from '../collaborations/collaborations.usecases.ts';
import { addParticipant, removeParticipant } from '../collaborations/participants.usecases.ts';
import { startQuickCheck } from '../conversations/conversations.usecases.ts';
import { listErasureRequests, rejectErasure, requestErasure } from '../retention/retention.requests.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';

/** The access-log changes (access.change) one member of staff left. */
async function changesBy(ctx: TestContext, userId: string) {
	return ctx.db
		.selectFrom('auditEvents')
		.select(['targetType', 'targetId', 'requestId'])
		.where('actorId', '=', userId)
		.where('action', '=', 'access.change')
		.orderBy('requestId')
		.execute();
}

// Decision 016: an access inside a transaction that rolls back disappears with it. A change that
// is refused changed nothing, so it leaves no access.change entry; one that goes through leaves one.
describeOnBothDatabases("access log: a professional's change is logged with the change", (dialect) => {
	const t = useTestContext(dialect);

	it('a refused change of a collaboration leaves no entry; one that goes through leaves one', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const professional = await buildStaff(ctx, admin, { roles: ['professional'] });
		const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants: 1 });
		const as = (requestId: string) => ({ ...professional, requestId });

		// The last participant always stays: refused inside the change's transaction.
		await expect(removeParticipant({ ctx, actor: as('last'), collaborationId, participantId: participantIds[0]! })).rejects.toMatchObject({
			code: 'collaboration.last_participant'
		});
		expect(await changesBy(ctx, professional.userId)).toEqual([]);

		const participant = { displayName: 'Sam', audience: 'adult', locale: 'nl', email: null } as const;
		await addParticipant({ ctx, actor: as('added'), collaborationId, input: participant });
		await closeCollaboration({ ctx, actor: as('closed'), collaborationId });
		const details = { label: 'Gezin', rhythmWeeks: 12, nextDueOn: null };
		// Nothing changes in a closed collaboration.
		await expect(updateCollaboration({ ctx, actor: as('refused-closed'), collaborationId, input: details })).rejects.toMatchObject({
			code: 'collaboration.closed'
		});
		expect(await changesBy(ctx, professional.userId)).toEqual([
			{ targetType: 'collaboration', targetId: collaborationId, requestId: 'added' },
			{ targetType: 'collaboration', targetId: collaborationId, requestId: 'closed' }
		]);
	});

	it('starting a quick check is logged with the start; going on with the running one is no change', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const professional = await buildStaff(ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(ctx, professional, { participants: 1 });
		const first = await startQuickCheck({ ctx, actor: { ...professional, requestId: 'start' }, collaborationId });
		const again = await startQuickCheck({ ctx, actor: { ...professional, requestId: 'resume' }, collaborationId });
		expect(again).toEqual({ conversationId: first.conversationId, resumed: true });
		expect(await changesBy(ctx, professional.userId)).toEqual([
			{ targetType: 'conversation', targetId: collaborationId, requestId: 'start' }
		]);
	});

	it('the list of erasure requests changes nothing and logs no change; turning one down is logged once, a second time not', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		await ctx.db.updateTable('organisations').set({ erasureConfirmation: 'holder' }).where('id', '=', admin.organisationId).execute();
		const holder = await buildStaff(ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(ctx, holder, { participants: 1 });
		const { requestId } = await requestErasure({
			ctx,
			actor: admin,
			input: { targetType: 'collaboration', reference: collaborationId, reason: 'clientRequest' }
		});
		expect(await changesBy(ctx, admin.userId)).toEqual([{ targetType: 'erasure', targetId: collaborationId, requestId: null }]);

		// The holder may confirm it: the list says so, and looking at it writes nothing.
		const overview = await listErasureRequests({ ctx, actor: holder });
		expect(overview.requests.map((request) => ({ id: request.id, canConfirm: request.canConfirm }))).toEqual([
			{ id: requestId, canConfirm: true }
		]);
		expect(await changesBy(ctx, holder.userId)).toEqual([]);

		await rejectErasure({ ctx, actor: { ...holder, requestId: 'rejected' }, requestId });
		// Decided already: not found, and no second entry.
		await expect(rejectErasure({ ctx, actor: { ...holder, requestId: 'again' }, requestId })).rejects.toMatchObject({ code: 'not_found' });
		expect(await changesBy(ctx, holder.userId)).toEqual([{ targetType: 'erasure', targetId: requestId, requestId: 'rejected' }]);
	});
});
