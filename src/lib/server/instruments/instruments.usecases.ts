import type { Kysely } from 'kysely';
import type { AppContext } from '#lib/server/context.ts';
import type { Database, ClientLocale, PlanTerm } from '#lib/server/db/schema.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import {
	deepFreeze,
	isOnLine,
	localize,
	renderItems,
	renderScale,
	type BuiltInInstrument,
	type RenderedItem,
	type RenderedScale,
	type WordingAudience
} from './instruments.models.ts';
import { createInstrumentsRepository, type StoredInstrument } from './instruments.repository.ts';
import { withClientTranslations } from './instruments.translations.ts';
import { samenSterkerV1 } from './samen-sterker-v1.ts';
import { sessionFeedbackV1 } from './session-feedback-v1.ts';

/** Every built-in version ever shipped. Add new versions; never edit or remove a published one. */
export const BUILT_IN_INSTRUMENTS: readonly BuiltInInstrument[] = [samenSterkerV1, sessionFeedbackV1];

export const QUICK_CHECK_INSTRUMENT_KEY = 'samenSterker';
export const SESSION_FEEDBACK_INSTRUMENT_KEY = 'session-feedback';

/**
 * Stores each built-in version that is not in the database yet. Runs at every start; two
 * instances starting together both try, and the unique (key, version) lets exactly one insert.
 * A stored version is never rewritten: when the code's content differs from what is stored for
 * the same version, the stored text stays (old ratings keep their meaning) and a warning says
 * that the change needs a new version.
 */
export async function ensureBuiltInInstruments(
	ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
	builtIns: readonly BuiltInInstrument[] = BUILT_IN_INSTRUMENTS
): Promise<{ inserted: string[] }> {
	const repo = createInstrumentsRepository(ctx.db);
	const inserted: string[] = [];
	for (const builtIn of builtIns) {
		const contentJson = JSON.stringify(builtIn.content);
		const created = await repo.insertIfMissing({
			id: newId(),
			organisationId: null,
			key: builtIn.key,
			version: builtIn.version,
			method: builtIn.method,
			contentJson,
			publishedAt: ctx.clock.now().toISOString()
		});
		if (created) {
			inserted.push(`${builtIn.key}@${builtIn.version}`);
			continue;
		}
		const stored = await repo.findByKeyVersion(builtIn.key, builtIn.version);
		if (stored && stored.contentJson !== contentJson) {
			ctx.logger.warn(
				{ event: 'instrument.builtin_changed', key: builtIn.key, version: builtIn.version },
				'a published built-in instrument differs from the code; the stored version is kept — publish the change as a new version'
			);
		}
	}
	if (inserted.length > 0) ctx.logger.info({ event: 'instrument.seeded', instruments: inserted }, 'built-in instruments stored');
	return { inserted };
}

/** The newest stored version of a built-in instrument, for a conversation that starts now. */
export async function getCurrentBuiltInInstrument(ctx: Pick<AppContext, 'db'>, key: string): Promise<StoredInstrument> {
	const instrument = await createInstrumentsRepository(ctx.db).findLatestBuiltIn(key);
	if (!instrument) throw new Error(`built-in instrument ${key} is not stored; ensureBuiltInInstruments runs at start`);
	return instrument;
}

export interface InstrumentForConversation {
	id: string;
	key: string;
	version: number;
	name: string;
	/** The items on the line, in order: the ones that have values, gaps and trends (not those in words). */
	itemKeys: string[];
	items: RenderedItem[];
	scale: RenderedScale;
}

/** Published instruments by id, one cache per database (ctx.db); see findPublishedInstrument. */
const published = new WeakMap<Kysely<Database>, Map<string, StoredInstrument>>();
/** There are only a few versions; the bound keeps a mistake from growing the cache without end. */
const PUBLISHED_CACHE_LIMIT = 100;

/**
 * A published instrument the organisation may use (a built-in or its own), read once and then
 * kept in memory: a published version never changes (the repository has no update, and
 * ensureBuiltInInstruments never rewrites a stored version), so every conversation and every
 * rating reads the content it was given with. The copy is frozen, so no caller can change it.
 * `db` is the connection to read with on a miss, e.g. the caller's transaction.
 * Not an entry point: callers check access first and pass the conversation's organisation.
 */
export async function findPublishedInstrument(
	ctx: Pick<AppContext, 'db'>,
	input: { organisationId: string; instrumentId: string },
	db: Kysely<Database> = ctx.db
): Promise<StoredInstrument | undefined> {
	let cache = published.get(ctx.db);
	if (!cache) {
		cache = new Map();
		published.set(ctx.db, cache);
	}
	const cached = cache.get(input.instrumentId);
	if (cached) return cached.organisationId === null || cached.organisationId === input.organisationId ? cached : undefined;
	const instrument = await createInstrumentsRepository(db).findForOrganisation(input.organisationId, input.instrumentId);
	if (!instrument) return undefined;
	if (cache.size >= PUBLISHED_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
	cache.set(instrument.id, deepFreeze(instrument));
	return instrument;
}

/**
 * The instrument of a conversation, rendered for one reader. Not an entry point: the
 * conversations usecases call it after their own access check, with the conversation's
 * organisation, so an organisation only ever reaches built-ins and its own instruments.
 */
export async function getInstrumentForConversation(
	ctx: Pick<AppContext, 'db'>,
	input: { organisationId: string; instrumentId: string; audience: WordingAudience; locale: ClientLocale; planTerm: PlanTerm }
): Promise<InstrumentForConversation> {
	const instrument = await findPublishedInstrument(ctx, input);
	if (!instrument) throw new Error(`instrument ${input.instrumentId} of a conversation is missing`);
	const content = withClientTranslations(instrument.content);
	return {
		id: instrument.id,
		key: instrument.key,
		version: instrument.version,
		name: localize(content.name, input.locale).text,
		itemKeys: content.items.filter(isOnLine).map((item) => item.key),
		items: renderItems(content, input.audience, input.locale, input.planTerm),
		scale: renderScale(content, input.locale)
	};
}
