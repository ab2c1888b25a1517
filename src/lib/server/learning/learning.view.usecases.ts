import type { StaffLocale } from '#lib/locales.ts';
import { requireParty } from '#lib/server/access/party-doors.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { PartyKind } from '#lib/server/conversations/conversations.models.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { nameParties } from '#lib/server/conversations/conversations.view.usecases.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { getConversationDecks } from '#lib/server/decks/decks.usecases.ts';
import { findClientTermOf } from '#lib/server/organisations/organisations.repository.ts';
import { listSharedPreparations } from '#lib/server/preparation/preparation.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { requireLead } from './learning.change.ts';
import { canSeeEvaluationOf } from './learning.policy.ts';
import { createLearningRepository } from './learning.repository.ts';
import { buildLearningView, type LearningView } from './learning.views.ts';

type Viewer = { partyId: string | null; kind: PartyKind };

async function loadView(
	ctx: AppContext,
	input: { actor: Actor; organisationId: string; conversationId: string; viewer: Viewer; locale: ClientLocale }
): Promise<LearningView> {
	const repo = createConversationsRepository(ctx.db);
	const conversation = await repo.findConversation(input.organisationId, input.conversationId);
	if (!conversation || conversation.method !== 'learningConversation') throw domainError('not_found');
	const scope = { organisationId: conversation.organisationId, conversationId: conversation.id };
	const learning = createLearningRepository(ctx.db);
	const parties = await nameParties(ctx.db, conversation, await repo.listParties(scope.organisationId, conversation.id));
	// Only what the policy lets this viewer see is loaded at all.
	const evaluationParties = parties.filter((p) => canSeeEvaluationOf(input.viewer, p.id)).map((p) => p.id);
	return buildLearningView({
		conversation,
		viewer: input.viewer,
		locale: input.locale,
		clientTerm: await findClientTermOf(ctx.db, scope.organisationId),
		parties,
		decks: await getConversationDecks(ctx, scope),
		preparations: await listSharedPreparations({ ctx, actor: input.actor, conversationId: conversation.id, locale: input.locale }),
		safety: await learning.listSafety(scope),
		topics: await learning.listTopics(scope),
		sheets: await learning.listSheets(scope),
		wishes: await learning.listWishes(scope),
		moments: await learning.listMoments(scope),
		evaluations: await learning.listEvaluations(scope, evaluationParties),
		agreements: await repo.listAgreements(scope.organisationId, conversation.collaborationId),
		reviews: await repo.listReviews(scope.organisationId, [conversation.id]),
		reviewChoices: await repo.listReviewChoices(scope.organisationId, conversation.id)
	});
}

/**
 * A learning conversation as a professional who leads it sees it (a co-professional without a party
 * takes no part of their own), worded in `locale`: the page's language, not the one stored for them.
 */
export async function getLearningConversationForStaff({
	ctx,
	actor,
	conversationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	locale: StaffLocale;
}): Promise<LearningView> {
	const staff = await requireLead(ctx, actor, conversationId);
	const parties = await createConversationsRepository(ctx.db).listParties(staff.organisationId, conversationId);
	const own = parties.find((party) => party.kind === 'professional' && party.userId === staff.userId);
	const viewer = { partyId: own?.id ?? null, kind: 'professional' as const };
	const view = await loadView(ctx, { actor, organisationId: staff.organisationId, conversationId, viewer, locale });
	return view;
}

/** A learning conversation as a participant's device sees it: only its own conversation, in the participant's language. */
export async function getLearningConversationForParticipant({
	ctx,
	actor,
	conversationId
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
}): Promise<LearningView> {
	if (actor.type !== 'participant') throw domainError('not_found');
	const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'view' });
	const viewer = { partyId: party.partyId, kind: 'participant' as const };
	const view = await loadView(ctx, { actor, organisationId: party.organisationId, conversationId, viewer, locale: actor.locale });
	return view;
}
