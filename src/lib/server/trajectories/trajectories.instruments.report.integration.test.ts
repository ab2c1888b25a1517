import { expect, it } from 'vitest';
import { instrumentChangeTables, instrumentTables } from '#lib/trajectory-report-tables.ts';
import { schemaErrors } from '../instruments/fhir/fhir.schema-validation.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { all, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import {
	createClientLink,
	setMomentInstruments,
	submitClientRatings,
	submitMyInstrumentRatings
} from './trajectories.instruments.usecases.ts';
import { getTrajectoryAnswersBundle } from './trajectories.fhir.usecases.ts';
import { setMyConsent } from './trajectories.participant.usecases.ts';
import { exportMonitorCsv, getMonitorReport } from './trajectories.report.usecases.ts';

describeOnBothDatabases('instruments in trajectory moments: the monitor report and the FHIR export (issue 14)', (dialect) => {
	const t = useTestContext(dialect);
	const { world, of, anonymous, consent } = trajectoryInstrumentWorld(t);

	it("a client answer without the client's consent is never counted in the report or the FHIR export", async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const t1 = w.built.momentIds[0]!;
		for (const [index] of w.built.participants.entries()) {
			await setMyConsent({ ...of(w, index), agree: true });
			const { token } = await createClientLink({ ...of(w, index), momentId: t1 });
			await consent(token);
			await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) });
		}
		const counted = async () => (await getMonitorReport({ ...w.input, showNames: false })).instruments[0]!.moments[0]!.perspectives[1]!;
		expect(await counted()).toMatchObject({ perspective: 'client', answered: 5, shown: true });
		// A row with ratings but without the client's consent (as a bug or a hand edit could leave) does not count.
		await t.ctx.db
			.updateTable('trajectoryInstrumentAnswers')
			.set({ clientConsent: 'declined' })
			.where('trajectoryId', '=', w.built.trajectoryId)
			.where('participantId', '=', w.built.participants[0]!.participantId)
			.where('perspective', '=', 'client')
			.execute();
		expect(await counted()).toMatchObject({ answered: 4, shown: false, means: {} });
		const { json } = await getTrajectoryAnswersBundle(w.input);
		expect((JSON.parse(json) as { entry: unknown[] }).entry).toHaveLength(4);
	});

	it('the monitor report shows means per item per moment only for groups of at least the minimum size, and only of consenting participants', async () => {
		const w = await world(6);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const [t1, t2] = w.built.momentIds as [string, string];
		for (const [index, p] of w.built.participants.entries()) {
			// Participants 1–5 consent; 6 declines, and their (extreme) ratings must not count.
			await setMyConsent({ ...of(w, index), agree: p.number !== 6 });
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t1, values: all(p.number === 6 ? 0 : 50) });
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t2, values: all(p.number === 6 ? 0 : p.number <= 4 ? 75 : 100) });
			if (p.number <= 4) {
				const { token } = await createClientLink({ ...of(w, index), momentId: t1 });
				await consent(token);
				await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: { type: 'anonymous' }, token, values: all(100) });
			}
		}
		const report = await getMonitorReport({ ...w.input, showNames: false });
		const [result] = report.instruments;
		expect(result!.moments.map((m) => m.perspectives.map((p) => [p.perspective, p.answered, p.shown]))).toEqual([
			[
				['professional', 5, true],
				['client', 4, false]
			],
			[
				['professional', 5, true],
				['client', 0, false]
			]
		]);
		expect(result!.moments[0]!.perspectives[0]!.means.wav1).toBe(50);
		expect(result!.moments[1]!.perspectives[0]!.means.wav1).toBe(80);
		expect(result!.moments[0]!.perspectives[1]!.means).toEqual({});

		const [table] = instrumentTables(report, 'nl');
		expect(table!.header).toEqual(['Vraag', 'T1 deelnemers', 'T1 cliënten', 'T2 deelnemers', 'T2 cliënten']);
		// On the 5-point line (0–4): 50 → 2,0 and 80 → 3,2; the clients' 4 answers give no mean.
		expect(table!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '2,0', '–', '3,2', '–']);
		expect(table!.rows.at(-1)).toEqual(['Aantal antwoorden', '5', '4', '5', '0']);
		const { body } = await exportMonitorCsv({ ...w.input, showNames: false, locale: 'nl' });
		expect(body).toContain('\r\nVragenlijst Werkrelatie: gemiddelde per vraag\r\n');
	});

	it('the report shows the change from T1 to T2 over people who answered both, for participants and clients apart, only for a large enough group, and never where it would give one person away', async () => {
		const w = await world(7);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const [t1, t2] = w.built.momentIds as [string, string];
		const client = async (index: number, momentId: string, value: number) => {
			const { token } = await createClientLink({ ...of(w, index), momentId });
			await consent(token);
			await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(value) });
		};
		for (const [index, p] of w.built.participants.entries()) {
			await setMyConsent({ ...of(w, index), agree: true });
			// 1–5 answer both moments (50 → 75); 6 and 7 answer later (below).
			if (p.number <= 5) {
				await submitMyInstrumentRatings({ ...of(w, index), momentId: t1, values: all(50) });
				await submitMyInstrumentRatings({ ...of(w, index), momentId: t2, values: all(75) });
			}
			// Clients of 1–4 answer both moments (25 → 100): four pairs are too few.
			if (p.number <= 4) {
				await client(index, t1, 25);
				await client(index, t2, 100);
			}
			if (p.number === 5) await client(index, t2, 100);
		}
		const report = await getMonitorReport({ ...w.input, showNames: false });
		const [change] = report.instruments[0]!.changes;
		expect(change).toMatchObject({ from: 1, to: 2 });
		expect(change!.perspectives.map((p) => [p.perspective, p.paired, p.shown, p.overall])).toEqual([
			['professional', 5, true, 25],
			['client', 4, false, null]
		]);
		expect(change!.perspectives[0]!.items.wav12).toBe(25);

		const [table] = instrumentChangeTables(report, 'nl');
		expect(table!.header).toEqual(['Vraag', 'T1 → T2 deelnemers', 'T1 → T2 cliënten']);
		// On the 5-point line (0–4): +25 → +1,0.
		expect(table!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '+1,0', '–']);
		expect(table!.rows.slice(-3)).toEqual([
			['Alle vragen samen', '+1,0', '–'],
			['Beide momenten ingevuld', '5', '4'],
			['Toelichting', '', 'Niet getoond: 4 vulden beide momenten in, minimaal 5 nodig']
		]);
		const { body } = await exportMonitorCsv({ ...w.input, showNames: false, locale: 'nl' });
		expect(body).toContain('\r\nVragenlijst Werkrelatie: verandering per vraag\r\n');
		// A leading + is kept as text (the CSV's formula guard).
		expect(body).toContain(`Alle vragen samen,"'+1,0",–`);

		// Participant 6 answers T1 only: six answered T1, five both. With T1's mean beside it the change
		// would give 6's answer away (6 × mean T1 − (5 × mean T2 − 5 × change)), so it is not shown.
		await submitMyInstrumentRatings({ ...of(w, 5), momentId: t1, values: all(100) });
		const after = await getMonitorReport({ ...w.input, showNames: false });
		expect(after.instruments[0]!.changes[0]!.perspectives[0]).toMatchObject({
			paired: 5,
			shown: false,
			hidden: 'wouldReveal',
			overall: null
		});
		const [hidden] = instrumentChangeTables(after, 'nl');
		expect(hidden!.rows.slice(-3)).toEqual([
			['Alle vragen samen', '–', '–'],
			['Beide momenten ingevuld', '5', '4'],
			[
				'Toelichting',
				'Niet getoond: met de gemiddelden per moment erbij zou iemands eigen antwoord uit te rekenen zijn',
				'Niet getoond: 4 vulden beide momenten in, minimaal 5 nodig'
			]
		]);
	});

	it('the answers leave as a valid FHIR R4 Bundle: consenting participants only, by number, never a name or an address', async () => {
		const w = await world(3);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const [t1, t2] = w.built.momentIds as [string, string];
		for (const [index, p] of w.built.participants.entries()) {
			await setMyConsent({ ...of(w, index), agree: p.number !== 3 });
			await submitMyInstrumentRatings({ ...of(w, index), momentId: t1, values: all(50) });
		}
		await submitMyInstrumentRatings({ ...of(w, 0), momentId: t2, values: all(75) });
		const { token } = await createClientLink({ ...of(w, 0), momentId: t1 });
		await consent(token);
		await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: { type: 'anonymous' }, token, values: all(100) });

		const { json } = await getTrajectoryAnswersBundle(w.input);
		const bundle = JSON.parse(json) as { entry: { resource: Record<string, unknown> & { item: unknown[] } }[] };
		expect(schemaErrors('Bundle', bundle, 'complete')).toEqual([]);
		const summary = bundle.entry.map(({ resource }) => [
			(resource.extension as { valueString: string }[])[0]!.valueString,
			(resource.subject as { display: string }).display,
			(resource.author as { display: string }).display,
			resource.item.length
		]);
		expect(summary).toEqual([
			['T1', 'participant 1', 'client', 12],
			['T1', 'participant 1', 'professional', 12],
			['T1', 'participant 2', 'professional', 12],
			['T2', 'participant 1', 'professional', 12]
		]);
		for (const p of w.built.participants) expect(json).not.toContain(p.actor.email);
		expect(json).not.toContain('Organisatie ');
		await expect(getTrajectoryAnswersBundle({ ...w.input, actor: w.admin })).rejects.toMatchObject({ code: 'not_found' });
	});
});
