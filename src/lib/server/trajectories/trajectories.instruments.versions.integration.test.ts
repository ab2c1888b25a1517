import { expect, it } from 'vitest';
import { instrumentChangeTables, instrumentTables } from '#lib/trajectory-report-tables.ts';
import { importQuestionnaire } from '../instruments/fhir/fhir.import.ts';
import { importInstrument } from '../instruments/instruments.import.usecases.ts';
import { createInstrumentsRepository } from '../instruments/instruments.repository.ts';
import { newId } from '../shared/tokens.ts';
import { questionnaireText, wavLike, type FixtureItem } from '../testing/fhir-questionnaires.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { all, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import { setMomentInstruments, submitMyInstrumentRatings } from './trajectories.instruments.usecases.ts';
import { setMyConsent } from './trajectories.participant.usecases.ts';
import { exportMonitorCsv, exportMonitorPdf, getMonitorReport } from './trajectories.report.usecases.ts';

/**
 * A moment's instrument names a key; a re-import publishes a new version of it, and answers given
 * after that are given on the new version, while earlier ones keep theirs (decision 019). The
 * monitor report shows every answer on the version it was given on.
 */
describeOnBothDatabases('instrument versions in the monitor report', (dialect) => {
	const t = useTestContext(dialect);
	const { world, of } = trajectoryInstrumentWorld(t);

	/** Version 2 of the WAV-12-like questionnaire: three answer options (a 0–2 line) instead of five, and without its last statement. */
	function version2Text(): string {
		const questionnaire = wavLike();
		const groups = questionnaire.item;
		for (const group of groups) {
			for (const item of group.item ?? []) item.answerOption = item.answerOption!.slice(0, 3);
		}
		const last = groups.at(-1)!;
		last.item = (last.item as FixtureItem[]).filter((item) => item.linkId !== 'wav12');
		return questionnaireText(questionnaire);
	}

	/** Version 2 stored as an import did before a new version had to keep its line. */
	async function publishAsBeforeTheLineRule(organisationId: string, key: string, text: string): Promise<void> {
		const parsed = importQuestionnaire(text, { licenceConfirmed: false });
		if (!parsed.ok) throw new Error(`fixture does not import: ${JSON.stringify(parsed.problems)}`);
		const repo = createInstrumentsRepository(t.ctx.db);
		const version = (await repo.findHighestVersion(key)) + 1;
		expect(version).toBe(2);
		const contentJson = JSON.stringify(parsed.content);
		expect(
			await repo.insertIfMissing({
				id: newId(),
				organisationId,
				key,
				version,
				method: 'quickCheck',
				contentJson,
				publishedAt: t.ctx.clock.now().toISOString()
			})
		).toBeTruthy();
	}

	it("answers given on an earlier version are counted on that version's scale and questions, never on the newer version's", async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const [t1, t2] = w.built.momentIds as [string, string];
		for (const index of w.built.participants.keys()) {
			await setMyConsent({ ...of(w, index), agree: true });
			// "Oneens": point 1 on version 1's line of 0–4.
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t1, values: all(25) });
		}
		// A re-import on another line is refused since 2026-12-07 (instruments.versions.integration.test.ts);
		// a database from before holds such versions, and its report must still read each on its own line.
		const refused = await importInstrument({ ctx: t.ctx, actor: w.admin, text: version2Text(), licenceConfirmed: false, locale: 'nl' });
		expect(refused).toEqual({ ok: false, problems: [{ code: 'scale_changed' }] });
		await publishAsBeforeTheLineRule(w.admin.organisationId, w.key, version2Text());
		for (const index of w.built.participants.keys()) {
			// Point 1 on version 2's line of 0–2; version 2 has no 12th statement.
			const { wav12: _dropped, ...values } = all(50);
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t2, values });
		}

		const report = await getMonitorReport({ ...w.input, showNames: false });
		const [first, second] = instrumentTables(report, 'nl');
		expect(instrumentTables(report, 'nl')).toHaveLength(2);
		// T1 on version 1: its 12 statements, the mean on its own 0–4 line (not 0,5 on version 2's 0–2 line).
		expect(first!.title).toBe('Vragenlijst Werkrelatie (versie 1): gemiddelde per vraag');
		expect(first!.header).toEqual(['Vraag', 'T1 deelnemers', 'T1 cliënten']);
		expect(first!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '1,0', '–']);
		expect(first!.rows[11]).toEqual(['We respecteren elkaar.', '1,0', '–']);
		expect(first!.rows.at(-1)).toEqual(['Aantal antwoorden', '5', '0']);
		// T2 on version 2: its 11 statements on its 0–2 line.
		expect(second!.title).toBe('Vragenlijst Werkrelatie (versie 2): gemiddelde per vraag');
		expect(second!.header).toEqual(['Vraag', 'T2 deelnemers', 'T2 cliënten']);
		expect(second!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '1,0', '–']);
		expect(second!.rows).toHaveLength(12);
		expect(second!.rows.at(-1)).toEqual(['Aantal antwoorden', '5', '0']);
		// A change from a point on one line to a point on another is no change: none is shown.
		expect(instrumentChangeTables(report, 'nl')).toEqual([]);

		const { body } = await exportMonitorCsv({ ...w.input, showNames: false, locale: 'nl' });
		expect(body).toContain('\r\nVragenlijst Werkrelatie (versie 1): gemiddelde per vraag\r\n');
		expect(body).toContain('\r\nVragenlijst Werkrelatie (versie 2): gemiddelde per vraag\r\n');
		expect(body).toContain('\r\nWe respecteren elkaar.,"1,0",–\r\n');
		expect(body).not.toContain('verandering per vraag');
		const pdf = await exportMonitorPdf({ ...w.input, showNames: false, locale: 'nl' });
		expect(pdf.body.byteLength).toBeGreaterThan(0);
	});

	it('answers on versions with the same questions and line stay in one table without a version, so their change is shown', async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const [t1, t2] = w.built.momentIds as [string, string];
		for (const index of w.built.participants.keys()) {
			await setMyConsent({ ...of(w, index), agree: true });
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t1, values: all(25) });
		}
		// The same questions again (a new version with a changed publisher's version, say).
		const same = wavLike();
		same.version = '2025';
		const reimported = await importInstrument({
			ctx: t.ctx,
			actor: w.admin,
			text: questionnaireText(same),
			licenceConfirmed: false,
			locale: 'nl'
		});
		expect(reimported).toMatchObject({ ok: true, instrument: { version: 2 } });
		for (const index of w.built.participants.keys()) {
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t2, values: all(75) });
		}

		const report = await getMonitorReport({ ...w.input, showNames: false });
		const tables = instrumentTables(report, 'nl');
		expect(tables.map((table) => table.title)).toEqual(['Vragenlijst Werkrelatie: gemiddelde per vraag']);
		expect(tables[0]!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '1,0', '–', '3,0', '–']);
		const [change] = instrumentChangeTables(report, 'nl');
		expect(change!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '+2,0', '–']);
	});
});
