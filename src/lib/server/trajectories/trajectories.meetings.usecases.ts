import { requireAccess, requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import type { MeetingInput } from './trajectories.schemas.ts';

/**
 * The coordinator's meetings: date, title, place and a short programme, and who attended
 * (seed 004: a theatre lecture, two masterclasses, an evaluation). The report counts attendance
 * of consenting participants only (trajectories.report.repository.ts).
 */

type Input<T = object> = { ctx: AppContext; actor: Actor; trajectoryId: string } & T;

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

/**
 * The meetings become the rows of the form. A row that shows an existing meeting keeps its id,
 * and with it the attendance; a meeting named in `removedIds` (its row emptied) goes with its
 * attendance. A meeting the form does not mention at all stays as it is: a form loaded before a
 * colleague added a meeting must not remove it, nor the attendance taken at it. A row without an
 * id adds a meeting; an id that is not this trajectory's meeting, or one named twice, is refused
 * with trajectory.changed_meanwhile and nothing changes.
 */
export async function saveMeetings({
	ctx,
	actor,
	trajectoryId,
	meetings,
	removedIds = []
}: Input<{ meetings: MeetingInput[]; removedIds?: readonly string[] }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		await repo.lockTrajectory(staff.organisationId, trajectoryId);
		const current = await repo.listMeetings(staff.organisationId, trajectoryId);
		const existing = new Set(current.map((meeting) => meeting.id));
		// An id that is not (or no longer) this trajectory's meeting, or one named twice, is a form
		// that no longer shows what is stored (a colleague removed the meeting) or one made by hand:
		// refused, as for moments, rather than saved as a new meeting beside the one it meant.
		const named = [...meetings.filter((meeting) => meeting.id !== '').map((meeting) => meeting.id), ...removedIds];
		if (new Set(named).size !== named.length || named.some((id) => !existing.has(id))) throw domainError('trajectory.changed_meanwhile');
		const rows = meetings.map((meeting) => ({ ...meeting, id: meeting.id === '' ? newId() : meeting.id }));
		const seen = new Set(rows.map((row) => row.id));
		const removed = new Set(removedIds);
		const notInForm = current.filter((meeting) => !seen.has(meeting.id));
		const unmentioned = notInForm.filter((meeting) => !removed.has(meeting.id));
		await repo.saveMeetings(staff.organisationId, trajectoryId, [...rows, ...unmentioned]);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.meetings_saved',
			target: target(trajectoryId),
			details: {
				count: rows.length + unmentioned.length,
				removed: notInForm.length - unmentioned.length
			}
		});
	});
}

/** One meeting with every participant (by number) and whether they attended, for the attendance form. */
export async function getMeetingForCoordinator({ ctx, actor, trajectoryId, meetingId }: Input<{ meetingId: string }>) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const repo = createTrajectoriesRepository(ctx.db);
	const [trajectory, meetings, participants] = await Promise.all([
		repo.findTrajectory(staff.organisationId, trajectoryId),
		repo.listMeetings(staff.organisationId, trajectoryId),
		repo.listParticipants(staff.organisationId, trajectoryId)
	]);
	const meeting = meetings.find((m) => m.id === meetingId);
	if (!trajectory || !meeting) throw domainError('not_found');
	const attendance = await repo.listAttendance(
		staff.organisationId,
		trajectoryId,
		participants.map((p) => p.id)
	);
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'trajectory.meeting_viewed',
		target: target(trajectoryId),
		details: { meetingId }
	});
	return {
		trajectory: { id: trajectory.id, name: trajectory.name },
		meeting,
		participants: participants.map((p) => ({
			id: p.id,
			number: p.number,
			name: p.name ?? p.email,
			organisationName: p.organisationName,
			stoppedOn: p.stoppedOn,
			present: attendance.some((a) => a.meetingId === meetingId && a.participantId === p.id)
		}))
	};
}

/**
 * Who was present, of the participants the form showed (`shown`; by default those ticked): the
 * ones ticked were, the others were not. A participant the form did not show (invited after it
 * was loaded, and perhaps marked present by a colleague) keeps their attendance. An id of someone
 * else's trajectory is refused, and so is one ticked but not shown.
 */
export async function saveAttendance({
	ctx,
	actor,
	trajectoryId,
	meetingId,
	present,
	shown = present
}: Input<{ meetingId: string; present: string[]; shown?: string[] }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		const [meetings, participants] = await Promise.all([
			repo.listMeetings(staff.organisationId, trajectoryId),
			repo.listParticipants(staff.organisationId, trajectoryId)
		]);
		if (!meetings.some((m) => m.id === meetingId)) throw domainError('not_found');
		const ids = [...new Set(present)];
		const marked = [...new Set(shown)];
		if (!marked.every((id) => participants.some((p) => p.id === id))) throw domainError('not_found');
		if (!ids.every((id) => marked.includes(id))) throw domainError('not_found');
		await repo.markAttendance(staff.organisationId, trajectoryId, meetingId, { shown: marked, present: ids });
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.attendance_saved',
			target: target(trajectoryId),
			details: { meetingId, present: ids.length, absent: marked.length - ids.length }
		});
	});
}
