import { readAsOwnParty, requireAccess, requireParty } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { nameParties } from '#lib/server/conversations/conversations.view.usecases.ts';
import type { ConversationPhase, ClientLocale } from '#lib/server/db/schema.ts';
import {
	renderCard,
	renderDeck,
	type RenderedCard,
	type RenderedDeck,
	type StoredDeck,
	type Voice
} from '#lib/server/decks/decks.models.ts';
import { getConversationDecks, requireCardInDecks } from '#lib/server/decks/decks.usecases.ts';
import { participantPageOf, type ParticipantHome } from '#lib/server/participation/participation.models.ts';
import { createParticipationRepository } from '#lib/server/participation/participation.repository.ts';
import { announce, participantHomeFrom, raiseVersion } from '#lib/server/participation/participation.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import {
	cardChoiceValue,
	cleanPreparationWords,
	findPreparationProblem,
	isPreparationPart,
	parseSharedParts,
	PREPARATION_PARTS,
	orderSafety,
	uniqueCards,
	type PreparationInput,
	type PreparationPart,
	type SafetySuggestion
} from './preparation.models.ts';
import { canEditPreparation, canSeePreparation, canSharePreparation, canTakeBackPreparation } from './preparation.policy.ts';
import {
	createPreparationRepository,
	type LearningConversationRecord,
	type PreparationCardRecord,
	type PreparationRecord
} from './preparation.repository.ts';

/** The decks one prepares with: topic and value cards (wish cards are handed in the conversation). */
const PREPARATION_KINDS = ['topic', 'value'] as const;

interface Viewer {
	organisationId: string;
	conversation: LearningConversationRecord;
	/** The viewer's own party; null for a co-professional who leads without taking part. */
	partyId: string | null;
	locale: ClientLocale;
	/** Whose wording of the cards the viewer reads: a participant's device the client's, staff their own. */
	voice: Voice;
}

/**
 * Who is looking: a participant's device reaches its own party; a professional who may lead the
 * conversation reaches their own party (if they have one). Only learning conversations.
 */
async function resolveViewer(ctx: AppContext, actor: Actor, conversationId: string): Promise<Viewer> {
	let organisationId: string;
	let partyId: string | null;
	let locale: ClientLocale;
	if (actor.type === 'participant') {
		const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'view' });
		({ organisationId, partyId, locale } = { organisationId: party.organisationId, partyId: party.partyId, locale: actor.locale });
	} else {
		const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
		const parties = await createConversationsRepository(ctx.db).listParties(staff.organisationId, conversationId);
		organisationId = staff.organisationId;
		partyId = parties.find((p) => p.kind === 'professional' && p.userId === staff.userId)?.id ?? null;
		locale = staff.locale;
	}
	const conversation = await createPreparationRepository(ctx.db).findConversation(organisationId, conversationId);
	return learningViewer(conversation, { partyId, locale, voice: actor.type === 'participant' ? 'client' : 'professional' });
}

/** Only a learning conversation is prepared: any other, or none, is not found. */
function learningViewer<Party extends string | null>(
	conversation: LearningConversationRecord | undefined,
	viewer: Omit<Viewer, 'organisationId' | 'conversation' | 'partyId'> & { partyId: Party }
): Viewer & { partyId: Party } {
	if (!conversation || conversation.method !== 'learningConversation') throw domainError('not_found');
	return { organisationId: conversation.organisationId, conversation, ...viewer };
}

async function requireOwnParty(ctx: AppContext, actor: Actor, conversationId: string): Promise<Viewer & { partyId: string }> {
	const viewer = await resolveViewer(ctx, actor, conversationId);
	if (viewer.partyId === null) throw domainError('not_found');
	return { ...viewer, partyId: viewer.partyId };
}

function preparationDecks(decks: readonly StoredDeck[]): StoredDeck[] {
	return decks.filter((deck) => (PREPARATION_KINDS as readonly string[]).includes(deck.kind));
}

export interface OwnPreparation {
	wishes: string | null;
	/** Picked cards as form values, `<deckId>:<cardKey>`. */
	cards: string[];
	momentA: string | null;
	momentB: string | null;
	momentC: string | null;
	/** The card the moment is about as a form value, `<deckId>:<cardKey>`, or ''. */
	momentCard: string;
	safety: SafetySuggestion[];
	safetyOwn: string | null;
	sharedAt: string | null;
	sharedParts: PreparationPart[];
	/** Whether shared parts can still be taken back (before the conversation starts). */
	canTakeBack: boolean;
	updatedAt: string | null;
}

export interface PreparationPage {
	conversationId: string;
	/** The conversation's version, read before the preparation: the live stream catches the page up from it. */
	version: number;
	phase: ConversationPhase;
	scheduledOn: string | null;
	partyId: string;
	editable: boolean;
	shareable: boolean;
	/** The topic and value decks of this conversation, in the reader's language. */
	decks: RenderedDeck[];
	own: OwnPreparation;
}

/** One's own preparation with the decks to choose from: a participant's device, or the professional. */
export async function getPreparation({
	ctx,
	actor,
	conversationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	/** The page's language; the actor's by default. */
	locale?: ClientLocale;
}): Promise<PreparationPage> {
	return loadPreparationPage(ctx, actor, await requireOwnParty(ctx, actor, conversationId), locale);
}

/**
 * The preparation page (/c/preparation) in one read: where the device's conversation stands (the
 * participant's home) and, while the conversation is being prepared, the device's own
 * preparation (as getPreparation gives it); null in any other phase, which the page sends back to
 * /c. The conversation and its parties are read once.
 */
export async function getParticipantPreparationPage({
	ctx,
	actor,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	/** The page's language; the actor's by default. */
	locale?: ClientLocale;
}): Promise<{ home: ParticipantHome; page: PreparationPage | null }> {
	if (actor.type !== 'participant') throw domainError('not_found');
	const conversationId = actor.conversationId;
	const { participant, basis, own } = await readAsOwnParty({
		db: ctx.db,
		actor,
		conversationId,
		read: async (organisationId) => {
			const conversation = await createPreparationRepository(ctx.db).findConversation(organisationId, conversationId);
			if (!conversation) return undefined;
			// The clients' parties with their names: the home names the device's own.
			const parties = await createParticipationRepository(ctx.db).listParticipantParties(organisationId, conversationId);
			const named = parties.map((party) => ({ id: party.partyId, kind: 'participant', userId: null, displayName: party.displayName }));
			return { conversation, parties: named };
		}
	});
	const home = await participantHomeFrom(ctx, participant, basis.conversation, own.displayName);
	if (participantPageOf(basis.conversation) !== '/c/preparation') return { home, page: null };
	const viewer = learningViewer(basis.conversation, { partyId: own.id, locale: participant.locale, voice: 'client' });
	return { home, page: await loadPreparationPage(ctx, participant, viewer, locale) };
}

/** One's own preparation with the decks, for a viewer let in by the caller (its view is recorded). */
async function loadPreparationPage(
	ctx: AppContext,
	actor: Actor,
	viewer: Viewer & { partyId: string },
	locale: ClientLocale | undefined
): Promise<PreparationPage> {
	const { organisationId, conversation, partyId } = viewer;
	const repo = createPreparationRepository(ctx.db);
	const own = (await repo.listVisible(organisationId, conversation.id, partyId)).find((p) => p.partyId === partyId);
	const cards = (await repo.listVisibleCards(organisationId, conversation.id, partyId)).filter((c) => c.partyId === partyId);
	const decks = preparationDecks(await getConversationDecks(ctx, { organisationId, conversationId: conversation.id }));
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId,
		action: 'preparation.viewed',
		target: { type: 'conversationParty', id: partyId },
		details: { conversationId: conversation.id }
	});
	return {
		conversationId: conversation.id,
		version: conversation.version,
		phase: conversation.phase,
		scheduledOn: conversation.scheduledOn,
		partyId,
		editable: canEditPreparation(conversation.phase),
		shareable: canSharePreparation(conversation.phase),
		decks: decks.map((deck) => renderDeck(deck, locale ?? viewer.locale, viewer.voice)),
		own: {
			wishes: own?.wishes ?? null,
			cards: resolveCards(cards, decks, viewer.locale, viewer.voice).map((card) =>
				cardChoiceValue({ deckId: card.deckId, cardKey: card.cardKey })
			),
			momentA: own?.momentA ?? null,
			momentB: own?.momentB ?? null,
			momentC: own?.momentC ?? null,
			momentCard: own?.momentDeckId && own.momentCardKey ? cardChoiceValue({ deckId: own.momentDeckId, cardKey: own.momentCardKey }) : '',
			safety: orderSafety(own?.safety ?? []),
			safetyOwn: own?.safetyOwn ?? null,
			sharedAt: own?.sharedAt ?? null,
			sharedParts: own?.sharedParts ?? [],
			canTakeBack: canTakeBackPreparation(conversation.phase),
			updatedAt: own?.updatedAt ?? null
		}
	};
}

/**
 * Saves one's own preparation, replacing what was there. Only before the conversation starts;
 * only cards of this conversation's topic and value decks; texts of a sensible length; safety
 * from the fixed suggestions. Anything wrong: a clear error and nothing changed.
 */
export async function savePreparation({
	ctx,
	actor,
	conversationId,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	input: PreparationInput;
}): Promise<void> {
	const { organisationId, conversation, partyId } = await requireOwnParty(ctx, actor, conversationId);
	if (!canEditPreparation(conversation.phase)) throw domainError('preparation.closed');
	const problem = findPreparationProblem(input);
	if (problem) throw domainError(problem);
	const decks = preparationDecks(await getConversationDecks(ctx, { organisationId, conversationId: conversation.id }));
	const cards = uniqueCards(input.cards);
	for (const card of cards) requireCardInDecks(decks, card.deckId, card.cardKey, PREPARATION_KINDS);
	const momentCard = input.momentCard ?? null;
	if (momentCard) requireCardInDecks(decks, momentCard.deckId, momentCard.cardKey, PREPARATION_KINDS);
	const words = cleanPreparationWords(input);
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createPreparationRepository(trx);
		const now = ctx.clock.now().toISOString();
		await repo.upsert({ organisationId, conversationId: conversation.id, partyId, ...words, momentCard, now });
		await repo.replaceCards(organisationId, conversation.id, partyId, cards, now);
		// Counts only: what someone prepared is theirs, and never in a log.
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId,
			action: 'preparation.saved',
			target: { type: 'conversationParty', id: partyId },
			details: { conversationId: conversation.id, cards: cards.length, safety: words.safety.length }
		});
	});
}

/**
 * The owner brings parts of their preparation into the conversation (all of them by default):
 * from now on the others see those parts, and only those. Possible until the conversation ends.
 */
export async function sharePreparation(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	parts?: readonly PreparationPart[];
}): Promise<void> {
	await changeSharing(input, 'share', input.parts ?? PREPARATION_PARTS);
}

/**
 * The owner takes parts of their preparation back (all of them by default): private again, as if
 * never shared. Only before the conversation starts: once it runs, what was said was said.
 */
export async function takeBackPreparation(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	parts?: readonly PreparationPart[];
}): Promise<void> {
	await changeSharing(input, 'takeBack', input.parts ?? PREPARATION_PARTS);
}

async function changeSharing(
	{ ctx, actor, conversationId }: { ctx: AppContext; actor: Actor; conversationId: string },
	how: 'share' | 'takeBack',
	parts: readonly PreparationPart[]
): Promise<void> {
	const { organisationId, conversation, partyId } = await requireOwnParty(ctx, actor, conversationId);
	if (!parts.every(isPreparationPart) || parts.length === 0) throw domainError('preparation.invalid_part');
	if (how === 'share' && !canSharePreparation(conversation.phase)) throw domainError('conversation.ended');
	if (how === 'takeBack' && !canTakeBackPreparation(conversation.phase)) throw domainError('preparation.closed');
	const now = ctx.clock.now().toISOString();
	const changed = await ctx.db.transaction().execute(async (trx) => {
		// Raised whether or not the parts change: first, as every change of a conversation locks it.
		const version = await raiseVersion(trx, conversation);
		const repo = createPreparationRepository(trx);
		const own = (await repo.listVisible(organisationId, conversation.id, partyId)).find((p) => p.partyId === partyId);
		const before = own?.sharedParts ?? [];
		const after = how === 'share' ? [...before, ...parts] : before.filter((part) => !parts.includes(part));
		await repo.setSharedParts(organisationId, conversation.id, partyId, after, now);
		const added = parseSharedParts(JSON.stringify(after)).filter((part) => !before.includes(part));
		const removed = before.filter((part) => !after.includes(part));
		if (added.length === 0 && removed.length === 0) return null;
		// Which parts only: what someone prepared is theirs, and never in a log.
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId,
			action: how === 'share' ? 'preparation.shared' : 'preparation.taken_back',
			target: { type: 'conversationParty', id: partyId },
			details: { conversationId: conversation.id, parts: (how === 'share' ? added : removed).join(',') }
		});
		return { version };
	});
	if (changed)
		await announce(ctx, { ...conversation, version: changed.version }, how === 'share' ? 'preparation.shared' : 'preparation.taken_back');
}

export interface PreparedCard extends RenderedCard {
	/** The same as `key`: the card's key within its deck. */
	cardKey: string;
	deckId: string;
	deckKey: string;
	deckKind: StoredDeck['kind'];
}

export interface PartyPreparation {
	partyId: string;
	kind: 'participant' | 'professional';
	displayName: string | null;
	isViewer: boolean;
	shared: boolean;
	sharedAt: string | null;
	/** The parts its owner shared; another party's preparation holds only these. */
	sharedParts: PreparationPart[];
	/** Typed in from paper the participant handed over (docs/decisions/020): the day it was filled in. */
	paperFilledOn: string | null;
	/** Null unless this is the viewer's own preparation or its owner shared a part of it. */
	preparation: {
		wishes: string | null;
		cards: PreparedCard[];
		/** The moment with A/B/C, and the card it is about (deck id and key) if its owner named one. */
		moment: { a: string | null; b: string | null; c: string | null; card: { deckId: string; cardKey: string } | null } | null;
		safety: SafetySuggestion[];
		safetyOwn: string | null;
	} | null;
}

/** In the decks' order and each deck's card order, whatever order they were stored in. */
function resolveCards(
	cards: readonly PreparationCardRecord[],
	decks: readonly StoredDeck[],
	locale: ClientLocale,
	voice: Voice
): PreparedCard[] {
	const resolved: PreparedCard[] = [];
	for (const deck of decks) {
		for (const card of deck.content.cards) {
			if (cards.some((c) => c.deckId === deck.id && c.cardKey === card.key)) {
				resolved.push({ ...renderCard(card, locale, voice), cardKey: card.key, deckId: deck.id, deckKey: deck.key, deckKind: deck.kind });
			}
		}
	}
	return resolved;
}

function toPartyPreparation(record: PreparationRecord, cards: PreparedCard[]): NonNullable<PartyPreparation['preparation']> {
	const hasMoment = record.momentA !== null || record.momentB !== null || record.momentC !== null;
	const card = record.momentDeckId && record.momentCardKey ? { deckId: record.momentDeckId, cardKey: record.momentCardKey } : null;
	return {
		wishes: record.wishes,
		cards,
		moment: hasMoment ? { a: record.momentA, b: record.momentB, c: record.momentC, card } : null,
		safety: orderSafety(record.safety),
		safetyOwn: record.safetyOwn
	};
}

/**
 * For the learning conversation: per party, its preparation once shared — wishes, cards with
 * their deck's words (the conversation's versions), the moment A/B/C, safety — and the viewer's
 * own preparation whether shared or not. Unshared preparations of others are not even read.
 * Participants' devices and the professionals leading the conversation only.
 */
export async function listSharedPreparations({
	ctx,
	actor,
	conversationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	locale?: ClientLocale;
}): Promise<PartyPreparation[]> {
	const viewer = await resolveViewer(ctx, actor, conversationId);
	const { organisationId, conversation, partyId } = viewer;
	const repo = createPreparationRepository(ctx.db);
	const conversations = createConversationsRepository(ctx.db);
	const record = await conversations.findConversation(organisationId, conversation.id);
	if (!record) throw domainError('not_found');
	const parties = await nameParties(
		ctx.db,
		record,
		await conversations.listParties(organisationId, conversation.id),
		locale ?? viewer.locale
	);
	const visible = await repo.listVisible(organisationId, conversation.id, partyId);
	const cards = await repo.listVisibleCards(organisationId, conversation.id, partyId);
	const decks = await getConversationDecks(ctx, { organisationId, conversationId: conversation.id });
	const result = parties.map((party): PartyPreparation => {
		const found = visible.find((p) => p.partyId === party.id);
		const readable = found !== undefined && canSeePreparation(partyId, party.id, found.sharedAt);
		const partyCards = readable
			? resolveCards(
					cards.filter((c) => c.partyId === party.id),
					decks,
					locale ?? viewer.locale,
					viewer.voice
				)
			: [];
		return {
			partyId: party.id,
			kind: party.kind,
			displayName: party.displayName,
			isViewer: party.id === partyId,
			shared: found?.sharedAt != null,
			sharedAt: found?.sharedAt ?? null,
			sharedParts: found?.sharedParts ?? [],
			paperFilledOn: found?.paperFilledOn ?? null,
			preparation: readable ? toPartyPreparation(found, partyCards) : null
		};
	});
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId,
		action: 'preparation.shared_viewed',
		target: { type: 'conversation', id: conversation.id },
		details: { shared: result.filter((p) => p.shared && !p.isViewer).length }
	});
	return result;
}
