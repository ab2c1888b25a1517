import { expect, it } from 'vitest';
import { getConversationForStaff, startQuickCheck, submitRatings } from '../conversations/conversations.usecases.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { actorsOf, buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import {
	buildConversationStartedLater,
	buildOutsiders,
	daysFromToday,
	refusal,
	snapshotOfAnswers,
	today
} from '../testing/paper-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { enterPaperAnswers } from './paper.usecases.ts';

describeOnBothDatabases('paper entry', (dialect) => {
	const t = useTestContext(dialect);
	it("a client's paper answers land in the conversation, marked with the day they were filled in, and reveal it", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const [client] = qc.participants;
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		const outcome = await enterPaperAnswers({
			ctx,
			actor: qc.professional,
			conversationId: qc.conversationId,
			partyId: client!.partyId,
			filledOn: today(ctx),
			values: ratingsOf(30)
		});
		expect(outcome).toEqual({ revealed: true });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId: qc.conversationId });
		expect(view.phase).toBe('revealed');
		expect(view.ratings.find((r) => r.partyId === client!.partyId)?.values).toEqual(ratingsOf(30));
		const parties = await createConversationsRepository(ctx.db).listParties(qc.professional.organisationId, qc.conversationId);
		expect(parties.find((p) => p.id === client!.partyId)?.paperFilledOn).toBe(today(ctx));
		expect(parties.find((p) => p.id === qc.professionalPartyId)?.paperFilledOn).toBeNull();
	});

	it("a child's paper takes only the smiley values", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1, audience: 'child' });
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		const input = {
			ctx,
			actor: qc.professional,
			conversationId: qc.conversationId,
			partyId: qc.participants[0]!.partyId,
			filledOn: today(ctx)
		};
		expect(await refusal(enterPaperAnswers({ ...input, values: ratingsOf(60) }))).toBe('conversation.invalid_rating');
		expect(await enterPaperAnswers({ ...input, values: ratingsOf(75) })).toEqual({ revealed: true });
	});

	it("the professional types in a client's paper only after their own ratings are in (blind rule)", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const before = await snapshotOfAnswers(ctx, qc.professional.organisationId, qc.conversationId);
		const input = { ctx, actor: qc.professional, conversationId: qc.conversationId, filledOn: today(ctx), values: ratingsOf(30) };
		expect(await refusal(enterPaperAnswers({ ...input, partyId: qc.participants[0]!.partyId }))).toBe('paper.own_first');
		expect(await snapshotOfAnswers(ctx, qc.professional.organisationId, qc.conversationId)).toEqual({
			...before,
			conversation: { ...before.conversation, version: before.conversation!.version }
		});
		// Their own paper form first is allowed; then the client's.
		await enterPaperAnswers({ ...input, partyId: qc.professionalPartyId, values: ratingsOf(70) });
		expect(await enterPaperAnswers({ ...input, partyId: qc.participants[0]!.partyId })).toEqual({ revealed: true });
	});

	it('refuses a day in the future, before the collaboration or the conversation began, and a second entry, changing nothing', async () => {
		const { ctx } = t;
		const { professional, collaboration, conversationId } = await buildConversationStartedLater(ctx, startQuickCheck);
		const { professionalPartyId, participants } = await actorsOf(ctx, professional, conversationId, collaboration.participantIds);
		await submitRatings({ ctx, actor: professional, conversationId, values: ratingsOf(50) });
		const input = { ctx, actor: professional, conversationId, partyId: participants[0]!.partyId, values: ratingsOf(40) };
		const org = professional.organisationId;
		const before = await snapshotOfAnswers(ctx, org, conversationId);

		for (const [filledOn, code] of [
			[daysFromToday(ctx, 1), 'paper.date_in_future'],
			[daysFromToday(ctx, -4), 'paper.before_collaboration'],
			[daysFromToday(ctx, -1), 'paper.before_conversation'],
			['2026-02-30', 'paper.invalid_date'],
			['morgen', 'paper.invalid_date']
		] as const) {
			expect(await refusal(enterPaperAnswers({ ...input, filledOn })), filledOn).toBe(code);
			expect(await snapshotOfAnswers(ctx, org, conversationId)).toEqual(before);
		}

		await enterPaperAnswers({ ...input, filledOn: today(ctx) });
		const once = await snapshotOfAnswers(ctx, org, conversationId);
		expect(await refusal(enterPaperAnswers({ ...input, filledOn: today(ctx), values: ratingsOf(90) }))).toBe('paper.already_entered');
		expect(await snapshotOfAnswers(ctx, org, conversationId)).toEqual(once);
		// The professional's own party answered on the screen: it cannot be typed over from paper either.
		expect(await refusal(enterPaperAnswers({ ...input, partyId: professionalPartyId, filledOn: today(ctx) }))).toBe(
			'paper.already_entered'
		);
	});

	it('refuses incomplete answers and answers off the line, changing nothing', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		const org = qc.professional.organisationId;
		const before = await snapshotOfAnswers(ctx, org, qc.conversationId);
		const input = {
			ctx,
			actor: qc.professional,
			conversationId: qc.conversationId,
			partyId: qc.participants[0]!.partyId,
			filledOn: today(ctx)
		};
		const { afspraken: _left, ...incomplete } = ratingsOf(30);
		expect(await refusal(enterPaperAnswers({ ...input, values: incomplete }))).toBe('conversation.incomplete_ratings');
		expect(await refusal(enterPaperAnswers({ ...input, values: ratingsOf(101) }))).toBe('conversation.invalid_rating');
		expect(await refusal(enterPaperAnswers({ ...input, values: { ...ratingsOf(30), extra: 10 } }))).toBe('conversation.unknown_item');
		expect(await snapshotOfAnswers(ctx, org, qc.conversationId)).toEqual(before);
	});

	it("only the conversation's own professional may type in paper: another professional, a client device and another organisation are refused as not found", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		const { colleague, elsewhere } = await buildOutsiders(ctx, qc.admin, (ctx) => buildQuickCheck(ctx, { participants: 1 }));
		const input = { conversationId: qc.conversationId, partyId: qc.participants[0]!.partyId, filledOn: today(ctx), values: ratingsOf(30) };
		for (const actor of [colleague, qc.admin, qc.participants[0]!, elsewhere.professional]) {
			expect(await refusal(enterPaperAnswers({ ctx, actor, ...input }))).toBe('not_found');
		}
		// Another professional's own form is theirs: a co-professional's party cannot be typed in by the holder.
		expect(await refusal(enterPaperAnswers({ ctx, actor: qc.professional, ...input, partyId: elsewhere.professionalPartyId }))).toBe(
			'not_found'
		);
		const parties = await createConversationsRepository(ctx.db).listParties(qc.professional.organisationId, qc.conversationId);
		expect(parties.find((p) => p.kind === 'participant')?.submittedAt).toBeNull();
	});

	it('writes an access-log entry for the change, naming the collaboration', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		await enterPaperAnswers({
			ctx,
			actor: qc.professional,
			conversationId: qc.conversationId,
			partyId: qc.participants[0]!.partyId,
			filledOn: today(ctx),
			values: ratingsOf(30)
		});
		const entries = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'collaborationId', 'actorRole'])
			.where('organisationId', '=', qc.professional.organisationId)
			.where('action', 'in', ['access.change', 'conversation.paper_entered'])
			.execute();
		expect(entries).toContainEqual({ action: 'access.change', collaborationId: qc.collaborationId, actorRole: 'professional' });
		expect(entries.map((e) => e.action)).toContain('conversation.paper_entered');
	});
});
