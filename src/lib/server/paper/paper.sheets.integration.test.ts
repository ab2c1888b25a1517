import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { getClientCopyJson } from '../collaborations/client-copy.usecases.ts';
import { closeConversation } from '../conversations/conversations.usecases.ts';
import {
	chooseTopic,
	getLearningConversationForParticipant,
	getLearningConversationForStaff,
	saveAction,
	saveSheet,
	startActions,
	startEvaluation,
	startLearningConversation,
	startSheets,
	startTopics
} from '../learning/learning.usecases.ts';
import { MAX_TOPICS } from '../learning/learning.policy.ts';
import { getConversationReport } from '../reports/reports.usecases.ts';
import { buildLearningConversation, type BuiltLearningConversation } from '../testing/learning-builders.ts';
import { buildOutsiders, daysFromToday, refusal, today } from '../testing/paper-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { enterPaperSheet } from './paper.sheets.usecases.ts';
import { getPaperView } from './paper.view.usecases.ts';

const PAPER = { a: 'Je belde niet terug', b: 'Ik voelde me vergeten', c: 'Ik wil weten waar ik aan toe ben' };

describeOnBothDatabases('a learning conversation’s A/B/C sheets on paper', (dialect) => {
	const t = useTestContext(dialect);
	/** A learning conversation at its sheets, with one topic on the list ("Bereikbaar zijn"). */
	async function atSheets(ctx: TestContext, options: { sheets?: boolean } = {}) {
		const lc = await buildLearningConversation(ctx);
		const { conversationId, professional: actor } = lc;
		await startLearningConversation({ ctx, actor, conversationId });
		await startTopics({ ctx, actor, conversationId });
		const { topicId } = await chooseTopic({ ctx, actor, conversationId, ownText: 'Bereikbaar zijn' });
		if (options.sheets !== false) await startSheets({ ctx, actor, conversationId });
		const entry = { ctx, actor: lc.professional as Actor, collaborationId: lc.collaborationId, conversationId };
		return { lc, topicId, entry, client: lc.participants[0]!, other: lc.participants[1]! };
	}

	/** Everything a refused entry could have changed, read straight from the tables. */
	async function snapshot(ctx: TestContext, conversationId: string) {
		return {
			topics: await ctx.db
				.selectFrom('conversationTopics')
				.selectAll()
				.where('conversationId', '=', conversationId)
				.orderBy('id')
				.execute(),
			sheets: await ctx.db
				.selectFrom('topicSheets')
				.selectAll()
				.where('conversationId', '=', conversationId)
				.orderBy('topicId')
				.orderBy('partyId')
				.execute(),
			version: (await ctx.db.selectFrom('conversations').select('version').where('id', '=', conversationId).executeTakeFirst())?.version,
			audits: (
				await ctx.db
					.selectFrom('auditEvents')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('action', '=', 'learning.sheet_paper_entered')
					.executeTakeFirstOrThrow()
			).n
		};
	}

	async function closeIt(ctx: TestContext, lc: BuiltLearningConversation) {
		const { conversationId, professional: actor } = lc;
		await startActions({ ctx, actor, conversationId });
		const action = {
			kind: 'change' as const,
			what: 'Terugbellen',
			who: 'professional' as const,
			dueOn: '2100-02-01',
			successMeasure: 'Ik hoor het'
		};
		await saveAction({ ctx, actor, conversationId, input: action });
		await startEvaluation({ ctx, actor, conversationId });
		await closeConversation({ ctx, actor, conversationId });
	}

	it('allowed: the paper becomes that party’s side of the topic’s sheet, marked with the day, for every party to see', async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client, other } = await atSheets(ctx);
		const yesterday = daysFromToday(ctx, -1);
		// The conversation began today; a paper filled in before that cannot carry its code.
		expect(await refusal(enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: yesterday, input: { topicId, ...PAPER } }))).toBe(
			'paper.before_collaboration'
		);
		await enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: today(ctx), input: { topicId, ...PAPER } });

		const staffView = await getLearningConversationForStaff({
			locale: 'nl',
			ctx,
			actor: lc.professional,
			conversationId: lc.conversationId
		});
		const side = staffView.topics[0]!.sheets.find((s) => s.partyId === client.partyId);
		expect(side).toEqual({ partyId: client.partyId, a: PAPER.a, b: PAPER.b, c: PAPER.c, saved: true, paperFilledOn: today(ctx) });
		// The sheet is shared (decision 013): the other participant sees the side and its mark too.
		const byOther = await getLearningConversationForParticipant({ ctx, actor: other, conversationId: lc.conversationId });
		expect(byOther.topics[0]!.sheets.find((s) => s.partyId === client.partyId)).toMatchObject({ a: PAPER.a, paperFilledOn: today(ctx) });
		expect(byOther.topics[0]!.sheets.find((s) => s.partyId === other.partyId)).toMatchObject({ saved: false, paperFilledOn: null });

		// The audit says which side and the day, never the words.
		const audits = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details'])
			.where('action', '=', 'learning.sheet_paper_entered')
			.execute();
		expect(audits).toHaveLength(1);
		expect(audits[0]!.details).toContain(today(ctx));
		for (const text of Object.values(PAPER)) expect(audits[0]!.details).not.toContain(text);

		// Report and the client's copy say the side came from paper.
		await closeIt(ctx, lc);
		const report = JSON.stringify(await getConversationReport({ locale: 'nl', ...entry, format: 'html' }));
		expect(report).toContain('Participant 1 (op papier)');
		expect(report).not.toContain('Participant 2 (op papier)');
		const { copy } = await getClientCopyJson({
			ctx,
			actor: lc.professional,
			collaborationId: lc.collaborationId,
			participantId: client.participantId
		});
		expect(copy.conversations.flatMap((c) => c.sheets)).toEqual([
			{ topic: 'Bereikbaar zijn', whatHappened: PAPER.a, whatItDidToMe: PAPER.b, whyImportant: PAPER.c, onPaperFilledOn: today(ctx) }
		]);
	});

	it('the paper’s topic line puts its topic on the list, with the limit of topics that holds on the screen', async () => {
		const { ctx } = t;
		const { lc, entry } = await atSheets(ctx);
		const own = lc.professionalPartyId;
		const { topicId } = await enterPaperSheet({
			...entry,
			partyId: own,
			filledOn: today(ctx),
			input: { topicText: '  Op tijd komen ', c: 'Rust' }
		});
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect(view.topics.map((topic) => [topic.ownText, topic.sheets.find((s) => s.partyId === own)?.c ?? null])).toEqual([
			['Bereikbaar zijn', null],
			['Op tijd komen', 'Rust']
		]);
		expect(view.topics[1]!.id).toBe(topicId);
		for (let index = view.topics.length; index < MAX_TOPICS; index++) {
			await enterPaperSheet({ ...entry, partyId: own, filledOn: today(ctx), input: { topicText: `Onderwerp ${index}`, a: 'A' } });
		}
		const before = await snapshot(ctx, lc.conversationId);
		expect(await refusal(enterPaperSheet({ ...entry, partyId: own, filledOn: today(ctx), input: { topicText: 'Nog een', a: 'A' } }))).toBe(
			'learning.too_many_topics'
		);
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it('refused, nothing changed: a wrong day, an empty or too long paper, no topic, a topic of another conversation', async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client } = await atSheets(ctx);
		const elsewhere = await atSheets(ctx);
		const input = { ...entry, partyId: client.partyId };
		const before = await snapshot(ctx, lc.conversationId);
		for (const [attempt, code] of [
			[{ filledOn: daysFromToday(ctx, 1), input: { topicId, ...PAPER } }, 'paper.date_in_future'],
			[{ filledOn: daysFromToday(ctx, -1), input: { topicId, ...PAPER } }, 'paper.before_collaboration'],
			[{ filledOn: '2026-02-30', input: { topicId, ...PAPER } }, 'paper.invalid_date'],
			[{ filledOn: today(ctx), input: { topicId, a: '  ', b: '', c: null } }, 'paper.sheet_empty'],
			[{ filledOn: today(ctx), input: { topicId, ...PAPER, b: 'x'.repeat(2001) } }, 'conversation.text_too_long'],
			[{ filledOn: today(ctx), input: { topicText: 'x'.repeat(301), ...PAPER } }, 'conversation.text_too_long'],
			[{ filledOn: today(ctx), input: { topicText: '   ', ...PAPER } }, 'learning.own_topic_missing'],
			[{ filledOn: today(ctx), input: { topicId: elsewhere.topicId, ...PAPER } }, 'not_found']
		] as const) {
			expect(await refusal(enterPaperSheet({ ...input, ...attempt })), JSON.stringify(attempt)).toBe(code);
			expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
		}
	});

	it('not twice for one party’s side of a topic: a side from paper or from a screen stays as it is, also after the close', async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client, other } = await atSheets(ctx);
		await enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: today(ctx), input: { topicId, ...PAPER } });
		await saveSheet({ ctx, actor: other, conversationId: lc.conversationId, topicId, a: 'Van mijn telefoon' });
		let before = await snapshot(ctx, lc.conversationId);
		for (const partyId of [client.partyId, other.partyId]) {
			expect(await refusal(enterPaperSheet({ ...entry, partyId, filledOn: today(ctx), input: { topicId, a: 'Anders' } }))).toBe(
				'paper.sheet_exists'
			);
			expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
		}
		// The same party’s side of another topic is another sheet.
		await enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: today(ctx), input: { topicText: 'Afspraken', b: 'B' } });

		await closeIt(ctx, lc);
		before = await snapshot(ctx, lc.conversationId);
		expect(
			await refusal(enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: today(ctx), input: { topicId, a: 'Anders' } }))
		).toBe('paper.sheet_exists');
		expect(
			await refusal(enterPaperSheet({ ...entry, partyId: lc.professionalPartyId, filledOn: today(ctx), input: { topicId, a: 'A' } }))
		).toBe('conversation.ended');
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it('written over on a screen afterwards, a side is no longer what the paper said: the mark goes', async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client } = await atSheets(ctx);
		await enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: today(ctx), input: { topicId, ...PAPER } });
		await saveSheet({ ctx, actor: client, conversationId: lc.conversationId, topicId, ...PAPER, c: 'Nu anders' });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect(view.topics[0]!.sheets.find((s) => s.partyId === client.partyId)).toMatchObject({ c: 'Nu anders', paperFilledOn: null });
	});

	it('only from the sheets step: while topics are chosen a paper sheet is refused, changing nothing', async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client } = await atSheets(ctx, { sheets: false });
		const before = await snapshot(ctx, lc.conversationId);
		expect(await refusal(enterPaperSheet({ ...entry, partyId: client.partyId, filledOn: today(ctx), input: { topicId, ...PAPER } }))).toBe(
			'conversation.wrong_phase'
		);
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it("denied: another professional, a co-professional's side, a team lead, an admin, a client's device and another organisation", async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client } = await atSheets(ctx);
		const { colleague, elsewhere } = await buildOutsiders(ctx, lc.admin, buildLearningConversation);
		const input = { conversationId: lc.conversationId, partyId: client.partyId, filledOn: today(ctx), input: { topicId, ...PAPER } };
		const before = await snapshot(ctx, lc.conversationId);
		for (const actor of [colleague, lc.admin, client, lc.participants[1]!, elsewhere.professional]) {
			expect(await refusal(enterPaperSheet({ ctx, actor, ...input }))).toBe('not_found');
		}
		// The right professional, but the address names another collaboration: not found either.
		expect(await refusal(enterPaperSheet({ ...entry, ...input, collaborationId: elsewhere.collaborationId }))).toBe('not_found');
		// A party that is not the typist's own professional side: out of reach, like another conversation's party.
		expect(await refusal(enterPaperSheet({ ...entry, ...input, partyId: elsewhere.participants[0]!.partyId }))).toBe('not_found');
		expect(await snapshot(ctx, lc.conversationId)).toEqual(before);
	});

	it('the paper page offers each participant’s and one’s own sheet, the topics, and says which sides are already written', async () => {
		const { ctx } = t;
		const { lc, topicId, entry, client, other } = await atSheets(ctx);
		await saveSheet({ ctx, actor: other, conversationId: lc.conversationId, topicId, a: 'Van mijn telefoon' });
		const view = await getPaperView({ locale: 'nl', ...entry, enterFor: null, sheetFor: other.partyId });
		expect(view.sheets).toMatchObject({
			accepts: true,
			topics: [{ id: topicId, title: 'Bereikbaar zijn' }],
			entry: { party: { id: other.partyId }, written: [topicId] }
		});
		expect(view.sheets!.parties.map((party) => party.id).toSorted()).toEqual(
			[lc.professionalPartyId, client.partyId, other.partyId].toSorted()
		);
		const before = await atSheets(ctx, { sheets: false });
		const early = await getPaperView({ locale: 'nl', ...before.entry, enterFor: null, sheetFor: before.client.partyId });
		expect(early.sheets).toMatchObject({ accepts: false, entry: null });
	});
});
