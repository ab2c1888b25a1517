import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { nameParties } from '#lib/server/conversations/conversations.view.usecases.ts';
import type { ClientLocale, ConversationPhase } from '#lib/server/db/schema.ts';
import { getConversationDecks, requireCardInDecks } from '#lib/server/decks/decks.usecases.ts';
import { announce, raiseVersion } from '#lib/server/participation/participation.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import {
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
import { createPreparationRepository, type PreparationRecord } from './preparation.repository.ts';
import {
	PREPARATION_KINDS,
	preparationDecks,
	requireOwnPartyToChange,
	resolveCards,
	resolveViewer,
	type PreparedCard
} from './preparation.view.usecases.ts';

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
	const { viewer, logAccess } = await requireOwnPartyToChange(ctx, actor, conversationId);
	const { organisationId, conversation, partyId } = viewer;
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
		// Read again where it is written: the professional may have started or cancelled the conversation
		// since, or the client's data may have been erased (then nothing is left to write to).
		const phase = await repo.lockPhase(organisationId, conversation.id, partyId, ctx.database.dialect);
		if (!phase) throw domainError('not_found');
		if (!canEditPreparation(phase)) throw domainError('preparation.closed');
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
		await logAccess(trx);
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
	const { viewer, logAccess } = await requireOwnPartyToChange(ctx, actor, conversationId);
	const { organisationId, conversation, partyId } = viewer;
	if (!parts.every(isPreparationPart) || parts.length === 0) throw domainError('preparation.invalid_part');
	refuseSharing(how, conversation.phase);
	const now = ctx.clock.now().toISOString();
	const changed = await ctx.db.transaction().execute(async (trx) => {
		// Raised whether or not the parts change: first, as every change of a conversation locks it.
		const version = await raiseVersion(trx, conversation);
		const repo = createPreparationRepository(trx);
		// The phase read again under that lock: a start, an end or a cancellation saved since the page was
		// read decides; an erasure of the client leaves nothing to share.
		const phase = await repo.lockPhase(organisationId, conversation.id, partyId, ctx.database.dialect);
		if (!phase) throw domainError('not_found');
		refuseSharing(how, phase);
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
		await logAccess(trx);
		return { version };
	});
	if (changed)
		await announce(ctx, { ...conversation, version: changed.version }, how === 'share' ? 'preparation.shared' : 'preparation.taken_back');
}

/** Sharing until the conversation has ended; taking back only before it starts. */
function refuseSharing(how: 'share' | 'takeBack', phase: ConversationPhase): void {
	if (how === 'share' && !canSharePreparation(phase)) throw domainError('conversation.ended');
	if (how === 'takeBack' && !canTakeBackPreparation(phase)) throw domainError('preparation.closed');
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
					viewer.voice,
					viewer.clientTerm
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
