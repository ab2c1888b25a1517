import { requireLead } from '#lib/server/access/access.ts';
import type { AccessAction } from '#lib/server/access/access-log.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { readAsOwnParty, requireParty, type PartyAccess } from '#lib/server/access/party-doors.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import type { ConversationPhase, ClientLocale } from '#lib/server/db/schema.ts';
import {
	renderCard,
	renderDeck,
	type RenderedCard,
	type RenderedDeck,
	type StoredDeck,
	type Voice
} from '#lib/server/decks/decks.models.ts';
import { getConversationDecks } from '#lib/server/decks/decks.usecases.ts';
import { findClientTermOf } from '#lib/server/organisations/organisations.repository.ts';
import { participantPageOf, type ParticipantHome } from '#lib/server/participation/participation.models.ts';
import { createParticipationRepository } from '#lib/server/participation/participation.repository.ts';
import { participantHomeFrom } from '#lib/server/participation/participation.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { cardChoiceValue, orderSafety, type PreparationPart, type SafetySuggestion } from './preparation.models.ts';
import { canEditPreparation, canSharePreparation, canTakeBackPreparation } from './preparation.policy.ts';
import { createPreparationRepository, type LearningConversationRecord, type PreparationCardRecord } from './preparation.repository.ts';

/**
 * Reading one's own preparation: who is looking (a participant's device or a professional who
 * leads the conversation, learning conversations only), and the page with the decks to choose
 * from, for the professional's preparation page (getPreparation) and the participant's
 * (/c/preparation, getParticipantPreparationPage). The changes (preparation.usecases.ts) let the
 * viewer in through the same door (requireOwnParty).
 */

/** The decks one prepares with: topic and value cards (wish cards are handed in the conversation). */
export const PREPARATION_KINDS = ['topic', 'value'] as const;

interface Viewer {
	organisationId: string;
	conversation: LearningConversationRecord;
	/** The viewer's own party; null for a co-professional who leads without taking part. */
	partyId: string | null;
	locale: ClientLocale;
	/** Whose wording of the cards the viewer reads: a participant's device the client's, staff their own. */
	voice: Voice;
	/** The organisation's word for its clients, for staff: their wording of the cards names the client with it. */
	clientTerm?: string;
}

/**
 * Who is looking: a participant's device reaches its own party; a professional who may lead the
 * conversation reaches their own party (if they have one). Only learning conversations.
 */
export async function resolveViewer(ctx: AppContext, actor: Actor, conversationId: string): Promise<Viewer> {
	return (await admitViewer(ctx, actor, conversationId, 'view')).viewer;
}

/** resolveViewer's door, for a view (logged here) or a change (logged by the change: `logAccess`). */
async function admitViewer(
	ctx: AppContext,
	actor: Actor,
	conversationId: string,
	purpose: AccessAction
): Promise<{ viewer: Viewer; logAccess: PartyAccess['logAccess'] }> {
	let organisationId: string;
	let partyId: string | null;
	let locale: ClientLocale;
	let logAccess: PartyAccess['logAccess'];
	if (actor.type === 'participant') {
		const party = await requireParty({ db: ctx.db, actor, conversationId, purpose });
		({ organisationId, partyId, locale, logAccess } = { ...party, locale: actor.locale });
	} else {
		const lead = await requireLead(ctx.db, actor, conversationId, purpose);
		const { staff } = lead;
		const parties = await createConversationsRepository(ctx.db).listParties(staff.organisationId, conversationId);
		organisationId = staff.organisationId;
		partyId = parties.find((p) => p.kind === 'professional' && p.userId === staff.userId)?.id ?? null;
		locale = staff.locale;
		logAccess = lead.logAccess;
	}
	const conversation = await createPreparationRepository(ctx.db).findConversation(organisationId, conversationId);
	const viewer = learningViewer(
		conversation,
		actor.type === 'participant'
			? { partyId, locale, voice: 'client' }
			: { partyId, locale, voice: 'professional', clientTerm: await findClientTermOf(ctx.db, organisationId) }
	);
	return { viewer, logAccess };
}

/** Only a learning conversation is prepared: any other, or none, is not found. */
function learningViewer<Party extends string | null>(
	conversation: LearningConversationRecord | undefined,
	viewer: Omit<Viewer, 'organisationId' | 'conversation' | 'partyId'> & { partyId: Party }
): Viewer & { partyId: Party } {
	if (!conversation || conversation.method !== 'learningConversation') throw domainError('not_found');
	return { organisationId: conversation.organisationId, conversation, ...viewer };
}

/** The viewer's own party, to read one's own preparation: a co-professional without one is not found. */
export async function requireOwnParty(ctx: AppContext, actor: Actor, conversationId: string): Promise<Viewer & { partyId: string }> {
	return ownParty(await admitViewer(ctx, actor, conversationId, 'view')).viewer;
}

/**
 * The viewer's own party, to change one's own preparation: the change writes its access entry
 * with the change (`logAccess(trx)`), so a refused one leaves none (decision 016).
 */
export async function requireOwnPartyToChange(
	ctx: AppContext,
	actor: Actor,
	conversationId: string
): Promise<{ viewer: Viewer & { partyId: string }; logAccess: PartyAccess['logAccess'] }> {
	return ownParty(await admitViewer(ctx, actor, conversationId, 'change'));
}

function ownParty({ viewer, logAccess }: { viewer: Viewer; logAccess: PartyAccess['logAccess'] }) {
	if (viewer.partyId === null) throw domainError('not_found');
	return { viewer: { ...viewer, partyId: viewer.partyId }, logAccess };
}

export function preparationDecks(decks: readonly StoredDeck[]): StoredDeck[] {
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
		decks: decks.map((deck) => renderDeck(deck, locale ?? viewer.locale, viewer.voice, viewer.clientTerm)),
		own: {
			wishes: own?.wishes ?? null,
			cards: resolveCards(cards, decks, viewer.locale, viewer.voice, viewer.clientTerm).map((card) =>
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

export interface PreparedCard extends RenderedCard {
	/** The same as `key`: the card's key within its deck. */
	cardKey: string;
	deckId: string;
	deckKey: string;
	deckKind: StoredDeck['kind'];
}

/** In the decks' order and each deck's card order, whatever order they were stored in. */
export function resolveCards(
	cards: readonly PreparationCardRecord[],
	decks: readonly StoredDeck[],
	locale: ClientLocale,
	voice: Voice,
	clientTerm?: string
): PreparedCard[] {
	const resolved: PreparedCard[] = [];
	for (const deck of decks) {
		for (const card of deck.content.cards) {
			if (cards.some((c) => c.deckId === deck.id && c.cardKey === card.key)) {
				resolved.push({
					...renderCard(card, locale, voice, clientTerm),
					cardKey: card.key,
					deckId: deck.id,
					deckKey: deck.key,
					deckKind: deck.kind
				});
			}
		}
	}
	return resolved;
}
