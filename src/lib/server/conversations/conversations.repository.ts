import type { Kysely } from 'kysely';
import { attachHandoverNotice } from '#lib/server/collaborations/handover.repository.ts';
import { fromBoolean, toBoolean, type Audience, type ConversationPhase, type Database, type Method } from '#lib/server/db/schema.ts';
import { reusableStatement } from '#lib/server/db/reusable.ts';
import { createAgreementQueries } from './conversations.agreements.repository.ts';
import { createAnswerQueries } from './conversations.answers.repository.ts';
import { UNFINISHED_PHASES, type PartyKind } from './conversations.models.ts';

export interface ConversationRecord {
	id: string;
	organisationId: string;
	collaborationId: string;
	method: Method;
	instrumentId: string | null;
	phase: ConversationPhase;
	startedBy: string | null;
	startedAt: string;
	revealedAt: string | null;
	endedAt: string | null;
	joinCode: string | null;
	summary: string | null;
	/** A learning conversation's planned day, YYYY-MM-DD. */
	scheduledOn?: string | null;
	version: number;
}

export interface PartyRecord {
	id: string;
	kind: PartyKind;
	participantId: string | null;
	userId: string | null;
	present: boolean;
	submittedAt: string | null;
	/** Answers typed in from paper: the day the form was filled in (YYYY-MM-DD); null (or left out) on a device. */
	paperFilledOn?: string | null;
}

/** A party with, for a client, their participant's audience (a child answers with smileys). */
export interface PartyWithAudience extends PartyRecord {
	audience: Audience | null;
}

/**
 * Named rather than `*`, so the statements can stay prepared on PostgreSQL even when a newer
 * instance's migration adds a column (see withPreparedStatements in db/database.ts).
 */
const CONVERSATION_COLUMNS = [
	'id',
	'organisationId',
	'collaborationId',
	'method',
	'instrumentId',
	'phase',
	'startedBy',
	'startedAt',
	'revealedAt',
	'endedAt',
	'joinCode',
	'summary',
	'version'
] as const satisfies readonly (keyof ConversationRecord)[];

const PARTY_COLUMNS = ['id', 'kind', 'participantId', 'userId', 'present', 'submittedAt', 'paperFilledOn'] as const;

function toParty(row: Omit<PartyRecord, 'present'> & { present: boolean | number }): PartyRecord {
	return { ...row, present: toBoolean(row.present) };
}

type InConversation = { organisationId: string; conversationId: string };

/*
 * The statements of a rating submission (and of every other change: the lock), built and
 * compiled once (db/reusable.ts).
 */
const lockForChangeStatement = reusableStatement((db: Kysely<Database>, { organisationId, conversationId }: InConversation) =>
	db
		.updateTable('conversations')
		.set((eb) => ({ version: eb('version', '+', 1) }))
		.where('organisationId', '=', organisationId)
		.where('id', '=', conversationId)
		.returning(CONVERSATION_COLUMNS)
);

const listPartiesWithAudienceStatement = reusableStatement(
	(db: Kysely<Database>, { organisationId, collaborationId, conversationId }: InConversation & { collaborationId: string }) =>
		db
			.selectFrom('conversationParties as cp')
			.leftJoin('participants as p', (join) =>
				join
					.onRef('p.organisationId', '=', 'cp.organisationId')
					.onRef('p.id', '=', 'cp.participantId')
					.on('p.collaborationId', '=', collaborationId)
			)
			.select(['cp.id', 'cp.kind', 'cp.participantId', 'cp.userId', 'cp.present', 'cp.submittedAt', 'cp.paperFilledOn', 'p.audience'])
			.where('cp.organisationId', '=', organisationId)
			.where('cp.conversationId', '=', conversationId)
			.orderBy('cp.kind')
			.orderBy('cp.id')
);

const markSubmittedStatement = reusableStatement(
	(
		db: Kysely<Database>,
		{
			organisationId,
			conversationId,
			partyId,
			now,
			paperFilledOn
		}: InConversation & { partyId: string; now: string; paperFilledOn: string | null }
	) =>
		db
			.updateTable('conversationParties')
			.set({ submittedAt: now, paperFilledOn })
			.where('organisationId', '=', organisationId)
			.where('conversationId', '=', conversationId)
			.where('id', '=', partyId)
			.where('submittedAt', 'is', null)
);

/*
 * The reads of the page a phone loads after each answer (GET /c, the conversation and its
 * parties), built and compiled once (db/reusable.ts).
 */
const findConversationStatement = reusableStatement((db: Kysely<Database>, { organisationId, conversationId }: InConversation) =>
	db.selectFrom('conversations').select(CONVERSATION_COLUMNS).where('organisationId', '=', organisationId).where('id', '=', conversationId)
);

const listPartiesStatement = reusableStatement((db: Kysely<Database>, { organisationId, conversationId }: InConversation) =>
	db
		.selectFrom('conversationParties')
		.select(PARTY_COLUMNS)
		.where('organisationId', '=', organisationId)
		.where('conversationId', '=', conversationId)
		.orderBy('kind')
		.orderBy('id')
);

/** Conversations and their parties; every query is scoped by organisation and parent. */
function createConversationQueries(db: Kysely<Database>) {
	return {
		/** `scheduledOn`: a learning conversation's planned day. */
		async insertConversation(
			input: Omit<ConversationRecord, 'revealedAt' | 'endedAt' | 'summary' | 'version'> & { scheduledOn?: string | null }
		): Promise<void> {
			await db
				.insertInto('conversations')
				.values({ ...input, scheduledOn: input.scheduledOn ?? null, revealedAt: null, endedAt: null, summary: null, version: 0 })
				.execute();
			// The first conversation after a handover tells the client the new professional's name (once).
			await attachHandoverNotice(db, {
				organisationId: input.organisationId,
				collaborationId: input.collaborationId,
				conversationId: input.id
			});
		},

		async insertParty(
			input: Omit<PartyRecord, 'submittedAt' | 'paperFilledOn'> & { organisationId: string; conversationId: string }
		): Promise<void> {
			await db
				.insertInto('conversationParties')
				.values({ ...input, present: fromBoolean(input.present), submittedAt: null, claimedAt: null, paperFilledOn: null })
				.execute();
		},

		async findConversation(organisationId: string, conversationId: string): Promise<ConversationRecord | undefined> {
			const { rows } = await findConversationStatement(db, { organisationId, conversationId });
			return rows[0];
		},

		/** The conversation's version (raised by every change a page shows); null when the conversation is gone. */
		async findConversationVersion(organisationId: string, conversationId: string): Promise<number | null> {
			const row = await db
				.selectFrom('conversations')
				.select('version')
				.where('organisationId', '=', organisationId)
				.where('id', '=', conversationId)
				.executeTakeFirst();
			return row ? Number(row.version) : null;
		},

		async findUnfinishedQuickCheck(organisationId: string, collaborationId: string): Promise<ConversationRecord | undefined> {
			return db
				.selectFrom('conversations')
				.select(CONVERSATION_COLUMNS)
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('method', '=', 'quickCheck')
				.where('phase', 'in', ['review', 'rating', 'revealed', 'reflection', 'agreement'])
				.executeTakeFirst();
		},

		/**
		 * The conversations still going on (or planned) in the collaborations this professional
		 * holds or co-holds, oldest first: the start page's "to resume" list.
		 */
		async listUnfinishedForProfessional(organisationId: string, userId: string) {
			return db
				.selectFrom('conversations as c')
				.innerJoin('collaborationProfessionals as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.collaborationId', '=', 'c.collaborationId')
				)
				.innerJoin('collaborations as co', (j) =>
					j.onRef('co.organisationId', '=', 'c.organisationId').onRef('co.id', '=', 'c.collaborationId')
				)
				.select(['c.id', 'c.collaborationId', 'co.label', 'c.method', 'c.phase', 'c.startedAt', 'c.scheduledOn'])
				.where('c.organisationId', '=', organisationId)
				.where('cp.userId', '=', userId)
				.where('c.phase', 'in', [...UNFINISHED_PHASES])
				.orderBy('c.startedAt')
				.orderBy('c.id')
				.execute();
		},

		/** Newest first; the id breaks ties so both databases list the same order. */
		async listForCollaboration(organisationId: string, collaborationId: string): Promise<ConversationRecord[]> {
			return db
				.selectFrom('conversations')
				.select(CONVERSATION_COLUMNS)
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.orderBy('startedAt', 'desc')
				.orderBy('id', 'desc')
				.execute();
		},

		/**
		 * The first statement of every change: bumps the version and so locks the row (PostgreSQL)
		 * until the transaction ends, which serialises concurrent changes to one conversation —
		 * e.g. two last submissions cannot both miss the other and skip the reveal.
		 */
		async lockForChange(organisationId: string, conversationId: string): Promise<ConversationRecord | undefined> {
			return (await lockForChangeStatement(db, { organisationId, conversationId })).rows[0];
		},

		async updateConversation(
			organisationId: string,
			conversationId: string,
			changes: Partial<Pick<ConversationRecord, 'phase' | 'revealedAt' | 'endedAt' | 'joinCode' | 'summary' | 'startedAt'>>
		): Promise<void> {
			await db
				.updateTable('conversations')
				.set(changes)
				.where('organisationId', '=', organisationId)
				.where('id', '=', conversationId)
				.execute();
		},

		async listParties(organisationId: string, conversationId: string): Promise<PartyRecord[]> {
			const { rows } = await listPartiesStatement(db, { organisationId, conversationId });
			return rows.map(toParty);
		},

		/** listParties in the same order, with each client party's audience, in one statement. */
		async listPartiesWithAudience(organisationId: string, collaborationId: string, conversationId: string): Promise<PartyWithAudience[]> {
			const { rows } = await listPartiesWithAudienceStatement(db, { organisationId, collaborationId, conversationId });
			return rows.map(({ audience, ...row }) => ({ ...toParty(row), audience: audience ?? null }));
		},

		async listPartiesOf(organisationId: string, conversationIds: readonly string[]): Promise<(PartyRecord & { conversationId: string })[]> {
			if (conversationIds.length === 0) return [];
			const rows = await db
				.selectFrom('conversationParties')
				.select([...PARTY_COLUMNS, 'conversationId'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', 'in', conversationIds)
				.orderBy('kind')
				.orderBy('id')
				.execute();
			return rows.map((row) => ({ ...toParty(row), conversationId: row.conversationId }));
		},

		/** True when the party had not submitted yet (and now has). `paperFilledOn`: typed in from paper, filled in that day. */
		async markSubmitted(
			organisationId: string,
			conversationId: string,
			partyId: string,
			now: string,
			paperFilledOn: string | null = null
		): Promise<boolean> {
			const result = await markSubmittedStatement(db, { organisationId, conversationId, partyId, now, paperFilledOn });
			return Number(result.numAffectedRows ?? 0) === 1;
		},

		async setPresent(organisationId: string, conversationId: string, partyId: string, present: boolean): Promise<boolean> {
			const result = await db
				.updateTable('conversationParties')
				.set({ present: fromBoolean(present) })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', partyId)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) === 1;
		}
	};
}

/** The one repository of this feature, in three parts to keep files small. */
export function createConversationsRepository(db: Kysely<Database>) {
	return { ...createConversationQueries(db), ...createAnswerQueries(db), ...createAgreementQueries(db) };
}

export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;
