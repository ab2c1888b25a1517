import { expect, it } from 'vitest';
import { actions as settingsPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/settings/+page.server.ts';
import { importInstrument } from '../instruments/instruments.import.usecases.ts';
import { buildOrganisation } from '../testing/builders.ts';
import { questionnaireText, srsLike, withEnableWhen } from '../testing/fhir-questionnaires.ts';
import { postAs } from '../testing/page-loads.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { all, DAY, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import {
	createClientLink,
	getClientLinkForm,
	getMomentInstrumentSettings,
	getMyMomentInstrument,
	setMomentInstruments,
	submitClientRatings,
	submitMyInstrumentRatings
} from './trajectories.instruments.usecases.ts';

describeOnBothDatabases('instruments in trajectory moments: choosing one and answering it (issue 14)', (dialect) => {
	const t = useTestContext(dialect);
	const { world, of, consent } = trajectoryInstrumentWorld(t);

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
		await expect(
			setMomentInstruments({ ...w.input, choices: [{ momentId: w.built.momentIds[0]!, instrumentKey: srs.instrument.key }] })
		).rejects.toMatchObject({
			code: 'trajectory.unknown_instrument'
		});
	});

	it('a settings post that lacks a moment’s field leaves that moment’s instrument as it was; an empty field clears it', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		// Moment 1's select sent empty (no instrument); moment 2's not sent at all.
		const outcome = await postAs(t.ctx, settingsPage.instruments, {
			actor: w.coordinator,
			path: `/trajectories/${w.input.trajectoryId}/settings`,
			fields: { instrument1: '', instrument1Moment: w.built.momentIds[0]! },
			params: { trajectoryId: w.input.trajectoryId }
		});
		expect(outcome).toMatchObject({ redirect: expect.any(String) });
		const [first, second] = w.built.momentIds;
		expect(await getMyMomentInstrument({ ...of(w, 0), momentId: first!, locale: 'nl' })).toBeNull();
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId: second!, locale: 'nl' }))?.name).toBe('Werkrelatie');
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
		await expect(
			setMomentInstruments({ ...w.input, choices: [{ momentId: w.built.momentIds[0]!, instrumentKey: '' }, w.both[1]!] })
		).rejects.toMatchObject({
			code: 'trajectory.instrument_locked'
		});
		await setMomentInstruments({ ...w.input, choices: [w.both[0]!, { momentId: w.built.momentIds[1]!, instrumentKey: '' }] });
		const settings = await getMomentInstrumentSettings({ ...w.input, locale: 'nl' });
		expect(settings.lockedMomentIds).toEqual([w.built.momentIds[0]]);
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
		await setMomentInstruments({ ...w.input, choices: [{ momentId: w.built.momentIds[0]!, instrumentKey: key }] });
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
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('closed');
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: { type: 'anonymous' }, token, values: all(50) })
		).rejects.toMatchObject({
			code: 'trajectory.moment_closed'
		});
	});
});
