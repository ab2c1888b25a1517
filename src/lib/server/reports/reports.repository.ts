import type { Kysely } from 'kysely';
import type { AgreementActionKind, Database } from '#lib/server/db/schema.ts';

/**
 * What a learning conversation produced, read for its report: safety needs, chosen topics,
 * A/B/C sheets, handed wish cards, the evaluation, and the action details of its agreements.
 * These tables belong to the learning conversation; the report only reads them (the one
 * exception to "a feature reads only its own tables", agreed for the report). Every query is
 * scoped by organisation and conversation.
 */

export interface SafetyRecord {
	partyId: string;
	/** Suggestion keys, as stored (JSON array). */
	suggestions: string[];
	ownWords: string | null;
}

export interface TopicRecord {
	id: string;
	deckId: string | null;
	cardKey: string | null;
	ownText: string | null;
	position: number;
}

export interface RecordingMomentRecord {
	partyId: string;
	atSeconds: number;
	note: string;
	topicId: string | null;
}

export interface SheetRecord {
	topicId: string;
	partyId: string;
	aText: string | null;
	bText: string | null;
	cText: string | null;
	/** Typed in from paper (docs/decisions/020): the day it was filled in; null when written on a screen. */
	paperFilledOn: string | null;
}

export interface HandedWishRecord {
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
}

export interface ActionDetails {
	agreementId: string;
	actionKind: AgreementActionKind | null;
	needed: string | null;
}

function parseKeys(json: string): string[] {
	try {
		const parsed: unknown = JSON.parse(json);
		return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
	} catch {
		return [];
	}
}

export function createReportsRepository(db: Kysely<Database>) {
	return {
		async listSafety(organisationId: string, conversationId: string): Promise<SafetyRecord[]> {
			const rows = await db
				.selectFrom('conversationSafety')
				.select(['partyId', 'suggestionsJson', 'ownWords'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.orderBy('partyId')
				.execute();
			return rows.map((row) => ({ partyId: row.partyId, suggestions: parseKeys(row.suggestionsJson), ownWords: row.ownWords }));
		},

		/** In the order they were chosen; the id breaks ties so both databases agree. */
		async listTopics(organisationId: string, conversationId: string): Promise<TopicRecord[]> {
			return db
				.selectFrom('conversationTopics')
				.select(['id', 'deckId', 'cardKey', 'ownText', 'position'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.orderBy('position')
				.orderBy('id')
				.execute();
		},

		async listSheets(organisationId: string, conversationId: string): Promise<SheetRecord[]> {
			return db
				.selectFrom('topicSheets')
				.select(['topicId', 'partyId', 'aText', 'bText', 'cText', 'paperFilledOn'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.orderBy('topicId')
				.orderBy('partyId')
				.execute();
		},

		async listHandedWishes(organisationId: string, conversationId: string): Promise<HandedWishRecord[]> {
			return db
				.selectFrom('handedWishes')
				.select(['partyId', 'deckId', 'cardKey', 'handedAt'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.orderBy('handedAt')
				.orderBy('cardKey')
				.execute();
		},

		/** Moments of a recorded session, in the recording's order. */
		async listRecordingMoments(organisationId: string, conversationId: string): Promise<RecordingMomentRecord[]> {
			return db
				.selectFrom('recordingMoments')
				.select(['partyId', 'atSeconds', 'note', 'topicId'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.orderBy('atSeconds')
				.orderBy('id')
				.execute();
		},

		async listEvaluations(organisationId: string, conversationId: string): Promise<EvaluationRecord[]> {
			return db
				.selectFrom('conversationEvaluations')
				.select(['partyId', 'clarity', 'overall', 'remark'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.orderBy('partyId')
				.execute();
		},

		/** Keep or change, and what is needed: the learning conversation's parts of its agreements. */
		async listActionDetails(organisationId: string, conversationId: string): Promise<ActionDetails[]> {
			const rows = await db
				.selectFrom('agreements')
				.select(['id', 'actionKind', 'needed'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.execute();
			return rows.map((row) => ({ agreementId: row.id, actionKind: row.actionKind, needed: row.needed }));
		}
	};
}
