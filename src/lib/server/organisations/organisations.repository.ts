import type { Kysely } from 'kysely';
import { parseClientLocales } from '#lib/locales.ts';
import { reusableStatement } from '../db/reusable.ts';
import {
	fromBoolean,
	toBoolean,
	type ClientLocale,
	type Database,
	type ErasureConfirmation,
	type Locale,
	type PlanTerm
} from '../db/schema.ts';
import type { ClientTerm } from './organisations.schemas.ts';

export interface Organisation {
	id: string;
	name: string;
	clientTerm: ClientTerm;
	/** What the organisation calls the plan it works on with a client. */
	planTerm: PlanTerm;
	defaultLocale: Locale;
	minGroupSize: number;
	retentionDays: number;
	requireTwoFactor: boolean;
	/** Who confirms an erasure on request (docs/decisions/011-data-lifecycle.md). */
	erasureConfirmation: ErasureConfirmation;
	/** The languages a participant may read in (src/lib/locales.ts); Dutch always. */
	clientLocales: ClientLocale[];
	createdAt: string;
	updatedAt: string;
}

export type OrganisationSettings = Pick<
	Organisation,
	'name' | 'clientTerm' | 'planTerm' | 'defaultLocale' | 'minGroupSize' | 'retentionDays' | 'requireTwoFactor' | 'erasureConfirmation'
> & { clientLocales?: ClientLocale[] };

const SETUP_TOKEN_PREFIX = 'setup_token:';
const SETUP_DONE_KEY = 'setup_done';

/** The methods whose instrument an organisation may choose: the quick check and session feedback. */
export type InstrumentChoice = 'quickCheck' | 'sessionFeedback';

const INSTRUMENT_COLUMN = {
	quickCheck: 'quickCheckInstrumentKey',
	sessionFeedback: 'sessionFeedbackInstrumentKey'
} as const satisfies Record<InstrumentChoice, keyof Database['organisations']>;

export function createOrganisationsRepository(db: Kysely<Database>) {
	return {
		async countOrganisations(): Promise<number> {
			const row = await db
				.selectFrom('organisations')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		/** Without a plan term the database's default applies (familyPlan). */
		async insertOrganisation(
			input: Omit<OrganisationSettings, 'planTerm' | 'erasureConfirmation' | 'clientLocales'> & {
				planTerm?: PlanTerm;
				id: string;
				now: string;
			}
		): Promise<void> {
			await db
				.insertInto('organisations')
				.values({
					id: input.id,
					name: input.name,
					clientTerm: input.clientTerm,
					...(input.planTerm ? { planTerm: input.planTerm } : {}),
					defaultLocale: input.defaultLocale,
					minGroupSize: input.minGroupSize,
					retentionDays: input.retentionDays,
					requireTwoFactor: fromBoolean(input.requireTwoFactor),
					createdAt: input.now,
					updatedAt: input.now
				})
				.execute();
		},

		async findById(organisationId: string): Promise<Organisation | undefined> {
			const row = await db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
			if (!row) return undefined;
			return {
				...row,
				clientTerm: row.clientTerm as ClientTerm,
				planTerm: row.planTerm as PlanTerm,
				requireTwoFactor: toBoolean(row.requireTwoFactor),
				clientLocales: parseClientLocales(row.clientLocales)
			};
		},

		/** The key of the instrument a method uses when not its built-in one (null: the built-in one). */
		async findInstrumentKey(organisationId: string, method: InstrumentChoice): Promise<string | null> {
			const row = await db
				.selectFrom('organisations')
				.select(INSTRUMENT_COLUMN[method])
				.where('id', '=', organisationId)
				.executeTakeFirst();
			return row?.[INSTRUMENT_COLUMN[method]] ?? null;
		},

		async setInstrumentKey(organisationId: string, method: InstrumentChoice, key: string | null, now: string): Promise<void> {
			await db
				.updateTable('organisations')
				.set({ [INSTRUMENT_COLUMN[method]]: key, updatedAt: now })
				.where('id', '=', organisationId)
				.execute();
		},

		async updateSettings(organisationId: string, settings: OrganisationSettings, now: string): Promise<void> {
			await db
				.updateTable('organisations')
				.set({
					...settings,
					requireTwoFactor: fromBoolean(settings.requireTwoFactor),
					// Not given (an older caller): the languages stay as they are.
					clientLocales: settings.clientLocales ? parseClientLocales(settings.clientLocales.join(',')).join(',') : undefined,
					updatedAt: now
				})
				.where('id', '=', organisationId)
				.execute();
		},

		async storeSetupToken(tokenHash: string, expiresAt: string): Promise<void> {
			await db
				.insertInto('systemSettings')
				.values({ key: SETUP_TOKEN_PREFIX + tokenHash, value: expiresAt })
				.execute();
		},

		/** Takes the token out of the store; true when it existed and had not expired. */
		async consumeSetupToken(tokenHash: string, now: string): Promise<boolean> {
			const row = await db
				.deleteFrom('systemSettings')
				.where('key', '=', SETUP_TOKEN_PREFIX + tokenHash)
				.returning('value')
				.executeTakeFirst();
			return row !== undefined && row.value > now;
		},

		async isSetupTokenValid(tokenHash: string, now: string): Promise<boolean> {
			const row = await db
				.selectFrom('systemSettings')
				.select('value')
				.where('key', '=', SETUP_TOKEN_PREFIX + tokenHash)
				.executeTakeFirst();
			return row !== undefined && row.value > now;
		},

		/**
		 * Marks the one-time setup as done. The primary key makes a second, concurrent setup fail
		 * inside its transaction, whichever link it used.
		 */
		async markSetupDone(now: string): Promise<void> {
			await db.insertInto('systemSettings').values({ key: SETUP_DONE_KEY, value: now }).execute();
			await db.deleteFrom('systemSettings').where('key', 'like', `${SETUP_TOKEN_PREFIX}%`).execute();
		},

		async isSetupDone(): Promise<boolean> {
			const row = await db.selectFrom('systemSettings').select('key').where('key', '=', SETUP_DONE_KEY).executeTakeFirst();
			return row !== undefined;
		}
	};
}

/** The organisation's word for the plan ("plan", "trajectory plan", …): a conversation page needs only this column of it. */
/** Read on every page a phone loads (the instrument's wording): built and compiled once (db/reusable.ts). */
const findPlanTermStatement = reusableStatement((db: Kysely<Database>, { organisationId }: { organisationId: string }) =>
	db.selectFrom('organisations').select('planTerm').where('id', '=', organisationId)
);

export async function findPlanTermOf(db: Kysely<Database>, organisationId: string): Promise<string | undefined> {
	const { rows } = await findPlanTermStatement(db, { organisationId });
	return rows[0]?.planTerm;
}

/** The organisation's word for its clients (organisations.client_term), e.g. 'parent'. */
export async function findClientTermOf(db: Kysely<Database>, organisationId: string): Promise<string | undefined> {
	const row = await db.selectFrom('organisations').select('clientTerm').where('id', '=', organisationId).executeTakeFirst();
	return row?.clientTerm;
}

/** The client languages an organisation offers, for the participant pages and forms. */
/** Read on every page a phone loads (its language choice): built and compiled once (db/reusable.ts). */
const findClientLocalesStatement = reusableStatement((db: Kysely<Database>, { organisationId }: { organisationId: string }) =>
	db.selectFrom('organisations').select('clientLocales').where('id', '=', organisationId)
);

export async function findClientLocales(db: Kysely<Database>, organisationId: string): Promise<ClientLocale[]> {
	const { rows } = await findClientLocalesStatement(db, { organisationId });
	return parseClientLocales(rows[0]?.clientLocales);
}
