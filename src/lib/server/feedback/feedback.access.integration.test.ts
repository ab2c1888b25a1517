import { expect, it } from 'vitest';
import { systemActor, type Actor } from '../access/actor.ts';
import { getConversationForStaff, submitRatings } from '../conversations/conversations.usecases.ts';
import { anonymousActor, buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { buildSessionFeedback, feedbackOf, readFeedbackAsParticipant } from '../testing/feedback-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	abandonSessionFeedback,
	closeSessionFeedback,
	getFeedbackForStaff,
	startSessionFeedback,
	submitSessionFeedback
} from './feedback.usecases.ts';

describeOnBothDatabases('session feedback: who may reach it', (dialect) => {
	const t = useTestContext(dialect);

	it('team leads, admins, other professionals and other organisations get not found, before and after it closes', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const org = { organisationId: fb.professional.organisationId };
		const elsewhere = await buildOrganisation(ctx);
		const outsiders: Actor[] = [
			await buildStaff(ctx, org, { roles: ['teamLead'] }),
			await buildStaff(ctx, org, { roles: ['admin'] }),
			await buildStaff(ctx, org, { roles: ['professional'] }),
			await buildStaff(ctx, elsewhere, { roles: ['professional', 'admin', 'teamLead'] }),
			anonymousActor,
			systemActor
		];
		const conversationId = fb.conversationId;
		for (const phase of ['running', 'closed']) {
			if (phase === 'closed') await submitSessionFeedback({ ctx, actor: fb.participants[0]!, conversationId, values: feedbackOf(50) });
			for (const actor of outsiders) {
				await expect(getFeedbackForStaff({ locale: 'nl', ctx, actor, conversationId })).rejects.toMatchObject({ code: 'not_found' });
				await expect(closeSessionFeedback({ ctx, actor, conversationId })).rejects.toMatchObject({ code: 'not_found' });
				await expect(abandonSessionFeedback({ ctx, actor, conversationId })).rejects.toMatchObject({ code: 'not_found' });
				await expect(startSessionFeedback({ ctx, actor, collaborationId: fb.collaborationId })).rejects.toMatchObject({
					code: 'not_found'
				});
			}
		}
	});

	it('a co-professional of the collaboration may follow and close it', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const holder = await buildStaff(ctx, admin);
		const co = await buildStaff(ctx, admin);
		const collaboration = await buildCollaboration(ctx, holder, { coProfessionals: [{ userId: co.userId }] });
		const { conversationId } = await startSessionFeedback({ ctx, actor: holder, collaborationId: collaboration.collaborationId });
		await expect(getFeedbackForStaff({ locale: 'nl', ctx, actor: co, conversationId })).resolves.toMatchObject({ id: conversationId });
	});

	it("a participant reaches only their own feedback and cannot take the professional's steps", async () => {
		const { ctx } = t;
		const x = await buildSessionFeedback(ctx);
		const y = await buildSessionFeedback(ctx, { professional: x.professional });
		const fromX = x.participants[0]!;
		// The page reads the device's own conversation (/c/feedback asks for no id): an actor that
		// names Y but keeps X's party, or takes Y's party in X's conversation, is refused.
		const attempts = [
			() => readFeedbackAsParticipant(ctx, { ...fromX, conversationId: y.conversationId }),
			() => readFeedbackAsParticipant(ctx, { ...fromX, partyId: y.participants[0]!.partyId }),
			() => submitSessionFeedback({ ctx, actor: fromX, conversationId: y.conversationId, values: feedbackOf(50) }),
			() => getFeedbackForStaff({ locale: 'nl', ctx, actor: fromX, conversationId: x.conversationId }),
			() => closeSessionFeedback({ ctx, actor: fromX, conversationId: x.conversationId }),
			() => abandonSessionFeedback({ ctx, actor: fromX, conversationId: x.conversationId }),
			() => startSessionFeedback({ ctx, actor: fromX, collaborationId: x.collaborationId })
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
		await expect(readFeedbackAsParticipant(ctx, fromX)).resolves.toMatchObject({ id: x.conversationId });
	});

	it('the professional does not rate: their own submission is not found', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		await expect(
			submitSessionFeedback({ ctx, actor: fb.professional, conversationId: fb.conversationId, values: feedbackOf(50) })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it("the quick check's actions do not reach session feedback, nor the other way round", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const qc = await buildQuickCheck(ctx, { professional: fb.professional });
		// A client's device posting the quick check's rating form must not reveal or change the feedback.
		await expect(
			submitRatings({ ctx, actor: fb.participants[0]!, conversationId: fb.conversationId, values: feedbackOf(50) })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(closeSessionFeedback({ ctx, actor: qc.professional, conversationId: qc.conversationId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			submitSessionFeedback({ ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(50) })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			getFeedbackForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId: qc.conversationId })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		// The quick check's staff view shows nothing of unsent-to-the-professional answers either.
		await submitSessionFeedback({ ctx, actor: fb.participants[0]!, conversationId: fb.conversationId, values: feedbackOf(80) });
		expect((await getConversationForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId: fb.conversationId })).phase).toBe(
			'closed'
		);
	});

	it('a closed collaboration takes no new session feedback', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const professional = await buildStaff(ctx, admin);
		const collaboration = await buildCollaboration(ctx, professional, { status: 'closed' });
		await expect(startSessionFeedback({ ctx, actor: professional, collaborationId: collaboration.collaborationId })).rejects.toMatchObject({
			code: 'collaboration.closed'
		});
	});
});
