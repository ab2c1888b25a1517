import { expect, it } from 'vitest';
import { getClientCopyJson } from '../collaborations/client-copy.usecases.ts';
import { getCollaborationAnswersBundle } from '../collaborations/collaborations.fhir.usecases.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { schemaErrors } from '../instruments/fhir/fhir.schema-validation.ts';
import { importInstrument, setOrganisationSessionFeedbackInstrument } from '../instruments/instruments.import.usecases.ts';
import { exportCaseloadCsv, getCollaborationInsights, getDashboard } from '../insights/insights.usecases.ts';
import { enterPaperFeedback } from '../paper/paper.feedback.usecases.ts';
import { getPaperFormPdf } from '../paper/paper.usecases.ts';
import { getPaperView } from '../paper/paper.view.usecases.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { buildSessionFeedback, readFeedbackAsParticipant } from '../testing/feedback-builders.ts';
import { questionnaireText, withWords } from '../testing/fhir-questionnaires.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { getFeedbackForStaff, submitSessionFeedback } from './feedback.usecases.ts';

/** The SRS-like line (0–10, stored 0–100) of withWords(), every item at one value. */
const line = (value: number) => ({ relatie: value, doelen: value, aanpak: value, algemeen: value });
const SECRET = 'Mijn buurvrouw Ans helpt mij';

describeOnBothDatabases('session feedback with answers in words (issue 14)', (dialect) => {
	const t = useTestContext(dialect);

	/** An organisation whose session feedback asks withWords(): the line, a nominal choice and two open questions. */
	async function world(participants = 1) {
		const admin = await buildOrganisation(t.ctx);
		const imported = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(withWords()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
		await setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: admin, key: imported.instrument.key });
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const fb = await buildSessionFeedback(t.ctx, { professional, participants });
		return { admin, professional, fb };
	}

	async function stored(ctx: TestContext, organisationId: string, conversationId: string) {
		const repo = createConversationsRepository(ctx.db);
		const parties = await repo.listParties(organisationId, conversationId);
		return {
			ratings: await repo.countRatings(organisationId, conversationId),
			texts: await repo.listTextAnswers(
				organisationId,
				[conversationId],
				parties.map((p) => p.id)
			),
			submitted: parties.filter((p) => p.submittedAt !== null).length
		};
	}

	it('a client answers in words beside the line; the professional sees the words with the numbers once it closes, the client sees their own', async () => {
		const { professional, fb } = await world(2);
		const [first, second] = fb.participants as [(typeof fb.participants)[0], (typeof fb.participants)[0]];
		const conversationId = fb.conversationId;
		await submitSessionFeedback({
			ctx: t.ctx,
			actor: first,
			conversationId,
			values: line(40),
			texts: { plek: 'werk', woord: '  moe  ', toelichting: `${SECRET}.\r\nEn mijn zus.` }
		});
		// Blind until it closes: the professional sees no words yet.
		const waiting = await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId });
		expect(JSON.stringify(waiting)).not.toContain(SECRET);
		// The other participant never sees the first one's words.
		expect(JSON.stringify(await readFeedbackAsParticipant(t.ctx, second))).not.toContain(SECRET);
		// Free text may stay empty; the open question not asked (algemeen 8 > 5) is dropped.
		await submitSessionFeedback({
			ctx: t.ctx,
			actor: second,
			conversationId,
			values: line(80),
			texts: { plek: 'thuis', toelichting: 'niet gevraagd' }
		});

		const view = await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId });
		expect(view.phase).toBe('closed');
		expect(view.answers).toEqual([
			{ partyId: first.partyId, values: line(40), texts: { plek: 'werk', woord: 'moe', toelichting: `${SECRET}.\nEn mijn zus.` } },
			{ partyId: second.partyId, values: line(80), texts: { plek: 'thuis' } }
		]);
		expect(view.items.find((item) => item.key === 'woord')?.answer).toEqual({ type: 'string', maxLength: 200 });
		const own = await readFeedbackAsParticipant(t.ctx, second);
		expect(own.answers).toEqual([{ partyId: second.partyId, values: line(80), texts: { plek: 'thuis' } }]);
		// The audit trail counts the words given, never what they say.
		const audit = JSON.stringify(await t.ctx.db.selectFrom('auditEvents').selectAll().execute());
		expect(audit).toContain('feedback.submitted');
		expect(audit).not.toContain(SECRET);
		expect(audit).not.toContain('moe');
	});

	it('another professional, another organisation and another participant cannot read the words', async () => {
		const { admin, professional, fb } = await world(2);
		const conversationId = fb.conversationId;
		await submitSessionFeedback({
			ctx: t.ctx,
			actor: fb.participants[0]!,
			conversationId,
			values: line(40),
			texts: { plek: 'werk', woord: SECRET }
		});
		await submitSessionFeedback({ ctx: t.ctx, actor: fb.participants[1]!, conversationId, values: line(40), texts: { plek: 'werk' } });
		const colleague = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const elsewhere = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['professional', 'admin'] });
		for (const actor of [colleague, elsewhere, admin]) {
			await expect(getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor, conversationId })).rejects.toMatchObject({ code: 'not_found' });
			await expect(getCollaborationAnswersBundle({ ctx: t.ctx, actor, collaborationId: fb.collaborationId })).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(
				getClientCopyJson({ ctx: t.ctx, actor, collaborationId: fb.collaborationId, participantId: fb.participants[0]!.participantId })
			).rejects.toMatchObject({ code: 'not_found' });
		}
		const other = await readFeedbackAsParticipant(t.ctx, fb.participants[1]!);
		expect(JSON.stringify(other)).not.toContain(SECRET);
		expect((await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId })).answers[0]!.texts?.woord).toBe(
			SECRET
		);
	});

	it('control characters, too long text, an unknown option or no choice are refused, and nothing is stored', async () => {
		const { professional, fb } = await world();
		const conversationId = fb.conversationId;
		const refused = (texts: Record<string, string>, code: string) =>
			expect(
				submitSessionFeedback({ ctx: t.ctx, actor: fb.participants[0]!, conversationId, values: line(40), texts })
			).rejects.toMatchObject({
				code
			});
		await refused({ plek: 'werk', woord: 'moe\u0000' }, 'instruments.answer_control_characters');
		await refused({ plek: 'werk', woord: 'twee\nregels' }, 'instruments.answer_control_characters');
		await refused({ plek: 'werk', woord: 'half \ud800' }, 'instruments.answer_control_characters');
		await refused({ plek: 'werk', woord: 'x'.repeat(201) }, 'instruments.answer_too_long');
		await refused({ plek: 'strand' }, 'trajectory.invalid_answer');
		await refused({ woord: 'moe' }, 'trajectory.invalid_answer');
		expect(await stored(t.ctx, professional.organisationId, conversationId)).toEqual({ ratings: 0, texts: [], submitted: 0 });
	});

	it('trends, the dashboard and the caseload export count the line only and never show a word', async () => {
		const { admin, professional, fb } = await world(1);
		await submitSessionFeedback({
			ctx: t.ctx,
			actor: fb.participants[0]!,
			conversationId: fb.conversationId,
			values: line(40),
			texts: { plek: 'werk', woord: SECRET }
		});
		const trend = await getCollaborationInsights({ locale: 'nl', ctx: t.ctx, actor: professional, collaborationId: fb.collaborationId });
		const ownTrend = trend.instruments.find((instrument) => instrument.items.some((item) => item.key === 'relatie'));
		expect(ownTrend?.items.map((item) => item.key)).toEqual(['relatie', 'doelen', 'aanpak', 'algemeen']);
		const dashboard = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: admin, query: {} });
		const { csv } = await exportCaseloadCsv({ locale: 'nl', ctx: t.ctx, actor: professional });
		for (const shown of [JSON.stringify(trend), JSON.stringify(dashboard), csv]) {
			expect(shown).not.toContain(SECRET);
			expect(shown).not.toContain('"plek"');
			expect(shown).not.toContain('"woord"');
		}
	});

	it("the client's copy and the collaboration's FHIR export carry the words: valueString and valueCoding in a valid R4 Bundle", async () => {
		const { professional, fb } = await world(1);
		const client = fb.participants[0]!;
		await submitSessionFeedback({
			ctx: t.ctx,
			actor: client,
			conversationId: fb.conversationId,
			values: line(40),
			texts: { plek: 'werk', woord: 'Rust', toelichting: 'Luisteren.' }
		});
		const { copy } = await getClientCopyJson({
			ctx: t.ctx,
			actor: professional,
			collaborationId: fb.collaborationId,
			participantId: client.participantId
		});
		const conversation = copy.conversations.find((c) => c.method === 'sessionFeedback')!;
		expect(conversation.answers).toHaveLength(4);
		expect(conversation.answersInWords.map((a) => [a.by, a.itemKey, a.text])).toEqual([
			['you', 'plek', 'Werk'],
			['you', 'woord', 'Rust'],
			['you', 'toelichting', 'Luisteren.']
		]);

		const { json } = await getCollaborationAnswersBundle({ ctx: t.ctx, actor: professional, collaborationId: fb.collaborationId });
		const bundle = JSON.parse(json) as { entry: { resource: { item: { linkId: string; answer: unknown[] }[] } }[] };
		expect(schemaErrors('Bundle', bundle, 'complete')).toEqual([]);
		const items = bundle.entry[0]!.resource.item;
		expect(items.find((item) => item.linkId === 'relatie')?.answer).toHaveLength(1);
		expect(items.filter((item) => ['plek', 'woord', 'toelichting'].includes(item.linkId))).toEqual([
			{ linkId: 'plek', answer: [{ valueCoding: { system: 'https://example.org/fhir/CodeSystem/place', code: 'werk', display: 'Werk' } }] },
			{ linkId: 'woord', answer: [{ valueString: 'Rust' }] },
			{ linkId: 'toelichting', answer: [{ valueString: 'Luisteren.' }] }
		]);
	}, 60_000);

	it('on paper such a questionnaire prints lines to write on and the options to tick, and its words are typed in with the day, as on a phone', async () => {
		const { professional, fb } = await world(1);
		const input = { ctx: t.ctx, actor: professional, collaborationId: fb.collaborationId, conversationId: fb.conversationId };
		const partyId = fb.participants[0]!.partyId;
		const view = await getPaperView({ locale: 'nl', ...input, enterFor: partyId });
		expect(view.parties[0]!.entryRefusal).toBeNull();
		expect(view.parties[0]!.forms.length).toBeGreaterThan(0);
		expect(view.entry?.kind === 'answers' && view.entry.items.filter((item) => item.answer).map((item) => item.key)).toEqual([
			'plek',
			'woord',
			'toelichting'
		]);
		const printed = await pdfText((await getPaperFormPdf({ locale: 'nl', ...input, partyId })).pdf);
		for (const words of ['Waar merk je het meest?', 'School', 'Werk', 'Thuis', 'Eén woord voor vandaag?', 'Wat kan beter?'])
			expect(printed).toContain(words);

		const filledOn = todayInAmsterdam(t.ctx.clock.now());
		await enterPaperFeedback({
			...input,
			partyId,
			filledOn,
			values: line(40),
			texts: { plek: 'thuis', woord: ' Rust ', toelichting: SECRET }
		});
		const after = await stored(t.ctx, professional.organisationId, fb.conversationId);
		expect(after.submitted).toBe(1);
		expect(after.texts.map((row) => row.texts)).toEqual([{ plek: 'thuis', woord: 'Rust', toelichting: SECRET }]);
		const feedback = JSON.stringify(
			await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId: fb.conversationId })
		);
		expect(feedback).toContain(SECRET);
	});

	it('a paper with a control character, an unknown option or no choice is refused on entry, and nothing is stored', async () => {
		const { professional, fb } = await world(1);
		const input = { ctx: t.ctx, actor: professional, collaborationId: fb.collaborationId, conversationId: fb.conversationId };
		const partyId = fb.participants[0]!.partyId;
		const filledOn = todayInAmsterdam(t.ctx.clock.now());
		for (const texts of [{ plek: 'werk', woord: 'a\u0007b' }, { plek: 'strand' }, { woord: 'Rust' }] as Record<string, string>[]) {
			await expect(enterPaperFeedback({ ...input, partyId, filledOn, values: line(80), texts })).rejects.toMatchObject({
				code: expect.stringMatching(/^(instruments\.answer_|trajectory\.invalid_answer)/)
			});
		}
		expect(await stored(t.ctx, professional.organisationId, fb.conversationId)).toEqual({ ratings: 0, texts: [], submitted: 0 });
	});
});
