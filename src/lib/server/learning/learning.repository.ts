import type { Kysely } from 'kysely';
import type { Database } from '#lib/server/db/schema.ts';

export interface SafetyRecord {
	partyId: string;
	suggestionsJson: string;
	ownWords: string | null;
	updatedAt: string;
}

export interface TopicRecord {
	id: string;
	deckId: string | null;
	cardKey: string | null;
	ownText: string | null;
	position: number;
	createdAt: string;
}

export interface SheetRecord {
	topicId: string;
	partyId: string;
	aText: string | null;
	bText: string | null;
	cText: string | null;
	updatedAt: string;
	/** Typed in from paper (docs/decisions/020): the day it was filled in; null when written on a screen. */
	paperFilledOn: string | null;
}

export interface WishRecord {
	partyId: string;
	deckId: string;
	cardKey: string;
	handedAt: string;
}

export interface EvaluationRecord {
	partyId: string;
	clarity: number | null;
	overall: number | null;
	remark: string | null;
	updatedAt: string;
}

export interface MomentRecord {
	id: string;
	partyId: string;
	atSeconds: number;
	note: string;
	/** The topic the moment is about, or null. */
	topicId: string | null;
	createdAt: string;
}

type Scope = { organisationId: string; conversationId: string };

/**
 * What a learning conversation produces: safety, chosen topics, sheets, handed wish cards,
 * evaluations and moments of a recording. Every query is scoped by organisation and conversation.
 */
function createLearningQueries(db: Kysely<Database>) {
	return {
		async listSafety(scope: Scope): Promise<SafetyRecord[]> {
			return db
				.selectFrom('conversationSafety')
				.select(['partyId', 'suggestionsJson', 'ownWords', 'updatedAt'])
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.orderBy('partyId')
				.execute();
		},

		async saveSafety(
			scope: Scope,
			input: { partyId: string; suggestionsJson: string; ownWords: string | null; now: string }
		): Promise<void> {
			const values = { suggestionsJson: input.suggestionsJson, ownWords: input.ownWords, updatedAt: input.now };
			await db
				.insertInto('conversationSafety')
				.values({ ...scope, partyId: input.partyId, ...values })
				.onConflict((oc) => oc.columns(['conversationId', 'partyId']).doUpdateSet(values))
				.execute();
		},

		/** In the order chosen; the id breaks ties so both databases list the same order. */
		async listTopics(scope: Scope): Promise<TopicRecord[]> {
			return db
				.selectFrom('conversationTopics')
				.select(['id', 'deckId', 'cardKey', 'ownText', 'position', 'createdAt'])
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.orderBy('position')
				.orderBy('id')
				.execute();
		},

		async insertTopic(scope: Scope, topic: TopicRecord): Promise<void> {
			await db
				.insertInto('conversationTopics')
				.values({ ...scope, ...topic })
				.execute();
		},

		/** The topic's sheets go with it (foreign key cascade). True when this conversation had the topic. */
		async deleteTopic(scope: Scope, topicId: string): Promise<boolean> {
			// A moment about this topic stays, about no topic.
			await db
				.updateTable('recordingMoments')
				.set({ topicId: null })
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.where('topicId', '=', topicId)
				.execute();
			const result = await db
				.deleteFrom('conversationTopics')
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.where('id', '=', topicId)
				.executeTakeFirst();
			return Number(result.numDeletedRows) === 1;
		},

		async listSheets(scope: Scope): Promise<SheetRecord[]> {
			return db
				.selectFrom('topicSheets')
				.select(['topicId', 'partyId', 'aText', 'bText', 'cText', 'updatedAt', 'paperFilledOn'])
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.orderBy('topicId')
				.orderBy('partyId')
				.execute();
		},

		/**
		 * Writes one party's side of a topic's sheet. Written on a screen, it is no longer what a
		 * paper said: the "op papier" mark goes, unless `paperFilledOn` says it stays (docs/decisions/020).
		 */
		async saveSheet(
			scope: Scope,
			sheet: Omit<SheetRecord, 'updatedAt' | 'paperFilledOn'> & { now: string; paperFilledOn?: string | null }
		): Promise<void> {
			const values = {
				aText: sheet.aText,
				bText: sheet.bText,
				cText: sheet.cText,
				updatedAt: sheet.now,
				paperFilledOn: sheet.paperFilledOn ?? null
			};
			await db
				.insertInto('topicSheets')
				.values({ ...scope, topicId: sheet.topicId, partyId: sheet.partyId, ...values })
				.onConflict((oc) => oc.columns(['topicId', 'partyId']).doUpdateSet(values))
				.execute();
		},

		/**
		 * Writes a side typed in from paper, but only where that party's side of the topic holds
		 * nothing yet (no row, or an empty one): false when a screen's save got there first, so a
		 * paper never overwrites a sheet, also when both arrive at once.
		 */
		async writePaperSheet(
			scope: Scope,
			sheet: Omit<SheetRecord, 'updatedAt' | 'paperFilledOn'> & { now: string; paperFilledOn: string }
		): Promise<boolean> {
			const values = {
				aText: sheet.aText,
				bText: sheet.bText,
				cText: sheet.cText,
				updatedAt: sheet.now,
				paperFilledOn: sheet.paperFilledOn
			};
			const inserted = await db
				.insertInto('topicSheets')
				.values({ ...scope, topicId: sheet.topicId, partyId: sheet.partyId, ...values })
				.onConflict((oc) => oc.columns(['topicId', 'partyId']).doNothing())
				.executeTakeFirst();
			if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
			const updated = await db
				.updateTable('topicSheets')
				.set(values)
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.where('topicId', '=', sheet.topicId)
				.where('partyId', '=', sheet.partyId)
				.where('aText', 'is', null)
				.where('bText', 'is', null)
				.where('cText', 'is', null)
				.where('paperFilledOn', 'is', null)
				.executeTakeFirst();
			return Number(updated.numUpdatedRows) > 0;
		},

		async listWishes(scope: Scope): Promise<WishRecord[]> {
			return db
				.selectFrom('handedWishes')
				.select(['partyId', 'deckId', 'cardKey', 'handedAt'])
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.orderBy('handedAt')
				.orderBy('partyId')
				.orderBy('cardKey')
				.execute();
		},

		/** True when the card was handed now; false when this party had handed it already. */
		async insertWish(scope: Scope, wish: WishRecord): Promise<boolean> {
			const result = await db
				.insertInto('handedWishes')
				.values({ ...scope, ...wish })
				.onConflict((oc) => oc.columns(['conversationId', 'partyId', 'deckId', 'cardKey']).doNothing())
				.executeTakeFirst();
			return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
		},

		/** Only the evaluations of `partyIds`: the policy decides whose a viewer may read. */
		async listEvaluations(scope: Scope, partyIds: readonly string[]): Promise<EvaluationRecord[]> {
			if (partyIds.length === 0) return [];
			return db
				.selectFrom('conversationEvaluations')
				.select(['partyId', 'clarity', 'overall', 'remark', 'updatedAt'])
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.where('partyId', 'in', partyIds)
				.orderBy('partyId')
				.execute();
		},

		async saveEvaluation(scope: Scope, evaluation: Omit<EvaluationRecord, 'updatedAt'> & { now: string }): Promise<void> {
			const values = { clarity: evaluation.clarity, overall: evaluation.overall, remark: evaluation.remark, updatedAt: evaluation.now };
			await db
				.insertInto('conversationEvaluations')
				.values({ ...scope, partyId: evaluation.partyId, ...values })
				.onConflict((oc) => oc.columns(['conversationId', 'partyId']).doUpdateSet(values))
				.execute();
		},

		async listMoments(scope: Scope): Promise<MomentRecord[]> {
			return db
				.selectFrom('recordingMoments')
				.select(['id', 'partyId', 'atSeconds', 'note', 'topicId', 'createdAt'])
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.orderBy('atSeconds')
				.orderBy('id')
				.execute();
		},

		async insertMoment(scope: Scope, moment: MomentRecord): Promise<void> {
			await db
				.insertInto('recordingMoments')
				.values({ ...scope, ...moment })
				.execute();
		},

		/** `partyId` limits it to that party's own moments. True when a moment was removed. */
		async deleteMoment(scope: Scope, momentId: string, partyId: string | null): Promise<boolean> {
			let query = db
				.deleteFrom('recordingMoments')
				.where('organisationId', '=', scope.organisationId)
				.where('conversationId', '=', scope.conversationId)
				.where('id', '=', momentId);
			if (partyId !== null) query = query.where('partyId', '=', partyId);
			const result = await query.executeTakeFirst();
			return Number(result.numDeletedRows) === 1;
		}
	};
}

export function createLearningRepository(db: Kysely<Database>) {
	return createLearningQueries(db);
}

export type LearningRepository = ReturnType<typeof createLearningRepository>;
