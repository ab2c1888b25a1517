import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { withChangeBeforeTheWrite } from '../testing/change-before-write.ts';
import { waitFor } from '../testing/instances.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { answerInput } from '../testing/trajectory-builders.ts';
import { all, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import { createTrajectoryAnswersRepository } from './trajectories.answers.repository.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { setMomentInstruments, submitMyInstrumentRatings } from './trajectories.instruments.usecases.ts';
import { setParticipantStopped } from './trajectories.members.usecases.ts';
import { submitMyMomentResponse } from './trajectories.participant.usecases.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import { saveMoments } from './trajectories.usecases.ts';

/**
 * A participant's own answers for a moment (their response, their instrument ratings) are refused
 * when the coordinator stopped them, or closed the moment, after the page was read and before the
 * answers were written: the write's transaction reads the stop and the moment again
 * (lockMomentToFill). Before, the refusal was decided on the reads before it, and the answers
 * were stored after the stop.
 */
describeOnBothDatabases("a participant's answers overtaken by a stop or a moment's closing", (dialect) => {
	const t = useTestContext(dialect);
	const { world, of } = trajectoryInstrumentWorld(t);

	async function setUp() {
		const w = await world(1);
		await setMomentInstruments({ ...w.input, choices: w.both });
		const momentId = w.built.momentIds[0]!;
		const { participantId } = w.built.participants[0]!;
		const today = todayInAmsterdam(t.ctx.clock.now());
		const stop = () => setParticipantStopped({ ...w.input, participantId, stoppedOn: today });
		/** T1 closed yesterday, T2 as it was. */
		const closeFirst = async () => {
			const moments = await createTrajectoriesRepository(t.ctx.db).listMoments(w.coordinator.organisationId, w.built.trajectoryId);
			await saveMoments({
				...w.input,
				moments: moments.map((moment) =>
					moment.id === momentId
						? { id: moment.id, opensOn: addDaysToDate(today, -5), closesOn: addDaysToDate(today, -1) }
						: { id: moment.id, opensOn: moment.opensOn, closesOn: moment.closesOn }
				)
			});
		};
		const stored = async () => ({
			responses: (
				await createTrajectoryAnswersRepository(t.ctx.db).listResponses(w.coordinator.organisationId, w.built.trajectoryId, [participantId])
			).length,
			ratings: (
				await createTrajectoryInstrumentsRepository(t.ctx.db).listOfParticipants(w.coordinator.organisationId, w.built.trajectoryId, [
					participantId
				])
			).filter((row) => row.values !== null).length
		});
		const respond = (ctx = t.ctx) => submitMyMomentResponse({ ...of(w, 0), ctx, momentId, input: answerInput('Ouders een stem geven') });
		const rate = (ctx = t.ctx) => submitMyInstrumentRatings({ ...of(w, 0), ctx, momentId, values: all(75) });
		return { w, momentId, participantId, stop, closeFirst, stored, respond, rate };
	}

	it("regression (race): a participant stopped by the coordinator after their moment's page was read has their response refused, and nothing is stored", async () => {
		const { stop, stored, respond } = await setUp();
		await expect(respond(withChangeBeforeTheWrite(t.ctx, stop))).rejects.toMatchObject({ code: 'trajectory.participant_stopped' });
		expect(await stored()).toEqual({ responses: 0, ratings: 0 });
	});

	it('regression (race): ratings sent as the coordinator stops the participant are refused; the stop saved between the check and the write', async () => {
		const { stop, stored, rate } = await setUp();
		await expect(rate(withChangeBeforeTheWrite(t.ctx, stop))).rejects.toMatchObject({ code: 'trajectory.participant_stopped' });
		expect(await stored()).toEqual({ responses: 0, ratings: 0 });
	});

	it('regression (race): a moment closed by the coordinator after its page was read takes no response and no ratings', async () => {
		const { closeFirst, stored, respond } = await setUp();
		await expect(respond(withChangeBeforeTheWrite(t.ctx, closeFirst))).rejects.toMatchObject({ code: 'trajectory.moment_closed' });
		expect(await stored()).toEqual({ responses: 0, ratings: 0 });
	});

	it('regression (race): ratings sent as the coordinator closes the moment are refused', async () => {
		const { closeFirst, stored, rate } = await setUp();
		await expect(rate(withChangeBeforeTheWrite(t.ctx, closeFirst))).rejects.toMatchObject({ code: 'trajectory.moment_closed' });
		expect(await stored()).toEqual({ responses: 0, ratings: 0 });
	});

	it('answers with nothing in between are stored as before', async () => {
		const { stored, respond, rate } = await setUp();
		await respond(withChangeBeforeTheWrite(t.ctx, async () => {}));
		await rate(withChangeBeforeTheWrite(t.ctx, async () => {}));
		expect(await stored()).toEqual({ responses: 1, ratings: 1 });
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a response sent while the stop is being saved waits for it, and is refused once it is saved',
		async () => {
			const { w, participantId, stored, respond } = await setUp();
			const stopping = await t.ctx.db.startTransaction().execute();
			try {
				await createTrajectoriesRepository(stopping).setStopped(
					w.coordinator.organisationId,
					participantId,
					todayInAmsterdam(t.ctx.clock.now())
				);
				const outcome = respond().then(
					() => 'stored',
					(error: unknown) => error
				);
				await waitFor(async () => {
					const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
						where datname = current_database() and wait_event_type = 'Lock'`.execute(t.ctx.db);
					return rows[0]!.waiting > 0 || (await Promise.race([outcome, Promise.resolve(undefined)])) !== undefined || undefined;
				}, 'the response to wait for the stop');
				await stopping.commit().execute();
				expect(await outcome).toMatchObject({ code: 'trajectory.participant_stopped' });
			} finally {
				if (!stopping.isCommitted) await stopping.rollback().execute();
			}
			expect(await stored()).toEqual({ responses: 0, ratings: 0 });
		}
	);
});
