import { expect, it } from 'vitest';
import { getLearningConversationForParticipant, getLearningConversationForStaff } from '../learning/learning.view.usecases.ts';
import { startLearningConversation } from '../learning/learning.usecases.ts';
import { listSharedPreparations, savePreparation } from '../preparation/preparation.usecases.ts';
import { getPreparation } from '../preparation/preparation.view.usecases.ts';
import { createPreparationRepository } from '../preparation/preparation.repository.ts';
import { cancelLearningConversation } from '../preparation/schedule.usecases.ts';
import { buildLearningConversation, prepare } from '../testing/learning-builders.ts';
import { DAY, buildOutsiders, daysFromToday, refusal, today } from '../testing/paper-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { enterPaperPreparation, type PaperPreparationInput } from './paper.preparation.usecases.ts';
import { getPaperView } from './paper.view.usecases.ts';

const PAPER: PaperPreparationInput = {
	wishes: 'Over de avonden praten',
	momentA: 'Ruzie bij het eten',
	momentB: 'Ik werd boos',
	momentC: 'Rust is belangrijk',
	safety: ['mayPause', 'letFinish'],
	safetyOwn: 'Niet te lang'
};

describeOnBothDatabases('a learning conversation’s preparation on paper', (dialect) => {
	const t = useTestContext(dialect);
	/** Everything a refused entry could have changed, read straight from the tables. */
	async function snapshot(ctx: TestContext, conversationId: string) {
		return {
			preparations: await ctx.db
				.selectFrom('preparations')
				.selectAll()
				.where('conversationId', '=', conversationId)
				.orderBy('partyId')
				.execute(),
			cards: await ctx.db.selectFrom('preparationCards').selectAll().where('conversationId', '=', conversationId).execute(),
			version: (await ctx.db.selectFrom('conversations').select('version').where('id', '=', conversationId).executeTakeFirst())?.version
		};
	}

	it('the paper becomes the participant’s preparation, shared by handing it over, and marked with the day', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const [client, other] = lc.participants as [(typeof lc.participants)[0], (typeof lc.participants)[0]];
		const input = { ctx, actor: lc.professional, collaborationId: lc.collaborationId, conversationId: lc.conversationId };
		await enterPaperPreparation({ ...input, partyId: client.partyId, filledOn: today(ctx), input: PAPER });

		const seen = await listSharedPreparations({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		const theirs = seen.find((p) => p.partyId === client.partyId)!;
		expect(theirs).toMatchObject({ shared: true, paperFilledOn: today(ctx), sharedParts: ['wishes', 'moment', 'safety'] });
		expect(theirs.preparation).toMatchObject({
			wishes: PAPER.wishes,
			moment: { a: PAPER.momentA, b: PAPER.momentB, c: PAPER.momentC, card: null },
			// In the suggestions' fixed order.
			safety: ['letFinish', 'mayPause'],
			safetyOwn: PAPER.safetyOwn,
			cards: []
		});
		// The other participant sees it too (it is shared), and the participant finds it as their own.
		const byOther = await listSharedPreparations({ ctx, actor: other, conversationId: lc.conversationId });
		expect(byOther.find((p) => p.partyId === client.partyId)?.preparation?.wishes).toBe(PAPER.wishes);
		expect((await getPreparation({ ctx, actor: client, conversationId: lc.conversationId })).own).toMatchObject({
			wishes: PAPER.wishes,
			sharedParts: ['wishes', 'moment', 'safety']
		});
		// Once the conversation runs, its staff view marks it as from paper.
		await startLearningConversation({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect(view.preparations.find((p) => p.partyId === client.partyId)).toMatchObject({ paperFilledOn: today(ctx), wishes: PAPER.wishes });
		const clientView = await getLearningConversationForParticipant({ ctx, actor: other, conversationId: lc.conversationId });
		expect(clientView.preparations.find((p) => p.partyId === client.partyId)?.paperFilledOn).toBe(today(ctx));
	});

	it('only the parts written on the paper are shared; the audit names the parts, never the words', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const partyId = lc.participants[0]!.partyId;
		await enterPaperPreparation({
			ctx,
			actor: lc.professional,
			conversationId: lc.conversationId,
			partyId,
			filledOn: today(ctx),
			input: { wishes: 'Alleen dit', safety: [] }
		});
		const seen = await listSharedPreparations({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect(seen.find((p) => p.partyId === partyId)?.sharedParts).toEqual(['wishes']);
		const rows = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details', 'collaborationId'])
			.where('organisationId', '=', lc.professional.organisationId)
			.where('action', 'in', ['preparation.paper_entered', 'access.change'])
			.execute();
		expect(rows.map((r) => r.action)).toContain('preparation.paper_entered');
		expect(rows.filter((r) => r.action === 'access.change').map((r) => r.collaborationId)).toContain(lc.collaborationId);
		for (const row of rows) expect(row.details ?? '').not.toContain('Alleen dit');
	});

	it('refuses a wrong day, an empty paper, too long a text and an unknown suggestion, changing nothing', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const input = { ctx, actor: lc.professional, conversationId: lc.conversationId, partyId: lc.participants[0]!.partyId };
		const before = await snapshot(ctx, lc.conversationId);
		for (const [attempt, code] of [
			[{ filledOn: daysFromToday(ctx, 1), input: PAPER }, 'paper.date_in_future'],
			[{ filledOn: daysFromToday(ctx, -1), input: PAPER }, 'paper.before_collaboration'],
			[{ filledOn: '2026-13-01', input: PAPER }, 'paper.invalid_date'],
			[{ filledOn: 'morgen', input: PAPER }, 'paper.invalid_date'],
			[{ filledOn: today(ctx), input: { wishes: '   ', safety: [] } }, 'paper.preparation_empty'],
			[{ filledOn: today(ctx), input: { ...PAPER, momentB: 'x'.repeat(2001) } }, 'conversation.text_too_long'],
			[{ filledOn: today(ctx), input: { ...PAPER, safety: ['mayPause', 'alles'] } }, 'preparation.invalid_safety']
		] as const) {
			expect(await refusal(enterPaperPreparation({ ...input, ...attempt })), JSON.stringify(attempt.filledOn)).toBe(code);
			expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
		}
	});

	it('refuses a day before the conversation was planned', async () => {
		const { ctx } = t;
		const first = await buildLearningConversation(ctx);
		await cancelLearningConversation({ ctx, actor: first.professional, conversationId: first.conversationId });
		ctx.clock.advance(2 * DAY);
		const lc = await buildLearningConversation(ctx, { professional: first.professional, collaborationId: first.collaborationId });
		const before = await snapshot(ctx, lc.conversationId);
		const input = { ctx, actor: lc.professional, conversationId: lc.conversationId, partyId: lc.participants[0]!.partyId, input: PAPER };
		expect(await refusal(enterPaperPreparation({ ...input, filledOn: daysFromToday(ctx, -1) }))).toBe('paper.before_conversation');
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it('a participant who prepared on a device, or whose paper is in, is refused a second one: nothing is overwritten', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const [onDevice, onPaper] = lc.participants as [(typeof lc.participants)[0], (typeof lc.participants)[0]];
		// Private and unshared: the professional cannot read it, but it is not overwritten either.
		await prepare(ctx, { actor: onDevice, conversationId: lc.conversationId, preparation: { wishes: 'Geheim' }, share: false });
		const input = { ctx, actor: lc.professional, conversationId: lc.conversationId, filledOn: today(ctx), input: PAPER };
		const before = await snapshot(ctx, lc.conversationId);
		expect(await refusal(enterPaperPreparation({ ...input, partyId: onDevice.partyId }))).toBe('paper.preparation_exists');
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
		expect((await getPreparation({ ctx, actor: onDevice, conversationId: lc.conversationId })).own).toMatchObject({
			wishes: 'Geheim',
			sharedParts: []
		});
		// Also when the device's save lands between the check and the write: the paper's write finds it and keeps nothing.
		const written = await createPreparationRepository(ctx.db).writePaperPreparation({
			organisationId: lc.professional.organisationId,
			conversationId: lc.conversationId,
			partyId: onDevice.partyId,
			wishes: 'Van papier',
			momentA: null,
			momentB: null,
			momentC: null,
			safety: [],
			safetyOwn: null,
			paperFilledOn: today(ctx),
			now: ctx.clock.now().toISOString()
		});
		expect(written).toBe(false);
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);

		await enterPaperPreparation({ ...input, partyId: onPaper.partyId });
		const once = await snapshot(ctx, lc.conversationId);
		expect(await refusal(enterPaperPreparation({ ...input, partyId: onPaper.partyId, input: { wishes: 'Nog eens', safety: [] } }))).toBe(
			'paper.preparation_exists'
		);
		expect(await snapshot(ctx, lc.conversationId)).toEqual(once);
	});

	it('the participant changing it on their device afterwards makes it theirs from the device: no longer marked as paper', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const client = lc.participants[0]!;
		await enterPaperPreparation({
			ctx,
			actor: lc.professional,
			conversationId: lc.conversationId,
			partyId: client.partyId,
			filledOn: today(ctx),
			input: PAPER
		});
		await savePreparation({ ctx, actor: client, conversationId: lc.conversationId, input: { wishes: 'Anders', cards: [], safety: [] } });
		const seen = await listSharedPreparations({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect(seen.find((p) => p.partyId === client.partyId)).toMatchObject({ paperFilledOn: null, preparation: { wishes: 'Anders' } });
	});

	it('an ended conversation takes no paper; the professional’s own party is not typed in from here', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const input = { ctx, actor: lc.professional, conversationId: lc.conversationId, filledOn: today(ctx), input: PAPER };
		expect(await refusal(enterPaperPreparation({ ...input, partyId: lc.professionalPartyId }))).toBe('not_found');
		await cancelLearningConversation({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		const before = await snapshot(ctx, lc.conversationId);
		expect(await refusal(enterPaperPreparation({ ...input, partyId: lc.participants[0]!.partyId }))).toBe('conversation.ended');
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it("only the collaboration's own professional may: another professional, a team lead, a client's device and another organisation are refused", async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const { colleague, elsewhere } = await buildOutsiders(ctx, lc.admin, buildLearningConversation);
		const input = { conversationId: lc.conversationId, partyId: lc.participants[0]!.partyId, filledOn: today(ctx), input: PAPER };
		const before = await snapshot(ctx, lc.conversationId);
		for (const actor of [colleague, lc.admin, lc.participants[1]!, elsewhere.professional]) {
			expect(await refusal(enterPaperPreparation({ ctx, actor, ...input }))).toBe('not_found');
		}
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it('the paper page offers each participant’s preparation entry and then says it is in, from paper', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const partyId = lc.participants[0]!.partyId;
		const input = { ctx, actor: lc.professional, collaborationId: lc.collaborationId, conversationId: lc.conversationId };
		const view = await getPaperView({ locale: 'nl', ...input, enterFor: partyId });
		expect(view).toMatchObject({ method: 'learningConversation', acceptsEntry: true, entry: { kind: 'preparation' } });
		expect(view.parties.filter((p) => p.kind === 'participant').map((p) => p.entryRefusal)).toEqual([null, null]);
		await enterPaperPreparation({ ...input, partyId, filledOn: today(ctx), input: PAPER });
		const after = await getPaperView({ locale: 'nl', ...input, enterFor: partyId });
		expect(after.parties.find((p) => p.id === partyId)).toMatchObject({
			submitted: true,
			paperFilledOn: today(ctx),
			entryRefusal: 'paper.preparation_exists'
		});
		expect(after.entry).toBeNull();
	});
});
