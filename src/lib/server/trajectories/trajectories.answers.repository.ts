import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { lockedOnPostgres } from '../db/dialect-of.ts';
import { fromBoolean, toBoolean, type Database } from '../db/schema.ts';

export interface ResponseRecord {
	momentId: string;
	participantId: string;
	learningGoal: string;
	goalChangeReason: string | null;
	barrierPersonal: string | null;
	barrierTeam: string | null;
	barrierOrganisation: string | null;
	resourcePersonal: string | null;
	resourceTeam: string | null;
	resourceOrganisation: string | null;
	answers: Record<string, string>;
	explanation: string | null;
	submittedAt: string;
}

export type ResponseInput = Omit<ResponseRecord, 'submittedAt'>;

export interface PairRecord {
	id: string;
	createdAt: string;
	participantIds: string[];
}

export interface BuddyEntryRecord {
	id: string;
	pairId: string;
	authorId: string;
	metOn: string;
	topic: string;
	valuable: boolean;
	reflection: string | null;
	shared: boolean;
	createdAt: string;
}

export interface BuddyEvaluationRecord {
	participantId: string;
	valuable: 'no' | 'somewhat' | 'yes';
	whatHelped: string | null;
	tips: string | null;
	/** The texts may be quoted in the report, without a name. */
	quoteAllowed: boolean;
	submittedAt: string;
}

const RESPONSE_COLUMNS = [
	'momentId',
	'participantId',
	'learningGoal',
	'goalChangeReason',
	'barrierPersonal',
	'barrierTeam',
	'barrierOrganisation',
	'resourcePersonal',
	'resourceTeam',
	'resourceOrganisation',
	'answersJson',
	'explanation',
	'submittedAt'
] as const;

function byText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function toResponse(row: Omit<ResponseRecord, 'answers'> & { answersJson: string }): ResponseRecord {
	const { answersJson, ...rest } = row;
	return { ...rest, answers: JSON.parse(answersJson) as Record<string, string> };
}

/**
 * What participants record: answers per moment, buddy pairs, the buddy log and evaluations.
 * Queries take the participant ids they may return; the usecases decide which ids those are
 * (a participant's own, or the report's consenting participants).
 */
export function createTrajectoryAnswersRepository(db: Kysely<Database>) {
	return {
		async listResponses(organisationId: string, trajectoryId: string, participantIds: readonly string[]): Promise<ResponseRecord[]> {
			if (participantIds.length === 0) return [];
			const rows = await db
				.selectFrom('trajectoryResponses')
				.select(RESPONSE_COLUMNS)
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('participantId', 'in', participantIds)
				.execute();
			// A fixed order in JavaScript: the two databases collate ids differently.
			return rows.map(toResponse).sort((a, b) => byText(a.momentId, b.momentId) || byText(a.participantId, b.participantId));
		},

		/** Every response's answers to the template's questions, for deciding which questions are locked; no names, no texts beyond the answers. */
		async listAllAnswers(organisationId: string, trajectoryId: string): Promise<{ answers: Record<string, string> }[]> {
			const rows = await db
				.selectFrom('trajectoryResponses')
				.select('answersJson')
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.execute();
			return rows.map((row) => ({ answers: JSON.parse(row.answersJson) as Record<string, string> }));
		},

		async upsertResponse(input: ResponseInput & { organisationId: string; trajectoryId: string; now: string }): Promise<void> {
			const { answers, now, ...rest } = input;
			const values = { ...rest, answersJson: JSON.stringify(answers), updatedAt: now };
			await db
				.insertInto('trajectoryResponses')
				.values({ ...values, submittedAt: now })
				.onConflict((oc) =>
					oc.columns(['momentId', 'participantId']).doUpdateSet({
						learningGoal: values.learningGoal,
						goalChangeReason: values.goalChangeReason,
						barrierPersonal: values.barrierPersonal,
						barrierTeam: values.barrierTeam,
						barrierOrganisation: values.barrierOrganisation,
						resourcePersonal: values.resourcePersonal,
						resourceTeam: values.resourceTeam,
						resourceOrganisation: values.resourceOrganisation,
						answersJson: values.answersJson,
						explanation: values.explanation,
						updatedAt: now
					})
				)
				.execute();
		},

		async listPairs(organisationId: string, trajectoryId: string): Promise<PairRecord[]> {
			const rows = await db
				.selectFrom('trajectoryBuddyPairs as p')
				.innerJoin('trajectoryBuddyMembers as m', (j) =>
					j.onRef('m.organisationId', '=', 'p.organisationId').onRef('m.pairId', '=', 'p.id')
				)
				.select(['p.id', 'p.createdAt', 'm.participantId'])
				.where('p.organisationId', '=', organisationId)
				.where('p.trajectoryId', '=', trajectoryId)
				.orderBy('p.createdAt')
				.orderBy('p.id')
				.execute();
			const pairs = new Map<string, PairRecord>();
			for (const row of rows) {
				const pair = pairs.get(row.id) ?? { id: row.id, createdAt: row.createdAt, participantIds: [] };
				pair.participantIds.push(row.participantId);
				pairs.set(row.id, pair);
			}
			return [...pairs.values()];
		},

		async insertPair(input: { id: string; organisationId: string; trajectoryId: string; participantIds: readonly string[]; now: string }) {
			const { id, organisationId, trajectoryId } = input;
			await db.insertInto('trajectoryBuddyPairs').values({ id, organisationId, trajectoryId, createdAt: input.now }).execute();
			await db
				.insertInto('trajectoryBuddyMembers')
				.values(input.participantIds.map((participantId) => ({ organisationId, trajectoryId, pairId: id, participantId })))
				.execute();
		},

		/**
		 * Whether the pair is still there, read to decide a write about it in the same transaction.
		 * On PostgreSQL its row is locked: for share by a write into the pair (a log entry, an
		 * evaluation), for update by its removal (unpairBuddies), so the two run one after the other
		 * and the removal counts the entry written before it. SQLite has one writer.
		 */
		async lockPair(organisationId: string, pairId: string, dialect: Dialect, mode: 'share' | 'update'): Promise<boolean> {
			const query = db
				.selectFrom('trajectoryBuddyPairs')
				.select('id')
				.where('organisationId', '=', organisationId)
				.where('id', '=', pairId);
			const locked = lockedOnPostgres(query, dialect, mode);
			return (await locked.executeTakeFirst()) !== undefined;
		},

		async deletePair(organisationId: string, trajectoryId: string, pairId: string): Promise<boolean> {
			const result = await db
				.deleteFrom('trajectoryBuddyPairs')
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('id', '=', pairId)
				.executeTakeFirst();
			return Number(result.numDeletedRows) === 1;
		},

		async countEntriesOfPair(organisationId: string, pairId: string): Promise<number> {
			const row = await db
				.selectFrom('trajectoryBuddyEntries')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('pairId', '=', pairId)
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		/** Entries of one pair; the caller filters what a viewer may read (trajectories.policy.ts). */
		async listEntriesOfPair(organisationId: string, trajectoryId: string, pairId: string): Promise<BuddyEntryRecord[]> {
			const rows = await db
				.selectFrom('trajectoryBuddyEntries')
				.select(['id', 'pairId', 'authorId', 'metOn', 'topic', 'valuable', 'reflection', 'shared', 'createdAt'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('pairId', '=', pairId)
				.orderBy('metOn', 'desc')
				.orderBy('createdAt', 'desc')
				.orderBy('id')
				.execute();
			return rows.map((row) => ({ ...row, valuable: toBoolean(row.valuable), shared: toBoolean(row.shared) }));
		},

		/** Counts only (never the text), for the report: entries and valuable ones per author. */
		async countEntriesByAuthor(
			organisationId: string,
			trajectoryId: string,
			authorIds: readonly string[]
		): Promise<{ authorId: string; entries: number; valuable: number }[]> {
			if (authorIds.length === 0) return [];
			const rows = await db
				.selectFrom('trajectoryBuddyEntries')
				.select(['authorId', 'valuable'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('authorId', 'in', authorIds)
				.execute();
			const counts = new Map<string, { authorId: string; entries: number; valuable: number }>();
			for (const row of rows) {
				const count = counts.get(row.authorId) ?? { authorId: row.authorId, entries: 0, valuable: 0 };
				count.entries += 1;
				if (toBoolean(row.valuable)) count.valuable += 1;
				counts.set(row.authorId, count);
			}
			return [...counts.values()];
		},

		async insertEntry(input: Omit<BuddyEntryRecord, 'createdAt'> & { organisationId: string; trajectoryId: string; now: string }) {
			const { now, valuable, shared, ...rest } = input;
			await db
				.insertInto('trajectoryBuddyEntries')
				.values({ ...rest, valuable: fromBoolean(valuable), shared: fromBoolean(shared), createdAt: now })
				.execute();
		},

		/** Only the author changes whether an entry is shared. */
		async setEntryShared(organisationId: string, entryId: string, authorId: string, shared: boolean): Promise<boolean> {
			const result = await db
				.updateTable('trajectoryBuddyEntries')
				.set({ shared: fromBoolean(shared) })
				.where('organisationId', '=', organisationId)
				.where('id', '=', entryId)
				.where('authorId', '=', authorId)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) === 1;
		},

		async listEvaluations(
			organisationId: string,
			trajectoryId: string,
			participantIds: readonly string[]
		): Promise<BuddyEvaluationRecord[]> {
			if (participantIds.length === 0) return [];
			const rows = await db
				.selectFrom('trajectoryBuddyEvaluations')
				.select(['participantId', 'valuable', 'whatHelped', 'tips', 'quoteAllowed', 'submittedAt'])
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('participantId', 'in', participantIds)
				.execute();
			return rows.map((row) => ({ ...row, quoteAllowed: toBoolean(row.quoteAllowed) }));
		},

		async upsertEvaluation(
			input: Omit<BuddyEvaluationRecord, 'submittedAt'> & { organisationId: string; trajectoryId: string; now: string }
		) {
			const { now, quoteAllowed, ...rest } = input;
			await db
				.insertInto('trajectoryBuddyEvaluations')
				.values({ ...rest, quoteAllowed: fromBoolean(quoteAllowed), submittedAt: now, updatedAt: now })
				.onConflict((oc) =>
					oc.columns(['trajectoryId', 'participantId']).doUpdateSet({
						valuable: rest.valuable,
						whatHelped: rest.whatHelped,
						tips: rest.tips,
						quoteAllowed: fromBoolean(quoteAllowed),
						updatedAt: now
					})
				)
				.execute();
		}
	};
}
