import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { lockedOnPostgres } from '../db/dialect-of.ts';
import { fromBoolean, type Database, type MembershipStatus } from '../db/schema.ts';

/**
 * The queries of deleting a staff account (staff.deletion.usecases.ts). The account row stays as
 * a tombstone, so every record that names its id (audit events, conversation parties, handovers)
 * keeps pointing at "former staff member N"; what identifies the person goes.
 */
export function createStaffDeletionRepository(db: Kysely<Database>, dialect: Dialect) {
	return {
		/** The membership, locked against a concurrent change; the organisation row too, so two deletions number one after the other. */
		async lockMembership(
			organisationId: string,
			userId: string
		): Promise<{ status: MembershipStatus; deletedAt: string | null; email: string; name: string } | undefined> {
			if (dialect === 'postgres') {
				await db.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
			}
			const query = db
				.selectFrom('memberships as m')
				.innerJoin('users as u', 'u.id', 'm.userId')
				.select(['m.status', 'm.deletedAt', 'u.email', 'u.name'])
				.where('m.organisationId', '=', organisationId)
				.where('m.userId', '=', userId);
			return lockedOnPostgres(query, dialect, 'update').executeTakeFirst();
		},

		async isFormerNumberTaken(organisationId: string, formerNumber: number): Promise<boolean> {
			const row = await db
				.selectFrom('memberships')
				.select('userId')
				.where('organisationId', '=', organisationId)
				.where('formerNumber', '=', formerNumber)
				.executeTakeFirst();
			return row !== undefined;
		},

		async nextFormerNumber(organisationId: string): Promise<number> {
			const row = await db
				.selectFrom('memberships')
				.select((eb) => eb.fn.max('formerNumber').as('highest'))
				.where('organisationId', '=', organisationId)
				.executeTakeFirst();
			return Number(row?.highest ?? 0) + 1;
		},

		/**
		 * Signs the account out everywhere and makes it unusable: sessions, the password (better-auth's
		 * account rows), two-factor secrets and pending reset tokens go; the user row keeps only its id,
		 * a placeholder address (the column is unique) and the label `formerName`.
		 */
		async eraseAccount(input: { userId: string; formerName: string; now: string }): Promise<void> {
			const { userId, now } = input;
			await db.deleteFrom('sessions').where('userId', '=', userId).execute();
			await db.deleteFrom('accounts').where('userId', '=', userId).execute();
			await db.deleteFrom('twoFactors').where('userId', '=', userId).execute();
			await db.deleteFrom('verifications').where('value', '=', userId).execute();
			await db
				.updateTable('users')
				.set({
					name: input.formerName,
					email: `former-${userId}@deleted.invalid`,
					emailVerified: fromBoolean(false),
					image: null,
					twoFactorEnabled: fromBoolean(false),
					handoverPinHash: null,
					clientLocale: null,
					updatedAt: now
				})
				.where('id', '=', userId)
				.execute();
		},

		/** The membership stays (deactivated) as the organisation's record, with its number; its roles go. */
		async markDeleted(input: { organisationId: string; userId: string; formerNumber: number; now: string }): Promise<void> {
			const { organisationId, userId } = input;
			await db.deleteFrom('membershipRoles').where('organisationId', '=', organisationId).where('userId', '=', userId).execute();
			await db
				.updateTable('memberships')
				.set({ status: 'deactivated', deletedAt: input.now, formerNumber: input.formerNumber })
				.where('organisationId', '=', organisationId)
				.where('userId', '=', userId)
				.execute();
		},

		/**
		 * Traces of the person in other features' rows that exist only to reach them: their address on
		 * trajectory participations (the participation itself, by number, belongs to the trajectory; it
		 * ends today, so no reminder goes out), throttling counters named after their address or id,
		 * and mails still queued for them.
		 */
		async forgetTraces(input: { organisationId: string; userId: string; email: string; today: string }): Promise<void> {
			const { userId, email } = input;
			await db
				.updateTable('trajectoryParticipants')
				.set((eb) => ({ email: `former-${userId}@deleted.invalid`, stoppedOn: eb.fn.coalesce('stoppedOn', eb.val(input.today)) }))
				.where('userId', '=', userId)
				.execute();
			await db
				.deleteFrom('rateLimits')
				.where((eb) => eb.or([eb('key', 'like', `%:${email}`), eb('key', 'like', `%:${userId}`)]))
				.execute();
			await db
				.deleteFrom('jobs')
				.where('organisationId', '=', input.organisationId)
				.where('kind', '=', 'mail')
				.where('payload', 'like', `%${userId}%`)
				.execute();
		}
	};
}
