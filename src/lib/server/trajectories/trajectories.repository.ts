import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { sortByName } from '../shared/collation.ts';
import { createTrajectoryMeetingsRepository } from './trajectories.meetings.repository.ts';
import { parseTemplate, type Template } from './trajectories.models.ts';
import { createTrajectoryParticipantsRepository } from './trajectories.participants.repository.ts';

export type { MeetingRecord } from './trajectories.meetings.repository.ts';
export type { FunctionRecord, ParticipantRecord } from './trajectories.participants.repository.ts';

export interface TrajectoryRecord {
	id: string;
	organisationId: string;
	name: string;
	description: string;
	consentText: string;
	template: Template;
	createdAt: string;
}

export interface MomentRecord {
	id: string;
	position: number;
	opensOn: string;
	closesOn: string;
	/** The instrument answered at this moment (migration 0032), or null. */
	instrumentKey: string | null;
}

/** Trajectories and their moments; every query scoped by organisation and trajectory. */
function createTrajectoryCoreRepository(db: Kysely<Database>) {
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

		/**
		 * Makes the transaction wait for any other one that changes this trajectory's settings, and
		 * them for it: on PostgreSQL a row lock on the trajectory (an update that changes nothing),
		 * on SQLite the write lock that BEGIN IMMEDIATE already holds. What the transaction reads
		 * after it is what the other one committed, so two saves at the same moment run one after
		 * the other, as on SQLite, instead of both numbering or merging from the same stale rows.
		 */
		async lockTrajectory(organisationId: string, trajectoryId: string): Promise<void> {
			await db
				.updateTable('trajectories')
				.set((eb) => ({ updatedAt: eb.ref('updatedAt') }))
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

		async listMoments(organisationId: string, trajectoryId: string): Promise<MomentRecord[]> {
			return db
				.selectFrom('trajectoryMoments')
				.select(['id', 'position', 'opensOn', 'closesOn', 'instrumentKey'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.orderBy('position')
				.execute();
		},

		async findMoment(organisationId: string, trajectoryId: string, momentId: string): Promise<MomentRecord | undefined> {
			return db
				.selectFrom('trajectoryMoments')
				.select(['id', 'position', 'opensOn', 'closesOn', 'instrumentKey'])
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
			await db
				.insertInto('trajectoryMoments')
				.values({ ...input, instrumentKey: null })
				.execute();
		},

		/** A moment's dates and number (T1 = 1); the number must be free. */
		async updateMoment(
			organisationId: string,
			trajectoryId: string,
			momentId: string,
			input: { position: number; opensOn: string; closesOn: string }
		): Promise<void> {
			await db
				.updateTable('trajectoryMoments')
				.set(input)
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('id', '=', momentId)
				.execute();
		},

		async setMomentInstrument(organisationId: string, momentId: string, instrumentKey: string | null): Promise<void> {
			await db
				.updateTable('trajectoryMoments')
				.set({ instrumentKey })
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
		}
	};
}

/**
 * One repository for a trajectory's records, put together from the files that own them:
 * trajectories and moments (here), meetings and attendance, participants and functions.
 * Reminders (trajectories.reminders.repository.ts), answers and the report have their own.
 */
export function createTrajectoriesRepository(db: Kysely<Database>) {
	return {
		...createTrajectoryCoreRepository(db),
		...createTrajectoryMeetingsRepository(db),
		...createTrajectoryParticipantsRepository(db)
	};
}

export type TrajectoriesRepository = ReturnType<typeof createTrajectoriesRepository>;
