import { expect, it } from 'vitest';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { getCollaborationTimeline } from '../conversations/conversations.usecases.ts';
import { claimParticipantLink } from '../participation/link-opening.usecases.ts';
import { createParticipantLink } from '../participation/links.usecases.ts';
import { subscribeToConversation } from '../shared/live.ts';
import { anonymousActor, buildCollaboration } from '../testing/builders.ts';
import { nextAddress } from '../testing/participation-world.ts';
import { buildSessionFeedback, feedbackOf, readFeedbackAsParticipant } from '../testing/feedback-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	abandonSessionFeedback,
	closeSessionFeedback,
	getFeedbackForStaff,
	startSessionFeedback,
	submitSessionFeedback
} from './feedback.usecases.ts';

const ANSWERS = { relationship: 90, goals: 70, approach: 40, overall: 60 };

describeOnBothDatabases('session feedback', (dialect) => {
	const t = useTestContext(dialect);

	async function auditActions(conversationId: string) {
		const rows = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details', 'actorType'])
			.where('targetId', '=', conversationId)
			.orderBy('occurredAt')
			.orderBy('id')
			.execute();
		return rows;
	}

	it('starts in the rating phase with a party per participant, none for the professional, and a join code', async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 2 });
		const repo = createConversationsRepository(t.ctx.db);
		const stored = await repo.findConversation(fb.professional.organisationId, fb.conversationId);
		expect(stored).toMatchObject({ method: 'sessionFeedback', phase: 'rating' });
		expect(stored?.joinCode).toMatch(/^[A-Z0-9]{8}$/);
		const parties = await repo.listParties(fb.professional.organisationId, fb.conversationId);
		expect(parties.map((p) => p.kind)).toEqual(['participant', 'participant']);
		const view = await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: fb.professional, conversationId: fb.conversationId });
		expect(view.items.map((i) => i.key)).toEqual(['relationship', 'goals', 'approach', 'overall']);
		expect(view.instrument).toMatchObject({ key: 'session-feedback', version: 1 });
	});

	it('starting again goes on with the feedback that waits for answers, also when pressed twice at once', async () => {
		const fb = await buildSessionFeedback(t.ctx);
		const again = await startSessionFeedback({ ctx: t.ctx, actor: fb.professional, collaborationId: fb.collaborationId });
		expect(again).toEqual({ conversationId: fb.conversationId, resumed: true });

		const other = await buildCollaboration(t.ctx, fb.professional, { participants: 1 });
		const input = { ctx: t.ctx, actor: fb.professional, collaborationId: other.collaborationId };
		const both = await Promise.all([startSessionFeedback(input), startSessionFeedback(input)]);
		expect(new Set(both.map((r) => r.conversationId)).size).toBe(1);
	});

	it('the professional sees no answers until the client has submitted, then all of them', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx, { participants: 2 });
		const [mother, father] = fb.participants as [(typeof fb.participants)[0], (typeof fb.participants)[0]];
		const conversationId = fb.conversationId;
		await submitSessionFeedback({ ctx, actor: mother, conversationId, values: ANSWERS });

		const blind = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(blind.phase).toBe('rating');
		expect(blind.answers).toEqual([]);
		expect(blind.parties.map((p) => p.submitted)).toEqual([true, false]);
		const timeline = await getCollaborationTimeline({ locale: 'nl', ctx, actor: fb.professional, collaborationId: fb.collaborationId });
		expect(timeline.conversations[0]).toMatchObject({ method: 'sessionFeedback', ratings: [] });
		// The father's device does not get the mother's answers either.
		expect((await readFeedbackAsParticipant(ctx, father)).answers).toEqual([]);

		const result = await submitSessionFeedback({ ctx, actor: father, conversationId, values: feedbackOf(30) });
		expect(result).toEqual({ closed: true });
		const open = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(open.phase).toBe('closed');
		expect(open.answers).toEqual([
			{ partyId: mother.partyId, values: ANSWERS },
			{ partyId: father.partyId, values: feedbackOf(30) }
		]);
		const stored = await createConversationsRepository(ctx.db).findConversation(fb.professional.organisationId, conversationId);
		expect(stored).toMatchObject({ joinCode: null, endedAt: expect.any(String), revealedAt: expect.any(String) });
		const after = await getCollaborationTimeline({ locale: 'nl', ctx, actor: fb.professional, collaborationId: fb.collaborationId });
		expect(after.conversations[0]?.ratings).toHaveLength(2);
	});

	it('every read and change is audited, without the answers themselves', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const client = fb.participants[0]!;
		await readFeedbackAsParticipant(ctx, client);
		await submitSessionFeedback({ ctx, actor: client, conversationId: fb.conversationId, values: ANSWERS });
		await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId: fb.conversationId });
		const rows = await auditActions(fb.conversationId);
		// The access log (NEN 7513) records each read and change too: the device's and the professional's.
		expect(rows.map((r) => `${r.actorType}:${r.action}`).toSorted()).toEqual([
			'participant:access.change',
			'participant:access.view',
			'participant:feedback.closed',
			'participant:feedback.submitted',
			'staff:access.view',
			'staff:conversation.started'
		]);
		for (const row of rows) {
			const details = Object.values(JSON.parse(row.details ?? '{}') as Record<string, unknown>);
			expect(details.filter((value) => Object.values(ANSWERS).includes(value as number))).toEqual([]);
			expect(row.details ?? '').not.toContain('relationship');
		}
	});

	it('a child answers with the smileys only; anything else is refused and nothing is stored', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx, { audience: 'child' });
		const child = fb.participants[0]!;
		const conversationId = fb.conversationId;
		const view = await readFeedbackAsParticipant(ctx, child);
		expect(view.viewer.audience).toBe('child');
		expect(view.items[0]?.text).toBe('Werd er goed naar jou geluisterd?');
		await expect(submitSessionFeedback({ ctx, actor: child, conversationId, values: feedbackOf(60) })).rejects.toMatchObject({
			code: 'conversation.invalid_rating'
		});
		expect(await createConversationsRepository(ctx.db).countRatings(fb.professional.organisationId, conversationId)).toBe(0);
		await submitSessionFeedback({ ctx, actor: child, conversationId, values: feedbackOf(75) });
		expect((await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId })).answers).toEqual([
			{ partyId: child.partyId, values: feedbackOf(75) }
		]);
	});

	it('bad answers are refused with a clear code and change nothing', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const client = fb.participants[0]!;
		const conversationId = fb.conversationId;
		const bad: [Record<string, unknown>, string][] = [
			[{ relationship: 50, goals: 50, approach: 50 }, 'conversation.incomplete_ratings'],
			[{ ...feedbackOf(50), omgang: 50 }, 'conversation.unknown_item'],
			[{ ...feedbackOf(50), overall: 101 }, 'conversation.invalid_rating'],
			[{ ...feedbackOf(50), overall: 'goed' }, 'conversation.invalid_rating']
		];
		for (const [values, code] of bad) {
			await expect(submitSessionFeedback({ ctx, actor: client, conversationId, values })).rejects.toMatchObject({ code });
		}
		const view = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(view).toMatchObject({ phase: 'rating', answers: [] });
		expect(view.parties[0]?.submitted).toBe(false);
	});

	it('answers are sent once; after the end nothing more is taken', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx, { participants: 2 });
		const [first, second] = fb.participants as [(typeof fb.participants)[0], (typeof fb.participants)[0]];
		const conversationId = fb.conversationId;
		await submitSessionFeedback({ ctx, actor: first, conversationId, values: feedbackOf(50) });
		await expect(submitSessionFeedback({ ctx, actor: first, conversationId, values: feedbackOf(60) })).rejects.toMatchObject({
			code: 'conversation.already_submitted'
		});
		await closeSessionFeedback({ ctx, actor: fb.professional, conversationId });
		await expect(submitSessionFeedback({ ctx, actor: second, conversationId, values: feedbackOf(60) })).rejects.toMatchObject({
			code: 'conversation.ended'
		});
		const view = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(view.answers).toEqual([{ partyId: first.partyId, values: feedbackOf(50) }]);
	});

	it('the professional cannot close before anyone answered, but can stop it; stopped answers stay hidden', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx, { participants: 2 });
		const conversationId = fb.conversationId;
		await expect(closeSessionFeedback({ ctx, actor: fb.professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.nobody_submitted'
		});
		await submitSessionFeedback({ ctx, actor: fb.participants[0]!, conversationId, values: ANSWERS });
		await abandonSessionFeedback({ ctx, actor: fb.professional, conversationId });
		const view = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(view).toMatchObject({ phase: 'abandoned', answers: [], canClose: false });
		await expect(closeSessionFeedback({ ctx, actor: fb.professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.ended'
		});
		// A new one can start after the stopped one.
		const next = await startSessionFeedback({ ctx, actor: fb.professional, collaborationId: fb.collaborationId });
		expect(next.resumed).toBe(false);
	});

	it('devices following the feedback hear that something changed, never what', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const events: unknown[] = [];
		const stop = await subscribeToConversation(ctx, fb.conversationId, (event) => void events.push(event));
		try {
			await submitSessionFeedback({ ctx, actor: fb.participants[0]!, conversationId: fb.conversationId, values: ANSWERS });
			await expect.poll(() => events.length).toBeGreaterThan(0);
		} finally {
			stop();
		}
		expect(events[0]).toMatchObject({ conversationId: fb.conversationId, type: 'phase.changed' });
		expect(Object.keys(events[0] as object).toSorted()).toEqual(['conversationId', 'organisationId', 'type', 'version']);
	});

	it('sent as a personal link: the participant opens it on one device, answers, and the feedback closes; the link then stops working', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const partyId = fb.participants[0]!.partyId;
		const link = await createParticipantLink({
			ctx,
			actor: fb.professional,
			conversationId: fb.conversationId,
			partyId,
			purpose: 'sessionFeedback'
		});
		const grant = await claimParticipantLink({ ctx, actor: anonymousActor, token: link.token, clientAddress: nextAddress() });
		expect(grant).toMatchObject({ purpose: 'sessionFeedback', actor: { partyId, conversationId: fb.conversationId } });
		const device = grant!.actor;
		expect((await readFeedbackAsParticipant(ctx, device)).canSubmit).toBe(true);
		await submitSessionFeedback({ ctx, actor: device, conversationId: fb.conversationId, values: ANSWERS });
		expect((await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId: fb.conversationId })).answers).toEqual([
			{ partyId, values: ANSWERS }
		]);
		await expect(
			claimParticipantLink({ ctx, actor: anonymousActor, token: link.token, clientAddress: nextAddress() })
		).rejects.toMatchObject({ code: expect.stringMatching(/^link\./) });
		await expect(
			createParticipantLink({ ctx, actor: fb.professional, conversationId: fb.conversationId, partyId, purpose: 'sessionFeedback' })
		).rejects.toMatchObject({ code: 'conversation.ended' });
	});
});
