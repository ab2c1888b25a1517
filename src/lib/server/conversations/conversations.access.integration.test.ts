import { expect, it } from 'vitest';
import { requireParty } from '../access/party-doors.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { anonymousActor, buildCollaboration, buildStaff } from '../testing/builders.ts';
import { buildQuickCheck, ratingsOf, readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	requireConversationInCollaboration,
	abandonConversation,
	getCollaborationTimeline,
	getConversationForStaff,
	markAbsent,
	revealNow,
	saveReflections,
	startQuickCheck,
	submitRatings
} from './conversations.usecases.ts';

describeOnBothDatabases('quick check: who may reach a conversation', (dialect) => {
	const t = useTestContext(dialect);

	it('a conversation is only found under its own collaboration, even for the professional who leads both', async () => {
		const first = await buildQuickCheck(t.ctx);
		const second = await buildQuickCheck(t.ctx, { professional: first.professional });
		const input = { ctx: t.ctx, actor: first.professional, conversationId: first.conversationId };
		await expect(requireConversationInCollaboration({ ...input, collaborationId: first.collaborationId })).resolves.toEqual({
			version: expect.any(Number)
		});
		await expect(requireConversationInCollaboration({ ...input, collaborationId: second.collaborationId })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('a participant of conversation X cannot read or answer conversation Y', async () => {
		const { ctx } = t;
		const x = await buildQuickCheck(ctx);
		const y = await buildQuickCheck(ctx, { professional: x.professional });
		const fromX = x.participants[0]!;
		// The page reads the device's own conversation (/c asks for no id): reaching Y takes an actor
		// that names Y. One that keeps X's party, or takes Y's party in X's conversation, is refused.
		const attempts = [
			() => readConversationAsParticipant(ctx, { ...fromX, conversationId: y.conversationId }),
			() => readConversationAsParticipant(ctx, { ...fromX, partyId: y.participants[0]!.partyId }),
			() => submitRatings({ ctx, actor: fromX, conversationId: y.conversationId, values: ratingsOf(50) }),
			() =>
				saveReflections({ ctx, actor: fromX, conversationId: y.conversationId, reflections: [{ itemKey: 'omgang', mostSatisfied: 'x' }] }),
			// A forged actor that names Y but keeps X's party is refused as well.
			() =>
				submitRatings({
					ctx,
					actor: { ...fromX, conversationId: y.conversationId },
					conversationId: y.conversationId,
					values: ratingsOf(50)
				})
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
		const stored = await ctx.db.selectFrom('ratings').select('partyId').where('conversationId', '=', y.conversationId).execute();
		expect(stored).toEqual([]);
		await expect(readConversationAsParticipant(ctx, fromX)).resolves.toMatchObject({
			id: x.conversationId
		});
	});

	it("a participant cannot take the professional's steps or read the staff view", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const client = qc.participants[0]!;
		const conversationId = qc.conversationId;
		await submitRatings({ ctx, actor: client, conversationId, values: ratingsOf(50) });
		const attempts = [
			() => revealNow({ ctx, actor: client, conversationId }),
			() => markAbsent({ ctx, actor: client, conversationId, partyId: qc.participants[1]!.partyId }),
			() => abandonConversation({ ctx, actor: client, conversationId }),
			() => getConversationForStaff({ locale: 'nl', ctx, actor: client, conversationId }),
			() => getCollaborationTimeline({ locale: 'nl', ctx, actor: client, collaborationId: qc.collaborationId })
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a professional who does not hold the collaboration gets not found', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const colleague = await buildStaff(ctx, qc.professional, { roles: ['professional'] });
		await expectRefused(ctx, colleague, qc);
	});

	it('an admin and a team lead get not found: they never see a conversation', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		for (const roles of [['admin'], ['teamLead'], ['teamLead', 'admin'], ['trajectoryCoordinator']] as const) {
			await expectRefused(ctx, await buildStaff(ctx, qc.professional, { roles: [...roles] }), qc);
		}
		await expectRefused(ctx, anonymousActor, qc);
		await expectRefused(ctx, systemActor, qc);
	});

	it('a professional of another organisation gets not found', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const other = await buildQuickCheck(ctx);
		await expectRefused(ctx, other.professional, qc);
	});

	it('a co-professional may lead the conversation, without a party of their own', async () => {
		const { ctx } = t;
		const holder = (await buildQuickCheck(ctx)).professional;
		const co = await buildStaff(ctx, holder, { roles: ['professional'] });
		const collaboration = await buildCollaboration(ctx, holder, { coProfessionals: [{ userId: co.userId }] });
		const { conversationId } = await startQuickCheck({ ctx, actor: holder, collaborationId: collaboration.collaborationId });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: co, conversationId });
		expect(view.viewer.partyId).toBeNull();
		await expect(requireParty({ db: ctx.db, actor: co, conversationId, purpose: 'view' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(requireParty({ db: ctx.db, actor: holder, conversationId, purpose: 'view' })).resolves.toMatchObject({
			kind: 'professional'
		});
		// Without a party there is nothing to rate with: not found, in the rating phase and after it alike.
		await expect(submitRatings({ ctx, actor: co, conversationId, values: ratingsOf(50) })).rejects.toMatchObject({ code: 'not_found' });
		await abandonConversation({ ctx, actor: holder, conversationId });
		await expect(submitRatings({ ctx, actor: co, conversationId, values: ratingsOf(50) })).rejects.toMatchObject({ code: 'not_found' });
		await expect(submitRatings({ ctx, actor: holder, conversationId, values: ratingsOf(50) })).rejects.toMatchObject({
			code: 'conversation.ended'
		});
	});

	it('every read of conversation data is in the audit log', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId: qc.conversationId });
		ctx.clock.advance(1000);
		await readConversationAsParticipant(ctx, qc.participants[0]!);
		ctx.clock.advance(1000);
		await getCollaborationTimeline({ locale: 'nl', ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		const events = await ctx.db
			.selectFrom('auditEvents')
			.select(['actorType', 'actorId', 'targetType', 'targetId', 'details'])
			.where('action', '=', 'access.view')
			.where('organisationId', '=', qc.professional.organisationId)
			.orderBy('occurredAt')
			.execute();
		expect(events.map((e) => [e.actorType, e.actorId, e.targetType, e.targetId])).toEqual([
			['staff', qc.professional.userId, 'conversation', qc.conversationId],
			['participant', qc.participants[0]!.partyId, 'conversation', qc.conversationId],
			['staff', qc.professional.userId, 'collaboration', qc.collaborationId]
		]);
	});

	async function expectRefused(ctx: typeof t.ctx, actor: Actor, qc: Awaited<ReturnType<typeof buildQuickCheck>>) {
		const conversationId = qc.conversationId;
		const attempts = [
			() => getConversationForStaff({ locale: 'nl', ctx, actor, conversationId }),
			() => getCollaborationTimeline({ locale: 'nl', ctx, actor, collaborationId: qc.collaborationId }),
			() => startQuickCheck({ ctx, actor, collaborationId: qc.collaborationId }),
			() => submitRatings({ ctx, actor, conversationId, values: ratingsOf(50) }),
			() => revealNow({ ctx, actor, conversationId }),
			() => abandonConversation({ ctx, actor, conversationId }),
			() => requireParty({ db: ctx.db, actor, conversationId, purpose: 'view' })
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
	}
});
