import { expect, it } from 'vitest';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { systemActor } from '../access/actor.ts';
import { buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { answerInput, buildTrajectory } from '../testing/trajectory-builders.ts';
import { pairBuddies, setParticipantStopped, unpairBuddies } from './trajectories.members.usecases.ts';
import {
	addBuddyEntry,
	getMyMomentForm,
	getMyTrajectory,
	setBuddyEntryShared,
	setMyConsent,
	submitMyMomentResponse
} from './trajectories.participant.usecases.ts';
import { jobSchedules } from '../background.ts';
import { listDueTrajectoryReminders, sendDueTrajectoryReminders, trajectoryRemindersSchedule } from './trajectories.reminders.ts';
import {
	createTrajectory,
	getTrajectoryForCoordinator,
	saveMoments,
	updateTemplate,
	updateTrajectoryDetails
} from './trajectories.usecases.ts';

const DAY = 86_400_000;

describeOnBothDatabases('trajectories', (dialect) => {
	const t = useTestContext(dialect);

	it('only a trajectory coordinator creates a trajectory; moments must be in order', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const professional = await buildStaff(t.ctx, built.coordinator, { roles: ['professional', 'admin', 'teamLead'] });
		const input = {
			name: 'x',
			description: '',
			consentText: 'ja',
			meetings: [],
			moments: [{ opensOn: '2030-02-01', closesOn: '2030-02-10' }]
		};
		await expect(createTrajectory({ ctx: t.ctx, actor: professional, input })).rejects.toMatchObject({ code: 'not_found' });
		const outOfOrder = { ...input, moments: [input.moments[0]!, { opensOn: '2030-01-01', closesOn: '2030-01-05' }] };
		await expect(createTrajectory({ ctx: t.ctx, actor: built.coordinator, input: outOfOrder })).rejects.toMatchObject({
			code: 'trajectory.moments_out_of_order'
		});
		const view = await getTrajectoryForCoordinator({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId });
		expect(view.moments.map((moment) => [moment.label, moment.state])).toEqual([
			['T1', 'open'],
			['T2', 'upcoming'],
			['T3', 'upcoming']
		]);
		expect(view.meetings.map((meeting) => meeting.title)).toEqual(['Theaterlezing']);
	});

	it('filling in a closed or not yet open moment is refused, and so is anything after stopping', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 2,
			moments: [
				[-10, -1],
				[0, 5],
				[20, 30]
			]
		});
		const [me, stopper] = built.participants;
		const submit = (actor: typeof me, momentIndex: number) =>
			submitMyMomentResponse({
				ctx: t.ctx,
				actor: actor!.actor,
				trajectoryId: built.trajectoryId,
				momentId: built.momentIds[momentIndex]!,
				input: answerInput('doel')
			});
		await expect(submit(me, 0)).rejects.toMatchObject({ code: 'trajectory.moment_closed', status: 409 });
		await expect(submit(me, 2)).rejects.toMatchObject({ code: 'trajectory.moment_not_open' });
		await submit(me, 1);
		const today = todayInAmsterdam(t.ctx.clock.now());
		await setParticipantStopped({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			participantId: stopper!.participantId,
			stoppedOn: today
		});
		await expect(submit(stopper, 1)).rejects.toMatchObject({ code: 'trajectory.participant_stopped' });
		const form = await getMyMomentForm({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId, momentId: built.momentIds[0]! });
		expect(form.refusal).toBe('trajectory.moment_closed');
		// Once the open moment closes, my answers stay but cannot change.
		t.ctx.clock.advance(6 * DAY);
		await expect(submit(me, 1)).rejects.toMatchObject({ code: 'trajectory.moment_closed' });
		const view = await getMyTrajectory({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId });
		expect(view.moments.map((moment) => moment.delivered)).toEqual([false, true, false]);
	});

	it('a changed learning goal needs a reason, which is kept with the goal of that moment', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 1,
			moments: [
				[0, 5],
				[0, 10]
			]
		});
		const [me] = built.participants;
		const input = { ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId };
		await submitMyMomentResponse({ ...input, momentId: built.momentIds[0]!, input: answerInput('Ouders een stem geven') });
		// The same goal (other spacing or capitals) is not a change.
		await submitMyMomentResponse({ ...input, momentId: built.momentIds[1]!, input: answerInput('ouders een  stem geven') });
		await expect(
			submitMyMomentResponse({ ...input, momentId: built.momentIds[1]!, input: answerInput('Rust houden in crises') })
		).rejects.toMatchObject({
			code: 'trajectory.goal_reason_required'
		});
		await submitMyMomentResponse({
			...input,
			momentId: built.momentIds[1]!,
			input: answerInput('Rust houden in crises', { goalChangeReason: 'Het eerste doel lukte al' })
		});
		const form = await getMyMomentForm({ ...input, momentId: built.momentIds[1]! });
		expect(form.previousGoal).toBe('Ouders een stem geven');
		expect(form.response).toMatchObject({ learningGoal: 'Rust houden in crises', goalChangeReason: 'Het eerste doel lukte al' });
	});

	it('answers must fit the template: scale values from the scale, questions of later moments ignored', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 1,
			moments: [
				[0, 5],
				[0, 10]
			]
		});
		const [me] = built.participants;
		const input = { ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId };
		await expect(
			submitMyMomentResponse({ ...input, momentId: built.momentIds[1]!, input: answerInput('doel', { answers: { applied: 'maybe' } }) })
		).rejects.toMatchObject({ code: 'trajectory.invalid_answer' });
		await submitMyMomentResponse({
			...input,
			momentId: built.momentIds[0]!,
			input: answerInput('doel', { answers: { applied: 'yes', unknown: 'x' } })
		});
		const form = await getMyMomentForm({ ...input, momentId: built.momentIds[0]! });
		expect(form.questions).toEqual([]);
		expect(form.response!.answers).toEqual({});
	});

	it('an unanswered question can be reworded or removed and a new one added, also after T1 opened', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0, moments: [[0, 10]] });
		const view = await getTrajectoryForCoordinator({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId });
		expect(view.answeredQuestionKeys).toEqual([]);
		const kept = view.trajectory.template.questions[0]!;
		await updateTemplate({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			questions: [
				{ ...kept, text: 'Heb je het geleerde gebruikt?' },
				{ key: '', kind: 'text', text: 'Wat was lastig?', fromMoment: 1 }
			],
			removedKeys: view.trajectory.template.questions.slice(1).map((q) => q.key)
		});
		const after = (await getTrajectoryForCoordinator({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId })).trajectory
			.template;
		expect(after.questions.map((q) => q.text)).toEqual(['Heb je het geleerde gebruikt?', 'Wat was lastig?']);
		expect(after.questions[0]!.key).toBe(kept.key);
		expect(after.questions[1]!.key).toMatch(/^q[0-9a-f]{8}$/);
	});

	it('regression: an answered question keeps its wording, scale and moment, even after T1 and T2 move to later dates', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 1,
			moments: [
				[-5, 5],
				[0, 10]
			]
		});
		const coordinator = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const [applied, goalReached, ...rest] = (await getTrajectoryForCoordinator(coordinator)).trajectory.template.questions;
		await submitMyMomentResponse({
			ctx: t.ctx,
			actor: built.participants[0]!.actor,
			trajectoryId: built.trajectoryId,
			momentId: built.momentIds[1]!,
			input: answerInput('doel', { answers: { [applied!.key]: 'yes' } })
		});
		// Both moments move into the future: the answer is still there, so the question stays locked.
		const today = todayInAmsterdam(t.ctx.clock.now());
		const later = (days: number) => addDaysToDate(today, days);
		await saveMoments({
			...coordinator,
			moments: [
				{ id: built.momentIds[0]!, opensOn: later(30), closesOn: later(40) },
				{ id: built.momentIds[1]!, opensOn: later(50), closesOn: later(60) }
			]
		});
		const view = await getTrajectoryForCoordinator(coordinator);
		expect(view.answeredQuestionKeys).toEqual([applied!.key]);
		const attempts = [
			{ questions: [{ ...applied!, text: 'Heb je genoten?' }, goalReached!, ...rest] },
			{ questions: [{ ...applied!, kind: 'scale4' as const }, goalReached!, ...rest] },
			{ questions: [{ ...applied!, fromMoment: 1 }, goalReached!, ...rest] },
			{ questions: [goalReached!, ...rest], removedKeys: [applied!.key] }
		];
		for (const attempt of attempts) {
			await expect(updateTemplate({ ...coordinator, ...attempt })).rejects.toMatchObject({
				code: 'trajectory.question_answered',
				status: 409
			});
		}
		expect((await getTrajectoryForCoordinator(coordinator)).trajectory.template.questions).toEqual(view.trajectory.template.questions);
		// Adding a question and removing an unanswered one stay possible.
		await updateTemplate({
			...coordinator,
			questions: [applied!, ...rest, { key: '', kind: 'scale3', text: 'Nieuw', fromMoment: 2 }],
			removedKeys: [goalReached!.key]
		});
		const after = (await getTrajectoryForCoordinator(coordinator)).trajectory.template.questions;
		expect(after.map((q) => q.text)).toEqual([applied!.text, ...rest.map((q) => q.text), 'Nieuw']);
		expect(after[0]).toEqual(applied);
	});

	it('the consent statement changes only while nobody has answered it', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const details = { name: 'Naam', description: '', consentText: 'Nieuwe tekst' };
		await updateTrajectoryDetails({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, input: details });
		await setMyConsent({ ctx: t.ctx, actor: built.participants[0]!.actor, trajectoryId: built.trajectoryId, agree: true });
		await expect(
			updateTrajectoryDetails({
				ctx: t.ctx,
				actor: built.coordinator,
				trajectoryId: built.trajectoryId,
				input: { ...details, consentText: 'Weer anders' }
			})
		).rejects.toMatchObject({ code: 'trajectory.consent_text_locked' });
		// The name may still change.
		await updateTrajectoryDetails({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			input: { ...details, name: 'Andere naam' }
		});
	});

	it('a moment with answers cannot be removed; dates can move', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 1,
			moments: [
				[0, 5],
				[0, 10]
			]
		});
		const [me] = built.participants;
		await submitMyMomentResponse({
			ctx: t.ctx,
			actor: me!.actor,
			trajectoryId: built.trajectoryId,
			momentId: built.momentIds[1]!,
			input: answerInput('d')
		});
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const moments = [{ id: built.momentIds[0]!, opensOn: '2020-01-01', closesOn: '2020-01-02' }];
		await expect(saveMoments({ ...input, moments, removedIds: [built.momentIds[1]!] })).rejects.toMatchObject({
			code: 'trajectory.moment_has_responses'
		});
		// Removing T1 would make the answered T2 the new T1: refused too.
		await expect(saveMoments({ ...input, moments: [], removedIds: [built.momentIds[0]!] })).rejects.toMatchObject({
			code: 'trajectory.later_moment_answered'
		});
		await saveMoments({ ...input, moments: [...moments, { id: built.momentIds[1]!, opensOn: '2099-01-01', closesOn: '2099-01-02' }] });
		const view = await getTrajectoryForCoordinator({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId });
		expect(view.moments.map((m) => [m.id, m.state])).toEqual([
			[built.momentIds[0], 'closed'],
			[built.momentIds[1], 'upcoming']
		]);
	});

	it("buddies read their own entries and their buddy's shared ones; never private ones, never another pair's", async () => {
		const built = await buildTrajectory(t.ctx, { participants: 4 });
		const [a, b, c, d] = built.participants;
		const base = { ctx: t.ctx, trajectoryId: built.trajectoryId };
		await pairBuddies({ ...base, actor: built.coordinator, participantIds: [a!.participantId, b!.participantId] });
		await pairBuddies({ ...base, actor: built.coordinator, participantIds: [c!.participantId, d!.participantId] });
		const entry = (shared: boolean, topic: string) => ({
			metOn: '2026-01-10',
			topic,
			valuable: 'yes' as const,
			reflection: `over ${topic}`,
			shared
		});
		const { entryId: privateId } = await addBuddyEntry({ ...base, actor: a!.actor, input: entry(false, 'privé van A') });
		await addBuddyEntry({ ...base, actor: a!.actor, input: entry(true, 'gedeeld van A') });
		await addBuddyEntry({ ...base, actor: c!.actor, input: entry(true, 'gedeeld van C') });
		const topics = async (actor: typeof a) => (await getMyTrajectory({ ...base, actor: actor!.actor })).entries.map((e) => e.topic).sort();
		expect(await topics(a)).toEqual(['gedeeld van A', 'privé van A']);
		expect(await topics(b)).toEqual(['gedeeld van A']);
		expect(await topics(d)).toEqual(['gedeeld van C']);
		// Only the author shares: B cannot share A's private entry.
		await expect(setBuddyEntryShared({ ...base, actor: b!.actor, entryId: privateId, shared: true })).rejects.toMatchObject({
			code: 'not_found'
		});
		await setBuddyEntryShared({ ...base, actor: a!.actor, entryId: privateId, shared: true });
		expect(await topics(b)).toEqual(['gedeeld van A', 'privé van A']);
		expect((await getMyTrajectory({ ...base, actor: b!.actor })).buddy).toMatchObject({
			name: a!.actor.name,
			organisationName: 'Organisatie 1'
		});
	});

	it('pairing: not twice, not with yourself, not without a pair to log in; a pair with a log stays', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 3 });
		const [a, b, c] = built.participants;
		const base = { ctx: t.ctx, trajectoryId: built.trajectoryId };
		await expect(
			addBuddyEntry({ ...base, actor: c!.actor, input: { metOn: '2026-01-01', topic: 'x', valuable: 'no', reflection: '', shared: false } })
		).rejects.toMatchObject({ code: 'trajectory.no_buddy' });
		await expect(
			pairBuddies({ ...base, actor: built.coordinator, participantIds: [a!.participantId, a!.participantId] })
		).rejects.toMatchObject({
			code: 'trajectory.pair_needs_two'
		});
		const { pairId } = await pairBuddies({ ...base, actor: built.coordinator, participantIds: [a!.participantId, b!.participantId] });
		await expect(
			pairBuddies({ ...base, actor: built.coordinator, participantIds: [b!.participantId, c!.participantId] })
		).rejects.toMatchObject({
			code: 'trajectory.already_paired'
		});
		await addBuddyEntry({
			...base,
			actor: a!.actor,
			input: { metOn: '2026-01-01', topic: 'x', valuable: 'no', reflection: '', shared: false }
		});
		await expect(unpairBuddies({ ...base, actor: built.coordinator, pairId })).rejects.toMatchObject({
			code: 'trajectory.pair_has_entries'
		});
		const other = await buildTrajectory(t.ctx, { participants: 2 });
		await expect(
			pairBuddies({ ...base, actor: built.coordinator, participantIds: [c!.participantId, other.participants[0]!.participantId] })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('reminders: one when a moment opens and one before it closes, only for those who have not filled it in', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 3, moments: [[0, 6]] });
		const [filled, waiting, stopped] = built.participants;
		const base = { ctx: t.ctx, trajectoryId: built.trajectoryId };
		await submitMyMomentResponse({ ...base, actor: filled!.actor, momentId: built.momentIds[0]!, input: answerInput('d') });
		const today = todayInAmsterdam(t.ctx.clock.now());
		await setParticipantStopped({ ...base, actor: built.coordinator, participantId: stopped!.participantId, stoppedOn: today });
		const due = async () =>
			(await listDueTrajectoryReminders({ ctx: t.ctx, now: t.ctx.clock.now() }))
				.filter((r) => r.trajectoryId === built.trajectoryId)
				.map((r) => [r.participantId, r.kind]);
		expect(await due()).toEqual([[waiting!.participantId, 'opened']]);
		expect(await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor })).toBeGreaterThanOrEqual(1);
		const opened = t.ctx.mailer.to(waiting!.actor.email).at(-1)!;
		expect(opened.subject).toBe('T1 van Gelijkwaardig samenwerken is open');
		expect(opened.text).toContain(`/trajectories/${built.trajectoryId}/me`);
		expect(await due()).toEqual([]);
		t.ctx.clock.advance(5 * DAY);
		expect(await due()).toEqual([[waiting!.participantId, 'closing']]);
		await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor });
		expect(t.ctx.mailer.to(waiting!.actor.email).at(-1)!.subject).toBe('T1 van Gelijkwaardig samenwerken sluit bijna');
		expect(await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor })).toBe(0);
		expect(t.ctx.mailer.to(filled!.actor.email).filter((m) => m.subject.startsWith('T1'))).toEqual([]);
		expect(t.ctx.mailer.to(stopped!.actor.email).filter((m) => m.subject.startsWith('T1'))).toEqual([]);
		await expect(sendDueTrajectoryReminders({ ctx: t.ctx, actor: built.coordinator })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('no reminder for a participant whose own organisation deactivated them: they can no longer sign in to fill it in', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 2, moments: [[0, 6]] });
		const [active, deactivated] = built.participants;
		// Their organisation let them go (deactivateStaff, as that organisation's admin would).
		await t.ctx.db.updateTable('memberships').set({ status: 'deactivated' }).where('userId', '=', deactivated!.actor.userId).execute();
		await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor });
		expect(t.ctx.mailer.to(active!.actor.email).filter((m) => m.subject.startsWith('T1'))).toHaveLength(1);
		expect(t.ctx.mailer.to(deactivated!.actor.email).filter((m) => m.subject.startsWith('T1'))).toEqual([]);
	});

	it('a reminder whose mail could not be sent is tried again on the next run', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1, moments: [[0, 10]] });
		const [waiting] = built.participants;
		const send = t.ctx.mailer.send.bind(t.ctx.mailer);
		t.ctx.mailer.send = async () => {
			throw new Error('smtp down');
		};
		try {
			await expect(sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor })).rejects.toThrow('smtp down');
		} finally {
			t.ctx.mailer.send = send;
		}
		await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor });
		expect(t.ctx.mailer.to(waiting!.actor.email).filter((m) => m.subject.startsWith('T1'))).toHaveLength(1);
	});

	it('the job runner sends the reminders on its hourly schedule', async () => {
		expect(jobSchedules).toContain(trajectoryRemindersSchedule);
		const built = await buildTrajectory(t.ctx, { participants: 1, moments: [[0, 10]] });
		expect(await trajectoryRemindersSchedule.run(t.ctx)).toBeGreaterThanOrEqual(1);
		expect(t.ctx.mailer.to(built.participants[0]!.actor.email).map((m) => m.subject)).toContain('T1 van Gelijkwaardig samenwerken is open');
	});
});
