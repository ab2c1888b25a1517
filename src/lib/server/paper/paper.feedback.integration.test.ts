import { expect, it } from 'vitest';
import { abandonSessionFeedback, getFeedbackForStaff, startSessionFeedback, submitSessionFeedback } from '../feedback/feedback.usecases.ts';
import { getClientCopyJson } from '../collaborations/client-copy.usecases.ts';
import { exportCaseloadCsv } from '../insights/insights.export.usecases.ts';
import { getConversationReport } from '../reports/reports.usecases.ts';
import { importInstrument, setOrganisationSessionFeedbackInstrument } from '../instruments/instruments.import.usecases.ts';
import { questionnaireText, srsLike } from '../testing/fhir-questionnaires.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { participantActorFor } from '../testing/conversation-builders.ts';
import { buildSessionFeedback, feedbackOf, readFeedbackAsParticipant } from '../testing/feedback-builders.ts';
import {
	buildConversationStartedLater,
	buildOutsiders,
	daysFromToday,
	refusal,
	snapshotOfAnswers,
	today
} from '../testing/paper-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { enterPaperFeedback } from './paper.feedback.usecases.ts';
import { getPaperView } from './paper.view.usecases.ts';

describeOnBothDatabases('session feedback on paper', (dialect) => {
	const t = useTestContext(dialect);
	it("a client's paper becomes their feedback, marked with the day, shown only once the feedback has closed (blind rule)", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx, { participants: 2 });
		const [mother, father] = fb.participants as [(typeof fb.participants)[0], (typeof fb.participants)[0]];
		const conversationId = fb.conversationId;
		const input = { ctx, actor: fb.professional, collaborationId: fb.collaborationId, conversationId, filledOn: today(ctx) };

		expect(await enterPaperFeedback({ ...input, partyId: mother.partyId, values: feedbackOf(40) })).toEqual({ closed: false });
		const waiting = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(waiting.phase).toBe('rating');
		expect(waiting.answers).toEqual([]);
		expect(waiting.parties.find((p) => p.id === mother.partyId)).toMatchObject({ submitted: true, paperFilledOn: today(ctx) });
		// The mark is the professional's: another participant's device learns nothing of how she answered.
		const byFather = await readFeedbackAsParticipant(ctx, father);
		expect(byFather.parties.find((p) => p.id === mother.partyId)?.paperFilledOn).toBeNull();

		// The father answers on his device: the feedback closes by itself, as it would without paper.
		expect(await submitSessionFeedback({ ctx, actor: father, conversationId, values: feedbackOf(80) })).toEqual({ closed: true });
		const closed = await getFeedbackForStaff({ locale: 'nl', ctx, actor: fb.professional, conversationId });
		expect(closed.answers).toEqual([
			{ partyId: mother.partyId, values: feedbackOf(40) },
			{ partyId: father.partyId, values: feedbackOf(80) }
		]);
		expect(closed.parties.find((p) => p.id === father.partyId)?.paperFilledOn).toBeNull();

		// The report says which answers came from paper.
		const report = await getConversationReport({ locale: 'nl', ...input, actor: fb.professional, format: 'html' });
		const text = JSON.stringify(report);
		expect(text).toContain('Participant 1 (op papier)');
		expect(text).not.toContain('Participant 2 (op papier)');
	});

	it('the caseload CSV and the client’s copy say the feedback came from paper, and on which day', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const client = fb.participants[0]!;
		await enterPaperFeedback({
			ctx,
			actor: fb.professional,
			conversationId: fb.conversationId,
			partyId: client.partyId,
			filledOn: today(ctx),
			values: feedbackOf(40)
		});
		const { csv } = await exportCaseloadCsv({ locale: 'nl', ctx, actor: fb.professional });
		const rows = csv.trim().split(/\r?\n/).slice(1);
		expect(rows).toHaveLength(4);
		for (const row of rows) expect(row.endsWith(today(ctx))).toBe(true);
		const { copy } = await getClientCopyJson({
			ctx,
			actor: fb.professional,
			collaborationId: fb.collaborationId,
			participantId: client.participantId
		});
		const answers = copy.conversations.flatMap((c) => c.answers);
		expect(answers.length).toBeGreaterThan(0);
		expect(answers.every((a) => a.name === 'Participant 1 (op papier)')).toBe(true);
	});

	it('the last paper closes the feedback; the audit says paper, without the answers', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const partyId = fb.participants[0]!.partyId;
		const values = { relationship: 70, goals: 80, approach: 90, overall: 60 };
		const outcome = await enterPaperFeedback({
			ctx,
			actor: fb.professional,
			conversationId: fb.conversationId,
			partyId,
			filledOn: today(ctx),
			values
		});
		expect(outcome).toEqual({ closed: true });
		const rows = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details', 'collaborationId'])
			.where('organisationId', '=', fb.professional.organisationId)
			.where('action', 'in', ['access.change', 'feedback.paper_entered', 'feedback.closed'])
			.execute();
		expect(
			rows
				.filter((r) => r.action !== 'access.change')
				.map((r) => r.action)
				.toSorted()
		).toEqual(['feedback.closed', 'feedback.paper_entered']);
		// The access log names the collaboration whose client data was changed.
		expect(rows.filter((r) => r.action === 'access.change').map((r) => r.collaborationId)).toContain(fb.collaborationId);
		for (const row of rows) for (const value of Object.values(values)) expect(row.details ?? '').not.toContain(`:${value}`);
	});

	it("the organisation's own imported instrument gives the items of its paper", async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const imported = await importInstrument({
			ctx,
			actor: admin,
			text: questionnaireText(srsLike()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error('import refused');
		await setOrganisationSessionFeedbackInstrument({ ctx, actor: admin, key: imported.instrument.key });
		const professional = await buildStaff(ctx, admin, { roles: ['professional'] });
		const fb = await buildSessionFeedback(ctx, { professional });
		const keys = srsLike().item.map((item) => item.linkId);
		const answers = Object.fromEntries(keys.map((key, i) => [key, [20, 50, 80, 100][i]!]));
		const input = {
			ctx,
			actor: professional,
			conversationId: fb.conversationId,
			partyId: fb.participants[0]!.partyId,
			filledOn: today(ctx)
		};
		expect(await refusal(enterPaperFeedback({ ...input, values: feedbackOf(50) }))).toBe('conversation.unknown_item');
		expect(await enterPaperFeedback({ ...input, values: answers })).toEqual({ closed: true });
		const view = await getFeedbackForStaff({ locale: 'nl', ctx, actor: professional, conversationId: fb.conversationId });
		expect(view.instrument.key).toBe(imported.instrument.key);
		expect(view.answers).toEqual([{ partyId: input.partyId, values: answers }]);
	});

	it("a child's paper takes only the smiley values", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx, { audience: 'child' });
		const input = {
			ctx,
			actor: fb.professional,
			conversationId: fb.conversationId,
			partyId: fb.participants[0]!.partyId,
			filledOn: today(ctx)
		};
		const before = await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId);
		expect(await refusal(enterPaperFeedback({ ...input, values: feedbackOf(60) }))).toBe('conversation.invalid_rating');
		expect(await refusal(enterPaperFeedback({ ...input, values: { omgang: 75 } }))).toBe('conversation.unknown_item');
		expect(await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId)).toEqual(before);
		expect(await enterPaperFeedback({ ...input, values: feedbackOf(75) })).toEqual({ closed: true });
	});

	it('refuses a wrong day, a second entry, incomplete or off-scale answers and an absent party, changing nothing', async () => {
		const { ctx } = t;
		const { professional, collaboration, conversationId } = await buildConversationStartedLater(ctx, startSessionFeedback);
		const org = professional.organisationId;
		const [first, second] = await Promise.all(
			collaboration.participantIds.map((participantId) => participantActorFor(ctx, { organisationId: org, conversationId, participantId }))
		);
		const input = { ctx, actor: professional, conversationId, partyId: first!.partyId, values: feedbackOf(40) };
		const before = await snapshotOfAnswers(ctx, org, conversationId);
		const { overall: _left, ...incomplete } = feedbackOf(40);
		for (const [attempt, code] of [
			[{ filledOn: daysFromToday(ctx, 1) }, 'paper.date_in_future'],
			[{ filledOn: daysFromToday(ctx, -4) }, 'paper.before_collaboration'],
			[{ filledOn: daysFromToday(ctx, -1) }, 'paper.before_conversation'],
			[{ filledOn: '2026-02-30' }, 'paper.invalid_date'],
			[{ filledOn: 'gisteren' }, 'paper.invalid_date'],
			[{ filledOn: today(ctx), values: incomplete }, 'conversation.incomplete_ratings'],
			[{ filledOn: today(ctx), values: feedbackOf(101) }, 'conversation.invalid_rating'],
			[{ filledOn: today(ctx), values: { ...feedbackOf(50), overall: 'goed' } }, 'conversation.invalid_rating']
		] as const) {
			expect(await refusal(enterPaperFeedback({ ...input, ...attempt })), JSON.stringify(attempt)).toBe(code);
			expect(await snapshotOfAnswers(ctx, org, conversationId)).toEqual(before);
		}

		// Answered on a device already: no paper over it.
		await submitSessionFeedback({ ctx, actor: second!, conversationId, values: feedbackOf(70) });
		const once = await snapshotOfAnswers(ctx, org, conversationId);
		expect(await refusal(enterPaperFeedback({ ...input, partyId: second!.partyId, filledOn: today(ctx) }))).toBe('paper.already_entered');
		expect(await snapshotOfAnswers(ctx, org, conversationId)).toEqual(once);
		// Absent on the day: refused too.
		await ctx.db
			.updateTable('conversationParties')
			.set({ present: dialect === 'sqlite' ? (0 as never) : (false as never) })
			.where('id', '=', first!.partyId)
			.execute();
		const absent = await snapshotOfAnswers(ctx, org, conversationId);
		expect(await refusal(enterPaperFeedback({ ...input, filledOn: today(ctx) }))).toBe('conversation.party_absent');
		expect(await snapshotOfAnswers(ctx, org, conversationId)).toEqual(absent);
	});

	it('typed in once: a second paper for the same client is refused, also after the feedback closed', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const input = {
			ctx,
			actor: fb.professional,
			conversationId: fb.conversationId,
			partyId: fb.participants[0]!.partyId,
			filledOn: today(ctx)
		};
		await enterPaperFeedback({ ...input, values: feedbackOf(40) });
		const once = await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId);
		expect(await refusal(enterPaperFeedback({ ...input, values: feedbackOf(90) }))).toBe('paper.already_entered');
		expect(await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId)).toEqual(once);
	});

	it('an abandoned feedback takes no paper', async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		await abandonSessionFeedback({ ctx, actor: fb.professional, conversationId: fb.conversationId });
		const before = await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId);
		const input = { ctx, actor: fb.professional, conversationId: fb.conversationId, partyId: fb.participants[0]!.partyId };
		expect(await refusal(enterPaperFeedback({ ...input, filledOn: today(ctx), values: feedbackOf(40) }))).toBe('conversation.ended');
		expect(await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId)).toEqual(before);
		const view = await getPaperView({ locale: 'nl', ...input, collaborationId: fb.collaborationId, enterFor: input.partyId });
		expect(view).toMatchObject({ acceptsEntry: false, entry: null });
	});

	it("only the collaboration's own professional may: another professional, a team lead, a client's device and another organisation are refused", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const { colleague, elsewhere } = await buildOutsiders(ctx, fb.professional, buildSessionFeedback);
		const input = { conversationId: fb.conversationId, partyId: fb.participants[0]!.partyId, filledOn: today(ctx), values: feedbackOf(30) };
		const before = await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId);
		for (const actor of [colleague, fb.participants[0]!, elsewhere.professional]) {
			expect(await refusal(enterPaperFeedback({ ctx, actor, ...input }))).toBe('not_found');
		}
		// A feedback of another collaboration through this one's address is not found either.
		expect(
			await refusal(
				enterPaperFeedback({
					ctx,
					actor: elsewhere.professional,
					...input,
					conversationId: elsewhere.conversationId,
					collaborationId: fb.collaborationId
				})
			)
		).toBe('not_found');
		expect(await snapshotOfAnswers(ctx, fb.professional.organisationId, fb.conversationId)).toEqual(before);
	});

	it("the paper page offers each client's entry with the feedback's items in the client's wording", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const partyId = fb.participants[0]!.partyId;
		const input = { ctx, actor: fb.professional, collaborationId: fb.collaborationId, conversationId: fb.conversationId };
		const view = await getPaperView({ locale: 'nl', ...input, enterFor: partyId });
		expect(view).toMatchObject({ method: 'sessionFeedback', acceptsEntry: true });
		expect(view.parties.map((p) => p.entryRefusal)).toEqual([null]);
		expect(view.entry?.kind).toBe('answers');
		expect(view.entry?.kind === 'answers' && view.entry.items.map((i) => i.key)).toEqual(['relationship', 'goals', 'approach', 'overall']);
		await enterPaperFeedback({ ...input, partyId, filledOn: today(ctx), values: feedbackOf(50) });
		const after = await getPaperView({ locale: 'nl', ...input, enterFor: partyId });
		expect(after.parties[0]).toMatchObject({ submitted: true, paperFilledOn: today(ctx) });
		expect(after.entry).toBeNull();
	});
});
