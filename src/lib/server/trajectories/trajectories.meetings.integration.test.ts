import { expect, it } from 'vitest';
import { actions as settingsPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/settings/+page.server.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { anonymousActor, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { postAs } from '../testing/page-loads.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { addFunction, setParticipantFunction } from './trajectories.functions.usecases.ts';
import { getMeetingForCoordinator, saveAttendance, saveMeetings } from './trajectories.meetings.usecases.ts';
import { inviteParticipant, pairBuddies } from './trajectories.members.usecases.ts';
import { getMyTrajectory, submitBuddyEvaluation } from './trajectories.participant.usecases.ts';
import { MEETING_ROWS } from './trajectories.schemas.ts';
import { getTrajectoryForCoordinator } from './trajectories.usecases.ts';

describeOnBothDatabases('trajectory meetings and functions', (dialect) => {
	const t = useTestContext(dialect);

	const present = async (built: Awaited<ReturnType<typeof buildTrajectory>>, meetingId: string) =>
		(await getMeetingForCoordinator({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, meetingId })).participants
			.filter((p) => p.present)
			.map((p) => p.number);

	it('a meeting has a place and a programme; changing the meetings keeps the attendance of the ones kept', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 3 });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const [first] = (await getTrajectoryForCoordinator(input)).meetings;
		expect(first).toMatchObject({ title: 'Theaterlezing', place: 'Arnhem', programme: 'Theaterlezing Samenwerken met ouders', present: 0 });
		await saveAttendance({ ...input, meetingId: first!.id, present: built.participants.slice(0, 2).map((p) => p.participantId) });
		expect(await present(built, first!.id)).toEqual([1, 2]);

		// The first row keeps its id (renamed, moved); a second meeting is added.
		await saveMeetings({
			...input,
			meetings: [
				{ id: first!.id, heldOn: first!.heldOn, title: 'Masterclass 1', place: 'Nijmegen', programme: 'Leerdoelen en buddy’s' },
				{ id: '', heldOn: '2030-01-10', title: 'Evaluatie', place: null, programme: null }
			]
		});
		const meetings = (await getTrajectoryForCoordinator(input)).meetings;
		expect(meetings.map(({ title, place, present }) => ({ title, place, present }))).toEqual([
			{ title: 'Masterclass 1', place: 'Nijmegen', present: 2 },
			{ title: 'Evaluatie', place: null, present: 0 }
		]);
		expect(meetings[0]!.id).toBe(first!.id);

		// A meeting the form does not mention stays (a form loaded before it was added); one whose row was emptied goes, with its attendance.
		await saveMeetings({ ...input, meetings: [{ ...meetings[1]!, programme: 'Terugblik' }] });
		expect((await getTrajectoryForCoordinator(input)).meetings.map(({ title, present }) => ({ title, present }))).toEqual([
			{ title: 'Masterclass 1', present: 2 },
			{ title: 'Evaluatie', present: 0 }
		]);
		await saveMeetings({ ...input, meetings: [], removedIds: [first!.id] });
		await expect(getMeetingForCoordinator({ ...input, meetingId: first!.id })).rejects.toMatchObject({ code: 'not_found' });
		expect((await getTrajectoryForCoordinator(input)).meetings).toEqual([
			expect.objectContaining({ title: 'Evaluatie', programme: 'Terugblik' })
		]);
	});

	it('a settings form loaded before a colleague added a meeting keeps that meeting and its attendance when saved; emptying a row removes its meeting', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 2 });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const [first] = (await getTrajectoryForCoordinator(input)).meetings;
		// The form as the page showed it then: the first meeting in row 1, every other row empty.
		const form = (rows: Record<number, { id: string; date: string; title: string }>) =>
			Object.fromEntries(
				MEETING_ROWS.flatMap((n) => {
					const row = rows[n] ?? { id: '', date: '', title: '' };
					return Object.entries({ Id: row.id, Date: row.date, Title: row.title, Place: '', Programme: '' }).map(([field, value]) => [
						`meeting${n}${field}`,
						value
					]);
				})
			);
		const save = async (fields: Record<string, string>) =>
			postAs(t.ctx, settingsPage.meetings, {
				actor: built.coordinator,
				path: `/trajectories/${built.trajectoryId}/settings`,
				fields,
				params: { trajectoryId: built.trajectoryId }
			});
		const stale = form({ 1: { id: first!.id, date: first!.heldOn, title: 'Theaterlezing, verplaatst' } });

		// Meanwhile a colleague adds a meeting, and its attendance is taken.
		await saveMeetings({
			...input,
			meetings: [first!, { id: '', heldOn: '2030-02-01', title: 'Masterclass 2', place: null, programme: null }]
		});
		const added = (await getTrajectoryForCoordinator(input)).meetings.find((meeting) => meeting.title === 'Masterclass 2')!;
		await saveAttendance({ ...input, meetingId: added.id, present: built.participants.map((p) => p.participantId) });

		expect(await save(stale)).toMatchObject({ redirect: expect.any(String) });
		expect((await getTrajectoryForCoordinator(input)).meetings.map(({ title, present }) => ({ title, present }))).toEqual([
			{ title: 'Theaterlezing, verplaatst', present: 0 },
			{ title: 'Masterclass 2', present: 2 }
		]);

		// Emptying the row that shows a meeting removes it, with its attendance.
		const emptied = form({ 1: { id: first!.id, date: first!.heldOn, title: 'Theaterlezing' }, 2: { id: added.id, date: '', title: '' } });
		expect(await save(emptied)).toMatchObject({ redirect: expect.any(String) });
		expect((await getTrajectoryForCoordinator(input)).meetings.map(({ title }) => title)).toEqual(['Theaterlezing']);
		await expect(getMeetingForCoordinator({ ...input, meetingId: added.id })).rejects.toMatchObject({ code: 'not_found' });
	});

	it("a meeting id of another trajectory in the form is refused as changed meanwhile; neither trajectory's meetings change", async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const other = await buildTrajectory(t.ctx, { participants: 1, coordinator: built.coordinator });
		const input = { ctx: t.ctx, actor: built.coordinator };
		const meetingsOf = async (trajectoryId: string) => (await getTrajectoryForCoordinator({ ...input, trajectoryId })).meetings;
		const [theirs] = await meetingsOf(other.trajectoryId);
		const [before, theirsBefore] = [await meetingsOf(built.trajectoryId), await meetingsOf(other.trajectoryId)];
		await expect(
			saveMeetings({
				...input,
				trajectoryId: built.trajectoryId,
				meetings: [{ id: theirs!.id, heldOn: '2030-01-01', title: 'Overgenomen', place: null, programme: null }]
			})
		).rejects.toMatchObject({ code: 'trajectory.changed_meanwhile', status: 409 });
		expect(await meetingsOf(built.trajectoryId)).toEqual(before);
		expect(await meetingsOf(other.trajectoryId)).toEqual(theirsBefore);
	});

	it('a form still showing a meeting a colleague removed is refused as changed meanwhile, not saved as a new meeting', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const [shown] = (await getTrajectoryForCoordinator(input)).meetings;
		const stale = { id: shown!.id, heldOn: shown!.heldOn, title: 'Theaterlezing, verplaatst', place: null, programme: null };
		// Meanwhile a colleague removes it (its row emptied).
		await saveMeetings({ ...input, meetings: [], removedIds: [shown!.id] });

		await expect(saveMeetings({ ...input, meetings: [stale] })).rejects.toMatchObject({ code: 'trajectory.changed_meanwhile' });
		expect((await getTrajectoryForCoordinator(input)).meetings).toEqual([]);
	});

	it('the same meeting id in two rows is refused as changed meanwhile and changes nothing', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const before = (await getTrajectoryForCoordinator(input)).meetings;
		const row = { id: before[0]!.id, heldOn: before[0]!.heldOn, title: 'Twee keer', place: null, programme: null };

		await expect(saveMeetings({ ...input, meetings: [row, row] })).rejects.toMatchObject({ code: 'trajectory.changed_meanwhile' });
		expect((await getTrajectoryForCoordinator(input)).meetings).toEqual(before);
	});

	it('attendance names participants of this trajectory only; a meeting or participant of another is not found', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const other = await buildTrajectory(t.ctx, { participants: 1, coordinator: built.coordinator });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const [mine] = (await getTrajectoryForCoordinator(input)).meetings;
		const [theirs] = (await getTrajectoryForCoordinator({ ...input, trajectoryId: other.trajectoryId })).meetings;
		await expect(saveAttendance({ ...input, meetingId: mine!.id, present: [other.participants[0]!.participantId] })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(saveAttendance({ ...input, meetingId: theirs!.id, present: [] })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getMeetingForCoordinator({ ...input, meetingId: theirs!.id })).rejects.toMatchObject({ code: 'not_found' });
		expect(await present(built, mine!.id)).toEqual([]);
	});

	it('only a coordinator of the organisation reaches a meeting, its attendance and the functions', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const input = { ctx: t.ctx, trajectoryId: built.trajectoryId };
		const [meeting] = (await getTrajectoryForCoordinator({ ...input, actor: built.coordinator })).meetings;
		const colleague = await buildStaff(t.ctx, built.coordinator, { roles: ['trajectoryCoordinator'] });
		await expect(getMeetingForCoordinator({ ...input, actor: colleague, meetingId: meeting!.id })).resolves.toBeTruthy();
		const outsider = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['trajectoryCoordinator'] });
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		const participant = built.participants[0]!;
		for (const actor of [outsider, admin, participant.actor, anonymousActor, systemActor] as Actor[]) {
			const denied = { code: 'not_found' };
			await expect(getMeetingForCoordinator({ ...input, actor, meetingId: meeting!.id })).rejects.toMatchObject(denied);
			await expect(saveAttendance({ ...input, actor, meetingId: meeting!.id, present: [] })).rejects.toMatchObject(denied);
			await expect(saveMeetings({ ...input, actor, meetings: [] })).rejects.toMatchObject(denied);
			await expect(addFunction({ ...input, actor, name: 'Jeugdarts' })).rejects.toMatchObject(denied);
			await expect(
				setParticipantFunction({ ...input, actor, participantId: participant.participantId, functionId: '' })
			).rejects.toMatchObject(denied);
		}
		expect(await present(built, meeting!.id)).toEqual([]);
	});

	it("a trajectory's functions start with the seed's; the coordinator adds one, not twice and not a seed function again", async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const builtins = (await getTrajectoryForCoordinator(input)).functions.map((f) => f.builtin);
		expect(builtins).toEqual([
			'neighbourhoodTeamWorker',
			'youthProtectionChair',
			'experienceExpert',
			'familyHomeParent',
			'youthInterviewer',
			'behaviouralScientist'
		]);
		await addFunction({ ...input, name: 'Jeugdarts' });
		await expect(addFunction({ ...input, name: ' jeugdarts ' })).rejects.toMatchObject({ code: 'trajectory.function_exists' });
		await expect(addFunction({ ...input, name: 'Gedragswetenschapper' })).rejects.toMatchObject({ code: 'trajectory.function_exists' });
		await expect(addFunction({ ...input, name: 'Behavioural scientist' })).rejects.toMatchObject({ code: 'trajectory.function_exists' });
		expect((await getTrajectoryForCoordinator(input)).functions.at(-1)).toMatchObject({ builtin: null, name: 'Jeugdarts' });
	});

	it("a participant's function is one of their own trajectory's, set at the invitation or later", async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const other = await buildTrajectory(t.ctx, { participants: 0, coordinator: built.coordinator });
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		const { functions } = await getTrajectoryForCoordinator(input);
		const theirs = (await getTrajectoryForCoordinator({ ...input, trajectoryId: other.trajectoryId })).functions[0]!;
		const [participant] = built.participants;

		const { functionId } = await addFunction({ ...input, name: 'Jeugdarts' });
		await setParticipantFunction({ ...input, participantId: participant!.participantId, functionId });
		const functionOf = async (number: number) =>
			(await getTrajectoryForCoordinator(input)).participants.find((p) => p.number === number)!.functionId;
		expect(await functionOf(1)).toBe(functionId);
		await expect(
			setParticipantFunction({ ...input, participantId: participant!.participantId, functionId: theirs.id })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await functionOf(1)).toBe(functionId);
		await setParticipantFunction({ ...input, participantId: participant!.participantId, functionId: '' });
		expect(await functionOf(1)).toBeNull();

		const expert = functions.find((f) => f.builtin === 'experienceExpert')!;
		await inviteParticipant({
			...input,
			input: { email: 'nieuw@elders.test', organisationName: 'Elders', functionId: expert.id, locale: 'nl' }
		});
		expect(await functionOf(2)).toBe(expert.id);
		await expect(
			inviteParticipant({
				...input,
				input: { email: 'ander@elders.test', organisationName: 'Elders', functionId: theirs.id, locale: 'nl' }
			})
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the buddy evaluation keeps whether its texts may be quoted, and the participant sees their choice again', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 2 });
		const [a, b] = built.participants;
		const input = { ctx: t.ctx, trajectoryId: built.trajectoryId };
		await pairBuddies({ ...input, actor: built.coordinator, participantIds: [a!.participantId, b!.participantId] });
		await submitBuddyEvaluation({
			...input,
			actor: a!.actor,
			input: { rating: 'somewhat', whatHelped: 'x', tips: '', quoteAllowed: true }
		});
		expect((await getMyTrajectory({ ...input, actor: a!.actor })).evaluation).toMatchObject({ valuable: 'somewhat', quoteAllowed: true });
		await submitBuddyEvaluation({ ...input, actor: a!.actor, input: { rating: 'yes', whatHelped: 'x', tips: '', quoteAllowed: false } });
		expect((await getMyTrajectory({ ...input, actor: a!.actor })).evaluation).toMatchObject({ valuable: 'yes', quoteAllowed: false });
	});
});
