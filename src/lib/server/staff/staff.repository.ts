import type { Kysely } from 'kysely';
import { fromBoolean, toBoolean, type Database, type Locale, type MembershipStatus, type Role } from '../db/schema.ts';
import type { StaffName } from '#lib/staff-name.ts';
import { sortByName } from '../shared/collation.ts';
import { reusableStatement } from '../db/reusable.ts';

export interface StaffMember {
	userId: string;
	name: string;
	email: string;
	locale: Locale;
	status: MembershipStatus;
	roles: Role[];
	twoFactorEnabled: boolean;
	createdAt: string;
}

export interface ActiveMembership {
	organisationId: string;
	roles: Role[];
	locale: Locale;
	twoFactorEnabled: boolean;
	requireTwoFactor: boolean;
}

/** The professionals' names on every page a phone loads: built and compiled once per number of ids (db/reusable.ts). */
const findStaffNamesStatement = reusableStatement(
	(db: Kysely<Database>, { organisationId, ids }: { organisationId: string; ids: readonly string[] }) =>
		db
			.selectFrom('memberships as m')
			.innerJoin('users as u', 'u.id', 'm.userId')
			.select(['u.id', 'u.name', 'm.formerNumber'])
			.where('m.organisationId', '=', organisationId)
			.where('m.userId', 'in', ids)
);

/** Staff accounts and their memberships; every query is scoped by organisation. */
export function createStaffRepository(db: Kysely<Database>) {
	async function listMembers(organisationId: string, userId?: string): Promise<StaffMember[]> {
		let query = db
			.selectFrom('memberships as m')
			.innerJoin('users as u', 'u.id', 'm.userId')
			.select(['u.id as userId', 'u.name', 'u.email', 'u.locale', 'u.twoFactorEnabled', 'm.status', 'm.createdAt'])
			.where('m.organisationId', '=', organisationId)
			// A deleted account is no longer a member anyone works with; records name it by its number (findStaffNames).
			.where('m.deletedAt', 'is', null);
		let roleQuery = db.selectFrom('membershipRoles').select(['userId', 'role']).where('organisationId', '=', organisationId);
		if (userId !== undefined) {
			query = query.where('m.userId', '=', userId);
			roleQuery = roleQuery.where('userId', '=', userId);
		}
		const [rows, roles] = [await query.execute(), await roleQuery.execute()];
		const rolesOf = Map.groupBy(roles, (r) => r.userId);
		return sortByName(rows, (row) => row.userId).map((row) => ({
			...row,
			twoFactorEnabled: toBoolean(row.twoFactorEnabled),
			roles: sortRoles((rolesOf.get(row.userId) ?? []).map((r) => r.role))
		}));
	}

	return {
		async findUserIdByEmail(email: string): Promise<string | undefined> {
			const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
			return row?.id;
		},

		/** Whether the account with this address is (or was) on this organisation's staff, deactivated too. */
		async isMemberByEmail(organisationId: string, email: string): Promise<boolean> {
			const row = await db
				.selectFrom('memberships as m')
				.innerJoin('users as u', 'u.id', 'm.userId')
				.select('m.userId')
				.where('m.organisationId', '=', organisationId)
				.where('u.email', '=', email)
				.executeTakeFirst();
			return row !== undefined;
		},

		async insertUserWithPassword(input: {
			id: string;
			name: string;
			email: string;
			locale: Locale;
			passwordHash: string;
			now: string;
		}): Promise<void> {
			await db
				.insertInto('users')
				.values({
					id: input.id,
					name: input.name,
					email: input.email,
					emailVerified: fromBoolean(true),
					image: null,
					twoFactorEnabled: fromBoolean(false),
					locale: input.locale,
					createdAt: input.now,
					updatedAt: input.now
				})
				.execute();
			await db
				.insertInto('accounts')
				.values({
					id: `${input.id}-credential`,
					accountId: input.id,
					providerId: 'credential',
					userId: input.id,
					password: input.passwordHash,
					createdAt: input.now,
					updatedAt: input.now
				})
				.execute();
		},

		async insertMembership(input: { organisationId: string; userId: string; roles: Role[]; now: string }): Promise<void> {
			await db
				.insertInto('memberships')
				.values({ organisationId: input.organisationId, userId: input.userId, status: 'active', createdAt: input.now, deactivatedAt: null })
				.execute();
			await this.replaceRoles(input.organisationId, input.userId, input.roles);
		},

		async replaceRoles(organisationId: string, userId: string, roles: Role[]): Promise<void> {
			await db.deleteFrom('membershipRoles').where('organisationId', '=', organisationId).where('userId', '=', userId).execute();
			if (roles.length === 0) return;
			await db
				.insertInto('membershipRoles')
				.values(roles.map((role) => ({ organisationId, userId, role })))
				.execute();
		},

		async setStatus(organisationId: string, userId: string, status: MembershipStatus, now: string): Promise<void> {
			await db
				.updateTable('memberships')
				.set({ status, deactivatedAt: status === 'deactivated' ? now : null })
				.where('organisationId', '=', organisationId)
				.where('userId', '=', userId)
				.execute();
		},

		async deleteSessionsOfUser(userId: string): Promise<number> {
			const result = await db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
			return Number(result.numDeletedRows);
		},

		async countActiveAdmins(organisationId: string): Promise<number> {
			const row = await db
				.selectFrom('membershipRoles as r')
				.innerJoin('memberships as m', (j) => j.onRef('m.organisationId', '=', 'r.organisationId').onRef('m.userId', '=', 'r.userId'))
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.where('r.organisationId', '=', organisationId)
				.where('r.role', '=', 'admin')
				.where('m.status', '=', 'active')
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		/**
		 * Whether anyone but `userId` is or was on the organisation's staff, or has been invited to it
		 * by one of its staff (the operator's invitation of a first admin does not count).
		 */
		async hasColleagueOrInvitation(organisationId: string, userId: string): Promise<boolean> {
			const colleague = await db
				.selectFrom('memberships')
				.select('userId')
				.where('organisationId', '=', organisationId)
				.where('userId', '<>', userId)
				.limit(1)
				.executeTakeFirst();
			if (colleague) return true;
			const invitation = await db
				.selectFrom('invitations')
				.select('id')
				.where('organisationId', '=', organisationId)
				.where('invitedBy', 'is not', null)
				.limit(1)
				.executeTakeFirst();
			return invitation !== undefined;
		},

		async listStaff(organisationId: string): Promise<StaffMember[]> {
			return listMembers(organisationId);
		},

		/** One member, without listing the whole organisation (every page's header asks for it). */
		async findStaffMember(organisationId: string, userId: string): Promise<StaffMember | undefined> {
			return (await listMembers(organisationId, userId))[0];
		},

		/** The membership a signed-in user acts within; undefined when none is active. */
		async findActiveMembership(userId: string): Promise<ActiveMembership | undefined> {
			const row = await db
				.selectFrom('memberships as m')
				.innerJoin('organisations as o', 'o.id', 'm.organisationId')
				.innerJoin('users as u', 'u.id', 'm.userId')
				.select(['m.organisationId', 'u.locale', 'u.twoFactorEnabled', 'o.requireTwoFactor'])
				.where('m.userId', '=', userId)
				.where('m.status', '=', 'active')
				.orderBy('m.createdAt')
				.executeTakeFirst();
			if (!row) return undefined;
			const roles = await db
				.selectFrom('membershipRoles')
				.select('role')
				.where('organisationId', '=', row.organisationId)
				.where('userId', '=', userId)
				.execute();
			return {
				organisationId: row.organisationId,
				locale: row.locale,
				roles: sortRoles(roles.map((r) => r.role)),
				twoFactorEnabled: toBoolean(row.twoFactorEnabled),
				requireTwoFactor: toBoolean(row.requireTwoFactor)
			};
		},

		/** The account's memberships that were not deleted, active first, with the organisation's name (the operator's make-admin). */
		async listMembershipsOfUser(userId: string): Promise<{ organisationId: string; organisationName: string; status: MembershipStatus }[]> {
			const rows = await db
				.selectFrom('memberships as m')
				.innerJoin('organisations as o', 'o.id', 'm.organisationId')
				.select(['m.organisationId', 'o.name as organisationName', 'm.status', 'm.createdAt'])
				.where('m.userId', '=', userId)
				.where('m.deletedAt', 'is', null)
				.orderBy('m.createdAt')
				.execute();
			return rows
				.toSorted((a, b) => Number(b.status === 'active') - Number(a.status === 'active'))
				.map(({ organisationId, organisationName, status }) => ({ organisationId, organisationName, status }));
		},

		/** Whether the account is or was a member of any organisation (of any status): staff, not only a trajectory's guest. */
		async hasAnyMembership(userId: string): Promise<boolean> {
			return (await db.selectFrom('memberships').select('userId').where('userId', '=', userId).executeTakeFirst()) !== undefined;
		},

		async setLocale(userId: string, locale: Locale, now: string): Promise<void> {
			await db.updateTable('users').set({ locale, updatedAt: now }).where('id', '=', userId).execute();
		},

		/**
		 * How the records name these staff members of the organisation: their name, or their number
		 * once their account was deleted (staffDisplayName). Ids of someone who is not (or no longer)
		 * a member are left out.
		 */
		async findStaffNames(organisationId: string, userIds: readonly string[]): Promise<Map<string, StaffName>> {
			const ids = [...new Set(userIds)];
			if (ids.length === 0) return new Map();
			const { rows } = await findStaffNamesStatement(db, { organisationId, ids });
			return new Map(rows.map((row) => [row.id, { name: row.name, formerNumber: row.formerNumber ?? null }]));
		},

		async findUserForMail(userId: string): Promise<{ email: string; name: string; locale: Locale } | undefined> {
			return db.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', userId).executeTakeFirst();
		},

		/** The hash of the PIN that takes a device back after a hand-over (participation feature); null when none is set. */
		async findHandoverPinHash(userId: string): Promise<string | null> {
			const row = await db.selectFrom('users').select('handoverPinHash').where('id', '=', userId).executeTakeFirst();
			return row?.handoverPinHash ?? null;
		},

		async setHandoverPinHash(userId: string, hash: string | null, now: string): Promise<void> {
			await db.updateTable('users').set({ handoverPinHash: hash, updatedAt: now }).where('id', '=', userId).execute();
		},

		/** Whether the account has a password (better-auth's `credential` account), not only a provider sign-in. */
		async hasPassword(userId: string): Promise<boolean> {
			const row = await db
				.selectFrom('accounts')
				.select('id')
				.where('userId', '=', userId)
				.where('providerId', '=', 'credential')
				.executeTakeFirst();
			return row !== undefined;
		}
	};
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;

export const ROLE_ORDER: Role[] = ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'];

function sortRoles(roles: Role[]): Role[] {
	return ROLE_ORDER.filter((role) => roles.includes(role));
}
