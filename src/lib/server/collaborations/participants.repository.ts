import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { lockedOnPostgres } from '../db/dialect-of.ts';
import { reusableStatement } from '../db/reusable.ts';
import type { Audience, Database, ClientLocale } from '../db/schema.ts';
import type { ParticipantInput } from './collaborations.schemas.ts';

export interface Participant {
	id: string;
	displayName: string;
	audience: Audience;
	locale: ClientLocale;
	email: string | null;
	createdAt: string;
	removedAt: string | null;
}

const collator = new Intl.Collator('nl', { numeric: true });

/** Adults first, then by name: "moeder", "vader", "Sam". Sorted here so both databases agree. */
function sortParticipants(participants: Participant[]): Participant[] {
	return participants.toSorted(
		(a, b) =>
			(a.audience === b.audience ? 0 : a.audience === 'adult' ? -1 : 1) ||
			collator.compare(a.displayName, b.displayName) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

type InCollaboration = { organisationId: string; collaborationId: string };

const selectParticipants = (db: Kysely<Database>, { organisationId, collaborationId }: InCollaboration) =>
	db
		.selectFrom('participants')
		.select(['id', 'displayName', 'audience', 'locale', 'email', 'createdAt', 'removedAt'])
		.where('organisationId', '=', organisationId)
		.where('collaborationId', '=', collaborationId);

/** Read on every page a phone loads (the parties' names): built and compiled once (db/reusable.ts), with or without the removed. */
const listActiveParticipantsStatement = reusableStatement((db: Kysely<Database>, values: InCollaboration) =>
	selectParticipants(db, values).where('removedAt', 'is', null)
);
const listAllParticipantsStatement = reusableStatement(selectParticipants);

/**
 * The people on the client side of a collaboration. Removal is soft (removed_at): a removed
 * participant keeps their place in past conversations but takes part in no new ones.
 * Every query is scoped by organisation and collaboration.
 */
export function createParticipantsRepository(db: Kysely<Database>) {
	return {
		async insertParticipant(
			input: ParticipantInput & { id: string; organisationId: string; collaborationId: string; now: string }
		): Promise<void> {
			await db
				.insertInto('participants')
				.values({
					id: input.id,
					organisationId: input.organisationId,
					collaborationId: input.collaborationId,
					displayName: input.displayName,
					audience: input.audience,
					locale: input.locale,
					email: input.email,
					createdAt: input.now,
					removedAt: null
				})
				.execute();
		},

		/** Active participants only, unless `includeRemoved`. */
		async listParticipants(
			organisationId: string,
			collaborationId: string,
			options: { includeRemoved?: boolean } = {}
		): Promise<Participant[]> {
			const statement = options.includeRemoved ? listAllParticipantsStatement : listActiveParticipantsStatement;
			const { rows } = await statement(db, { organisationId, collaborationId });
			return sortParticipants(rows);
		},

		/**
		 * The active participants, read in a transaction that gives each a party (a start), locked for
		 * share on PostgreSQL: an erasure of one in flight is waited for, and then it is not listed.
		 */
		async lockParticipants(organisationId: string, collaborationId: string, dialect: Dialect): Promise<Participant[]> {
			const query = db
				.selectFrom('participants')
				.select(['id', 'displayName', 'audience', 'locale', 'email', 'createdAt', 'removedAt'])
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('removedAt', 'is', null);
			return sortParticipants(await lockedOnPostgres(query, dialect, 'share').execute());
		},

		/** True when an active participant of this collaboration was changed. */
		async updateParticipant(
			organisationId: string,
			collaborationId: string,
			participantId: string,
			input: ParticipantInput
		): Promise<boolean> {
			const result = await db
				.updateTable('participants')
				.set({ displayName: input.displayName, audience: input.audience, locale: input.locale, email: input.email })
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('id', '=', participantId)
				.where('removedAt', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		/** A participant's own choice of language (their screen's language picker). */
		async setLocale(organisationId: string, participantId: string, locale: ClientLocale): Promise<void> {
			await db
				.updateTable('participants')
				.set({ locale })
				.where('organisationId', '=', organisationId)
				.where('id', '=', participantId)
				.where('removedAt', 'is', null)
				.execute();
		},

		/** True when an active participant of this collaboration was removed. */
		async markRemoved(organisationId: string, collaborationId: string, participantId: string, now: string): Promise<boolean> {
			const result = await db
				.updateTable('participants')
				.set({ removedAt: now })
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('id', '=', participantId)
				.where('removedAt', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		},

		async countActive(organisationId: string, collaborationId: string): Promise<number> {
			const row = await db
				.selectFrom('participants')
				.select((eb) => eb.fn.countAll<number | string>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('removedAt', 'is', null)
				.executeTakeFirstOrThrow();
			return Number(row.count);
		}
	};
}

export type ParticipantsRepository = ReturnType<typeof createParticipantsRepository>;
