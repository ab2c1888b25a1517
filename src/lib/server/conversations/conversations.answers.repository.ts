import type { Insertable, Kysely } from 'kysely';
import { reusableStatement } from '#lib/server/db/reusable.ts';
import { fromBoolean, toBoolean, type Database } from '#lib/server/db/schema.ts';

export interface RatingRecord {
	conversationId: string;
	partyId: string;
	instrumentId: string;
	itemKey: string;
	value: number;
}

/** One party's answers in words to session feedback: item key → free text or a nominal choice's code. */
export interface TextAnswersRecord {
	conversationId: string;
	partyId: string;
	texts: Record<string, string>;
}

export interface ReflectionRecord {
	partyId: string;
	itemKey: string;
	mostSatisfied: string | null;
	leastSatisfied: string | null;
	/** The professional noted this text for the client (the quick check's conversation is spoken, seed 003). */
	mostNotedByProfessional: boolean;
	leastNotedByProfessional: boolean;
	updatedAt: string;
}

type RatingRow = Insertable<Database['ratings']>;

/** A submission's ratings in one statement, built and compiled once per number of items (db/reusable.ts). */
const insertRatingsStatement = reusableStatement((db: Kysely<Database>, rows: RatingRow[]) => db.insertInto('ratings').values(rows));

/** The page after each answer (GET /c) reads ratings and reflections: built once per number of parties (db/reusable.ts). */
const listRatingsStatement = reusableStatement(
	(
		db: Kysely<Database>,
		{
			organisationId,
			conversationIds,
			partyIds
		}: { organisationId: string; conversationIds: readonly string[]; partyIds: readonly string[] }
	) =>
		db
			.selectFrom('ratings')
			.select(['conversationId', 'partyId', 'instrumentId', 'itemKey', 'value'])
			.where('organisationId', '=', organisationId)
			.where('conversationId', 'in', conversationIds)
			.where('partyId', 'in', partyIds)
);

const listReflectionsStatement = reusableStatement(
	(
		db: Kysely<Database>,
		{ organisationId, conversationId, partyIds }: { organisationId: string; conversationId: string; partyIds: readonly string[] }
	) =>
		db
			.selectFrom('reflections')
			.select(['partyId', 'itemKey', 'mostSatisfied', 'leastSatisfied', 'mostNotedByProfessional', 'leastNotedByProfessional', 'updatedAt'])
			.where('organisationId', '=', organisationId)
			.where('conversationId', '=', conversationId)
			.where('partyId', 'in', partyIds)
);

/**
 * Ratings and reflections. Reads take the party ids the caller may see (decided by
 * conversations.policy.ts), so values hidden by the blind rule are not even loaded.
 */
export function createAnswerQueries(db: Kysely<Database>) {
	return {
		async insertRatings(input: {
			organisationId: string;
			conversationId: string;
			partyId: string;
			instrumentId: string;
			values: Readonly<Record<string, number>>;
			now: string;
		}): Promise<void> {
			const rows = Object.entries(input.values).map(([itemKey, value]) => ({
				organisationId: input.organisationId,
				conversationId: input.conversationId,
				partyId: input.partyId,
				instrumentId: input.instrumentId,
				itemKey,
				value,
				createdAt: input.now
			}));
			if (rows.length > 0) await insertRatingsStatement(db, rows);
		},

		async listRatings(organisationId: string, conversationIds: readonly string[], partyIds: readonly string[]): Promise<RatingRecord[]> {
			if (conversationIds.length === 0 || partyIds.length === 0) return [];
			const { rows } = await listRatingsStatement(db, { organisationId, conversationIds, partyIds });
			return rows;
		},

		/**
		 * A party's answers in words to session feedback (issue 14, migration 0039), beside its
		 * ratings: item key → text. Nothing is written for none.
		 */
		async saveTextAnswers(organisationId: string, conversationId: string, partyId: string, texts: Readonly<Record<string, string>>) {
			if (Object.keys(texts).length === 0) return;
			await db
				.updateTable('conversationParties')
				.set({ textValuesJson: JSON.stringify(texts) })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', partyId)
				.execute();
		},

		/** The answers in words of the parties the caller may see (as listRatings), by party id. */
		async listTextAnswers(
			organisationId: string,
			conversationIds: readonly string[],
			partyIds: readonly string[]
		): Promise<TextAnswersRecord[]> {
			if (conversationIds.length === 0 || partyIds.length === 0) return [];
			const rows = await db
				.selectFrom('conversationParties')
				.select(['conversationId', 'id', 'textValuesJson'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', 'in', conversationIds)
				.where('id', 'in', partyIds)
				.where('textValuesJson', 'is not', null)
				.execute();
			return rows.map((row) => ({
				conversationId: row.conversationId,
				partyId: row.id,
				texts: JSON.parse(row.textValuesJson ?? '{}') as Record<string, string>
			}));
		},

		async countRatings(organisationId: string, conversationId: string): Promise<number> {
			const row = await db
				.selectFrom('ratings')
				.select((eb) => eb.fn.countAll<number | string>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		async saveReflection(input: {
			organisationId: string;
			conversationId: string;
			partyId: string;
			itemKey: string;
			mostSatisfied: string | null;
			leastSatisfied: string | null;
			mostNotedByProfessional: boolean;
			leastNotedByProfessional: boolean;
			now: string;
		}): Promise<void> {
			const { now, ...row } = input;
			const texts = {
				mostSatisfied: input.mostSatisfied,
				leastSatisfied: input.leastSatisfied,
				mostNotedByProfessional: fromBoolean(input.mostNotedByProfessional),
				leastNotedByProfessional: fromBoolean(input.leastNotedByProfessional)
			};
			await db
				.insertInto('reflections')
				.values({ ...row, ...texts, updatedAt: now })
				.onConflict((oc) => oc.columns(['conversationId', 'partyId', 'itemKey']).doUpdateSet({ ...texts, updatedAt: now }))
				.execute();
		},

		async listReflections(organisationId: string, conversationId: string, partyIds: readonly string[]): Promise<ReflectionRecord[]> {
			if (partyIds.length === 0) return [];
			const { rows } = await listReflectionsStatement(db, { organisationId, conversationId, partyIds });
			return rows.map((row) => ({
				...row,
				mostNotedByProfessional: toBoolean(row.mostNotedByProfessional),
				leastNotedByProfessional: toBoolean(row.leastNotedByProfessional)
			}));
		}
	};
}
