import type { Kysely } from 'kysely';
import { requireAccess, requireAccessToWrite } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { isUniqueViolation } from '#lib/server/db/errors.ts';
import type { Database, DeckKind } from '#lib/server/db/schema.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import {
	cardTextsOf,
	deckContentProblem,
	findCard,
	pickCurrentVersions,
	sameCardTexts,
	withCardTexts,
	type BuiltInDeck,
	type CardTexts,
	type DeckCard,
	type StoredDeck,
	type Text
} from './decks.models.ts';
import { createDecksRepository } from './decks.repository.ts';
import { samenleerwijzerV2, themesV2, valuesV2 } from './professional-wording-v2.ts';
import { samenleerwijzerV1, themesV1 } from './topic-decks-v1.ts';
import { valuesV1, wishesV1 } from './value-wish-decks-v1.ts';

/** Every built-in version ever shipped. Add new versions; never edit or remove a published one. */
export const BUILT_IN_DECKS: readonly BuiltInDeck[] = [
	samenleerwijzerV1,
	themesV1,
	valuesV1,
	wishesV1,
	// The professional's own wording beside the client's (issue 15, part 3).
	samenleerwijzerV2,
	themesV2,
	valuesV2
];

/** The order decks appear in, everywhere. */
export const DECK_KEY_ORDER: readonly string[] = ['samenleerwijzer', 'themes', 'values', 'wishes'];

/**
 * Stores each built-in version that is not in the database yet; runs at every start like the
 * built-in instruments. A stored version is never rewritten: when the code's content differs
 * from what is stored for the same version, the stored text stays and a warning says so.
 */
export async function ensureBuiltInDecks(
	ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
	builtIns: readonly BuiltInDeck[] = BUILT_IN_DECKS
): Promise<{ inserted: string[] }> {
	const repo = createDecksRepository(ctx.db);
	const inserted: string[] = [];
	for (const builtIn of builtIns) {
		const problem = deckContentProblem(builtIn.content);
		if (problem) throw new Error(`built-in deck ${builtIn.key}@${builtIn.version} is not valid: ${problem}`);
		const contentJson = JSON.stringify(builtIn.content);
		const created = await repo.insertBuiltInIfMissing({
			id: newId(),
			key: builtIn.key,
			version: builtIn.version,
			kind: builtIn.kind,
			contentJson,
			publishedAt: ctx.clock.now().toISOString()
		});
		if (created) {
			inserted.push(`${builtIn.key}@${builtIn.version}`);
			continue;
		}
		const stored = await repo.findBuiltIn(builtIn.key, builtIn.version);
		if (stored && JSON.stringify(stored.content) !== contentJson) {
			ctx.logger.warn(
				{ event: 'deck.builtin_changed', key: builtIn.key, version: builtIn.version },
				'a published built-in deck differs from the code; the stored version is kept — publish the change as a new version'
			);
		}
	}
	if (inserted.length > 0) ctx.logger.info({ event: 'deck.seeded', decks: inserted }, 'built-in decks stored');
	return { inserted };
}

export interface CurrentDeck extends StoredDeck {
	enabled: boolean;
}

/**
 * The version of each deck an organisation uses now (built-in, or its own newer edit), with
 * whether it is switched on. Not an entry point: callers check access first.
 */
export async function listCurrentDecks(db: Kysely<Database>, organisationId: string): Promise<CurrentDeck[]> {
	const repo = createDecksRepository(db);
	const switches = await repo.listSwitches(organisationId);
	const current = pickCurrentVersions(await repo.listForOrganisation(organisationId), DECK_KEY_ORDER);
	return current.map((deck) => ({ ...deck, enabled: switches.get(deck.key) ?? true }));
}

/** The current versions of the decks that are switched on: what a conversation planned now uses. */
export async function listEnabledCurrentDecks(db: Kysely<Database>, organisationId: string): Promise<StoredDeck[]> {
	return (await listCurrentDecks(db, organisationId)).filter((deck) => deck.enabled).map(({ enabled: _enabled, ...deck }) => deck);
}

/**
 * Inside the caller's transaction, after its access check: fixes the current enabled versions
 * for a conversation (conversation_decks), so later edits do not change its cards.
 */
export async function fixConversationDecks(
	trx: Kysely<Database>,
	input: { organisationId: string; conversationId: string }
): Promise<StoredDeck[]> {
	const decks = await listEnabledCurrentDecks(trx, input.organisationId);
	await createDecksRepository(trx).insertConversationDecks(
		input.organisationId,
		input.conversationId,
		decks.map((deck) => deck.id)
	);
	return decks;
}

/**
 * The deck versions a conversation uses, in the usual order. Not an entry point: the caller has
 * checked that the actor may see this conversation, and passes its organisation.
 */
export async function getConversationDecks(
	ctx: Pick<AppContext, 'db'>,
	input: { organisationId: string; conversationId: string }
): Promise<StoredDeck[]> {
	const decks = await createDecksRepository(ctx.db).listConversationDecks(input.organisationId, input.conversationId);
	const rank = (key: string) => (DECK_KEY_ORDER.includes(key) ? DECK_KEY_ORDER.indexOf(key) : DECK_KEY_ORDER.length);
	return decks.toSorted((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : 1));
}

/** A card of one of a conversation's decks; refuses ('deck.unknown_card') a card of any other deck or version. */
export function requireCardInDecks(decks: readonly StoredDeck[], deckId: string, cardKey: string, kinds?: readonly DeckKind[]) {
	const deck = decks.find((d) => d.id === deckId);
	const card = deck && (!kinds || kinds.includes(deck.kind)) ? findCard(deck.content, cardKey) : undefined;
	if (!deck || !card) throw domainError('deck.unknown_card');
	return { deck, card };
}

export interface AdminDeck {
	key: string;
	kind: DeckKind;
	version: number;
	/** True when the organisation uses its own edited version. */
	edited: boolean;
	enabled: boolean;
	title: Text;
	description: Text;
	cards: DeckCard[];
}

/** For the admin page: every deck with the version in use, both languages, and whether it is on. */
export async function listDecksForAdmin({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<AdminDeck[]> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'deck.manage' });
	const decks = await listCurrentDecks(ctx.db, staff.organisationId);
	return decks.map((deck) => ({
		key: deck.key,
		kind: deck.kind,
		version: deck.version,
		edited: deck.organisationId !== null,
		enabled: deck.enabled,
		title: deck.content.title,
		description: deck.content.description,
		cards: deck.content.cards
	}));
}

async function requireCurrentDeck(db: Kysely<Database>, organisationId: string, deckKey: string): Promise<CurrentDeck> {
	const deck = (await listCurrentDecks(db, organisationId)).find((d) => d.key === deckKey);
	if (!deck) throw domainError('not_found');
	return deck;
}

/** One card of the version in use, for the edit form. */
export async function getDeckCardForAdmin({
	ctx,
	actor,
	deckKey,
	cardKey
}: {
	ctx: AppContext;
	actor: Actor;
	deckKey: string;
	cardKey: string;
}) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'deck.manage' });
	const deck = await requireCurrentDeck(ctx.db, staff.organisationId, deckKey);
	const card = findCard(deck.content, cardKey);
	if (!card) throw domainError('not_found');
	// Both wordings, the professional's falling back to the client's until an admin edits it.
	return { deckKey: deck.key, deckTitle: deck.content.title, kind: deck.kind, version: deck.version, card, texts: cardTextsOf(card) };
}

/** Switching a deck off means conversations planned from now on do not offer it; planned ones keep theirs. */
export async function setDeckEnabled({
	ctx,
	actor,
	deckKey,
	enabled
}: {
	ctx: AppContext;
	actor: Actor;
	deckKey: string;
	enabled: boolean;
}) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'deck.manage' });
	await requireCurrentDeck(ctx.db, staff.organisationId, deckKey);
	await write(async (trx) => {
		await createDecksRepository(trx).setSwitch(staff.organisationId, deckKey, enabled, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor: staff,
			action: enabled ? 'deck.enabled' : 'deck.disabled',
			target: { type: 'deck', id: deckKey }
		});
	});
}

const EDIT_ATTEMPTS = 3;

/**
 * Changes one card's words by publishing a new version of the whole deck, owned by the
 * organisation (version n + 1 of the version in use). Published versions stay as they are, so
 * conversations planned earlier keep their cards. Unchanged words publish nothing.
 */
export async function editDeckCard(input: {
	ctx: AppContext;
	actor: Actor;
	deckKey: string;
	cardKey: string;
	texts: CardTexts;
}): Promise<{ deckId: string; version: number; changed: boolean }> {
	const { ctx } = input;
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor: input.actor, permission: 'deck.manage' });
	for (let attempt = 1; ; attempt++) {
		const current = await requireCurrentDeck(ctx.db, staff.organisationId, input.deckKey);
		const card = findCard(current.content, input.cardKey);
		if (!card) throw domainError('not_found');
		if (sameCardTexts(card, input.texts)) return { deckId: current.id, version: current.version, changed: false };
		const content = withCardTexts(current.content, input.cardKey, input.texts);
		if (deckContentProblem(content)) throw domainError('deck.invalid_text');
		const next = { id: newId(), version: current.version + 1 };
		try {
			await write(async (trx) => {
				await createDecksRepository(trx).insertOrganisationVersion({
					...next,
					organisationId: staff.organisationId,
					key: current.key,
					kind: current.kind,
					contentJson: JSON.stringify(content),
					derivedFrom: current.id,
					publishedAt: ctx.clock.now().toISOString(),
					publishedBy: staff.userId
				});
				await recordAudit(trx, ctx.clock, {
					actor: staff,
					action: 'deck.card_edited',
					target: { type: 'deck', id: next.id },
					details: { deckKey: current.key, cardKey: input.cardKey, version: next.version, derivedFrom: current.id }
				});
			});
		} catch (error) {
			// Another admin published the same version number a moment ago: apply this edit on top of theirs.
			if (isUniqueViolation(error) && attempt < EDIT_ATTEMPTS) continue;
			throw error;
		}
		return { deckId: next.id, version: next.version, changed: true };
	}
}
