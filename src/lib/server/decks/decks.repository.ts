import type { Kysely } from 'kysely';
import { fromBoolean, toBoolean, type Database, type DeckKind } from '#lib/server/db/schema.ts';
import { parseDeckContent, type StoredDeck } from './decks.models.ts';

function toStored(row: Database['decks']): StoredDeck {
	return {
		id: row.id,
		organisationId: row.organisationId,
		key: row.key,
		version: row.version,
		kind: row.kind,
		content: parseDeckContent(row.contentJson),
		derivedFrom: row.derivedFrom,
		publishedAt: row.publishedAt
	};
}

export interface NewDeckVersion {
	id: string;
	organisationId: string | null;
	key: string;
	version: number;
	kind: DeckKind;
	contentJson: string;
	derivedFrom: string | null;
	publishedAt: string;
	publishedBy: string | null;
}

/**
 * Deck versions are published once and never updated: this repository has no update or delete
 * of decks. An organisation reaches the built-in versions and its own, nothing of another's.
 */
export function createDecksRepository(db: Kysely<Database>) {
	return {
		/** A built-in version unless (key, version) exists; true when this call inserted it. Safe to race. */
		async insertBuiltInIfMissing(input: Omit<NewDeckVersion, 'organisationId' | 'derivedFrom' | 'publishedBy'>): Promise<boolean> {
			const result = await db
				.insertInto('decks')
				.values({ ...input, organisationId: null, derivedFrom: null, publishedBy: null })
				.onConflict((oc) => oc.columns(['key', 'version']).where('organisationId', 'is', null).doNothing())
				.executeTakeFirst();
			return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
		},

		/** An organisation's own version; a unique index refuses a second (organisation, key, version). */
		async insertOrganisationVersion(input: NewDeckVersion & { organisationId: string }): Promise<void> {
			await db.insertInto('decks').values(input).execute();
		},

		async findBuiltIn(key: string, version: number): Promise<StoredDeck | undefined> {
			const row = await db
				.selectFrom('decks')
				.selectAll()
				.where('organisationId', 'is', null)
				.where('key', '=', key)
				.where('version', '=', version)
				.executeTakeFirst();
			return row && toStored(row);
		},

		/** Every version the organisation may use: the built-in ones and its own. */
		async listForOrganisation(organisationId: string): Promise<StoredDeck[]> {
			const rows = await db
				.selectFrom('decks')
				.selectAll()
				.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
				.orderBy('key')
				.orderBy('version')
				.orderBy('id')
				.execute();
			return rows.map(toStored);
		},

		async findForOrganisation(organisationId: string, deckId: string): Promise<StoredDeck | undefined> {
			const row = await db
				.selectFrom('decks')
				.selectAll()
				.where('id', '=', deckId)
				.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
				.executeTakeFirst();
			return row && toStored(row);
		},

		/** Which deck keys the organisation switched on or off; a key without a row is on. */
		async listSwitches(organisationId: string): Promise<Map<string, boolean>> {
			const rows = await db
				.selectFrom('organisationDecks')
				.select(['deckKey', 'enabled'])
				.where('organisationId', '=', organisationId)
				.execute();
			return new Map(rows.map((row) => [row.deckKey, toBoolean(row.enabled)]));
		},

		async setSwitch(organisationId: string, deckKey: string, enabled: boolean, now: string): Promise<void> {
			await db
				.insertInto('organisationDecks')
				.values({ organisationId, deckKey, enabled: fromBoolean(enabled), updatedAt: now })
				.onConflict((oc) => oc.columns(['organisationId', 'deckKey']).doUpdateSet({ enabled: fromBoolean(enabled), updatedAt: now }))
				.execute();
		},

		async insertConversationDecks(organisationId: string, conversationId: string, deckIds: readonly string[]): Promise<void> {
			if (deckIds.length === 0) return;
			await db
				.insertInto('conversationDecks')
				.values(deckIds.map((deckId) => ({ organisationId, conversationId, deckId })))
				.execute();
		},

		/** The deck versions fixed for a conversation (only built-ins and the organisation's own can be there). */
		async listConversationDecks(organisationId: string, conversationId: string): Promise<StoredDeck[]> {
			const rows = await db
				.selectFrom('conversationDecks as cd')
				.innerJoin('decks as d', 'd.id', 'cd.deckId')
				.selectAll('d')
				.where('cd.organisationId', '=', organisationId)
				.where('cd.conversationId', '=', conversationId)
				.where((eb) => eb.or([eb('d.organisationId', 'is', null), eb('d.organisationId', '=', organisationId)]))
				.orderBy('d.key')
				.orderBy('d.id')
				.execute();
			return rows.map(toStored);
		}
	};
}

export type DecksRepository = ReturnType<typeof createDecksRepository>;
