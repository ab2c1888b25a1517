import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { submitRatings } from '../conversations/conversations.rating.usecases.ts';
import { startQuickCheck } from '../conversations/conversations.usecases.ts';
import { startSessionFeedback } from '../feedback/feedback.usecases.ts';
import { savePreparation, sharePreparation } from '../preparation/preparation.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import type { AppContext } from '../context.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createRetentionRepository } from './retention.repository.ts';
import { eraseCollaboration, eraseParticipant } from './retention.usecases.ts';

/**
 * An erasure (on request or by retention) and a write by the client or the professional that
 * overlap (decision 011, "Amended 2026-12-07 (race audit, continued)"): the write reads again in
 * its own transaction what it writes into, so one that comes after the erasure is refused as not
 * found, with nothing of the erased person written back and no foreign-key error (before: an error
 * page, 500); and on PostgreSQL the erasure locks the conversations it erases, so a change in flight
 * is waited for and then erased and pseudonymised with the rest.
 */
describeOnBothDatabases('an erasure and a write that overlap', (dialect) => {
	const t = useTestContext(dialect);
	const input = {
		wishes: 'na het wissen',
		cards: [],
		momentA: null,
		momentB: null,
		momentC: null,
		momentCard: null,
		safety: [],
		safetyOwn: null
	};
	const erasingCollaboration = (organisationId: string, collaborationId: string) => () =>
		eraseCollaboration({ ctx: t.ctx, actor: systemActor, organisationId, reason: 'request', collaborationId });
	const erasingParticipant = (organisationId: string, participantId: string) => () =>
		eraseParticipant({ ctx: t.ctx, actor: systemActor, organisationId, reason: 'request', participantId });
	const conversationsOf = async (collaborationId: string) =>
		(await t.ctx.db.selectFrom('conversations').select('id').where('collaborationId', '=', collaborationId).execute()).length;

	it('regression (race): a quick check or session feedback started after the collaboration was erased is refused as not found, and nothing is stored', async () => {
		for (const start of [startQuickCheck, startSessionFeedback]) {
			const qc = await buildQuickCheck(t.ctx, { participants: 1 });
			await t.ctx.db.updateTable('conversations').set({ phase: 'closed' }).where('id', '=', qc.conversationId).execute();
			const ctx = withChangeBeforeTheWrite(t.ctx, erasingCollaboration(qc.professional.organisationId, qc.collaborationId));
			await expect(start({ ctx, actor: qc.professional, collaborationId: qc.collaborationId })).rejects.toMatchObject({
				code: 'not_found'
			});
			expect(await conversationsOf(qc.collaborationId)).toBe(0);
		}
	});

	it('regression (race): a quick check started after one participant was erased is started without them', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 2 });
		await t.ctx.db.updateTable('conversations').set({ phase: 'closed' }).where('id', '=', qc.conversationId).execute();
		const [erased, kept] = qc.participants;
		const ctx = withChangeBeforeTheWrite(t.ctx, erasingParticipant(qc.professional.organisationId, erased!.participantId));
		const { conversationId } = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		const parties = await createConversationsRepository(t.ctx.db).listParties(qc.professional.organisationId, conversationId);
		expect(parties.map((p) => p.participantId).filter(Boolean)).toEqual([kept!.participantId]);
	});

	it('regression (race): a preparation saved or shared after its participant was erased is refused as not found, and nothing is stored', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 2 });
		const [first, second] = lc.participants;
		await savePreparation({ ctx: t.ctx, actor: second!, conversationId: lc.conversationId, input });
		const organisationId = lc.professional.organisationId;
		const saving = withChangeBeforeTheWrite(t.ctx, erasingParticipant(organisationId, first!.participantId));
		await expect(savePreparation({ ctx: saving, actor: first!, conversationId: lc.conversationId, input })).rejects.toMatchObject({
			code: 'not_found'
		});
		const sharing = withChangeBeforeTheWrite(t.ctx, erasingParticipant(organisationId, second!.participantId));
		await expect(sharePreparation({ ctx: sharing, actor: second!, conversationId: lc.conversationId })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await t.ctx.db.selectFrom('preparations').select('partyId').where('conversationId', '=', lc.conversationId).execute()).toEqual(
			[]
		);
	});

	it('a rating submitted after the participant or the collaboration was erased is refused as not found', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 2 });
		const organisationId = qc.professional.organisationId;
		const [first, second] = qc.participants;
		const submit = (ctx: AppContext, actor: typeof first) =>
			submitRatings({ ctx, actor: actor!, conversationId: qc.conversationId, values: ratingsOf(40) });
		await expect(
			submit(withChangeBeforeTheWrite(t.ctx, erasingParticipant(organisationId, first!.participantId)), first)
		).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			submit(withChangeBeforeTheWrite(t.ctx, erasingCollaboration(organisationId, qc.collaborationId)), second)
		).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a rating submitted while the participant’s erasure is being saved waits for it and is refused as not found, not with a foreign-key error',
		async () => {
			const qc = await buildQuickCheck(t.ctx, { participants: 2 });
			const organisationId = qc.professional.organisationId;
			const [participant] = qc.participants;
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (erasing) => {
					const repo = createRetentionRepository(erasing, 'postgres');
					await repo.lockParticipant(organisationId, participant!.participantId);
					await repo.deleteParticipant(organisationId, participant!.participantId);
				},
				() => submitRatings({ ctx: t.ctx, actor: participant!, conversationId: qc.conversationId, values: ratingsOf(40) }),
				'the rating to wait for the erasure'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
		}
	);

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): an erasure while a rating is being saved waits for it, and no audit event names the erased party afterwards',
		async () => {
			const qc = await buildQuickCheck(t.ctx, { participants: 2 });
			const organisationId = qc.professional.organisationId;
			const [participant] = qc.participants;
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (rating) => {
					// What a rating's transaction does first (changeAsParty): lock the conversation, then write.
					const repo = createConversationsRepository(rating);
					await repo.lockForChange(organisationId, qc.conversationId);
					await recordAudit(rating, t.ctx.clock, {
						actor: participant!,
						organisationId,
						action: 'conversation.ratings_submitted',
						target: { type: 'conversation', id: qc.conversationId },
						details: { partyId: participant!.partyId, items: 5 }
					});
				},
				() => erasingParticipant(organisationId, participant!.participantId)(),
				'the erasure to wait for the rating'
			);
			expect(outcome).toBe('written');
			const naming = await t.ctx.db
				.selectFrom('auditEvents')
				.select('action')
				.where('organisationId', '=', organisationId)
				.where((eb) => eb.or([eb('details', 'like', `%${participant!.partyId}%`), eb('actorId', '=', participant!.participantId)]))
				.execute();
			expect(naming).toEqual([]);
		}
	);
});
