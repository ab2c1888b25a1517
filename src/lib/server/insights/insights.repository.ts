import { sql, type Kysely } from 'kysely';
import { chunks } from '#lib/server/db/chunks.ts';
import type { Database, ReviewOutcome } from '#lib/server/db/schema.ts';
import type { PartyKind } from './insights.models.ts';
import type { TrendConversation, TrendParty, TrendRating } from './insights.trends.ts';
import { createPublishedFiguresRepository } from './published-figures.repository.ts';

export type { CellRow } from './published-figures.repository.ts';

/**
 * The reads insights need, aggregated in SQL where the data is large. Every query is scoped by
 * organisation, and every read of ratings goes through `closedConversations`: a conversation
 * counts only once it is closed (and, for a quick check, revealed), so a rating hidden by the
 * blind rule never leaves the database here.
 */

/** Methods whose conversations count for the rhythm (session feedback is about a session, not the collaboration). */
const RHYTHM_METHODS = ['quickCheck', 'learningConversation'] as const;

/** The one filter for "counts in insights": closed, and for a quick check also revealed. */
const COUNTED = sql<boolean>`${sql.ref('c.phase')} = 'closed' and (${sql.ref('c.method')} <> 'quickCheck' or ${sql.ref('c.revealedAt')} is not null)`;

export function createInsightsRepository(db: Kysely<Database>) {
	const closedConversations = (organisationId: string) =>
		db.selectFrom('conversations as c').where('c.organisationId', '=', organisationId).where(COUNTED);

	return {
		...createPublishedFiguresRepository(db),

		async listClosedConversations(organisationId: string, collaborationId: string): Promise<TrendConversation[]> {
			const rows = await closedConversations(organisationId)
				.select(['c.id', 'c.endedAt'])
				.where('c.collaborationId', '=', collaborationId)
				.execute();
			return rows.map((row) => ({ id: row.id, endedAt: row.endedAt ?? '' }));
		},

		async listParties(organisationId: string, conversationIds: readonly string[]): Promise<TrendParty[]> {
			const result: TrendParty[] = [];
			for (const ids of chunks(conversationIds)) {
				result.push(
					...(await db
						.selectFrom('conversationParties')
						.select(['id', 'conversationId', 'kind', 'participantId', 'userId', 'paperFilledOn'])
						.where('organisationId', '=', organisationId)
						.where('conversationId', 'in', ids)
						.execute())
				);
			}
			return result;
		},

		/** Ratings of conversations the caller already knows to be closed, with their instrument's key. */
		async listRatings(organisationId: string, conversationIds: readonly string[]): Promise<TrendRating[]> {
			const result: TrendRating[] = [];
			for (const ids of chunks(conversationIds)) {
				result.push(
					...(await db
						.selectFrom('ratings as r')
						.innerJoin('instruments as i', 'i.id', 'r.instrumentId')
						.select(['r.conversationId', 'r.partyId', 'i.key as instrumentKey', 'r.itemKey', 'r.value'])
						.where('r.organisationId', '=', organisationId)
						.where('r.conversationId', 'in', ids)
						.execute())
				);
			}
			return result;
		},

		/** How the collaboration's agreements went, as reviewed in its closed conversations. */
		async listReviewOutcomes(organisationId: string, collaborationId: string): Promise<{ outcome: ReviewOutcome }[]> {
			return closedConversations(organisationId)
				.innerJoin('agreementReviews as ar', (j) =>
					j.onRef('ar.organisationId', '=', 'c.organisationId').onRef('ar.conversationId', '=', 'c.id')
				)
				.select('ar.outcome')
				.where('c.collaborationId', '=', collaborationId)
				.execute();
		},

		/** The professional's own parties in closed conversations of collaborations they (co-)hold now. */
		async listOwnParties(organisationId: string, userId: string): Promise<{ partyId: string; conversationId: string; endedAt: string }[]> {
			const rows = await closedConversations(organisationId)
				.innerJoin('collaborationProfessionals as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.collaborationId', '=', 'c.collaborationId')
				)
				.innerJoin('conversationParties as p', (j) =>
					j.onRef('p.organisationId', '=', 'c.organisationId').onRef('p.conversationId', '=', 'c.id')
				)
				.select(['p.id as partyId', 'c.id as conversationId', 'c.endedAt'])
				.where('cp.userId', '=', userId)
				.where('p.userId', '=', userId)
				.where('p.kind', '=', 'professional')
				.execute();
			return rows.map((row) => ({ ...row, endedAt: row.endedAt ?? '' }));
		},

		/** Closed conversations with their collaboration's label, for the professional's export. */
		async listOwnConversations(
			organisationId: string,
			userId: string
		): Promise<{ conversationId: string; collaborationId: string; label: string; method: string; endedAt: string }[]> {
			const rows = await closedConversations(organisationId)
				.innerJoin('collaborationProfessionals as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.collaborationId', '=', 'c.collaborationId')
				)
				.innerJoin('collaborations as co', (j) =>
					j.onRef('co.organisationId', '=', 'c.organisationId').onRef('co.id', '=', 'c.collaborationId')
				)
				.select(['c.id as conversationId', 'c.collaborationId', 'co.label', 'c.method', 'c.endedAt'])
				.where('cp.userId', '=', userId)
				.orderBy('c.endedAt')
				.orderBy('c.id')
				.execute();
			return rows.map((row) => ({ ...row, endedAt: row.endedAt ?? '' }));
		},

		async listOpenAgreements(
			organisationId: string,
			userId: string
		): Promise<{ id: string; collaborationId: string; label: string; what: string; dueOn: string }[]> {
			return db
				.selectFrom('agreements as a')
				.innerJoin('collaborationProfessionals as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'a.organisationId').onRef('cp.collaborationId', '=', 'a.collaborationId')
				)
				.innerJoin('collaborations as co', (j) =>
					j.onRef('co.organisationId', '=', 'a.organisationId').onRef('co.id', '=', 'a.collaborationId')
				)
				.select(['a.id', 'a.collaborationId', 'co.label', 'a.what', 'a.dueOn'])
				.where('a.organisationId', '=', organisationId)
				.where('cp.userId', '=', userId)
				.where('a.status', '=', 'open')
				.where('co.status', '=', 'open')
				.orderBy('a.dueOn')
				.orderBy('a.id')
				.execute();
		},

		/** The newest version of each instrument key the organisation may use (built-in or its own). */
		async listLatestInstruments(organisationId: string, keys: readonly string[]): Promise<{ key: string; contentJson: string }[]> {
			if (keys.length === 0) return [];
			const rows = await db
				.selectFrom('instruments')
				.select(['key', 'version', 'contentJson'])
				.where('key', 'in', keys)
				.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
				.orderBy('key')
				.orderBy('version', 'desc')
				.execute();
			const seen = new Set<string>();
			return rows.filter((row) => !seen.has(row.key) && seen.add(row.key));
		},

		/**
		 * Per holder, instrument, item and kind of party: ratings of conversations closed in
		 * [start, end), and on how many of the holder's collaborations they rest.
		 */
		async ratingFacts(
			organisationId: string,
			start: string,
			end: string
		): Promise<
			{
				holderId: string | null;
				instrumentKey: string;
				itemKey: string;
				kind: PartyKind;
				collaborations: number;
				count: number;
				sum: number;
			}[]
		> {
			const rows = await closedConversations(organisationId)
				.innerJoin('ratings as r', (j) => j.onRef('r.organisationId', '=', 'c.organisationId').onRef('r.conversationId', '=', 'c.id'))
				.innerJoin('conversationParties as p', (j) => j.onRef('p.organisationId', '=', 'r.organisationId').onRef('p.id', '=', 'r.partyId'))
				.innerJoin('instruments as i', 'i.id', 'r.instrumentId')
				.leftJoin('collaborationProfessionals as cp', (j) =>
					j
						.onRef('cp.organisationId', '=', 'c.organisationId')
						.onRef('cp.collaborationId', '=', 'c.collaborationId')
						.on('cp.role', '=', 'holder')
				)
				.select(['cp.userId as holderId', 'i.key as instrumentKey', 'r.itemKey', 'p.kind'])
				.select((eb) => [
					eb.fn.count<number>('c.collaborationId').distinct().as('collaborations'),
					eb.fn.countAll<number>().as('count'),
					eb.fn.sum<number>('r.value').as('sum')
				])
				.where('c.endedAt', '>=', start)
				.where('c.endedAt', '<', end)
				.groupBy(['cp.userId', 'i.key', 'r.itemKey', 'p.kind'])
				.execute();
			return rows.map((row) => ({ ...row, collaborations: Number(row.collaborations), count: Number(row.count), sum: Number(row.sum) }));
		},

		/** Per holder: reviews made in conversations closed in [start, end), by outcome, and on how many collaborations. */
		async reviewFacts(
			organisationId: string,
			start: string,
			end: string
		): Promise<{ holderId: string | null; collaborations: number; done: number; partly: number; notDone: number }[]> {
			const rows = await closedConversations(organisationId)
				.innerJoin('agreementReviews as ar', (j) =>
					j.onRef('ar.organisationId', '=', 'c.organisationId').onRef('ar.conversationId', '=', 'c.id')
				)
				.leftJoin('collaborationProfessionals as cp', (j) =>
					j
						.onRef('cp.organisationId', '=', 'c.organisationId')
						.onRef('cp.collaborationId', '=', 'c.collaborationId')
						.on('cp.role', '=', 'holder')
				)
				.select('cp.userId as holderId')
				.select((eb) => {
					const outcome = (value: ReviewOutcome) =>
						eb.fn.sum<number>(eb.case().when('ar.outcome', '=', value).then(1).else(0).end()).as(value);
					return [
						eb.fn.count<number>('c.collaborationId').distinct().as('collaborations'),
						outcome('done'),
						outcome('partly'),
						outcome('notDone')
					];
				})
				.where('c.endedAt', '>=', start)
				.where('c.endedAt', '<', end)
				.groupBy('cp.userId')
				.execute();
			return rows.map((row) => ({
				holderId: row.holderId,
				collaborations: Number(row.collaborations),
				done: Number(row.done),
				partly: Number(row.partly),
				notDone: Number(row.notDone)
			}));
		},

		/** Collaborations with a rhythm that were open at `end`, with their holder. */
		async listCollaborationsForCoverage(
			organisationId: string,
			end: string
		): Promise<{ id: string; holderId: string | null; createdAt: string; closedAt: string | null; rhythmWeeks: number | null }[]> {
			return db
				.selectFrom('collaborations as co')
				.leftJoin('collaborationProfessionals as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'co.organisationId').onRef('cp.collaborationId', '=', 'co.id').on('cp.role', '=', 'holder')
				)
				.select(['co.id', 'cp.userId as holderId', 'co.createdAt', 'co.closedAt', 'co.rhythmWeeks'])
				.where('co.organisationId', '=', organisationId)
				.where('co.rhythmWeeks', 'is not', null)
				.where('co.createdAt', '<', end)
				.where((eb) => eb.or([eb('co.closedAt', 'is', null), eb('co.closedAt', '>=', end)]))
				.execute();
		},

		/**
		 * Per collaboration: when its last conversation that counts for the rhythm closed in
		 * [since, end). `since` bounds the scan: nothing older can be within a rhythm.
		 */
		async lastClosedBefore(organisationId: string, since: string, end: string): Promise<Map<string, string>> {
			const rows = await closedConversations(organisationId)
				.select(['c.collaborationId'])
				.select((eb) => eb.fn.max('c.endedAt').as('last'))
				.where('c.method', 'in', RHYTHM_METHODS)
				.where('c.endedAt', '>=', since)
				.where('c.endedAt', '<', end)
				.groupBy('c.collaborationId')
				.execute();
			return new Map(rows.flatMap((row) => (row.last ? [[row.collaborationId, toIso(row.last)]] : [])));
		},

		async listTeamMemberships(organisationId: string): Promise<{ teamId: string; userId: string }[]> {
			return db.selectFrom('teamMembers').select(['teamId', 'userId']).where('organisationId', '=', organisationId).execute();
		},

		async listTeams(organisationId: string): Promise<{ id: string; name: string; createdAt: string }[]> {
			return db.selectFrom('teams').select(['id', 'name', 'createdAt']).where('organisationId', '=', organisationId).execute();
		},

		async listLedTeamIds(organisationId: string, userId: string): Promise<string[]> {
			const rows = await db
				.selectFrom('teamMembers')
				.select('teamId')
				.where('organisationId', '=', organisationId)
				.where('userId', '=', userId)
				.where('role', '=', 'lead')
				.execute();
			return rows.map((row) => row.teamId);
		}
	};
}

/** max() of a timestamp: a Date on PostgreSQL (made ISO by the plugin), text on SQLite. */
function toIso(value: unknown): string {
	return value instanceof Date ? value.toISOString() : String(value);
}

export type InsightsRepository = ReturnType<typeof createInsightsRepository>;
