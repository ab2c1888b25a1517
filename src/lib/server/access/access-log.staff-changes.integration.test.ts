import { expect, it } from 'vitest';
import type { StaffActor } from './actor.ts';
import { closeCollaboration, reopenCollaboration, updateCollaboration } from '../collaborations/collaborations.usecases.ts';
import { handOverCollaboration } from '../collaborations/handover.usecases.ts';
import { addParticipant, removeParticipant, updateParticipant } from '../collaborations/participants.usecases.ts';
import { addCoProfessional, removeCoProfessional } from '../collaborations/professionals.usecases.ts';
import { revealNow, submitRatings } from '../conversations/conversations.rating.usecases.ts';
import { abandonConversation, startQuickCheck } from '../conversations/conversations.usecases.ts';
import { abandonSessionFeedback, closeSessionFeedback } from '../feedback/feedback.usecases.ts';
import { deactivateStaff } from '../staff/staff.usecases.ts';
import { setCollaborationQuickCheckInstrument } from '../instruments/instruments.import.usecases.ts';
import { releaseParticipant, startHandover } from '../participation/handover.usecases.ts';
import { createParticipantLink, revokeParticipantLinks } from '../participation/links.usecases.ts';
import { listErasureRequests, rejectErasure, requestErasure } from '../retention/retention.requests.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from '../testing/builders.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
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

	it('an admin who deactivates a professional hands each of their collaborations over with one entry each; refused before the handover, with none', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const leaver = await buildStaff(ctx, admin, { roles: ['professional'] });
		const successor = await buildStaff(ctx, admin, { roles: ['professional'] });
		const gone = await buildStaff(ctx, admin, { roles: ['professional'], status: 'deactivated' });
		const first = await buildCollaboration(ctx, leaver, { participants: 1 });
		const second = await buildCollaboration(ctx, leaver, { participants: 1 });
		const as = (requestId: string) => ({ ...admin, requestId });

		// Nobody chosen, or someone who cannot take them: refused before any entry is written (the
		// entries come after the handovers, in the same transaction), nothing handed over.
		await expect(deactivateStaff({ ctx, actor: as('nobody'), userId: leaver.userId })).rejects.toMatchObject({
			code: 'staff.holds_collaborations'
		});
		await expect(deactivateStaff({ ctx, actor: as('gone'), userId: leaver.userId, handoverTo: gone.userId })).rejects.toMatchObject({
			code: 'collaboration.not_a_professional'
		});
		expect(await changesBy(ctx, admin.userId)).toEqual([]);

		await deactivateStaff({ ctx, actor: as('deactivated'), userId: leaver.userId, handoverTo: successor.userId });
		const entries = await ctx.db
			.selectFrom('auditEvents')
			.select(['targetType', 'targetId', 'collaborationId', 'actorRole', 'requestId'])
			.where('actorId', '=', admin.userId)
			.where('action', '=', 'access.change')
			.orderBy('targetId')
			.execute();
		expect(entries).toEqual(
			[first.collaborationId, second.collaborationId].sort().map((id) => ({
				targetType: 'handover',
				targetId: id,
				collaborationId: id,
				actorRole: 'admin',
				requestId: 'deactivated'
			}))
		);
	});

	/** A running quick check and a session feedback of one professional, and a colleague in the same organisation. */
	async function world(ctx: TestContext) {
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const feedback = await buildSessionFeedback(ctx, { participants: 1, professional: qc.professional });
		const colleague = await buildStaff(ctx, qc.admin, { roles: ['professional'] });
		return { qc, feedback, colleague, participantIds: (await collaborationParticipants(ctx, qc.collaborationId)).map((p) => p.id) };
	}
	type World = Awaited<ReturnType<typeof world>>;

	async function collaborationParticipants(ctx: TestContext, collaborationId: string) {
		return ctx.db.selectFrom('participants').select('id').where('collaborationId', '=', collaborationId).orderBy('id').execute();
	}

	// Every change a professional makes to a client's collaboration or conversation, through each
	// of its doors: done, it leaves one access.change entry; refused, none.
	const CHANGES: {
		change: string;
		refused?: (ctx: TestContext, w: World, actor: StaffActor) => Promise<unknown>;
		done: (ctx: TestContext, w: World, actor: StaffActor) => Promise<unknown>;
		/** The requests of `done` that change something: 'done', and 'done-2' for a second change. */
		requests?: string[];
	}[] = [
		{
			change: 'changing the collaboration',
			refused: (ctx, w, actor) =>
				updateCollaboration({
					ctx,
					actor,
					collaborationId: w.qc.collaborationId,
					input: { label: '123456782', rhythmWeeks: 12, nextDueOn: null }
				}),
			done: (ctx, w, actor) =>
				updateCollaboration({
					ctx,
					actor,
					collaborationId: w.qc.collaborationId,
					input: { label: 'Gezin', rhythmWeeks: 6, nextDueOn: null }
				})
		},
		{
			change: 'reopening it',
			done: async (ctx, w, actor) => {
				await closeCollaboration({ ctx, actor: w.qc.professional, collaborationId: w.qc.collaborationId });
				await reopenCollaboration({ ctx, actor, collaborationId: w.qc.collaborationId });
			}
		},
		{
			change: 'changing a participant',
			refused: (ctx, w, actor) =>
				updateParticipant({
					ctx,
					actor,
					collaborationId: w.qc.collaborationId,
					participantId: w.feedback.collaborationId,
					input: { displayName: 'Sam', audience: 'adult', locale: 'nl', email: null }
				}),
			done: (ctx, w, actor) =>
				updateParticipant({
					ctx,
					actor,
					collaborationId: w.qc.collaborationId,
					participantId: w.participantIds[0]!,
					input: { displayName: 'Sam', audience: 'adult', locale: 'nl', email: null }
				})
		},
		{
			change: 'adding a colleague',
			refused: (ctx, w, actor) => addCoProfessional({ ctx, actor, collaborationId: w.qc.collaborationId, userId: w.qc.admin.userId }),
			done: (ctx, w, actor) => addCoProfessional({ ctx, actor, collaborationId: w.qc.collaborationId, userId: w.colleague.userId })
		},
		{
			change: 'removing a colleague',
			refused: (ctx, w, actor) =>
				removeCoProfessional({ ctx, actor, collaborationId: w.qc.collaborationId, userId: w.qc.professional.userId }),
			done: async (ctx, w, actor) => {
				await addCoProfessional({ ctx, actor: w.qc.professional, collaborationId: w.qc.collaborationId, userId: w.colleague.userId });
				await removeCoProfessional({ ctx, actor, collaborationId: w.qc.collaborationId, userId: w.colleague.userId });
			}
		},
		{
			change: 'handing the collaboration over',
			refused: (ctx, w, actor) =>
				handOverCollaboration({ ctx, actor, collaborationId: w.qc.collaborationId, input: { toUserId: w.qc.admin.userId, note: '' } }),
			done: (ctx, w, actor) =>
				handOverCollaboration({ ctx, actor, collaborationId: w.qc.collaborationId, input: { toUserId: w.colleague.userId, note: '' } })
		},
		{
			change: 'choosing its instrument',
			refused: (ctx, w, actor) =>
				setCollaborationQuickCheckInstrument({ ctx, actor, collaborationId: w.qc.collaborationId, key: 'no-such-instrument' }),
			done: (ctx, w, actor) => setCollaborationQuickCheckInstrument({ ctx, actor, collaborationId: w.qc.collaborationId, key: null })
		},
		{
			change: 'revealing early',
			refused: (ctx, w, actor) => revealNow({ ctx, actor, conversationId: w.qc.conversationId }),
			done: async (ctx, w, actor) => {
				await submitRatings({ ctx, actor: w.qc.participants[0]!, conversationId: w.qc.conversationId, values: ratingsOf(60) });
				await submitRatings({ ctx, actor: w.qc.professional, conversationId: w.qc.conversationId, values: ratingsOf(70) });
				await revealNow({ ctx, actor, conversationId: w.qc.conversationId });
			}
		},
		{
			change: 'giving up a conversation',
			refused: async (ctx, w, actor) => {
				await abandonConversation({ ctx, actor: w.qc.professional, conversationId: w.qc.conversationId });
				await abandonConversation({ ctx, actor, conversationId: w.qc.conversationId });
			},
			done: (ctx, w, actor) => abandonSessionFeedback({ ctx, actor, conversationId: w.feedback.conversationId })
		},
		{
			change: 'freeing a name and handing a device over',
			requests: ['done', 'done-2'],
			refused: (ctx, w, actor) =>
				releaseParticipant({ ctx, actor, conversationId: w.qc.conversationId, partyId: w.feedback.participants[0]!.partyId }),
			done: async (ctx, w, actor) => {
				await releaseParticipant({ ctx, actor, conversationId: w.qc.conversationId, partyId: w.qc.participants[0]!.partyId });
				await startHandover({
					ctx,
					actor: { ...actor, requestId: 'done-2' },
					conversationId: w.qc.conversationId,
					partyId: w.qc.participants[1]!.partyId
				});
			}
		},
		{
			change: 'giving and ending a personal link',
			requests: ['done', 'done-2'],
			refused: (ctx, w, actor) => closeSessionFeedback({ ctx, actor, conversationId: w.feedback.conversationId }),
			done: async (ctx, w, actor) => {
				const link = {
					conversationId: w.feedback.conversationId,
					partyId: w.feedback.participants[0]!.partyId,
					purpose: 'sessionFeedback' as const
				};
				await createParticipantLink({ ctx, actor, ...link });
				await revokeParticipantLinks({ ctx, actor: { ...actor, requestId: 'done-2' }, ...link });
			}
		}
	];

	for (const { change, refused, done, requests = ['done'] } of CHANGES) {
		it(`${change}: logged once with the change${refused ? ', not at all when refused' : ''}`, async () => {
			const { ctx } = t;
			const w = await world(ctx);
			const lead: BuiltStaff = w.qc.professional;
			if (refused) {
				await expect(refused(ctx, w, { ...lead, requestId: 'refused' })).rejects.toThrow();
				expect((await changesBy(ctx, lead.userId)).filter((entry) => entry.requestId === 'refused')).toEqual([]);
			}
			await done(ctx, w, { ...lead, requestId: 'done' });
			const entries = (await changesBy(ctx, lead.userId)).filter((entry) => entry.requestId?.startsWith('done'));
			// One entry per request that changed something, and none for the refused one.
			expect(entries.map((entry) => entry.requestId).toSorted()).toEqual(requests);
		});
	}
});
