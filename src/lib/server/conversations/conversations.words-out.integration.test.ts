import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { getClientCopyJson, getClientCopyPdf } from '../collaborations/client-copy.usecases.ts';
import { getCollaborationAnswersBundle } from '../collaborations/collaborations.fhir.usecases.ts';
import { schemaErrors } from '../instruments/fhir/fhir.schema-validation.ts';
import { enterPaperAnswers, getPaperFormPdf } from '../paper/paper.usecases.ts';
import { getPaperView } from '../paper/paper.view.usecases.ts';
import { getConversationOutcomePdf, getConversationReport, getConversationReportPdf } from '../reports/reports.usecases.ts';
import type { Audience } from '../db/schema.ts';
import { buildQuickCheckWithWords, wordsLineOf } from '../testing/conversation-builders.ts';
import { today } from '../testing/paper-builders.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { QUICK_CHECK_AGREEMENT } from '../testing/report-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import {
	closeConversation,
	getConversationForStaff,
	saveAgreement,
	startAgreement,
	startReflection,
	submitRatings
} from './conversations.usecases.ts';

/**
 * A quick check's answers in words (issue 14) where they leave the conversation: the report, the
 * client's copy, the FHIR export and paper, each by the blind rule of the ratings.
 */

const line = wordsLineOf;
const CLIENT_WORDS = 'Mijn buurvrouw Ans helpt mij';
const PRO_WORDS = 'Samen de agenda doorlopen';

describeOnBothDatabases("a quick check's answers in words in the report, the copy, the export and on paper (issue 14)", (dialect) => {
	const t = useTestContext(dialect);

	/** A collaboration whose quick check asks quickCheckWithWords(): the line, a nominal choice ('plek') and free text ('toelichting'). */
	const world = (audience: Audience = 'adult', locale: 'nl' | 'en' = 'nl') => buildQuickCheckWithWords(t.ctx, { audience, locale });

	type World = Awaited<ReturnType<typeof world>>;

	/** Both answer on a device, in words too: the client 'thuis' and CLIENT_WORDS, the professional 'werk' and PRO_WORDS. */
	async function bothAnswer(w: World) {
		const { ctx } = t;
		await submitRatings({
			ctx,
			actor: w.client,
			conversationId: w.conversationId,
			values: line(30),
			texts: { plek: 'thuis', toelichting: CLIENT_WORDS }
		});
		await submitRatings({
			ctx,
			actor: w.professional,
			conversationId: w.conversationId,
			values: line(70),
			texts: { plek: 'werk', toelichting: PRO_WORDS }
		});
	}

	async function close(w: World) {
		const { ctx } = t;
		const input = { ctx, actor: w.professional, conversationId: w.conversationId };
		await startReflection(input);
		await startAgreement(input);
		await saveAgreement({ ...input, input: QUICK_CHECK_AGREEMENT });
		await closeConversation({ ...input, summary: 'Goed gesprek.' });
	}

	async function storedTexts(w: World) {
		const repo = createConversationsRepository(t.ctx.db);
		const parties = await repo.listParties(w.professional.organisationId, w.conversationId);
		return repo.listTextAnswers(
			w.professional.organisationId,
			[w.conversationId],
			parties.map((p) => p.id)
		);
	}

	async function auditText() {
		return JSON.stringify(await t.ctx.db.selectFrom('auditEvents').selectAll().execute());
	}

	it("the report shows each party's answers in words side by side, a choice in the reader's words, apart from the line; the PDF holds them", async () => {
		for (const [locale, home, work] of [
			['nl', 'Thuis', 'Werk'],
			['en', 'Home', 'Work']
		] as const) {
			const w = await world('adult', locale);
			await bothAnswer(w);
			await close(w);
			const input = { ctx: t.ctx, actor: w.professional, collaborationId: w.collaborationId, conversationId: w.conversationId, locale };
			const report = await getConversationReport({ ...input, format: 'html' });
			expect(report.sections.map((s) => s.key)).toEqual(['summary', 'ratings', 'words', 'agreements']);
			const ratings = report.sections.find((s) => s.key === 'ratings')!.blocks[0]!;
			// The line's table holds only the line's questions: no row of dashes for a question in words.
			expect(ratings.type === 'table' && ratings.rows.length).toBe(4);
			const words = report.sections.find((s) => s.key === 'words')!.blocks[0]!;
			expect(words).toMatchObject({ type: 'table', columns: ['Participant 1', w.professional.name] });
			expect(words.type === 'table' && words.rows.map((row) => row.cells)).toEqual([
				[home, work],
				[CLIENT_WORDS, PRO_WORDS]
			]);
			const printed = await pdfText((await getConversationReportPdf(input)).pdf);
			for (const text of [home, work, CLIENT_WORDS, PRO_WORDS]) expect(printed).toContain(text);
		}
	}, 60_000);

	it("a question in words left empty shows a dash in the report; the client's outcome holds no words", async () => {
		const w = await world();
		await submitRatings({ ctx: t.ctx, actor: w.client, conversationId: w.conversationId, values: line(30), texts: { plek: 'school' } });
		await submitRatings({
			ctx: t.ctx,
			actor: w.professional,
			conversationId: w.conversationId,
			values: line(70),
			texts: { plek: 'thuis', toelichting: PRO_WORDS }
		});
		await close(w);
		const report = await getConversationReport({
			locale: 'nl',
			ctx: t.ctx,
			actor: w.professional,
			collaborationId: w.collaborationId,
			conversationId: w.conversationId,
			format: 'html'
		});
		const words = report.sections.find((s) => s.key === 'words')!.blocks[0]!;
		expect(words.type === 'table' && words.rows.map((row) => row.cells)).toEqual([
			['School', 'Thuis'],
			['—', PRO_WORDS]
		]);
		// The outcome a client keeps has no answers of a quick check, so no words either.
		const outcome = await getConversationOutcomePdf({
			locale: 'nl',
			ctx: t.ctx,
			actor: w.professional,
			collaborationId: w.collaborationId,
			conversationId: w.conversationId
		});
		expect(await pdfText(outcome.pdf)).not.toContain(PRO_WORDS);
	});

	it("the client's copy holds no answers in words before the reveal, not even the client's own (the professional who makes it has not answered yet); after it the client's own and the professional's chosen option, never the professional's typed words; JSON and PDF", async () => {
		const { ctx } = t;
		const w = await world();
		const input = { ctx, actor: w.professional, collaborationId: w.collaborationId, participantId: w.participantId };
		await submitRatings({
			ctx,
			actor: w.client,
			conversationId: w.conversationId,
			values: line(30),
			texts: { plek: 'thuis', toelichting: CLIENT_WORDS }
		});
		// Before the reveal: none, as the ratings (decision 011): the professional, who has not answered
		// yet, makes the copy and could read it first.
		const before = await getClientCopyJson(input);
		expect(before.copy.conversations.find((c) => c.method === 'quickCheck')!.answersInWords).toEqual([]);
		expect(before.json).not.toContain(CLIENT_WORDS);

		await submitRatings({
			ctx,
			actor: w.professional,
			conversationId: w.conversationId,
			values: line(70),
			texts: { plek: 'werk', toelichting: PRO_WORDS }
		});
		const { copy, json } = await getClientCopyJson(input);
		const revealed = copy.conversations.find((c) => c.method === 'quickCheck')!;
		expect(revealed.answersInWords.map((a) => [a.by, a.itemKey, a.text])).toEqual([
			['you', 'plek', 'Thuis'],
			['professional', 'plek', 'Werk'],
			['you', 'toelichting', CLIENT_WORDS]
		]);
		// What another party typed is that party's data, also once shown in the conversation (decision 011).
		expect(json).not.toContain(PRO_WORDS);
		const printed = await pdfText((await getClientCopyPdf(input)).pdf);
		for (const text of ['Thuis', 'Werk', CLIENT_WORDS]) expect(printed).toContain(text);
		expect(printed).not.toContain(PRO_WORDS);
	}, 60_000);

	it("the client's copy never holds the professional's words before the reveal, even when the professional answered first", async () => {
		const { ctx } = t;
		const w = await world();
		await submitRatings({
			ctx,
			actor: w.professional,
			conversationId: w.conversationId,
			values: line(70),
			texts: { plek: 'werk', toelichting: PRO_WORDS }
		});
		const input = { ctx, actor: w.professional, collaborationId: w.collaborationId, participantId: w.participantId };
		const { copy, json } = await getClientCopyJson(input);
		expect(copy.conversations.find((c) => c.method === 'quickCheck')!.answersInWords).toEqual([]);
		expect(json).not.toContain(PRO_WORDS);
		expect(await pdfText((await getClientCopyPdf(input)).pdf)).not.toContain(PRO_WORDS);
	}, 60_000);

	it("the FHIR export carries each party's words as valueCoding and valueString in a valid R4 Bundle, only once revealed", async () => {
		const { ctx } = t;
		const w = await world();
		await submitRatings({
			ctx,
			actor: w.client,
			conversationId: w.conversationId,
			values: line(30),
			texts: { plek: 'thuis', toelichting: CLIENT_WORDS }
		});
		const before = await getCollaborationAnswersBundle({ ctx, actor: w.professional, collaborationId: w.collaborationId });
		expect(before.json).not.toContain(CLIENT_WORDS);
		expect(JSON.parse(before.json).entry).toEqual([]);

		await submitRatings({
			ctx,
			actor: w.professional,
			conversationId: w.conversationId,
			values: line(70),
			texts: { plek: 'werk', toelichting: PRO_WORDS }
		});
		const { json } = await getCollaborationAnswersBundle({ ctx, actor: w.professional, collaborationId: w.collaborationId });
		type Response = { author: { display: string }; item: { linkId: string; answer: Record<string, unknown>[] }[] };
		const bundle = JSON.parse(json) as { entry: { resource: Response }[] };
		expect(schemaErrors('Bundle', bundle, 'complete')).toEqual([]);
		const words = (role: string) =>
			bundle.entry
				.find((e) => e.resource.author.display === role)!
				.resource.item.filter((item) => ['plek', 'toelichting'].includes(item.linkId));
		const place = (code: string, display: string) => ({
			valueCoding: { system: 'https://example.org/fhir/CodeSystem/place', code, display }
		});
		expect(words('client')).toEqual([
			{ linkId: 'plek', answer: [place('thuis', 'Thuis')] },
			{ linkId: 'toelichting', answer: [{ valueString: CLIENT_WORDS }] }
		]);
		expect(words('professional')).toEqual([
			{ linkId: 'plek', answer: [place('werk', 'Werk')] },
			{ linkId: 'toelichting', answer: [{ valueString: PRO_WORDS }] }
		]);
		// Every response keeps its line too.
		for (const entry of bundle.entry) expect(entry.resource.item.map((item) => item.linkId)).toContain('relatie');
	}, 60_000);

	it("the printed forms ask the questions in words: the client's line, a child's faces and the professional's form", async () => {
		for (const audience of ['adult', 'child'] as const) {
			const w = await world(audience);
			const input = { ctx: t.ctx, actor: w.professional, collaborationId: w.collaborationId, conversationId: w.conversationId };
			for (const partyId of [w.client.partyId, w.professionalPartyId]) {
				const printed = await pdfText((await getPaperFormPdf({ ...input, partyId, locale: 'nl' })).pdf);
				for (const text of ['Waar merk je het meest?', 'School', 'Werk', 'Thuis', 'Wat wil je nog zeggen?'])
					expect(printed).toContain(text);
			}
		}
	}, 60_000);

	it('paper entry takes the words with the day, blind as on a device, and the reveal shows them; the audit counts them and never holds them', async () => {
		const { ctx } = t;
		const w = await world();
		const input = { ctx, actor: w.professional, collaborationId: w.collaborationId, conversationId: w.conversationId };
		const view = await getPaperView({ ...input, enterFor: w.professionalPartyId, locale: 'nl' });
		expect(view.entry?.kind === 'answers' && view.entry.items.filter((item) => item.answer).map((item) => item.key)).toEqual([
			'plek',
			'toelichting'
		]);
		// The blind rule stays: a client's paper only after the professional's own answers.
		await expect(
			enterPaperAnswers({ ...input, partyId: w.client.partyId, filledOn: today(ctx), values: line(30), texts: { plek: 'thuis' } })
		).rejects.toMatchObject({ code: 'paper.own_first' });
		expect(await storedTexts(w)).toEqual([]);

		await enterPaperAnswers({
			...input,
			partyId: w.professionalPartyId,
			filledOn: today(ctx),
			values: line(70),
			texts: { plek: 'werk', toelichting: PRO_WORDS }
		});
		const outcome = await enterPaperAnswers({
			...input,
			partyId: w.client.partyId,
			filledOn: today(ctx),
			values: line(30),
			texts: { plek: 'thuis', toelichting: `  ${CLIENT_WORDS}  ` }
		});
		expect(outcome).toEqual({ revealed: true });
		const staff = await getConversationForStaff({ locale: 'nl', ctx, actor: w.professional, conversationId: w.conversationId });
		expect(staff.texts).toEqual([
			{ partyId: w.client.partyId, texts: { plek: 'thuis', toelichting: CLIENT_WORDS } },
			{ partyId: w.professionalPartyId, texts: { plek: 'werk', toelichting: PRO_WORDS } }
		]);
		const audit = await ctx.db.selectFrom('auditEvents').select('details').where('action', '=', 'conversation.paper_entered').execute();
		expect(audit.map((row) => JSON.parse(row.details ?? '{}').words)).toEqual([2, 2]);
		const all = await auditText();
		expect(all).not.toContain(CLIENT_WORDS);
		expect(all).not.toContain(PRO_WORDS);
	});

	it.each([
		['a control character', { plek: 'thuis', toelichting: 'bel\u0007' }, 'instruments.answer_control_characters'],
		['a choice not made', { toelichting: 'alleen tekst' }, 'trajectory.invalid_answer'],
		['an option that is not offered', { plek: 'kantoor' }, 'trajectory.invalid_answer']
	])('a paper with %s is refused and nothing is stored: no rating, no word, not entered', async (_name, texts, code) => {
		const { ctx } = t;
		const w = await world();
		const actor: Actor = w.professional;
		const input = { ctx, actor, collaborationId: w.collaborationId, conversationId: w.conversationId };
		await expect(
			enterPaperAnswers({ ...input, partyId: w.professionalPartyId, filledOn: today(ctx), values: line(70), texts })
		).rejects.toMatchObject({ code });
		expect(await storedTexts(w)).toEqual([]);
		const repo = createConversationsRepository(ctx.db);
		expect(await repo.countRatings(w.professional.organisationId, w.conversationId)).toBe(0);
		const parties = await repo.listParties(w.professional.organisationId, w.conversationId);
		expect(parties.every((p) => p.submittedAt === null && p.paperFilledOn === null)).toBe(true);
		expect(await auditText()).not.toContain('alleen tekst');
	});
});
