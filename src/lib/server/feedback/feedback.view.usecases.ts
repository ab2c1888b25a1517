import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess, requireParty } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { getInstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { canSeeFeedbackOf, type FeedbackViewer } from './feedback.policy.ts';
import { buildFeedbackView, type FeedbackView } from './feedback.views.ts';

async function loadFeedbackView(
	ctx: AppContext,
	input: { organisationId: string; conversationId: string; viewer: FeedbackViewer; locale: ClientLocale }
): Promise<FeedbackView> {
	const repo = createConversationsRepository(ctx.db);
	const conversation = await repo.findConversation(input.organisationId, input.conversationId);
	if (!conversation?.instrumentId || conversation.method !== 'sessionFeedback') throw domainError('not_found');
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
	const view = await loadFeedbackView(ctx, { organisationId: staff.organisationId, conversationId, viewer, locale });
	return view;
}

/** Session feedback as a participant's device sees it: their own questions, in their own words, and only their own answers. */
export async function getFeedbackForParticipant({ ctx, actor, conversationId }: { ctx: AppContext; actor: Actor; conversationId: string }) {
	if (actor.type !== 'participant') throw domainError('not_found');
	const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'view' });
	const viewer = { kind: 'participant' as const, partyId: party.partyId };
	const view = await loadFeedbackView(ctx, { organisationId: party.organisationId, conversationId, viewer, locale: actor.locale });
	return view;
}
