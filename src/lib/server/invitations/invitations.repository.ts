import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ClientLocale, Database, InvitationKind, Role } from '../db/schema.ts';

export interface Invitation {
	id: string;
	organisationId: string;
	email: string;
	roles: Role[];
	teamId: string | null;
	locale: ClientLocale;
	createdAt: string;
	expiresAt: string;
	acceptedAt: string | null;
	revokedAt: string | null;
	kind: InvitationKind;
}

const COLUMNS = [
	'id',
	'organisationId',
	'email',
	'roles',
	'teamId',
	'locale',
	'createdAt',
	'expiresAt',
	'acceptedAt',
	'revokedAt',
	'kind'
] as const;

function toInvitation(row: Omit<Invitation, 'roles'> & { roles: string }): Invitation {
	return { ...row, roles: JSON.parse(row.roles) as Role[] };
}

type InvitationsFilter = ExpressionBuilder<Database, 'invitations'>;

/** Not accepted and not revoked: whether it may still be used then depends on its expiry. */
const unused = (eb: InvitationsFilter) => eb.and([eb('acceptedAt', 'is', null), eb('revokedAt', 'is', null)]);

/** Open = not accepted, not revoked, not expired at `now`. */
const openAt = (now: string) => (eb: InvitationsFilter) => eb.and([unused(eb), eb('expiresAt', '>', now)]);

export function createInvitationsRepository(db: Kysely<Database>) {
	const open = (now: string) => db.selectFrom('invitations').where(openAt(now));
	return {
		async insert(
			input: Omit<Invitation, 'acceptedAt' | 'revokedAt' | 'kind'> & { tokenHash: string; invitedBy: string | null; kind?: InvitationKind }
		): Promise<void> {
			await db
				.insertInto('invitations')
				.values({ ...input, kind: input.kind ?? 'staff', roles: JSON.stringify(input.roles), acceptedAt: null, revokedAt: null })
				.execute();
		},

		async findOpenByEmail(organisationId: string, email: string, now: string): Promise<Invitation | undefined> {
			const row = await open(now)
				.select(COLUMNS)
				.where('organisationId', '=', organisationId)
				.where('email', '=', email)
				.executeTakeFirst();
			return row && toInvitation(row);
		},

		/** Whether any organisation has an open invitation for this address. */
		async isInvitedAnywhere(email: string, now: string): Promise<boolean> {
			const row = await open(now).select('id').where('email', '=', email).executeTakeFirst();
			return row !== undefined;
		},

		/** An open invitation of this organisation by id (not accepted, not revoked, not expired). */
		async findOpenById(organisationId: string, id: string, now: string): Promise<Invitation | undefined> {
			const row = await open(now).select(COLUMNS).where('organisationId', '=', organisationId).where('id', '=', id).executeTakeFirst();
			return row && toInvitation(row);
		},

		async listOpenByIds(organisationId: string, ids: readonly string[], now: string): Promise<Invitation[]> {
			if (ids.length === 0) return [];
			const rows = await open(now).select(COLUMNS).where('organisationId', '=', organisationId).where('id', 'in', ids).execute();
			return rows.map(toInvitation);
		},

		async findByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
			const row = await db.selectFrom('invitations').select(COLUMNS).where('tokenHash', '=', tokenHash).executeTakeFirst();
			return row && toInvitation(row);
		},

		/** Every open invitation of the organisation, staff and trajectory ones alike. */
		async listOpen(organisationId: string, now: string): Promise<Invitation[]> {
			const rows = await open(now)
				.select(COLUMNS)
				.where('organisationId', '=', organisationId)
				.orderBy('createdAt', 'desc')
				.orderBy('id')
				.execute();
			return rows.map(toInvitation);
		},

		/** Expired invitations that were never used stop counting as open, so the address can be invited again. */
		async closeExpired(organisationId: string, email: string, now: string): Promise<void> {
			await db
				.updateTable('invitations')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('email', '=', email)
				.where(unused)
				.where('expiresAt', '<=', now)
				.execute();
		},

		/** Marks accepted only if still open; false when someone else got there first. */
		async markAccepted(id: string, now: string): Promise<boolean> {
			const result = await db.updateTable('invitations').set({ acceptedAt: now }).where('id', '=', id).where(unused).executeTakeFirst();
			return Number(result.numUpdatedRows) === 1;
		},

		/**
		 * Withdraws the open staff invitations a person sent (when they leave): how many. An
		 * invitation made the account of whoever accepts it, with the roles it names, also after its
		 * sender lost their own access.
		 */
		async revokeOpenStaffInvitationsSentBy(organisationId: string, userId: string, now: string): Promise<number> {
			const result = await db
				.updateTable('invitations')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('invitedBy', '=', userId)
				.where('kind', '=', 'staff')
				.where(openAt(now))
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		async revoke(organisationId: string, id: string, now: string): Promise<boolean> {
			const result = await db
				.updateTable('invitations')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', id)
				.where(unused)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) === 1;
		},

		/** Every invitation of the organisation to `email`, accepted or not (the account it led to was deleted). */
		async deleteForAddress(organisationId: string, email: string): Promise<void> {
			await db.deleteFrom('invitations').where('organisationId', '=', organisationId).where('email', '=', email).execute();
		}
	};
}
