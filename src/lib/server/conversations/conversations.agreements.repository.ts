import type { Kysely } from 'kysely';
import { reusableStatement } from '#lib/server/db/reusable.ts';
import {
	fromBoolean,
	toBoolean,
	type AgreementActionKind,
	type AgreementStatus,
	type AgreementWho,
	type Database,
	type ReviewOutcome
} from '#lib/server/db/schema.ts';

export interface AgreementRecord {
	id: string;
	collaborationId: string;
	conversationId: string;
	what: string;
	who: AgreementWho;
	whoOther: string | null;
	dueOn: string;
	successMeasure: string;
	status: AgreementStatus;
	carriedOverFrom: string | null;
	createdAt: string;
	/** A learning conversation's action: what we keep or what we change (null for a quick check's agreement). */
	actionKind?: AgreementActionKind | null;
	/** An action's "what is needed". */
	needed?: string | null;
}

export interface ReviewRecord {
	id: string;
	agreementId: string;
	conversationId: string;
	outcome: ReviewOutcome;
	note: string | null;
	carriedOver: boolean;
	createdAt: string;
}

/** One party's own choice of how an agreement went, in this conversation's review. */
export interface ReviewChoiceRecord {
	agreementId: string;
	partyId: string;
	outcome: ReviewOutcome;
}

const AGREEMENT_COLUMNS = [
	'id',
	'collaborationId',
	'conversationId',
	'what',
	'who',
	'whoOther',
	'dueOn',
	'successMeasure',
	'status',
	'carriedOverFrom',
	'createdAt',
	'actionKind',
	'needed'
] as const;
const REVIEW_COLUMNS = ['id', 'agreementId', 'conversationId', 'outcome', 'note', 'carriedOver', 'createdAt'] as const;

function toReview(row: Omit<ReviewRecord, 'carriedOver'> & { carriedOver: boolean | number }): ReviewRecord {
	return { ...row, carriedOver: toBoolean(row.carriedOver) };
}

/*
 * The page after each answer (GET /c) shows the agreements and their reviews: these reads are
 * built and compiled once (db/reusable.ts). Oldest first; the id breaks ties so both databases
 * list the same order.
 */
const listAgreementsStatement = reusableStatement(
	(db: Kysely<Database>, { organisationId, collaborationId }: { organisationId: string; collaborationId: string }) =>
		db
			.selectFrom('agreements')
			.select(AGREEMENT_COLUMNS)
			.where('organisationId', '=', organisationId)
			.where('collaborationId', '=', collaborationId)
			.orderBy('createdAt')
			.orderBy('id')
);

const listReviewsStatement = reusableStatement(
	(db: Kysely<Database>, { organisationId, conversationIds }: { organisationId: string; conversationIds: readonly string[] }) =>
		db
			.selectFrom('agreementReviews')
			.select(REVIEW_COLUMNS)
			.where('organisationId', '=', organisationId)
			.where('conversationId', 'in', conversationIds)
			.orderBy('createdAt')
			.orderBy('id')
);

const listReviewChoicesStatement = reusableStatement(
	(db: Kysely<Database>, { organisationId, conversationId }: { organisationId: string; conversationId: string }) =>
		db
			.selectFrom('agreementReviewChoices')
			.select(['agreementId', 'partyId', 'outcome'])
			.where('organisationId', '=', organisationId)
			.where('conversationId', '=', conversationId)
			.orderBy('agreementId')
			.orderBy('partyId')
);

/** Agreements belong to the collaboration; reviews to the conversation that looked back on them. */
export function createAgreementQueries(db: Kysely<Database>) {
	return {
		async insertAgreement(input: AgreementRecord & { organisationId: string }): Promise<void> {
			await db.insertInto('agreements').values(input).execute();
		},

		async updateAgreement(
			organisationId: string,
			agreementId: string,
			changes: Partial<Pick<AgreementRecord, 'what' | 'who' | 'whoOther' | 'dueOn' | 'successMeasure' | 'status' | 'actionKind' | 'needed'>>
		): Promise<void> {
			await db.updateTable('agreements').set(changes).where('organisationId', '=', organisationId).where('id', '=', agreementId).execute();
		},

		async deleteAgreement(organisationId: string, collaborationId: string, agreementId: string): Promise<void> {
			await db
				.deleteFrom('agreements')
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('id', '=', agreementId)
				.execute();
		},

		async findAgreement(organisationId: string, collaborationId: string, agreementId: string): Promise<AgreementRecord | undefined> {
			return db
				.selectFrom('agreements')
				.select(AGREEMENT_COLUMNS)
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('id', '=', agreementId)
				.executeTakeFirst();
		},

		/** Oldest first; the id breaks ties so both databases list the same order. */
		async listAgreements(organisationId: string, collaborationId: string): Promise<AgreementRecord[]> {
			const { rows } = await listAgreementsStatement(db, { organisationId, collaborationId });
			return rows;
		},

		async countOpenAgreements(organisationId: string, collaborationId: string): Promise<number> {
			const row = await db
				.selectFrom('agreements')
				.select((eb) => eb.fn.countAll<number | string>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('status', '=', 'open')
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		async insertReview(input: ReviewRecord & { organisationId: string }): Promise<void> {
			await db
				.insertInto('agreementReviews')
				.values({ ...input, carriedOver: fromBoolean(input.carriedOver) })
				.execute();
		},

		async deleteReview(organisationId: string, conversationId: string, reviewId: string): Promise<void> {
			await db
				.deleteFrom('agreementReviews')
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', reviewId)
				.execute();
		},

		async listReviews(organisationId: string, conversationIds: readonly string[]): Promise<ReviewRecord[]> {
			if (conversationIds.length === 0) return [];
			const { rows } = await listReviewsStatement(db, { organisationId, conversationIds });
			return rows.map(toReview);
		},

		/** Replaces the party's earlier choice for this agreement, if any. */
		async saveReviewChoice(
			input: ReviewChoiceRecord & { organisationId: string; conversationId: string; updatedAt: string }
		): Promise<void> {
			await db
				.deleteFrom('agreementReviewChoices')
				.where('organisationId', '=', input.organisationId)
				.where('conversationId', '=', input.conversationId)
				.where('agreementId', '=', input.agreementId)
				.where('partyId', '=', input.partyId)
				.execute();
			await db.insertInto('agreementReviewChoices').values(input).execute();
		},

		async listReviewChoices(organisationId: string, conversationId: string): Promise<ReviewChoiceRecord[]> {
			const { rows } = await listReviewChoicesStatement(db, { organisationId, conversationId });
			return rows;
		}
	};
}
