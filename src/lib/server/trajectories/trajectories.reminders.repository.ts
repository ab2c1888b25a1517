import type { Kysely } from 'kysely';
import type { ClientLocale, Database, TrajectoryReminderKind } from '../db/schema.ts';

export interface ReminderCandidate {
	organisationId: string;
	trajectoryId: string;
	trajectoryName: string;
	momentId: string;
	position: number;
	opensOn: string;
	closesOn: string;
	participantId: string;
	email: string;
	/** A guest's client language when they have one (decision 021), else the account's language. */
	locale: ClientLocale;
	sent: TrajectoryReminderKind[];
}

/** Reminder mails of measurement moments: who is due, and which reminders were sent (claimed) already. */
export function createTrajectoryRemindersRepository(db: Kysely<Database>) {
	return {
		/**
		 * Reminder candidates over every organisation: open moments (on `today`) and the participants
		 * with an account who can sign in, have not stopped and not filled them in, with the reminders
		 * already sent.
		 */
		async listReminderCandidates(today: string): Promise<ReminderCandidate[]> {
			const rows = await db
				.selectFrom('trajectoryMoments as mo')
				.innerJoin('trajectories as t', (j) => j.onRef('t.organisationId', '=', 'mo.organisationId').onRef('t.id', '=', 'mo.trajectoryId'))
				.innerJoin('trajectoryParticipants as p', (j) =>
					j.onRef('p.organisationId', '=', 'mo.organisationId').onRef('p.trajectoryId', '=', 'mo.trajectoryId')
				)
				.innerJoin('users as u', 'u.id', 'p.userId')
				.select([
					'mo.organisationId',
					'mo.trajectoryId',
					't.name as trajectoryName',
					'mo.id as momentId',
					'mo.position',
					'mo.opensOn',
					'mo.closesOn',
					'p.id as participantId',
					'u.email',
					'u.locale',
					'u.clientLocale',
					(eb) =>
						eb
							.exists(
								eb.selectFrom('memberships as m').select('m.userId').whereRef('m.userId', '=', 'u.id').where('m.status', '=', 'active')
							)
							.as('isStaff')
				])
				.where('mo.opensOn', '<=', today)
				.where('mo.closesOn', '>=', today)
				// Only who can sign in to fill it in: staff with an active membership, or a guest who was
				// never anyone's staff (findGuestAccount); not a member their organisation deactivated.
				.where((eb) =>
					eb.or([
						eb.exists(
							eb.selectFrom('memberships as m').select('m.userId').whereRef('m.userId', '=', 'u.id').where('m.status', '=', 'active')
						),
						eb.not(eb.exists(eb.selectFrom('memberships as m').select('m.userId').whereRef('m.userId', '=', 'u.id')))
					])
				)
				.where((eb) => eb.or([eb('p.stoppedOn', 'is', null), eb('p.stoppedOn', '>', today)]))
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('trajectoryResponses as r')
								.select('r.participantId')
								.whereRef('r.momentId', '=', 'mo.id')
								.whereRef('r.participantId', '=', 'p.id')
						)
					)
				)
				.execute();
			const sent = rows.length
				? await db
						.selectFrom('trajectoryReminders')
						.select(['momentId', 'participantId', 'kind'])
						.where(
							'momentId',
							'in',
							rows.map((row) => row.momentId)
						)
						.execute()
				: [];
			return rows.map(({ clientLocale, isStaff, ...row }) => ({
				...row,
				// Staff (of any organisation) read their staff language; a guest the client language they chose.
				locale: !isStaff && clientLocale ? clientLocale : row.locale,
				sent: sent.filter((s) => s.momentId === row.momentId && s.participantId === row.participantId).map((s) => s.kind)
			}));
		},

		/** Claims a reminder before it is sent; false when another instance already did. */
		async claimReminder(input: {
			organisationId: string;
			momentId: string;
			participantId: string;
			kind: TrajectoryReminderKind;
			now: string;
		}) {
			const rows = await db
				.insertInto('trajectoryReminders')
				.values({
					organisationId: input.organisationId,
					momentId: input.momentId,
					participantId: input.participantId,
					kind: input.kind,
					sentAt: input.now
				})
				.onConflict((oc) => oc.columns(['momentId', 'participantId', 'kind']).doNothing())
				.returning('momentId')
				.execute();
			return rows.length === 1;
		},

		async releaseReminder(input: { organisationId: string; momentId: string; participantId: string; kind: TrajectoryReminderKind }) {
			await db
				.deleteFrom('trajectoryReminders')
				.where('organisationId', '=', input.organisationId)
				.where('momentId', '=', input.momentId)
				.where('participantId', '=', input.participantId)
				.where('kind', '=', input.kind)
				.execute();
		}
	};
}
