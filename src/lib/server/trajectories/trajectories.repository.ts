import type { Kysely } from 'kysely';
import type { Database, Locale, TrajectoryConsent, TrajectoryReminderKind } from '../db/schema.ts';
import { sortByName } from '../shared/collation.ts';
import { parseTemplate, type Template } from './trajectories.models.ts';

export interface TrajectoryRecord {
	id: string;
	organisationId: string;
	name: string;
	description: string;
	consentText: string;
	template: Template;
	createdAt: string;
}

export interface MeetingRecord {
	id: string;
	heldOn: string;
	title: string;
}

export interface MomentRecord {
	id: string;
	position: number;
	opensOn: string;
	closesOn: string;
}

export interface ParticipantRecord {
	id: string;
	number: number;
	userId: string | null;
	/** The account's name, or null while the invitation is not accepted. */
	name: string | null;
	email: string;
	organisationName: string;
	consent: TrajectoryConsent;
	consentAt: string | null;
	stoppedOn: string | null;
	invitationId: string | null;
}

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
	locale: Locale;
	sent: TrajectoryReminderKind[];
}

/** Trajectories, their meetings, moments and participants; every query scoped by organisation and trajectory. */
export function createTrajectoriesRepository(db: Kysely<Database>) {
	return {
		async insertTrajectory(input: {
			id: string;
			organisationId: string;
			name: string;
			description: string;
			consentText: string;
			template: Template;
			createdBy: string;
			now: string;
		}): Promise<void> {
			const { template, now, ...rest } = input;
			await db
				.insertInto('trajectories')
				.values({ ...rest, templateJson: JSON.stringify(template), createdAt: now, updatedAt: now })
				.execute();
		},

		async findTrajectory(organisationId: string, trajectoryId: string): Promise<TrajectoryRecord | undefined> {
			const row = await db
				.selectFrom('trajectories')
				.select(['id', 'organisationId', 'name', 'description', 'consentText', 'templateJson', 'createdAt'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', trajectoryId)
				.executeTakeFirst();
			if (!row) return undefined;
			const { templateJson, ...rest } = row;
			return { ...rest, template: parseTemplate(templateJson) };
		},

		async listTrajectories(organisationId: string): Promise<{ id: string; name: string; participants: number; createdAt: string }[]> {
			const rows = await db
				.selectFrom('trajectories as t')
				.leftJoin('trajectoryParticipants as p', (j) =>
					j.onRef('p.organisationId', '=', 't.organisationId').onRef('p.trajectoryId', '=', 't.id')
				)
				.select(['t.id', 't.name', 't.createdAt'])
				.select((eb) => eb.fn.count<number>('p.id').as('participants'))
				.where('t.organisationId', '=', organisationId)
				.groupBy(['t.id', 't.name', 't.createdAt'])
				.execute();
			return sortByName(rows, (row) => row.id).map((row) => ({ ...row, participants: Number(row.participants) }));
		},

		async updateDetails(
			organisationId: string,
			trajectoryId: string,
			input: { name: string; description: string; consentText: string; now: string }
		): Promise<void> {
			await db
				.updateTable('trajectories')
				.set({ name: input.name, description: input.description, consentText: input.consentText, updatedAt: input.now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', trajectoryId)
				.execute();
		},

		async updateTemplate(organisationId: string, trajectoryId: string, template: Template, now: string): Promise<void> {
			await db
				.updateTable('trajectories')
				.set({ templateJson: JSON.stringify(template), updatedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', trajectoryId)
				.execute();
		},

		async listMeetings(organisationId: string, trajectoryId: string): Promise<MeetingRecord[]> {
			return db
				.selectFrom('trajectoryMeetings')
				.select(['id', 'heldOn', 'title'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.orderBy('heldOn')
				.orderBy('id')
				.execute();
		},

		async replaceMeetings(
			organisationId: string,
			trajectoryId: string,
			meetings: readonly { id: string; heldOn: string; title: string }[]
		): Promise<void> {
			await db
				.deleteFrom('trajectoryMeetings')
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.execute();
			if (meetings.length === 0) return;
			await db
				.insertInto('trajectoryMeetings')
				.values(meetings.map((meeting) => ({ ...meeting, organisationId, trajectoryId })))
				.execute();
		},

		async listMoments(organisationId: string, trajectoryId: string): Promise<MomentRecord[]> {
			return db
				.selectFrom('trajectoryMoments')
				.select(['id', 'position', 'opensOn', 'closesOn'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.orderBy('position')
				.execute();
		},

		async findMoment(organisationId: string, trajectoryId: string, momentId: string): Promise<MomentRecord | undefined> {
			return db
				.selectFrom('trajectoryMoments')
				.select(['id', 'position', 'opensOn', 'closesOn'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('id', '=', momentId)
				.executeTakeFirst();
		},

		async insertMoment(input: {
			id: string;
			organisationId: string;
			trajectoryId: string;
			position: number;
			opensOn: string;
			closesOn: string;
		}) {
			await db.insertInto('trajectoryMoments').values(input).execute();
		},

		async updateMomentDates(organisationId: string, momentId: string, opensOn: string, closesOn: string): Promise<void> {
			await db
				.updateTable('trajectoryMoments')
				.set({ opensOn, closesOn })
				.where('organisationId', '=', organisationId)
				.where('id', '=', momentId)
				.execute();
		},

		async deleteMoment(organisationId: string, momentId: string): Promise<void> {
			await db.deleteFrom('trajectoryMoments').where('organisationId', '=', organisationId).where('id', '=', momentId).execute();
		},

		async countResponsesOfMoment(organisationId: string, momentId: string): Promise<number> {
			const row = await db
				.selectFrom('trajectoryResponses')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('momentId', '=', momentId)
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		async listParticipants(organisationId: string, trajectoryId: string): Promise<ParticipantRecord[]> {
			const rows = await db
				.selectFrom('trajectoryParticipants as p')
				.leftJoin('users as u', 'u.id', 'p.userId')
				.select([
					'p.id',
					'p.number',
					'p.userId',
					'u.name',
					'p.email',
					'p.organisationName',
					'p.consent',
					'p.consentAt',
					'p.stoppedOn',
					'p.invitationId'
				])
				.where('p.organisationId', '=', organisationId)
				.where('p.trajectoryId', '=', trajectoryId)
				.orderBy('p.number')
				.execute();
			return rows.map((row) => ({ ...row, name: row.name ?? null }));
		},

		async findParticipant(organisationId: string, trajectoryId: string, participantId: string): Promise<ParticipantRecord | undefined> {
			const all = await this.listParticipants(organisationId, trajectoryId);
			return all.find((participant) => participant.id === participantId);
		},

		async nextParticipantNumber(organisationId: string, trajectoryId: string): Promise<number> {
			const row = await db
				.selectFrom('trajectoryParticipants')
				.select((eb) => eb.fn.max<number | null>('number').as('highest'))
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.executeTakeFirst();
			return Number(row?.highest ?? 0) + 1;
		},

		async insertParticipant(input: {
			id: string;
			organisationId: string;
			trajectoryId: string;
			number: number;
			userId: string | null;
			email: string;
			invitationId: string | null;
			organisationName: string;
			now: string;
		}): Promise<void> {
			const { now, ...rest } = input;
			await db
				.insertInto('trajectoryParticipants')
				.values({ ...rest, consent: 'pending', consentAt: null, stoppedOn: null, addedAt: now })
				.execute();
		},

		async setInvitation(organisationId: string, participantId: string, invitationId: string): Promise<void> {
			await db
				.updateTable('trajectoryParticipants')
				.set({ invitationId })
				.where('organisationId', '=', organisationId)
				.where('id', '=', participantId)
				.execute();
		},

		/** A resent invitation replaces the old one for every participation that waited on it. */
		async replaceInvitation(organisationId: string, oldInvitationId: string, newInvitationId: string): Promise<number> {
			const result = await db
				.updateTable('trajectoryParticipants')
				.set({ invitationId: newInvitationId })
				.where('organisationId', '=', organisationId)
				.where('invitationId', '=', oldInvitationId)
				.where('userId', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		/** The trajectories whose participants wait on these invitations, for the admin's list. */
		async listTrajectoriesOfInvitations(
			organisationId: string,
			invitationIds: readonly string[]
		): Promise<{ invitationId: string; trajectoryId: string; name: string }[]> {
			if (invitationIds.length === 0) return [];
			const rows = await db
				.selectFrom('trajectoryParticipants as p')
				.innerJoin('trajectories as t', (j) => j.onRef('t.organisationId', '=', 'p.organisationId').onRef('t.id', '=', 'p.trajectoryId'))
				.select(['p.invitationId', 't.id as trajectoryId', 't.name'])
				.where('p.organisationId', '=', organisationId)
				.where('p.invitationId', 'in', invitationIds)
				.where('p.userId', 'is', null)
				.execute();
			return rows.map((row) => ({ invitationId: row.invitationId!, trajectoryId: row.trajectoryId, name: row.name }));
		},

		/** Accepting a trajectory invitation gives the new account its participations. */
		async linkInvitedAccount(invitationId: string, userId: string): Promise<number> {
			const result = await db
				.updateTable('trajectoryParticipants')
				.set({ userId })
				.where('invitationId', '=', invitationId)
				.where('userId', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		async setConsent(organisationId: string, participantId: string, consent: TrajectoryConsent, now: string): Promise<void> {
			await db
				.updateTable('trajectoryParticipants')
				.set({ consent, consentAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', participantId)
				.execute();
		},

		async setStopped(organisationId: string, participantId: string, stoppedOn: string | null): Promise<void> {
			await db
				.updateTable('trajectoryParticipants')
				.set({ stoppedOn })
				.where('organisationId', '=', organisationId)
				.where('id', '=', participantId)
				.execute();
		},

		/** The trajectories an account takes part in, in any organisation. */
		async listParticipationsOfUser(
			userId: string
		): Promise<{ trajectoryId: string; organisationId: string; name: string; consent: TrajectoryConsent }[]> {
			const rows = await db
				.selectFrom('trajectoryParticipants as p')
				.innerJoin('trajectories as t', (j) => j.onRef('t.organisationId', '=', 'p.organisationId').onRef('t.id', '=', 'p.trajectoryId'))
				.select(['p.trajectoryId', 'p.organisationId', 't.name', 'p.consent'])
				.where('p.userId', '=', userId)
				.execute();
			return sortByName(rows, (row) => row.trajectoryId);
		},

		/** An account without a membership may sign in while it takes part in a trajectory. */
		async findGuestAccount(userId: string): Promise<{ locale: Locale } | undefined> {
			return db
				.selectFrom('users as u')
				.select('u.locale')
				.where('u.id', '=', userId)
				.where((eb) => eb.exists(eb.selectFrom('trajectoryParticipants as p').select('p.id').whereRef('p.userId', '=', 'u.id')))
				.executeTakeFirst();
		},

		/**
		 * Reminder candidates over every organisation: open moments (on `today`) and the participants
		 * with an account who have not stopped and not filled them in, with the reminders already sent.
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
					'u.locale'
				])
				.where('mo.opensOn', '<=', today)
				.where('mo.closesOn', '>=', today)
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
			return rows.map((row) => ({
				...row,
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
		},

		async findUserByEmail(email: string): Promise<{ id: string; locale: Locale } | undefined> {
			return db.selectFrom('users').select(['id', 'locale']).where('email', '=', email).executeTakeFirst();
		}
	};
}

export type TrajectoriesRepository = ReturnType<typeof createTrajectoriesRepository>;
