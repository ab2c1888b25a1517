import type { Kysely } from 'kysely';
import type { Database } from '#lib/server/db/schema.ts';
import { parseInstrumentContent, type InstrumentContent } from './instruments.models.ts';

export interface StoredInstrument {
	id: string;
	organisationId: string | null;
	key: string;
	version: number;
	method: 'quickCheck' | 'sessionFeedback';
	content: InstrumentContent;
	/** The stored JSON as written, to compare with the code's built-in content. */
	contentJson: string;
	publishedAt: string;
}

function toStored(row: Database['instruments']): StoredInstrument {
	return { ...row, content: parseInstrumentContent(row.contentJson) };
}

/**
 * Instruments are published once and never updated: this repository has no update or delete.
 * Built-ins have no organisation; an organisation sees the built-ins and its own.
 */
export function createInstrumentsRepository(db: Kysely<Database>) {
	return {
		/** Inserts unless (key, version) exists; true when this call inserted it. Safe to race. */
		async insertIfMissing(input: {
			id: string;
			organisationId: string | null;
			key: string;
			version: number;
			method: 'quickCheck' | 'sessionFeedback';
			contentJson: string;
			publishedAt: string;
		}): Promise<boolean> {
			const result = await db
				.insertInto('instruments')
				.values(input)
				.onConflict((oc) => oc.columns(['key', 'version']).doNothing())
				.executeTakeFirst();
			return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
		},

		async findByKeyVersion(key: string, version: number): Promise<StoredInstrument | undefined> {
			const row = await db.selectFrom('instruments').selectAll().where('key', '=', key).where('version', '=', version).executeTakeFirst();
			return row && toStored(row);
		},

		/** The newest published version of a built-in instrument. */
		async findLatestBuiltIn(key: string): Promise<StoredInstrument | undefined> {
			const row = await db
				.selectFrom('instruments')
				.selectAll()
				.where('key', '=', key)
				.where('organisationId', 'is', null)
				.orderBy('version', 'desc')
				.limit(1)
				.executeTakeFirst();
			return row && toStored(row);
		},

		/** Every version of the built-ins and of the organisation's own instruments, newest first per key. */
		async listForOrganisation(organisationId: string): Promise<StoredInstrument[]> {
			const rows = await db
				.selectFrom('instruments')
				.selectAll()
				.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
				.orderBy('key')
				.orderBy('version', 'desc')
				.execute();
			return rows.map(toStored);
		},

		/** The newest version of a key the organisation may use (a built-in or its own). */
		async findLatestForOrganisation(organisationId: string, key: string): Promise<StoredInstrument | undefined> {
			const row = await db
				.selectFrom('instruments')
				.selectAll()
				.where('key', '=', key)
				.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
				.orderBy('version', 'desc')
				.limit(1)
				.executeTakeFirst();
			return row && toStored(row);
		},

		/** The highest version stored under a key, 0 when there is none. */
		async findHighestVersion(key: string): Promise<number> {
			const row = await db
				.selectFrom('instruments')
				.select((eb) => eb.fn.max('version').as('version'))
				.where('key', '=', key)
				.executeTakeFirst();
			return Number(row?.version ?? 0);
		},

		/** An instrument the organisation may use: a built-in or one of its own. */
		async findForOrganisation(organisationId: string, instrumentId: string): Promise<StoredInstrument | undefined> {
			const row = await db
				.selectFrom('instruments')
				.selectAll()
				.where('id', '=', instrumentId)
				.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
				.executeTakeFirst();
			return row && toStored(row);
		}
	};
}
