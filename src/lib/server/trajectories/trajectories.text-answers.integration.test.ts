import { afterAll, beforeAll, expect, it } from 'vitest';
import { schemaErrors } from '../instruments/fhir/fhir.schema-validation.ts';
import {
	importInstrument,
	setOrganisationQuickCheckInstrument,
	setOrganisationSessionFeedbackInstrument
} from '../instruments/instruments.import.usecases.ts';
import { createLogger } from '../shared/logger.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { onlyWords, questionnaireText, srsLike, withWords } from '../testing/fhir-questionnaires.ts';
import { createTestContext, describeOnBothDatabases, type TestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { getTrajectoryAnswersBundle } from './trajectories.fhir.usecases.ts';
import {
	answerClientConsent,
	createClientLink,
	getMyMomentInstrument,
	setMomentInstruments,
	submitClientRatings,
	submitMyInstrumentRatings
} from './trajectories.instruments.usecases.ts';
import { setMyConsent } from './trajectories.participant.usecases.ts';
import { exportMonitorCsv, getMonitorReport } from './trajectories.report.usecases.ts';

/** The SRS-like line (0–10, stored 0–100) of withWords(), every item at one value. */
const line = (value: number) => ({ relatie: value, doelen: value, aanpak: value, algemeen: value });
const SECRET = 'Mijn buurvrouw Ans helpt mij';

describeOnBothDatabases('answers in words in trajectory moments (issue 14)', (dialect) => {
	const lines: string[] = [];
	let ctx: TestContext;
	beforeAll(async () => {
		// Everything the server logs is kept, to check that no typed answer is ever in it.
		ctx = await createTestContext(dialect, { logger: createLogger('debug', { write: (l: string) => void lines.push(l) }) });
	});
	afterAll(async () => ctx?.cleanup());

	async function world(text = questionnaireText(withWords()), participants = 2) {
		const admin = await buildOrganisation(ctx);
		const imported = await importInstrument({ ctx, actor: admin, text, licenceConfirmed: true, locale: 'nl' });
		if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
		const coordinator = await buildStaff(ctx, admin, { roles: ['trajectoryCoordinator'] });
		const built = await buildTrajectory(ctx, { coordinator, participants, moments: [[0, 7]] });
		const input = { ctx, actor: coordinator, trajectoryId: built.trajectoryId };
		await setMomentInstruments({ ...input, choices: [{ momentId: built.momentIds[0]!, instrumentKey: imported.instrument.key }] });
		const momentId = built.momentIds[0]!;
		const as = (index: number) => ({ ctx, actor: built.participants[index]!.actor, trajectoryId: built.trajectoryId, momentId });
		return { admin, coordinator, built, input, key: imported.instrument.key, momentId, as };
	}

	it('a participant answers free text and a nominal choice beside the line; they are stored and shown back to them as given', async () => {
		const w = await world();
		const texts = { plek: 'werk', woord: '  moe  ', toelichting: `${SECRET}.\r\nEn mijn zus.` };
		await submitMyInstrumentRatings({ ...w.as(0), values: line(40), texts });
		const mine = await getMyMomentInstrument({ ...w.as(0), locale: 'en' });
		expect(mine?.values).toEqual(line(40));
		expect(mine?.texts).toEqual({ plek: 'werk', woord: 'moe', toelichting: `${SECRET}.\nEn mijn zus.` });
		expect(mine?.items.find((item) => item.key === 'plek')?.answer).toEqual({
			type: 'choice',
			options: [
				{ code: 'school', label: 'School' },
				{ code: 'werk', label: 'Work' },
				{ code: 'thuis', label: 'Home' }
			]
		});
		// A correction replaces them; free text may be left empty.
		await submitMyInstrumentRatings({ ...w.as(0), values: line(80), texts: { plek: 'thuis' } });
		expect((await getMyMomentInstrument({ ...w.as(0), locale: 'nl' }))?.texts).toEqual({ plek: 'thuis' });
	});

	it('an open question that is not asked (enableWhen) is dropped, not stored', async () => {
		const w = await world();
		// algemeen 8 of 0–10: "Wat kan beter?" is only asked at 5 or lower.
		await submitMyInstrumentRatings({ ...w.as(0), values: line(80), texts: { plek: 'werk', toelichting: 'niet gevraagd' } });
		expect((await getMyMomentInstrument({ ...w.as(0), locale: 'nl' }))?.texts).toEqual({ plek: 'werk' });
	});

	it('nobody else reads my answers in words: not another participant, not the coordinator; nor the monitor report or its CSV', async () => {
		const w = await world(questionnaireText(withWords()), 5);
		for (const [index] of w.built.participants.entries()) {
			await setMyConsent({ ...w.as(index), agree: true });
			await submitMyInstrumentRatings({ ...w.as(index), values: line(40), texts: { plek: 'school', woord: `${SECRET} ${index}` } });
		}
		const other = await getMyMomentInstrument({ ...w.as(1), locale: 'nl' });
		expect(JSON.stringify(other)).not.toContain(`${SECRET} 0`);
		await expect(getMyMomentInstrument({ ...w.as(0), actor: w.coordinator, locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getMyMomentInstrument({ ...w.as(0), actor: w.admin, locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });

		const report = await getMonitorReport({ ...w.input, showNames: false });
		const table = report.instruments[0]!;
		expect(table.items.map((item) => item.key)).toEqual(['relatie', 'doelen', 'aanpak', 'algemeen']);
		expect(table.moments[0]!.perspectives[0]).toMatchObject({ answered: 5, shown: true });
		const csv = await exportMonitorCsv({ ...w.input, showNames: false, locale: 'nl' });
		for (const shown of [JSON.stringify(report), JSON.stringify(csv)]) {
			expect(shown).not.toContain(SECRET);
			expect(shown).not.toContain('school');
		}
	});

	it('control characters in typed text are refused with their own reason, and nothing is stored', async () => {
		const w = await world();
		for (const texts of [
			{ plek: 'werk', woord: 'moe\u0000' } as Record<string, string>,
			{ plek: 'werk', woord: 'twee\nregels' },
			{ plek: 'werk', toelichting: 'bel\u0007' },
			{ plek: 'werk', woord: 'half \ud800' }
		]) {
			await expect(submitMyInstrumentRatings({ ...w.as(0), values: line(40), texts })).rejects.toMatchObject({
				code: 'instruments.answer_control_characters'
			});
		}
		expect(await getMyMomentInstrument({ ...w.as(0), locale: 'nl' })).toMatchObject({ values: null, texts: {} });
	});

	it('too long text, an unknown option or no choice at all is refused, and nothing is stored', async () => {
		const w = await world();
		const refused = (texts: Record<string, string>, code: string) =>
			expect(submitMyInstrumentRatings({ ...w.as(0), values: line(40), texts })).rejects.toMatchObject({ code });
		await refused({ plek: 'werk', woord: 'x'.repeat(201) }, 'instruments.answer_too_long');
		await refused({ plek: 'werk', toelichting: 'x'.repeat(2001) }, 'instruments.answer_too_long');
		await refused({ plek: 'strand' }, 'trajectory.invalid_answer');
		await refused({ woord: 'moe' }, 'trajectory.invalid_answer');
		expect(await getMyMomentInstrument({ ...w.as(0), locale: 'nl' })).toMatchObject({ values: null, texts: {} });
		// The longest allowed text is stored whole.
		await submitMyInstrumentRatings({ ...w.as(0), values: line(40), texts: { plek: 'werk', toelichting: 'x'.repeat(2000) } });
		expect((await getMyMomentInstrument({ ...w.as(0), locale: 'nl' }))?.texts.toelichting).toHaveLength(2000);
	});

	it("a client answers in words through the participant's link; it leaves as valueString and valueCoding in a valid R4 Bundle", async () => {
		const w = await world(questionnaireText(onlyWords()), 1);
		await setMyConsent({ ...w.as(0), agree: true });
		await submitMyInstrumentRatings({ ...w.as(0), values: {}, texts: { plek: 'werk', geleerd: 'Luisteren.' } });
		const { token } = await createClientLink({ ...w.as(0) });
		const anonymous = { type: 'anonymous' } as const;
		await answerClientConsent({ ctx, clientAddress: '192.0.2.1', actor: anonymous, token, agree: true });
		await expect(
			submitClientRatings({
				ctx,
				clientAddress: '192.0.2.1',
				actor: anonymous,
				token,
				values: {},
				texts: { plek: 'werk', geleerd: 'ja\u001b' }
			})
		).rejects.toMatchObject({ code: 'instruments.answer_control_characters' });
		await submitClientRatings({
			ctx,
			clientAddress: '192.0.2.1',
			actor: anonymous,
			token,
			values: {},
			texts: { plek: 'thuis', geleerd: 'Rust.' }
		});

		// Only answers in words: no table of means in the report at all.
		expect((await getMonitorReport({ ...w.input, showNames: false })).instruments).toEqual([]);
		const { json } = await getTrajectoryAnswersBundle(w.input);
		const bundle = JSON.parse(json) as { entry: { resource: { author: { display: string }; item: unknown[] } }[] };
		expect(schemaErrors('Bundle', bundle, 'complete')).toEqual([]);
		expect(bundle.entry.map(({ resource }) => [resource.author.display, resource.item])).toEqual([
			[
				'client',
				[
					{
						linkId: 'plek',
						answer: [{ valueCoding: { system: 'https://example.org/fhir/CodeSystem/place', code: 'thuis', display: 'Thuis' } }]
					},
					{ linkId: 'geleerd', answer: [{ valueString: 'Rust.' }] }
				]
			],
			[
				'professional',
				[
					{
						linkId: 'plek',
						answer: [{ valueCoding: { system: 'https://example.org/fhir/CodeSystem/place', code: 'werk', display: 'Werk' } }]
					},
					{ linkId: 'geleerd', answer: [{ valueString: 'Luisteren.' }] }
				]
			]
		]);
	}, 60_000);

	it('the quick check refuses an instrument with no question on the line, session feedback takes it; a new version of a quick-check instrument without one is refused', async () => {
		const w = await world(questionnaireText(onlyWords()));
		await expect(setOrganisationQuickCheckInstrument({ ctx, actor: w.admin, key: w.key })).rejects.toMatchObject({
			code: 'instruments.no_line_quick_check'
		});
		await setOrganisationSessionFeedbackInstrument({ ctx, actor: w.admin, key: w.key });
		// The SRS-like one is the quick check's; a version of it with only questions in words is refused at import.
		const srs = await importInstrument({ ctx, actor: w.admin, text: questionnaireText(srsLike()), licenceConfirmed: true, locale: 'nl' });
		if (!srs.ok) throw new Error('import refused');
		await setOrganisationQuickCheckInstrument({ ctx, actor: w.admin, key: srs.instrument.key });
		const onlyWordsAtSameUrl = { ...onlyWords(), url: srsLike().url };
		const again = await importInstrument({
			ctx,
			actor: w.admin,
			text: questionnaireText(onlyWordsAtSameUrl),
			licenceConfirmed: true,
			locale: 'nl'
		});
		expect(again).toEqual({ ok: false, problems: [{ code: 'no_line_quick_check' }] });

		// Session feedback's instrument: a version with answers in words (issue 14) or with a follow-up question is taken.
		const other = await buildOrganisation(ctx);
		const feedback = await importInstrument({
			ctx,
			actor: other,
			text: questionnaireText(srsLike()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!feedback.ok) throw new Error('import refused');
		await setOrganisationSessionFeedbackInstrument({ ctx, actor: other, key: feedback.instrument.key });
		const version = (questionnaire: ReturnType<typeof srsLike>) =>
			importInstrument({ ctx, actor: other, text: questionnaireText(questionnaire), licenceConfirmed: true, locale: 'nl' });
		expect(await version({ ...withWords(), url: srsLike().url })).toMatchObject({ ok: true, instrument: { version: 2 } });
		const conditional = srsLike();
		conditional.item[3] = { ...conditional.item[3]!, enableWhen: [{ question: 'relatie', operator: '<', answerDecimal: 5 }] };
		expect(await version(conditional)).toMatchObject({ ok: true, instrument: { version: 3 } });
	});

	it('no typed answer ever reaches the log or the audit trail', async () => {
		expect(lines.join('\n')).not.toContain(SECRET);
		expect(lines.join('\n')).not.toContain('Luisteren');
		const audit = JSON.stringify(await ctx.db.selectFrom('auditEvents').selectAll().execute());
		expect(audit).toContain('trajectory.instrument_rated');
		expect(audit).not.toContain(SECRET);
		expect(audit).not.toContain('Luisteren');
	});
});
