import type { ParticipantActor } from '../access/actor.ts';
import type { Actor } from '../access/actor.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../db/schema.ts';
import type { DeckContent } from '../decks/decks.models.ts';
import { getConversationDecks } from '../decks/decks.usecases.ts';
import type { PreparationInput } from '../preparation/preparation.models.ts';
import { savePreparation, sharePreparation } from '../preparation/preparation.usecases.ts';
import { scheduleLearningConversation, type LinkDelivery, type PrintableLink } from '../preparation/schedule.usecases.ts';
import { newId } from '../shared/tokens.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import { actorsOf } from './conversation-builders.ts';
import type { TestContext } from './test-context.ts';

/** Builders for learning conversations: planned through the scheduling usecase, in phase 'preparation'. */

/** The ids of the built-in decks a conversation was planned with ('' for a deck switched off before). */
export interface DeckIds {
	samenleerwijzer: string;
	themes: string;
	values: string;
	wishes: string;
}

export interface BuiltLearningConversation {
	admin: BuiltStaff;
	professional: BuiltStaff;
	collaborationId: string;
	conversationId: string;
	scheduledOn: string;
	professionalPartyId: string;
	participantIds: string[];
	/** One per participant, in build order; devices bound to their party (as a claimed link gives). */
	participants: ParticipantActor[];
	printLinks: PrintableLink[];
	decks: DeckIds;
}

export async function buildLearningConversation(
	ctx: TestContext,
	options: {
		participants?: number;
		/** E-mail address and language per participant index (in build order). */
		emails?: Record<number, { email: string; locale?: Locale }>;
		/** How each participant (by index) gets a link; 'print' by default. */
		deliveries?: Record<number, LinkDelivery>;
		daysAhead?: number;
		professional?: BuiltStaff;
		/** Plan it in this collaboration of the professional instead of a new one. */
		collaborationId?: string;
	} = {}
): Promise<BuiltLearningConversation> {
	const admin = options.professional ? undefined : await buildOrganisation(ctx);
	const professional = options.professional ?? (await buildStaff(ctx, admin!, { roles: ['professional'] }));
	const participantsRepo = createParticipantsRepository(ctx.db);
	const { collaborationId, participantIds } = options.collaborationId
		? {
				collaborationId: options.collaborationId,
				participantIds: (await participantsRepo.listParticipants(professional.organisationId, options.collaborationId)).map((p) => p.id)
			}
		: await buildCollaboration(ctx, professional, { participants: options.participants ?? 2 });
	for (const [index, contact] of Object.entries(options.emails ?? {})) {
		const participant = (await participantsRepo.listParticipants(professional.organisationId, collaborationId)).find(
			(p) => p.id === participantIds[Number(index)]
		)!;
		await participantsRepo.updateParticipant(professional.organisationId, collaborationId, participant.id, {
			displayName: participant.displayName,
			audience: participant.audience,
			locale: contact.locale ?? 'nl',
			email: contact.email
		});
	}
	const scheduledOn = addDaysToDate(todayInAmsterdam(ctx.clock.now()), options.daysAhead ?? 7);
	const deliveries = Object.fromEntries(participantIds.map((id, index) => [id, options.deliveries?.[index] ?? 'print']));
	const scheduled = await scheduleLearningConversation({ ctx, actor: professional, collaborationId, scheduledOn, deliveries });
	const actors = await actorsOf(ctx, professional, scheduled.conversationId, participantIds);
	return {
		admin: admin ?? professional,
		professional,
		collaborationId,
		conversationId: scheduled.conversationId,
		scheduledOn,
		participantIds,
		printLinks: scheduled.printLinks,
		decks: await deckIdsOf(ctx, professional.organisationId, scheduled.conversationId),
		...actors
	};
}

/** The ids of the deck versions a conversation uses, by deck key. */
export async function deckIdsOf(ctx: AppContext, organisationId: string, conversationId: string): Promise<DeckIds> {
	const decks = await getConversationDecks(ctx, { organisationId, conversationId });
	const idOf = (key: string) => decks.find((d) => d.key === key)?.id ?? '';
	return { samenleerwijzer: idOf('samenleerwijzer'), themes: idOf('themes'), values: idOf('values'), wishes: idOf('wishes') };
}

/** One party prepares (through the preparation usecases) and, unless `share` is false, shares it. */
export async function prepare(
	ctx: AppContext,
	input: { actor: Actor; conversationId: string; preparation: Partial<PreparationInput>; share?: boolean }
): Promise<void> {
	const { actor, conversationId } = input;
	await savePreparation({ ctx, actor, conversationId, input: { cards: [], safety: [], ...input.preparation } });
	if (input.share !== false) await sharePreparation({ ctx, actor, conversationId });
}

const OTHER_DECK: DeckContent = {
	title: { nl: 'Andere kaarten', en: 'Other cards' },
	description: { nl: 'Niet in dit gesprek', en: 'Not in this conversation' },
	cards: [
		{
			key: 'onze-verbinding',
			pictogram: 'handshake',
			title: { nl: 'Onze verbinding', en: 'Our connection' },
			front: { nl: 'Een kaart van een ander kaartenset', en: 'A card of another deck' },
			back: []
		}
	]
};

/** A deck of the organisation stored after the conversation was planned: not one of its decks. */
export async function insertDeckOutsideConversation(ctx: AppContext, organisationId: string): Promise<string> {
	const id = newId();
	await ctx.db
		.insertInto('decks')
		.values({
			id,
			organisationId,
			key: `test-other-${id.slice(0, 8)}`,
			version: 1,
			kind: 'topic',
			contentJson: JSON.stringify(OTHER_DECK),
			derivedFrom: null,
			publishedAt: ctx.clock.now().toISOString(),
			publishedBy: null
		})
		.execute();
	return id;
}
