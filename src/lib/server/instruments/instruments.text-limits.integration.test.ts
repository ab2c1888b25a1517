import { expect, it } from 'vitest';
import { buildOrganisation } from '../testing/builders.ts';
import { questionnaireText, srsLike, translated, withWords, type FixtureQuestionnaire } from '../testing/fhir-questionnaires.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { importInstrument, listInstruments } from './instruments.import.usecases.ts';
import { INSTRUMENT_TEXT_MAX } from './instruments.text-limits.ts';

/**
 * Decision 019, amended 2026-12-07: an import whose texts are longer than a person reads is
 * refused and stores nothing. An outside tester's question of ~420 KB (under the 1 MB file limit)
 * was published, and every paper form of the quick check then held the one server for seconds.
 */
describeOnBothDatabases('an instrument’s texts have a length', (dialect) => {
	const t = useTestContext(dialect);

	const importAs = (admin: Awaited<ReturnType<typeof buildOrganisation>>, questionnaire: FixtureQuestionnaire) =>
		importInstrument({ ctx: t.ctx, actor: admin, text: questionnaireText(questionnaire), licenceConfirmed: true, locale: 'nl' });
	const stored = async () => ({
		instruments: (await t.ctx.db.selectFrom('instruments').select('id').where('organisationId', 'is not', null).execute()).length,
		audits: (await t.ctx.db.selectFrom('auditEvents').select('id').where('action', '=', 'instrument.imported').execute()).length
	});
	const words = (length: number) => 'woord '.repeat(Math.ceil(length / 6)).slice(0, length);

	it('a question of ~420 KB on a decimal line is refused with its item, and nothing is stored', async () => {
		const admin = await buildOrganisation(t.ctx);
		const before = await stored();
		const questionnaire = srsLike();
		questionnaire.item[0]!.text = words(420_000);
		const outcome = await importAs(admin, questionnaire);
		expect(outcome).toEqual({ ok: false, problems: [{ code: 'question_too_long', item: 'relatie', detail: 'adult, nl' }] });
		expect(await stored()).toEqual(before);
	});

	it('a new version with an over-long title or answer is refused and the version before stays the newest', async () => {
		const admin = await buildOrganisation(t.ctx);
		const first = await importAs(admin, withWords());
		if (!first.ok) throw new Error(JSON.stringify(first.problems));
		const before = await stored();

		const longer = withWords();
		longer._title = translated('en', words(INSTRUMENT_TEXT_MAX.title + 1));
		longer.item[4]!.answerOption![1]!.valueCoding = { code: 'werk', display: words(INSTRUMENT_TEXT_MAX.option + 1) };
		const outcome = await importAs(admin, longer);
		expect(outcome.ok ? [] : outcome.problems).toEqual([
			{ code: 'title_too_long', detail: 'en' },
			{ code: 'option_too_long', item: 'plek', detail: 'option 2, nl' }
		]);
		expect(await stored()).toEqual(before);
		const { instruments } = await listInstruments({ ctx: t.ctx, actor: admin, locale: 'nl' });
		expect(instruments.filter((instrument) => instrument.key === first.instrument.key).map((instrument) => instrument.version)).toEqual([
			1
		]);
	});
});
