import type { Kysely } from 'kysely';
import { chunks } from '../db/chunks.ts';
import type { Dialect } from '../db/database.ts';
import { lockedOnPostgres } from '../db/dialect-of.ts';
import type { Database } from '../db/schema.ts';

/** Bound parameters per statement stay well under SQLite's and PostgreSQL's limits (all erasure queries). */
export const CHUNK = 200;

/**
 * The data lifecycle's queries for a learning trajectory: its last day, its lock, every id that
 * belongs to it (with its invitations and the guest accounts that exist only for it), and the
 * delete. Part of createRetentionRepository, which spreads these in, so callers use one repository.
 */
export function createTrajectoryRetentionRepository(db: Kysely<Database>, dialect: Dialect) {
	return {
		/** Each trajectory with its last day: the latest of its moments' closing days and its meetings. */
		async listTrajectoryLastDays(organisationId: string): Promise<{ id: string; lastDay: string | null }[]> {
			const rows = await db
				.selectFrom('trajectories as t')
				.select('t.id')
				.select((eb) =>
					eb
						.selectFrom('trajectoryMoments as m')
						.select((s) => s.fn.max('m.closesOn').as('d'))
						.whereRef('m.organisationId', '=', 't.organisationId')
						.whereRef('m.trajectoryId', '=', 't.id')
						.as('lastMoment')
				)
				.select((eb) =>
					eb
						.selectFrom('trajectoryMeetings as g')
						.select((s) => s.fn.max('g.heldOn').as('d'))
						.whereRef('g.organisationId', '=', 't.organisationId')
						.whereRef('g.trajectoryId', '=', 't.id')
						.as('lastMeeting')
				)
				.where('t.organisationId', '=', organisationId)
				.orderBy('t.id')
				.execute();
			return rows.map((row) => {
				const days = [row.lastMoment, row.lastMeeting].filter((d): d is string => typeof d === 'string');
				return { id: row.id, lastDay: days.length ? days.toSorted().at(-1)! : null };
			});
		},

		async lockTrajectory(organisationId: string, trajectoryId: string): Promise<{ id: string; createdAt: string } | undefined> {
			const query = db
				.selectFrom('trajectories')
				.select(['id', 'createdAt'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', trajectoryId);
			return lockedOnPostgres(query, dialect, 'update').executeTakeFirst();
		},

		/** The trajectory's records, its invitations, and the guest accounts that exist only for it. */
		async collectTrajectory(
			organisationId: string,
			trajectoryId: string
		): Promise<{ ids: string[]; invitationIds: string[]; guestUserIds: string[] }> {
			const scoped = <
				T extends 'trajectoryParticipants' | 'trajectoryMoments' | 'trajectoryMeetings' | 'trajectoryBuddyPairs' | 'trajectoryBuddyEntries'
			>(
				table: T
			) =>
				db
					.selectFrom(table as 'trajectoryMoments')
					.select('id')
					.where('organisationId', '=', organisationId)
					.where('trajectoryId', '=', trajectoryId)
					.execute();
			const participants = await db
				.selectFrom('trajectoryParticipants')
				.select(['id', 'userId', 'invitationId'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.execute();
			const lists = await Promise.all([
				scoped('trajectoryMoments'),
				scoped('trajectoryMeetings'),
				scoped('trajectoryBuddyPairs'),
				scoped('trajectoryBuddyEntries')
			]);
			const userIds = participants.map((p) => p.userId).filter((id): id is string => id !== null);
			const guestUserIds: string[] = [];
			for (const part of chunks(userIds, CHUNK)) {
				// A guest: no membership anywhere and no other trajectory.
				const rows = await db
					.selectFrom('users as u')
					.select('u.id')
					.where('u.id', 'in', part)
					.where((eb) => eb.not(eb.exists(eb.selectFrom('memberships as m').select('m.userId').whereRef('m.userId', '=', 'u.id'))))
					.where((eb) =>
						eb.not(
							eb.exists(
								eb
									.selectFrom('trajectoryParticipants as p')
									.select('p.id')
									.whereRef('p.userId', '=', 'u.id')
									.where('p.trajectoryId', '!=', trajectoryId)
							)
						)
					)
					.execute();
				guestUserIds.push(...rows.map((row) => row.id));
			}
			return {
				ids: [trajectoryId, ...participants.map((p) => p.id), ...lists.flat().map((row) => row.id)],
				invitationIds: participants.map((p) => p.invitationId).filter((id): id is string => id !== null),
				guestUserIds
			};
		},

		async deleteTrajectory(
			organisationId: string,
			trajectoryId: string,
			invitationIds: readonly string[],
			guestUserIds: readonly string[]
		): Promise<void> {
			await db.deleteFrom('trajectories').where('organisationId', '=', organisationId).where('id', '=', trajectoryId).execute();
			for (const part of chunks(invitationIds, CHUNK)) {
				await db.deleteFrom('invitations').where('organisationId', '=', organisationId).where('id', 'in', part).execute();
			}
			// Their sessions and password go with them (ON DELETE CASCADE).
			for (const part of chunks(guestUserIds, CHUNK)) await db.deleteFrom('users').where('id', 'in', part).execute();
		}
	};
}
