import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface MeetingRecord {
	id: string;
	heldOn: string;
	title: string;
	place: string | null;
	programme: string | null;
}

export interface AttendanceRecord {
	meetingId: string;
	participantId: string;
}

/** A trajectory's meetings and who attended them; every query scoped by organisation and trajectory. */
export function createTrajectoryMeetingsRepository(db: Kysely<Database>) {
	const listMeetings = (organisationId: string, trajectoryId: string): Promise<MeetingRecord[]> =>
		db
			.selectFrom('trajectoryMeetings')
			.select(['id', 'heldOn', 'title', 'place', 'programme'])
			.where('organisationId', '=', organisationId)
			.where('trajectoryId', '=', trajectoryId)
			.orderBy('heldOn')
			.orderBy('id')
			.execute();

	return {
		listMeetings,

		/**
		 * The meetings become exactly these: a known id is updated (its attendance stays), an
		 * unknown one is added, and a meeting left out is removed with its attendance.
		 */
		async saveMeetings(organisationId: string, trajectoryId: string, meetings: readonly MeetingRecord[]): Promise<void> {
			const existing = new Set((await listMeetings(organisationId, trajectoryId)).map((meeting) => meeting.id));
			const kept = meetings.filter((meeting) => existing.has(meeting.id)).map((meeting) => meeting.id);
			let removal = db
				.deleteFrom('trajectoryMeetings')
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId);
			if (kept.length > 0) removal = removal.where('id', 'not in', kept);
			await removal.execute();
			for (const { id, heldOn, title, place, programme } of meetings.filter((meeting) => existing.has(meeting.id))) {
				await db
					.updateTable('trajectoryMeetings')
					.set({ heldOn, title, place, programme })
					.where('organisationId', '=', organisationId)
					.where('trajectoryId', '=', trajectoryId)
					.where('id', '=', id)
					.execute();
			}
			const added = meetings.filter((meeting) => !existing.has(meeting.id));
			if (added.length === 0) return;
			await db
				.insertInto('trajectoryMeetings')
				.values(
					added.map(({ id, heldOn, title, place, programme }) => ({ id, heldOn, title, place, programme, organisationId, trajectoryId }))
				)
				.execute();
		},

		/** Who attended which meeting, limited to these participants (the report passes the consenting ones). */
		async listAttendance(organisationId: string, trajectoryId: string, participantIds: readonly string[]): Promise<AttendanceRecord[]> {
			if (participantIds.length === 0) return [];
			return db
				.selectFrom('trajectoryAttendance')
				.select(['meetingId', 'participantId'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('participantId', 'in', participantIds)
				.execute();
		},

		/**
		 * Who of `shown` attended the meeting: exactly those in `present` (a subset of `shown`). The
		 * attendance of a participant not in `shown` stays as it is.
		 */
		async markAttendance(
			organisationId: string,
			trajectoryId: string,
			meetingId: string,
			marks: { shown: readonly string[]; present: readonly string[] }
		): Promise<void> {
			if (marks.shown.length === 0) return;
			await db
				.deleteFrom('trajectoryAttendance')
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('meetingId', '=', meetingId)
				.where('participantId', 'in', marks.shown)
				.execute();
			if (marks.present.length === 0) return;
			await db
				.insertInto('trajectoryAttendance')
				.values(marks.present.map((participantId) => ({ organisationId, trajectoryId, meetingId, participantId })))
				.execute();
		}
	};
}
