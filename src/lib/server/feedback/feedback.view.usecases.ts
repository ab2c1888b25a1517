import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { readAsOwnParty } from '#lib/server/access/party-doors.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository, type ConversationRecord } from '#lib/server/conversations/conversations.repository.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { getInstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import { participantPageOf, type ParticipantHome } from '#lib/server/participation/participation.models.ts';
import { participantHomeFrom } from '#lib/server/participation/participation.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { canSeeFeedbackOf, type FeedbackViewer } from './feedback.policy.ts';
import { buildFeedbackView, type FeedbackView, type FeedbackViewInput } from './feedback.views.ts';

/** The conversation and its clients' parties, named, as a feedback view begins with them. */
interface FeedbackBasis {
	conversation: ConversationRecord;
	parties: FeedbackViewInput['parties'];
}

/** The conversation and its clients' parties (named, in the collaboration's order of its participants); undefined when there is no such conversation. */
async function readFeedbackBasis(ctx: AppContext, organisationId: string, conversationId: string): Promise<FeedbackBasis | undefined> {
	const repo = createConversationsRepository(ctx.db);
	const conversation = await repo.findConversation(organisationId, conversationId);
	if (!conversation) return undefined;
	const participants = await createParticipantsRepository(ctx.db).listParticipants(
		conversation.organisationId,
		conversation.collaborationId,
		{
			includeRemoved: true
		}
	);
	const parties = await repo.listParties(conversation.organisationId, conversation.id);
	const named = participants.flatMap((participant) => {
		const party = parties.find((p) => p.kind === 'participant' && p.participantId === participant.id);
		return party ? [{ ...party, displayName: participant.displayName, audience: participant.audience }] : [];
	});
	return { conversation, parties: named };
}

async function loadFeedbackView(
	ctx: AppContext,
	input: { viewer: FeedbackViewer; locale: ClientLocale },
	/** Read by the caller, behind its door. */
	basis: FeedbackBasis | undefined
): Promise<FeedbackView> {
	const conversation = basis?.conversation;
	if (!basis || !conversation?.instrumentId || conversation.method !== 'sessionFeedback') throw domainError('not_found');
	const named = basis.parties;
	const repo = createConversationsRepository(ctx.db);
	const viewerPartyId = input.viewer.kind === 'participant' ? input.viewer.partyId : null;
	const viewerParty = named.find((p) => p.id === viewerPartyId);
	const instrument = await getInstrumentForConversation(ctx, {
		organisationId: conversation.organisationId,
		instrumentId: conversation.instrumentId,
		audience: viewerParty?.audience ?? 'professional',
		locale: input.locale,
		planTerm: 'plan'
	});
	// Only what the policy lets this viewer see is loaded at all.
	const visible = named.filter((p) => canSeeFeedbackOf(input.viewer, p.id, conversation.phase)).map((p) => p.id);
	const ratings = await repo.listRatings(conversation.organisationId, [conversation.id], visible);
	const texts = await repo.listTextAnswers(conversation.organisationId, [conversation.id], visible);
	return buildFeedbackView({ conversation, viewer: input.viewer, instrument, parties: named, ratings, texts });
}

/** Session feedback as one of its collaboration's professionals sees it, in `locale` (the page's language): the answers only once it is closed. */
export async function getFeedbackForStaff({
	ctx,
	actor,
	conversationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	locale: StaffLocale;
}) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
	const viewer = { kind: 'professional' as const };
	const view = await loadFeedbackView(ctx, { viewer, locale }, await readFeedbackBasis(ctx, staff.organisationId, conversationId));
	return view;
}

/**
 * A participant's device reading its own conversation, through readAsOwnParty's door (party-doors.ts):
 * its own party is found among the parties the feedback view reads anyway.
 */
async function readOwnFeedback(ctx: AppContext, actor: Actor, conversationId: string) {
	return readAsOwnParty({
		db: ctx.db,
		actor,
		conversationId,
		read: (organisationId) => readFeedbackBasis(ctx, organisationId, conversationId)
	});
}

/**
 * The session feedback page (/c/feedback) in one read: where the device's conversation stands
 * (the participant's home) and, when it is session feedback, the feedback as this device sees it
 * (their own questions, in their own words, and only their own answers); null for any other
 * method, which the page sends back to /c. The conversation and its parties are read once.
 */
export async function getParticipantFeedbackPage({
	ctx,
	actor
}: {
	ctx: AppContext;
	actor: Actor;
}): Promise<{ home: ParticipantHome; view: FeedbackView | null }> {
	if (actor.type !== 'participant') throw domainError('not_found');
	const { participant, basis, own } = await readOwnFeedback(ctx, actor, actor.conversationId);
	const home = await participantHomeFrom(ctx, participant, basis.conversation, own.displayName);
	if (participantPageOf(basis.conversation) !== '/c/feedback') return { home, view: null };
	const viewer = { kind: 'participant' as const, partyId: own.id };
	return { home, view: await loadFeedbackView(ctx, { viewer, locale: participant.locale }, basis) };
}
