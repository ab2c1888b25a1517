import { expect, it } from 'vitest';
import { LINK_PER_ADDRESS } from '../shared/rate-limit.ts';
import { nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { all, DAY, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import {
	createClientLink,
	getClientLinkForm,
	getMyMomentInstrument,
	setMomentInstruments,
	submitClientRatings
} from './trajectories.instruments.usecases.ts';
import { openParticipantLink } from '../participation/link-opening.usecases.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { setParticipantStopped } from './trajectories.members.usecases.ts';
import { setMyConsent } from './trajectories.participant.usecases.ts';
import { answerClientConsent } from './trajectories.instruments.client-link.usecases.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import type { AppContext } from '../context.ts';
import { withChangeBeforeTheWrite as changeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';

describeOnBothDatabases("instruments in trajectory moments: the client's link and consent (issue 14)", (dialect) => {
	const t = useTestContext(dialect);
	const { world, of, anonymous, consent } = trajectoryInstrumentWorld(t);

	it("a client answers once through the participant's personal link; a new link replaces an unanswered one", async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const first = await createClientLink({ ...of(w, 0), momentId });
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await expect(getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token: first.token, locale: 'nl' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await consent(token);
		const form = await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'en' });
		expect(form).toMatchObject({ name: 'Working relationship', status: 'open', moment: 'T1' });
		expect(form.items[0]!.text).toBe('We work on goals I agree with.');

		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: { wav1: 100 } })
		).rejects.toMatchObject({
			code: 'trajectory.invalid_answer'
		});
		await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('answered');
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(0) })
		).rejects.toMatchObject({
			code: 'trajectory.client_answered'
		});
		await expect(createClientLink({ ...of(w, 0), momentId })).rejects.toMatchObject({ code: 'trajectory.client_answered' });
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.client).toBe('answered');
	});

	it('a client link closes once its participant stopped taking part: the page says closed and nothing the client sends is stored', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const { token } = await createClientLink({ ...of(w, 0), momentId: w.built.momentIds[0]! });
		await consent(token);
		const today = todayInAmsterdam(t.ctx.clock.now());
		await setParticipantStopped({ ...w.input, participantId: w.built.participants[0]!.participantId, stoppedOn: today });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('closed');
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) })
		).rejects.toMatchObject({ code: 'trajectory.moment_closed' });
		const stored = await t.ctx.db
			.selectFrom('trajectoryInstrumentAnswers')
			.select('valuesJson')
			.where('perspective', '=', 'client')
			.where('participantId', '=', w.built.participants[0]!.participantId)
			.execute();
		expect(stored.map((row) => row.valuesJson)).toEqual([null]);
	});

	it('regression (attacker pass): a client link stops once its participant withdraws their consent or declines: the page says stopped, nothing the client sends is stored, and a yes opens it again', async () => {
		const w = await world(2);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const [withdrawing, declining] = [of(w, 0), of(w, 1)];
		const { token } = await createClientLink({ ...withdrawing, momentId });
		await consent(token);
		await setMyConsent({ ...withdrawing, agree: true });
		await setMyConsent({ ...withdrawing, agree: false });
		const clientRows = () =>
			t.ctx.db
				.selectFrom('trajectoryInstrumentAnswers')
				.select(['participantId', 'valuesJson', 'clientConsent'])
				.where('trajectoryId', '=', w.built.trajectoryId)
				.where('perspective', '=', 'client')
				.execute();
		const before = await clientRows();

		expect(await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).toMatchObject({
			status: 'stopped',
			items: [],
			canReconsider: false
		});
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) })
		).rejects.toMatchObject({ code: 'trajectory.participant_no_consent', status: 409 });
		await expect(consent(token, false)).rejects.toMatchObject({ code: 'trajectory.participant_no_consent' });
		// No new link either; the participant's own ratings are theirs to give, and the page says why.
		await expect(createClientLink({ ...withdrawing, momentId })).rejects.toMatchObject({ code: 'trajectory.participant_no_consent' });
		expect(await getMyMomentInstrument({ ...withdrawing, momentId, locale: 'nl' })).toMatchObject({
			refusal: null,
			clientRefusal: 'trajectory.participant_no_consent'
		});
		// A participant who said no from the start (declined): the same.
		await setMyConsent({ ...declining, agree: false });
		await expect(createClientLink({ ...declining, momentId })).rejects.toMatchObject({ code: 'trajectory.participant_no_consent' });
		expect(await clientRows()).toEqual(before);
		expect(before.map((row) => row.valuesJson)).toEqual([null]);

		// Consent given again: the same link takes the client's answers.
		await setMyConsent({ ...withdrawing, agree: true });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('open');
		await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('answered');
	});

	/** The context a client's request runs in, with `meanwhile` done after the link was opened and checked, just before the write's transaction. */
	const withChangeBeforeTheWrite = (meanwhile: () => Promise<unknown>): AppContext => changeBeforeTheWrite(t.ctx, meanwhile);

	it('regression (race): a participant who withdraws while their client is answering stops the answer: the submit and the yes that come after the withdrawal are refused and nothing is stored', async () => {
		const w = await world(2);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const [withdrawing, stopping] = [of(w, 0), of(w, 1)];
		await setMyConsent({ ...withdrawing, agree: true });
		const { token } = await createClientLink({ ...withdrawing, momentId });
		await consent(token);
		// The client's page was open and the link checked; the participant's "no" is saved before the answer is.
		const ctx = withChangeBeforeTheWrite(() => setMyConsent({ ...withdrawing, agree: false }));
		await expect(submitClientRatings({ ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) })).rejects.toMatchObject(
			{ code: 'trajectory.participant_no_consent', status: 409 }
		);

		// The consent step of another client link, while its participant is stopped by the coordinator: closed.
		const other = await createClientLink({ ...stopping, momentId });
		const stop = () =>
			setParticipantStopped({
				...w.input,
				participantId: w.built.participants[1]!.participantId,
				stoppedOn: todayInAmsterdam(t.ctx.clock.now())
			});
		await expect(
			answerClientConsent({
				ctx: withChangeBeforeTheWrite(stop),
				clientAddress: '192.0.2.1',
				actor: anonymous,
				token: other.token,
				agree: true
			})
		).rejects.toMatchObject({ code: 'trajectory.moment_closed' });

		const rows = await t.ctx.db
			.selectFrom('trajectoryInstrumentAnswers')
			.select(['valuesJson', 'clientConsent'])
			.where('trajectoryId', '=', w.built.trajectoryId)
			.where('perspective', '=', 'client')
			.orderBy('participantId')
			.execute();
		expect(rows.map((row) => row.valuesJson)).toEqual([null, null]);
		expect(rows.map((row) => row.clientConsent).sort()).toEqual(['given', null].sort());
		const rated = await t.ctx.db
			.selectFrom('auditEvents')
			.select('action')
			.where('action', '=', 'trajectory.client_rated')
			.where('targetId', '=', w.built.trajectoryId)
			.execute();
		expect(rated).toEqual([]);
	});

	it.runIf(dialect === 'postgres')(
		"regression (race, PostgreSQL): a withdrawal being saved at the same moment as the client's answer is waited for, and the answer is refused once it is saved",
		async () => {
			const w = await world(1);
			await setMomentInstruments({ ...w.input, choices: w.both });
			const momentId = w.built.momentIds[0]!;
			const me = of(w, 0);
			await setMyConsent({ ...me, agree: true });
			const { token } = await createClientLink({ ...me, momentId });
			await consent(token);
			const { participantId } = w.built.participants[0]!;
			// The withdrawal's transaction has written the "no" and not committed yet.
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (withdrawal) => {
					await createTrajectoriesRepository(withdrawal).setConsent(
						w.coordinator.organisationId,
						participantId,
						'withdrawn',
						t.ctx.clock.now().toISOString()
					);
				},
				() => submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) }),
				'the answer to wait for the withdrawal'
			);
			expect(outcome).toMatchObject({ code: 'trajectory.participant_no_consent' });
			const stored = await t.ctx.db
				.selectFrom('trajectoryInstrumentAnswers')
				.select('valuesJson')
				.where('trajectoryId', '=', w.built.trajectoryId)
				.where('perspective', '=', 'client')
				.execute();
			expect(stored.map((row) => row.valuesJson)).toEqual([null]);
		}
	);

	it("wrong client links are throttled per address, in the personal links' bucket, but a client with a good link from that address still gets in", async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const { token } = await createClientLink({ ...of(w, 0), momentId: w.built.momentIds[0]! });
		const clientAddress = nextAddress();
		const guess = (i: number) => getClientLinkForm({ ctx: t.ctx, clientAddress, token: `guess${i}`.padEnd(43, 'x'), locale: 'nl' });
		for (let i = 0; i < LINK_PER_ADDRESS.limit - 1; i++) await expect(guess(i)).rejects.toMatchObject({ code: 'not_found' });
		// A malformed token counts as well, without a lookup.
		await expect(getClientLinkForm({ ctx: t.ctx, clientAddress, token: 'x', locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(guess(LINK_PER_ADDRESS.limit)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress, actor: anonymous, token: 'y'.repeat(43), values: all(100) })
		).rejects.toMatchObject({ code: 'rate_limited' });
		// The participants' links (/l/) share the bucket: switching kinds gives no fresh guesses.
		await expect(openParticipantLink({ ctx: t.ctx, actor: anonymous, token: 'z'.repeat(43), clientAddress })).rejects.toMatchObject({
			code: 'rate_limited'
		});

		await consent(token, true, clientAddress);
		expect(await getClientLinkForm({ ctx: t.ctx, clientAddress, token, locale: 'nl' })).toMatchObject({ status: 'open' });
		await submitClientRatings({ ctx: t.ctx, clientAddress, actor: anonymous, token, values: all(100) });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress, token, locale: 'nl' })).status).toBe('answered');
	});

	it('two submits of one client link at the same time: exactly one is stored, the other is refused as already answered', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await consent(token);
		const results = await Promise.allSettled([
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) }),
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(0) })
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
		const step = await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' });
		expect(step).toMatchObject({ status: 'consent', questions: 12, items: [], minGroupSize: 5 });
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) })
		).rejects.toMatchObject({
			code: 'trajectory.client_no_consent'
		});
		expect(await clientRow(w.built.trajectoryId)).toMatchObject({ valuesJson: null, clientConsent: null, clientConsentAt: null });

		t.ctx.clock.advance(60_000);
		await consent(token);
		const row = await clientRow(w.built.trajectoryId);
		expect(row.clientConsent).toBe('given');
		expect(new Date(row.clientConsentAt!).toISOString()).toBe(t.ctx.clock.now().toISOString());
		const form = await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' });
		expect(form.status).toBe('open');
		expect(form.items).toHaveLength(12);
		await submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('answered');
	});

	it('a client who says no: the refusal is recorded, nothing of theirs is stored, the participant cannot ask again, and the client may still change their mind', async () => {
		const w = await world(5);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		await consent(token, false);
		expect(await clientRow(w.built.trajectoryId)).toMatchObject({ valuesJson: null, clientConsent: 'declined' });
		expect((await clientRow(w.built.trajectoryId)).clientConsentAt).not.toBeNull();
		expect(await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).toMatchObject({
			status: 'declined',
			items: [],
			canReconsider: true
		});
		await expect(
			submitClientRatings({ ctx: t.ctx, clientAddress: '192.0.2.1', actor: anonymous, token, values: all(100) })
		).rejects.toMatchObject({
			code: 'trajectory.client_no_consent'
		});
		expect((await clientRow(w.built.trajectoryId)).valuesJson).toBeNull();
		expect((await getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' }))?.client).toBe('declined');
		await expect(createClientLink({ ...of(w, 0), momentId })).rejects.toMatchObject({ code: 'trajectory.client_declined' });
		// Their own link still works for a yes while the moment is open.
		await consent(token, true);
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('open');
		// After the moment closed, a no stays a no.
		await consent(token, false);
		t.ctx.clock.advance(9 * DAY);
		expect(await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).toMatchObject({
			status: 'declined',
			canReconsider: false
		});
		await expect(consent(token, true)).rejects.toMatchObject({ code: 'trajectory.moment_closed' });
	});

	it('a new link asks for consent again: it may reach another person', async () => {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const first = await createClientLink({ ...of(w, 0), momentId });
		await consent(first.token);
		const { token } = await createClientLink({ ...of(w, 0), momentId });
		expect((await getClientLinkForm({ ctx: t.ctx, clientAddress: '192.0.2.1', token, locale: 'nl' })).status).toBe('consent');
		expect(await clientRow(w.built.trajectoryId)).toMatchObject({ clientConsent: null, clientConsentAt: null });
	});
});
