import { expect, it } from 'vitest';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { answerInput } from '../testing/trajectory-builders.ts';
import { all, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import { createTrajectoryAnswersRepository } from './trajectories.answers.repository.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { setMomentInstruments, submitMyInstrumentRatings } from './trajectories.instruments.usecases.ts';
import { pairBuddies, setParticipantStopped, unpairBuddies } from './trajectories.members.usecases.ts';
import { addBuddyEntry, submitBuddyEvaluation, submitMyMomentResponse } from './trajectories.participant.usecases.ts';
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
		const respond = (ctx: AppContext = t.ctx) =>
			submitMyMomentResponse({ ...of(w, 0), ctx, momentId, input: answerInput('Ouders een stem geven') });
		const rate = (ctx: AppContext = t.ctx) => submitMyInstrumentRatings({ ...of(w, 0), ctx, momentId, values: all(75) });
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
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (stopping) => {
					await createTrajectoriesRepository(stopping).setStopped(
						w.coordinator.organisationId,
						participantId,
						todayInAmsterdam(t.ctx.clock.now())
					);
				},
				() => respond(),
				'the response to wait for the stop'
			);
			expect(outcome).toMatchObject({ code: 'trajectory.participant_stopped' });
			expect(await stored()).toEqual({ responses: 0, ratings: 0 });
		}
	);
});

/**
 * A buddy log entry or evaluation is written only into a pair that is still there, and a pair with
 * entries stays (unpairBuddies): the entry's transaction reads the pair again with its row locked
 * for share, the unpairing locks it for update before it counts the entries (lockPair). Before, an
 * entry posted after an unpairing hit the database's foreign key (an error page), an evaluation was
 * stored without a buddy, and on PostgreSQL an unpairing that counted before an entry's commit
 * removed the pair with that entry in it (the delete cascades).
 */
describeOnBothDatabases('a buddy log entry or evaluation overtaken by an unpairing', (dialect) => {
	const t = useTestContext(dialect);
	const { world, of } = trajectoryInstrumentWorld(t);

	async function paired() {
		const w = await world(2);
		const [a, b] = w.built.participants;
		const { pairId } = await pairBuddies({ ...w.input, participantIds: [a!.participantId, b!.participantId] });
		const unpair = () => unpairBuddies({ ...w.input, pairId });
		const entry = { metOn: '2026-01-01', topic: 'Wat ik leerde', valuable: 'yes' as const, reflection: '', shared: false };
		const entries = async () =>
			(await t.ctx.db.selectFrom('trajectoryBuddyEntries').select('id').where('trajectoryId', '=', w.built.trajectoryId).execute()).length;
		const evaluations = async () =>
			(
				await t.ctx.db
					.selectFrom('trajectoryBuddyEvaluations')
					.select('participantId')
					.where('trajectoryId', '=', w.built.trajectoryId)
					.execute()
			).length;
		return { w, pairId, unpair, entry, entries, evaluations };
	}

	it('regression (race): a log entry posted after the coordinator unpaired the buddies is refused as no buddy, and nothing is stored', async () => {
		const { w, unpair, entry, entries } = await paired();
		await expect(addBuddyEntry({ ...of(w, 0), ctx: withChangeBeforeTheWrite(t.ctx, unpair), input: entry })).rejects.toMatchObject({
			code: 'trajectory.no_buddy'
		});
		expect(await entries()).toBe(0);
	});

	it('regression (race): a buddy evaluation posted after the coordinator unpaired the buddies is refused as no buddy', async () => {
		const { w, unpair, evaluations } = await paired();
		const input = { rating: 'yes' as const, whatHelped: 'x', tips: '', quoteAllowed: false };
		await expect(submitBuddyEvaluation({ ...of(w, 0), ctx: withChangeBeforeTheWrite(t.ctx, unpair), input })).rejects.toMatchObject({
			code: 'trajectory.no_buddy'
		});
		expect(await evaluations()).toBe(0);
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): an unpairing while a log entry is being saved waits for it and keeps the pair and the entry',
		async () => {
			const { w, pairId, unpair, entries } = await paired();
			const [a] = w.built.participants;
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (writing) => {
					await createTrajectoryAnswersRepository(writing).insertEntry({
						id: crypto.randomUUID(),
						organisationId: w.coordinator.organisationId,
						trajectoryId: w.built.trajectoryId,
						pairId,
						authorId: a!.participantId,
						metOn: '2026-01-01',
						topic: 'Wat ik leerde',
						valuable: true,
						reflection: null,
						shared: false,
						now: t.ctx.clock.now().toISOString()
					});
				},
				() => unpair(),
				'the unpairing to wait for the entry'
			);
			expect(outcome).toMatchObject({ code: 'trajectory.pair_has_entries' });
			expect(await entries()).toBe(1);
		}
	);
});
