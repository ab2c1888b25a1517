import { expect, it } from 'vitest';
import { instrumentTables } from '#lib/trajectory-report-tables.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	lineItem,
	questionnaireText,
	srsLike,
	wavLike,
	type FixtureItem,
	type FixtureQuestionnaire
} from '../testing/fhir-questionnaires.ts';
import { all, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import { setMomentInstruments, submitMyInstrumentRatings } from '../trajectories/trajectories.instruments.usecases.ts';
import { setMyConsent } from '../trajectories/trajectories.participant.usecases.ts';
import { getMonitorReport } from '../trajectories/trajectories.report.usecases.ts';
import type { Actor } from '../access/actor.ts';
import { importInstrument } from './instruments.import.usecases.ts';

/**
 * Every page, table, CSV and PDF that shows answers of an instrument over time (the trajectory's
 * monitor report, the insights and their trends) reads them on the scale of its newest version.
 * A new version that put the questions on another line made the answers given on the one before
 * read on a scale nobody saw: "Eens" (4 of 1–5) became 7,5 on 0–10. So a new version keeps the
 * line of the version before it.
 */
describeOnBothDatabases('instrument versions keep their line', (dialect) => {
	const t = useTestContext(dialect);
	const { world, of } = trajectoryInstrumentWorld(t);

	/** The WAV-12-like questionnaire again, its twelve statements now on a 0–10 line. */
	function wavOnTenPoints() {
		const questionnaire = wavLike();
		const onLine = (group: FixtureItem): FixtureItem => ({
			...group,
			item: group.item!.map((item) => ({ ...lineItem(item.linkId, item.text!, item.text!), text: item.text }))
		});
		return { ...questionnaire, version: '2025', item: questionnaire.item.map(onLine) };
	}

	/** The admin imports a questionnaire, as the import page sends it. */
	const importAs = (admin: Actor, questionnaire: FixtureQuestionnaire, licenceConfirmed = false) =>
		importInstrument({ ctx: t.ctx, actor: admin, text: questionnaireText(questionnaire), licenceConfirmed, locale: 'nl' });

	it('a new version that puts the questions on another line is refused, and the answers given stay on the line they were given on', async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		for (const [index] of w.built.participants.entries()) {
			await setMyConsent({ ...of(w, index), agree: true });
			// "Eens": 4 on the 1–5 scale, the fourth of five points (stored 75).
			await submitMyInstrumentRatings({ ...of(w, index), momentId: w.built.momentIds[0]!, values: all(75) });
		}
		const firstRow = async () => instrumentTables(await getMonitorReport({ ...w.input, showNames: false }), 'nl')[0]!.rows[0];
		// On the 5-point line (0–4) that the participants saw: 3,0.
		expect(await firstRow()).toEqual(['We werken aan doelen waar ik het mee eens ben.', '3,0', '–', '–', '–']);

		const again = await importAs(w.admin, wavOnTenPoints());
		expect(again).toEqual({ ok: false, problems: [{ code: 'scale_changed' }] });
		expect(await firstRow(), 'the answers are still read on the line they were given on').toEqual([
			'We werken aan doelen waar ik het mee eens ben.',
			'3,0',
			'–',
			'–',
			'–'
		]);

		// A new version on the same line is taken (new wording, say).
		const reworded = wavLike();
		reworded.title = 'Werkrelatie (herzien)';
		const taken = await importAs(w.admin, reworded);
		expect(taken).toMatchObject({ ok: true, instrument: { key: w.key, version: 2 } });
	});

	it('a questionnaire with another url is another instrument, on whatever line it has', async () => {
		const w = await world(1);
		const own = await importAs(w.admin, { ...wavOnTenPoints(), url: 'https://example.org/fhir/Questionnaire/wav-ten' });
		expect(own).toMatchObject({ ok: true, instrument: { version: 1 } });
		const srs = await importAs(w.admin, srsLike(), true);
		expect(srs.ok).toBe(true);
	});
});
