import type { Kysely } from 'kysely';
import type { ClientLocale, Database } from '#lib/server/db/schema.ts';

export interface StoredOverride {
	locale: ClientLocale;
	messageKey: string;
	text: string;
	updatedAt: string;
}

export function createWordingRepository(db: Kysely<Database>) {
	return {
		async listForOrganisation(organisationId: string): Promise<StoredOverride[]> {
			return db
				.selectFrom('messageOverrides')
				.select(['locale', 'messageKey', 'text', 'updatedAt'])
				.where('organisationId', '=', organisationId)
				.orderBy('messageKey')
				.orderBy('locale')
				.execute();
		},

		async save(organisationId: string, override: StoredOverride): Promise<void> {
			await db
				.insertInto('messageOverrides')
				.values({ organisationId, ...override })
				.onConflict((conflict) =>
					conflict.columns(['organisationId', 'locale', 'messageKey']).doUpdateSet({ text: override.text, updatedAt: override.updatedAt })
				)
				.execute();
		},

		async remove(organisationId: string, locale: ClientLocale, messageKey: string): Promise<boolean> {
			const result = await db
				.deleteFrom('messageOverrides')
				.where('organisationId', '=', organisationId)
				.where('locale', '=', locale)
				.where('messageKey', '=', messageKey)
				.executeTakeFirst();
			return Number(result.numDeletedRows) > 0;
		}
	};
}
