import type { Kysely } from 'kysely';
import type { Dialect } from '#lib/server/db/database.ts';
import { lockedOnPostgres } from '#lib/server/db/dialect-of.ts';
import type { ConversationPhase, Database, Method } from '#lib/server/db/schema.ts';
import { parseSharedParts, type CardChoice, type PreparationPart, type PreparationWords } from './preparation.models.ts';
import { createPreparationRemindersRepository } from './preparation.reminders.repository.ts';

export interface PreparationRecord {
	partyId: string;
	wishes: string | null;
	momentA: string | null;
	momentB: string | null;
	momentC: string | null;
	safety: string[];
	safetyOwn: string | null;
	/** The card the moment is about, or null. */
	momentDeckId: string | null;
	momentCardKey: string | null;
	sharedAt: string | null;
	/** The parts its owner shared; another party's record holds nothing of the other parts. */
	sharedParts: PreparationPart[];
	/** Typed in from paper (docs/decisions/020): the day it was filled in; null when written on a device. */
	paperFilledOn: string | null;
	updatedAt: string;
}

/** Another party's preparation with only its shared parts: the rest never leaves this repository. */
function onlyShared(record: PreparationRecord): PreparationRecord {
	const has = (part: PreparationPart) => record.sharedParts.includes(part);
	return {
		...record,
		wishes: has('wishes') ? record.wishes : null,
		momentA: has('moment') ? record.momentA : null,
		momentB: has('moment') ? record.momentB : null,
		momentC: has('moment') ? record.momentC : null,
		momentDeckId: has('moment') ? record.momentDeckId : null,
		momentCardKey: has('moment') ? record.momentCardKey : null,
		safety: has('safety') ? record.safety : [],
		safetyOwn: has('safety') ? record.safetyOwn : null
	};
}

export interface PreparationCardRecord extends CardChoice {
	partyId: string;
}

export interface LearningConversationRecord {
	id: string;
	organisationId: string;
	collaborationId: string;
	method: Method;
	phase: ConversationPhase;
	scheduledOn: string | null;
	startedBy: string | null;
	version: number;
}

function parseSafety(json: string): string[] {
	try {
		const parsed = JSON.parse(json) as unknown;
		return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
	} catch {
		return [];
	}
}

/** One party's preparation as a device's save and a paper's entry write it. */
export interface PreparationWrite extends PreparationWords {
	organisationId: string;
	conversationId: string;
	partyId: string;
	now: string;
}

/** The columns a write sets: its words, the card the moment is about, and whether it came from paper. */
function storedColumns(input: PreparationWrite, source: { momentCard: CardChoice | null; paperFilledOn: string | null }) {
	return {
		wishes: input.wishes,
		momentA: input.momentA,
		momentB: input.momentB,
		momentC: input.momentC,
		momentDeckId: source.momentCard?.deckId ?? null,
		momentCardKey: source.momentCard?.cardKey ?? null,
		safetyJson: JSON.stringify(input.safety),
		safetyOwn: input.safetyOwn,
		paperFilledOn: source.paperFilledOn,
		updatedAt: input.now
	};
}

/** A party's first preparation row: not shared yet. */
function newRow(input: PreparationWrite, columns: ReturnType<typeof storedColumns>) {
	return { organisationId: input.organisationId, conversationId: input.conversationId, partyId: input.partyId, sharedAt: null, ...columns };
}

/**
 * Preparations and their cards. The privacy rule is part of the reads: rows of other parties
 * are only selected once shared, so unshared words never leave the database for anyone else.
 * Every query is scoped by organisation and conversation.
 */
export function createPreparationRepository(db: Kysely<Database>) {
	return {
		...createPreparationRemindersRepository(db),
		async findConversation(organisationId: string, conversationId: string): Promise<LearningConversationRecord | undefined> {
			return db
				.selectFrom('conversations')
				.select(['id', 'organisationId', 'collaborationId', 'method', 'phase', 'scheduledOn', 'startedBy', 'version'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', conversationId)
				.executeTakeFirst();
		},

		/**
		 * The conversation's phase, read to decide a write of a preparation in the same transaction;
		 * undefined when the conversation or the writer's party is gone (erased since the page was read).
		 * On PostgreSQL both rows are locked for share: a start, a cancellation or an erasure in flight
		 * (which lock the conversation to change or erase it) is waited for and then read, and one that
		 * comes later waits until this transaction ends. SQLite has one writer: its transaction sees the latest.
		 */
		async lockPhase(
			organisationId: string,
			conversationId: string,
			partyId: string,
			dialect: Dialect
		): Promise<ConversationPhase | undefined> {
			const query = db
				.selectFrom('conversations as c')
				.innerJoin('conversationParties as p', (join) =>
					join.onRef('p.organisationId', '=', 'c.organisationId').onRef('p.conversationId', '=', 'c.id')
				)
				.select('c.phase')
				.where('c.organisationId', '=', organisationId)
				.where('c.id', '=', conversationId)
				.where('p.id', '=', partyId);
			return (await lockedOnPostgres(query, dialect, 'share').executeTakeFirst())?.phase;
		},

		/** The collaboration's learning conversation that has not ended yet (at most one). */
		async findUnfinishedLearning(organisationId: string, collaborationId: string): Promise<LearningConversationRecord | undefined> {
			return db
				.selectFrom('conversations')
				.select(['id', 'organisationId', 'collaborationId', 'method', 'phase', 'scheduledOn', 'startedBy', 'version'])
				.where('organisationId', '=', organisationId)
				.where('collaborationId', '=', collaborationId)
				.where('method', '=', 'learningConversation')
				.where('phase', 'not in', ['closed', 'abandoned'])
				.executeTakeFirst();
		},

		/** The viewer's own preparation (viewerPartyId) whole, and of every other the parts shared; nothing else. */
		async listVisible(organisationId: string, conversationId: string, viewerPartyId: string | null): Promise<PreparationRecord[]> {
			const rows = await db
				.selectFrom('preparations')
				.select([
					'partyId',
					'wishes',
					'momentA',
					'momentB',
					'momentC',
					'momentDeckId',
					'momentCardKey',
					'safetyJson',
					'safetyOwn',
					'sharedAt',
					'sharedParts',
					'paperFilledOn',
					'updatedAt'
				])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where((eb) =>
					viewerPartyId === null
						? eb('sharedAt', 'is not', null)
						: eb.or([eb('partyId', '=', viewerPartyId), eb('sharedAt', 'is not', null)])
				)
				.orderBy('partyId')
				.execute();
			return rows.map(({ safetyJson, sharedParts, ...row }) => {
				const record = { ...row, safety: parseSafety(safetyJson), sharedParts: parseSharedParts(sharedParts) };
				return row.partyId === viewerPartyId ? record : onlyShared(record);
			});
		},

		/** The viewer's own cards, and the cards of every preparation that shares its cards. */
		async listVisibleCards(organisationId: string, conversationId: string, viewerPartyId: string | null): Promise<PreparationCardRecord[]> {
			return db
				.selectFrom('preparationCards as pc')
				.innerJoin('preparations as p', (j) =>
					j
						.onRef('p.organisationId', '=', 'pc.organisationId')
						.onRef('p.conversationId', '=', 'pc.conversationId')
						.onRef('p.partyId', '=', 'pc.partyId')
				)
				.select(['pc.partyId', 'pc.deckId', 'pc.cardKey'])
				.where('pc.organisationId', '=', organisationId)
				.where('pc.conversationId', '=', conversationId)
				.where((eb) =>
					viewerPartyId === null
						? eb('p.sharedParts', 'like', '%"cards"%')
						: eb.or([eb('pc.partyId', '=', viewerPartyId), eb('p.sharedParts', 'like', '%"cards"%')])
				)
				.orderBy('pc.partyId')
				.orderBy('pc.deckId')
				.orderBy('pc.cardKey')
				.execute();
		},

		/**
		 * Whether the party has a preparation already (any words, safety or cards), and whether it
		 * came from paper. Says nothing of what it holds: paper entry only needs to know it is there.
		 */
		async findPreparedState(
			organisationId: string,
			conversationId: string,
			partyId: string
		): Promise<{ prepared: boolean; paperFilledOn: string | null }> {
			const row = await db
				.selectFrom('preparations')
				.select(['wishes', 'momentA', 'momentB', 'momentC', 'safetyJson', 'safetyOwn', 'momentDeckId', 'paperFilledOn'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.executeTakeFirst();
			const cards = await db
				.selectFrom('preparationCards')
				.select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.executeTakeFirstOrThrow();
			const words = row
				? [row.wishes, row.momentA, row.momentB, row.momentC, row.safetyOwn, row.momentDeckId].some((text) => text !== null) ||
					parseSafety(row.safetyJson).length > 0
				: false;
			return { prepared: words || Number(cards.count) > 0 || row?.paperFilledOn != null, paperFilledOn: row?.paperFilledOn ?? null };
		},

		/**
		 * Writes a preparation typed in from paper, but only where the party has none with words in
		 * it yet (no row, or an empty one): false when a device's save got there first, so a paper
		 * never overwrites a preparation, also when both arrive at once.
		 */
		async writePaperPreparation(input: PreparationWrite & { paperFilledOn: string }): Promise<boolean> {
			const values = storedColumns(input, { momentCard: null, paperFilledOn: input.paperFilledOn });
			const inserted = await db
				.insertInto('preparations')
				.values(newRow(input, values))
				.onConflict((oc) => oc.columns(['conversationId', 'partyId']).doNothing())
				.executeTakeFirst();
			if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
			const updated = await db
				.updateTable('preparations')
				.set(values)
				.where('organisationId', '=', input.organisationId)
				.where('conversationId', '=', input.conversationId)
				.where('partyId', '=', input.partyId)
				.where('wishes', 'is', null)
				.where('momentA', 'is', null)
				.where('momentB', 'is', null)
				.where('momentC', 'is', null)
				.where('momentDeckId', 'is', null)
				.where('safetyOwn', 'is', null)
				.where('safetyJson', '=', '[]')
				.where('paperFilledOn', 'is', null)
				.executeTakeFirst();
			return Number(updated.numUpdatedRows) > 0;
		},

		/**
		 * Writes one party's preparation; `sharedAt` stays as it was. Saved from a device, it is no
		 * longer what a paper said: the "op papier" mark goes (docs/decisions/020).
		 */
		async upsert(input: PreparationWrite & { momentCard: CardChoice | null }): Promise<void> {
			const values = storedColumns(input, { momentCard: input.momentCard, paperFilledOn: null });
			await db
				.insertInto('preparations')
				.values(newRow(input, values))
				.onConflict((oc) => oc.columns(['conversationId', 'partyId']).doUpdateSet(values))
				.execute();
		},

		/** Replaces the party's picked cards. */
		async replaceCards(
			organisationId: string,
			conversationId: string,
			partyId: string,
			cards: readonly CardChoice[],
			now: string
		): Promise<void> {
			await db
				.deleteFrom('preparationCards')
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.execute();
			if (cards.length === 0) return;
			await db
				.insertInto('preparationCards')
				.values(
					cards.map((card) => ({ organisationId, conversationId, partyId, deckId: card.deckId, cardKey: card.cardKey, createdAt: now }))
				)
				.execute();
		},

		/**
		 * Sets which parts of the party's preparation are shared (creating an empty one if needed):
		 * none makes it private again. `sharedAt` is when the first of the parts now shared was
		 * shared. True when a part was shared that was not before.
		 */
		async setSharedParts(
			organisationId: string,
			conversationId: string,
			partyId: string,
			parts: readonly PreparationPart[],
			now: string
		): Promise<boolean> {
			await db
				.insertInto('preparations')
				.values({
					organisationId,
					conversationId,
					partyId,
					wishes: null,
					momentA: null,
					momentB: null,
					momentC: null,
					safetyJson: '[]',
					safetyOwn: null,
					sharedAt: null,
					updatedAt: now
				})
				.onConflict((oc) => oc.columns(['conversationId', 'partyId']).doNothing())
				.execute();
			const where = { organisationId, conversationId, partyId };
			const current = await db
				.selectFrom('preparations')
				.select(['sharedAt', 'sharedParts'])
				.where('organisationId', '=', where.organisationId)
				.where('conversationId', '=', where.conversationId)
				.where('partyId', '=', where.partyId)
				.executeTakeFirstOrThrow();
			const before = parseSharedParts(current.sharedParts);
			const after = parseSharedParts(JSON.stringify(parts));
			await db
				.updateTable('preparations')
				.set({ sharedParts: JSON.stringify(after), sharedAt: after.length === 0 ? null : (current.sharedAt ?? now) })
				.where('organisationId', '=', where.organisationId)
				.where('conversationId', '=', where.conversationId)
				.where('partyId', '=', where.partyId)
				.execute();
			return after.some((part) => !before.includes(part));
		}
	};
}

export type PreparationRepository = ReturnType<typeof createPreparationRepository>;
