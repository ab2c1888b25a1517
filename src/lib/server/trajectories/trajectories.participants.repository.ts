import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { lockedOnPostgres } from '../db/dialect-of.ts';
import type { ClientLocale, Database, Locale, TrajectoryConsent } from '../db/schema.ts';
import { sortByName } from '../shared/collation.ts';
import { BUILTIN_FUNCTIONS, type BuiltinFunction } from './trajectories.models.ts';

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
	/** One of the trajectory's functions, or null when none was chosen. */
	functionId: string | null;
}

export interface FunctionRecord {
	id: string;
	/** One of the seed's functions (translated in trajectory-labels.ts), or null for the coordinator's own. */
	builtin: string | null;
	/** The coordinator's own function, as they typed it. */
	name: string | null;
}

/**
 * The people of a trajectory: participants with their invitation, account, consent, stop and
 * function, and the trajectory's list of functions. Every query is scoped by organisation and
 * trajectory, except the look-ups by account or invitation that sign-in and invitations need.
 */
export function createTrajectoryParticipantsRepository(db: Kysely<Database>) {
	const participantsQuery = (organisationId: string, trajectoryId: string) =>
		db
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
				'p.invitationId',
				'p.functionId'
			])
			.where('p.organisationId', '=', organisationId)
			.where('p.trajectoryId', '=', trajectoryId);

	return {
		async listParticipants(organisationId: string, trajectoryId: string): Promise<ParticipantRecord[]> {
			const rows = await participantsQuery(organisationId, trajectoryId).orderBy('p.number').execute();
			return rows.map((row) => ({ ...row, name: row.name ?? null }));
		},

		async findParticipant(organisationId: string, trajectoryId: string, participantId: string): Promise<ParticipantRecord | undefined> {
			const row = await participantsQuery(organisationId, trajectoryId).where('p.id', '=', participantId).executeTakeFirst();
			return row ? { ...row, name: row.name ?? null } : undefined;
		},

		/**
		 * The participant's consent and stop, read to decide a write about them in the same transaction.
		 * On PostgreSQL the row is locked for share: a change of consent in flight is waited for (and
		 * then read), and one that starts later waits until this transaction ends, so what is written
		 * never follows a "no" it did not see. SQLite has one writer: its transaction sees the latest.
		 */
		async lockParticipantConsent(
			organisationId: string,
			participantId: string,
			dialect: Dialect
		): Promise<{ consent: TrajectoryConsent; stoppedOn: string | null } | undefined> {
			const query = db
				.selectFrom('trajectoryParticipants')
				.select(['consent', 'stoppedOn'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', participantId);
			return lockedOnPostgres(query, dialect, 'share').executeTakeFirst();
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
			functionId: string | null;
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

		/**
		 * An account without a membership may sign in while it takes part in a trajectory. Without any
		 * membership, of any status: a deactivated (or deleted) member is staff that was let go, and
		 * taking part in a trajectory must not let them back in as a guest (decision 009).
		 */
		async findGuestAccount(userId: string): Promise<{ locale: Locale; clientLocale: ClientLocale | null } | undefined> {
			return db
				.selectFrom('users as u')
				.select(['u.locale', 'u.clientLocale'])
				.where('u.id', '=', userId)
				.where((eb) => eb.exists(eb.selectFrom('trajectoryParticipants as p').select('p.id').whereRef('p.userId', '=', 'u.id')))
				.where((eb) => eb.not(eb.exists(eb.selectFrom('memberships as m').select('m.userId').whereRef('m.userId', '=', 'u.id'))))
				.executeTakeFirst();
		},

		/** A guest's own client language (decision 021): their pages and the mails of their trajectories. */
		async setClientLocale(userId: string, locale: ClientLocale): Promise<void> {
			await db.updateTable('users').set({ clientLocale: locale }).where('id', '=', userId).execute();
		},

		/** The account with this address and the language its mails are in: a guest's client language, else the account's. */
		async findUserByEmail(email: string): Promise<{ id: string; locale: ClientLocale } | undefined> {
			const row = await db
				.selectFrom('users as u')
				.select([
					'u.id',
					'u.locale',
					'u.clientLocale',
					(eb) =>
						eb
							.exists(
								eb.selectFrom('memberships as m').select('m.userId').whereRef('m.userId', '=', 'u.id').where('m.status', '=', 'active')
							)
							.as('isStaff')
				])
				.where('u.email', '=', email)
				.executeTakeFirst();
			return row && { id: row.id, locale: !row.isStaff && row.clientLocale ? row.clientLocale : row.locale };
		},

		async setFunction(organisationId: string, trajectoryId: string, participantId: string, functionId: string | null): Promise<void> {
			await db
				.updateTable('trajectoryParticipants')
				.set({ functionId })
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('id', '=', participantId)
				.execute();
		},

		/** The seed's functions first (in their fixed order), then the coordinator's own in the order they were added. */
		async listFunctions(organisationId: string, trajectoryId: string): Promise<FunctionRecord[]> {
			const rows = await db
				.selectFrom('trajectoryFunctions')
				.select(['id', 'builtin', 'name', 'createdAt'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.execute();
			const builtinOrder = (code: string | null) =>
				code === null ? BUILTIN_FUNCTIONS.length : BUILTIN_FUNCTIONS.indexOf(code as BuiltinFunction);
			return rows
				.sort(
					(a, b) =>
						builtinOrder(a.builtin) - builtinOrder(b.builtin) ||
						(a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
						(a.id < b.id ? -1 : 1)
				)
				.map(({ id, builtin, name }) => ({ id, builtin, name }));
		},

		async insertFunctions(
			organisationId: string,
			trajectoryId: string,
			functions: readonly { id: string; builtin: string | null; name: string | null }[],
			now: string
		): Promise<void> {
			if (functions.length === 0) return;
			await db
				.insertInto('trajectoryFunctions')
				.values(functions.map((f) => ({ ...f, organisationId, trajectoryId, createdAt: now })))
				.execute();
		}
	};
}
