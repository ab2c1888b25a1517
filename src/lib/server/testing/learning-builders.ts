import type { ParticipantActor } from '../access/actor.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import type { Audience } from '../db/schema.ts';
import { newId } from '../shared/tokens.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import { actorsOf } from './conversation-builders.ts';
import { OTHER_DECK, TEST_DECKS } from './learning-decks.ts';

/**
 * A learning conversation as scheduling leaves it: in preparation, with a party per participant
 * and one for the professional, and the deck versions it uses. Until the decks feature's
 * scheduling is merged, the rows are written here directly (tests and the e2e seed only).
 */

export interface DeckIds {
	topics: string;
	values: string;
	wishes: string;
	/** A deck of the organisation that this conversation does not use. */
	other: string;
}

/** The organisation's test decks (see learning-decks.ts), created once per organisation. */
export async function ensureTestDecks(ctx: AppContext, organisationId: string): Promise<DeckIds> {
	const ids: Record<string, string> = {};
	for (const deck of [...TEST_DECKS, OTHER_DECK]) {
		const existing = await ctx.db
			.selectFrom('decks')
			.select('id')
			.where('organisationId', '=', organisationId)
			.where('key', '=', deck.key)
			.where('version', '=', 1)
			.executeTakeFirst();
		const id = existing?.id ?? newId();
		if (!existing) {
			await ctx.db
				.insertInto('decks')
				.values({
					id,
					organisationId,
					key: deck.key,
					version: 1,
					kind: deck.kind,
					contentJson: JSON.stringify(deck.content),
					derivedFrom: null,
					publishedAt: ctx.clock.now().toISOString(),
					publishedBy: null
				})
				.execute();
		}
		ids[deck.key] = id;
	}
	return { topics: ids['test-samenleerwijzer']!, values: ids['test-values']!, wishes: ids['test-wishes']!, other: ids['test-other']! };
}

/** Writes a scheduled learning conversation for an existing collaboration and returns its id. */
export async function insertScheduledLearningConversation(
	ctx: AppContext,
	input: { organisationId: string; collaborationId: string; professionalUserId: string; scheduledOn: string }
): Promise<{ conversationId: string; decks: DeckIds }> {
	const { organisationId, collaborationId } = input;
	const decks = await ensureTestDecks(ctx, organisationId);
	const conversationId = newId();
	const repo = createConversationsRepository(ctx.db);
	await repo.insertConversation({
		id: conversationId,
		organisationId,
		collaborationId,
		method: 'learningConversation',
		instrumentId: null,
		phase: 'preparation',
		startedBy: input.professionalUserId,
		startedAt: ctx.clock.now().toISOString(),
		joinCode: null,
		scheduledOn: input.scheduledOn
	});
	for (const participant of await createParticipantsRepository(ctx.db).listParticipants(organisationId, collaborationId)) {
		await repo.insertParty({
			id: newId(),
			organisationId,
			conversationId,
			kind: 'participant',
			participantId: participant.id,
			userId: null,
			present: true
		});
	}
	await repo.insertParty({
		id: newId(),
		organisationId,
		conversationId,
		kind: 'professional',
		participantId: null,
		userId: input.professionalUserId,
		present: true
	});
	for (const deckId of [decks.topics, decks.values, decks.wishes]) {
		await ctx.db.insertInto('conversationDecks').values({ organisationId, conversationId, deckId }).execute();
	}
	return { conversationId, decks };
}

export interface PreparationInput {
	wishes?: string;
	moment?: { a?: string; b?: string; c?: string };
	safety?: string[];
	safetyOwn?: string;
	cards?: { deckId: string; cardKey: string }[];
	/** False: the preparation stays private to its owner. */
	shared?: boolean;
}

/** One party's preparation, as the preparation pages would store it. */
export async function insertPreparation(
	ctx: AppContext,
	input: { organisationId: string; conversationId: string; partyId: string } & PreparationInput
): Promise<void> {
	const now = ctx.clock.now().toISOString();
	const { organisationId, conversationId, partyId } = input;
	await ctx.db
		.insertInto('preparations')
		.values({
			organisationId,
			conversationId,
			partyId,
			wishes: input.wishes ?? null,
			momentA: input.moment?.a ?? null,
			momentB: input.moment?.b ?? null,
			momentC: input.moment?.c ?? null,
			safetyJson: JSON.stringify(input.safety ?? []),
			safetyOwn: input.safetyOwn ?? null,
			sharedAt: input.shared === false ? null : now,
			updatedAt: now
		})
		.execute();
	for (const card of input.cards ?? []) {
		await ctx.db
			.insertInto('preparationCards')
			.values({ organisationId, conversationId, partyId, deckId: card.deckId, cardKey: card.cardKey, createdAt: now })
			.execute();
	}
}

export interface BuiltLearningConversation {
	professional: BuiltStaff;
	collaborationId: string;
	conversationId: string;
	professionalPartyId: string;
	/** One per participant, in the order they were built; each a device bound to its party. */
	participants: ParticipantActor[];
	decks: DeckIds;
}

/** An organisation, a professional, a collaboration with participants, and a learning conversation scheduled in it. */
export async function buildLearningConversation(
	ctx: AppContext,
	options: { participants?: number; audience?: Audience; professional?: BuiltStaff; scheduledOn?: string; collaborationId?: string } = {}
): Promise<BuiltLearningConversation> {
	const professional = options.professional ?? (await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] }));
	const collaboration = options.collaborationId
		? {
				collaborationId: options.collaborationId,
				participantIds: (
					await createParticipantsRepository(ctx.db).listParticipants(professional.organisationId, options.collaborationId)
				).map((p) => p.id)
			}
		: await buildCollaboration(ctx, professional, { participants: options.participants ?? 1, audience: options.audience });
	const { conversationId, decks } = await insertScheduledLearningConversation(ctx, {
		organisationId: professional.organisationId,
		collaborationId: collaboration.collaborationId,
		professionalUserId: professional.userId,
		scheduledOn: options.scheduledOn ?? '2100-01-15'
	});
	const actors = await actorsOf(ctx, professional, conversationId, collaboration.participantIds);
	return { professional, collaborationId: collaboration.collaborationId, conversationId, decks, ...actors };
}
