import { expect, it } from 'vitest';
import { instrumentChangeTables, instrumentTables } from '#lib/trajectory-report-tables.ts';
import { importInstrument } from '../instruments/instruments.import.usecases.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { questionnaireText, srsLike, wavLike, withEnableWhen } from '../testing/fhir-questionnaires.ts';
import { schemaErrors } from '../instruments/fhir/fhir.schema-validation.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import {
	answerClientConsent,
	createClientLink,
	getClientLinkForm,
	getMomentInstrumentSettings,
	getMyMomentInstrument,
	setMomentInstruments,
	submitClientRatings,
	submitMyInstrumentRatings
} from './trajectories.instruments.usecases.ts';
import { getTrajectoryAnswersBundle } from './trajectories.fhir.usecases.ts';
import { setMyConsent } from './trajectories.participant.usecases.ts';
import { exportMonitorCsv, getMonitorReport } from './trajectories.report.usecases.ts';

const WAV_KEYS = Array.from({ length: 12 }, (_, i) => `wav${i + 1}`);
const all = (value: number) => Object.fromEntries(WAV_KEYS.map((key) => [key, value]));
const DAY = 86_400_000;

describeOnBothDatabases('instruments in trajectory moments (issue 14)', (dialect) => {
	const t = useTestContext(dialect);

	/** An organisation that imported a WAV-12-like questionnaire; a trajectory with T1 and T2 open now. */
	async function world(participants = 6) {
		const admin = await buildOrganisation(t.ctx);
		const imported = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(wavLike()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error('import refused');
		const coordinator = await buildStaff(t.ctx, admin, { roles: ['trajectoryCoordinator'] });
		const built = await buildTrajectory(t.ctx, {
			coordinator,
			participants,
			moments: [
				[0, 7],
				[0, 14]
			]
		});
		const input = { ctx: t.ctx, actor: coordinator, trajectoryId: built.trajectoryId };
		const key = imported.instrument.key;
		const both = [
			{ position: 1, instrumentKey: key },
			{ position: 2, instrumentKey: key }
		];
		return { admin, coordinator, built, input, key, both };
	}

	const of = (w: Awaited<ReturnType<typeof world>>, index: number) => {
		const p = w.built.participants[index]!;
		return { ctx: t.ctx, actor: p.actor, trajectoryId: w.built.trajectoryId };
	};

	const anonymous = { type: 'anonymous' } as const;
	/** The client's yes on the consent step of their link. */
	const consent = (token: string, agree = true) => answerClientConsent({ ctx: t.ctx, actor: anonymous, token, agree });

	it('a coordinator can choose an imported instrument for T1 and T2, but not one of another organisation', async () => {
		const w = await world(1);
		const settings = await getMomentInstrumentSettings({ ...w.input, locale: 'nl' });
		expect(settings.choices.map((c) => c.name)).toContain('Werkrelatie');
		await setMomentInstruments({ ...w.input, choices: w.both });
		const form = await getMyMomentInstrument({ ...of(w, 0), momentId: w.built.momentIds[1]!, locale: 'nl' });
		expect(form?.name).toBe('Werkrelatie');
		expect(form?.items).toHaveLength(12);
		expect(form?.scale.points).toBe(4);

		const other = await buildOrganisation(t.ctx);
		const srs = await importInstrument({
			ctx: t.ctx,
			actor: other,
			text: questionnaireText(srsLike()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!srs.ok) throw new Error('import refused');
		await expect(setMomentInstruments({ ...w.input, choices: [{ position: 1, instrumentKey: srs.instrument.key }] })).rejects.toMatchObject(
			{
				code: 'trajectory.unknown_instrument'
			}
		);
	});

	it('a moment without an instrument has no instrument form, and ratings for it are refused', async () => {
		const w = await world(1);
		const momentId = w.built.momentIds[0]!;
		expect(await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' })).toBeNull();
		await expect(submitMyInstrumentRatings({ ...of(w, 0), momentId, values: all(50) })).rejects.toMatchObject({
			code: 'trajectory.no_instrument'
		});
	});

	it('a participant rates every item on the line; incomplete or off-the-line ratings are refused and nothing is stored', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { wav1: _, ...incomplete } = all(50);
		await expect(submitMyInstrumentRatings({ ...of(w, 0), momentId, values: incomplete })).rejects.toMatchObject({
			code: 'trajectory.invalid_answer'
		});
		await expect(submitMyInstrumentRatings({ ...of(w, 0), momentId, values: all(40) })).rejects.toMatchObject({
			code: 'trajectory.invalid_answer'
		});
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.values).toBeNull();
		await submitMyInstrumentRatings({ ...of(w, 0), momentId, values: all(75) });
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.values).toEqual(all(75));
	});

	it('once a moment has ratings its instrument cannot change; another moment still can', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		await submitMyInstrumentRatings({ ...of(w, 0), momentId: w.built.momentIds[0]!, values: all(50) });
		await expect(setMomentInstruments({ ...w.input, choices: [{ position: 1, instrumentKey: '' }, w.both[1]!] })).rejects.toMatchObject({
			code: 'trajectory.instrument_locked'
		});
		await setMomentInstruments({ ...w.input, choices: [w.both[0]!, { position: 2, instrumentKey: '' }] });
		const settings = await getMomentInstrumentSettings({ ...w.input, locale: 'nl' });
		expect(settings.lockedMomentIds).toEqual([w.built.momentIds[0]]);
	});

	it("a client answers once through the participant's personal link; a new link replaces an unanswered one", async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const first = await createClientLink({ ...of(w, 0), momentId });
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await expect(getClientLinkForm({ ctx: t.ctx, token: first.token, locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });
		await consent(token);
		const form = await getClientLinkForm({ ctx: t.ctx, token, locale: 'en' });
		expect(form).toMatchObject({ name: 'Working relationship', status: 'open', moment: 'T1' });
		expect(form.items[0]!.text).toBe('We work on goals I agree with.');

		await expect(submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: { wav1: 100 } })).rejects.toMatchObject({
			code: 'trajectory.invalid_answer'
		});
		await submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(100) });
		expect((await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).status).toBe('answered');
		await expect(submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(0) })).rejects.toMatchObject({
			code: 'trajectory.client_answered'
		});
		await expect(createClientLink({ ...of(w, 0), momentId })).rejects.toMatchObject({ code: 'trajectory.client_answered' });
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.client).toBe('answered');
	});

	it('two submits of one client link at the same time: exactly one is stored, the other is refused as already answered', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await consent(token);
		const results = await Promise.allSettled([
			submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(100) }),
			submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(0) })
		]);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'trajectory.client_answered' });
		// The winner's answer is the one stored, and only the winner left an audit entry.
		const winner = results[0]!.status === 'fulfilled' ? 100 : 0;
		const stored = await t.ctx.db
			.selectFrom('trajectoryInstrumentAnswers')
			.select('valuesJson')
			.where('trajectoryId', '=', w.built.trajectoryId)
			.where('perspective', '=', 'client')
			.execute();
		expect(stored.map((row) => JSON.parse(row.valuesJson!) as Record<string, number>)).toEqual([all(winner)]);
		const audits = await t.ctx.db
			.selectFrom('auditEvents')
			.select('action')
			.where('action', '=', 'trajectory.client_rated')
			.where('targetId', '=', w.built.trajectoryId)
			.execute();
		expect(audits).toHaveLength(1);
	});

	const clientRow = (trajectoryId: string) =>
		t.ctx.db
			.selectFrom('trajectoryInstrumentAnswers')
			.select(['valuesJson', 'clientConsent', 'clientConsentAt'])
			.where('trajectoryId', '=', trajectoryId)
			.where('perspective', '=', 'client')
			.executeTakeFirstOrThrow();

	it('a client first answers a consent step: no questions and no answers before it, and their yes is recorded with its time', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		const step = await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' });
		expect(step).toMatchObject({ status: 'consent', questions: 12, items: [], minGroupSize: 5 });
		await expect(submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(100) })).rejects.toMatchObject({
			code: 'trajectory.client_no_consent'
		});
		expect(await clientRow(w.built.trajectoryId)).toMatchObject({ valuesJson: null, clientConsent: null, clientConsentAt: null });

		t.ctx.clock.advance(60_000);
		await consent(token);
		const row = await clientRow(w.built.trajectoryId);
		expect(row.clientConsent).toBe('given');
		expect(new Date(row.clientConsentAt!).toISOString()).toBe(t.ctx.clock.now().toISOString());
		const form = await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' });
		expect(form.status).toBe('open');
		expect(form.items).toHaveLength(12);
		await submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(100) });
		expect((await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).status).toBe('answered');
	});

	it('a client who says no: the refusal is recorded, nothing of theirs is stored, the participant cannot ask again, and the client may still change their mind', async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await consent(token, false);
		expect(await clientRow(w.built.trajectoryId)).toMatchObject({ valuesJson: null, clientConsent: 'declined' });
		expect((await clientRow(w.built.trajectoryId)).clientConsentAt).not.toBeNull();
		expect(await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).toMatchObject({
			status: 'declined',
			items: [],
			canReconsider: true
		});
		await expect(submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(100) })).rejects.toMatchObject({
			code: 'trajectory.client_no_consent'
		});
		expect((await clientRow(w.built.trajectoryId)).valuesJson).toBeNull();
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.client).toBe('declined');
		await expect(createClientLink({ ...of(w, 0), momentId })).rejects.toMatchObject({ code: 'trajectory.client_declined' });
		// Their own link still works for a yes while the moment is open.
		await consent(token, true);
		expect((await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).status).toBe('open');
		// After the moment closed, a no stays a no.
		await consent(token, false);
		t.ctx.clock.advance(9 * DAY);
		expect(await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).toMatchObject({ status: 'declined', canReconsider: false });
		await expect(consent(token, true)).rejects.toMatchObject({ code: 'trajectory.moment_closed' });
	});

	it('a new link asks for consent again: it may reach another person', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const first = await createClientLink({ ...of(w, 0), momentId });
		await consent(first.token);
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		expect((await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).status).toBe('consent');
		expect(await clientRow(w.built.trajectoryId)).toMatchObject({ clientConsent: null, clientConsentAt: null });
	});

	it("a client answer without the client's consent is never counted in the report or the FHIR export", async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const t1 = w.built.momentIds[0]!;
		for (const [index] of w.built.participants.entries()) {
			await setMyConsent({ ...of(w, index), agree: true });
			const { token } = await createClientLink({ ...of(w, index), momentId: t1 });
			await consent(token);
			await submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(100) });
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

	it('a conditional question (enableWhen) is asked only when its condition holds: otherwise it is not required and an answer to it is dropped', async () => {
		const w = await world(1);
		const imported = await importInstrument({
			ctx: t.ctx,
			actor: w.admin,
			text: questionnaireText(withEnableWhen()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error('import refused');
		const key = imported.instrument.key;
		await setMomentInstruments({ ...w.input, choices: [{ position: 1, instrumentKey: key }] });
		const momentId = w.built.momentIds[0]!;
		const form = await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' });
		expect(form!.items.map((item) => item.condition?.note ?? null)).toEqual([
			null,
			null,
			'Alleen invullen als bij ‘Hoe gaat het vandaag?’ 1 of minder is gekozen.'
		]);
		// mood 4 of 1–5 (75): the follow-up is not asked; its answer is dropped, not kept.
		await submitMyInstrumentRatings({ ...of(w, 0), momentId, values: { mood: 75, team: 50, worry: 100 } });
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.values).toEqual({ mood: 75, team: 50 });
		// mood 1 (0): the follow-up is asked, and then it is required.
		await expect(submitMyInstrumentRatings({ ...of(w, 0), momentId, values: { mood: 0, team: 50 } })).rejects.toMatchObject({
			code: 'trajectory.invalid_answer'
		});
		await submitMyInstrumentRatings({ ...of(w, 0), momentId, values: { mood: 0, team: 50, worry: 100 } });
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.values).toEqual({ mood: 0, team: 50, worry: 100 });
	});

	it('after the moment closes, neither the participant nor the client can answer', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await consent(token);
		t.ctx.clock.advance(9 * DAY);
		await expect(submitMyInstrumentRatings({ ...of(w, 0), momentId, values: all(50) })).rejects.toMatchObject({
			code: 'trajectory.moment_closed'
		});
		expect((await getClientLinkForm({ ctx: t.ctx, token, locale: 'nl' })).status).toBe('closed');
		await expect(submitClientRatings({ ctx: t.ctx, actor: { type: 'anonymous' }, token, values: all(50) })).rejects.toMatchObject({
			code: 'trajectory.moment_closed'
		});
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
				await submitClientRatings({ ctx: t.ctx, actor: { type: 'anonymous' }, token, values: all(100) });
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
		expect(body).toContain('"Vragenlijst Werkrelatie: gemiddelde per vraag"');
	});

	it('the report shows the change from T1 to T2 only over people who answered both, for participants and clients apart, and only for a large enough group', async () => {
		const w = await world(7);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const [t1, t2] = w.built.momentIds as [string, string];
		const client = async (index: number, momentId: string, value: number) => {
			const { token } = await createClientLink({ ...of(w, index), momentId });
			await consent(token);
			await submitClientRatings({ ctx: t.ctx, actor: anonymous, token, values: all(value) });
		};
		for (const [index, p] of w.built.participants.entries()) {
			await setMyConsent({ ...of(w, index), agree: true });
			// 1–5 answer both moments (50 → 75); 6 only T1 (0), 7 only T2 (100): neither may move the change.
			if (p.number !== 7) await submitMyInstrumentRatings({ ...of(w, index), momentId: t1, values: all(p.number === 6 ? 0 : 50) });
			if (p.number !== 6) await submitMyInstrumentRatings({ ...of(w, index), momentId: t2, values: all(p.number === 7 ? 100 : 75) });
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
		// On the 5-point line (0–4): +25 → +1,0; unpaired means (6 answers at each moment) would say 2,0 → 3,3.
		expect(table!.rows[0]).toEqual(['We werken aan doelen waar ik het mee eens ben.', '+1,0', '–']);
		expect(table!.rows.slice(-3)).toEqual([
			['Alle vragen samen', '+1,0', '–'],
			['Beide momenten ingevuld', '5', '4'],
			['Toelichting', '', 'Niet getoond: 4 vulden beide momenten in, minimaal 5 nodig']
		]);
		const { body } = await exportMonitorCsv({ ...w.input, showNames: false, locale: 'nl' });
		expect(body).toContain('"Vragenlijst Werkrelatie: verandering per vraag"');
		// A leading + is kept as text (the CSV's formula guard).
		expect(body).toContain(`"Alle vragen samen","'+1,0","–"`);
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
		await submitClientRatings({ ctx: t.ctx, actor: { type: 'anonymous' }, token, values: all(100) });

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
