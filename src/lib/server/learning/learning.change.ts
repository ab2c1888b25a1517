import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { requireParty } from '#lib/server/access/party-doors.ts';
import type { AppContext } from '#lib/server/context.ts';
import { changeConversation, leadChange, type ChangeOutcome, type ChangeScope } from '#lib/server/conversations/conversations.change.ts';
import type { ConversationAction } from '#lib/server/conversations/conversations.policy.ts';
import type { Viewer } from './learning.policy.ts';

/** How the learning conversation's usecases reach a conversation: as its professional, or as a party taking part. */

export type Input = { ctx: AppContext; actor: Actor; conversationId: string };

/** A professional who may lead the conversation (one of its collaboration's professionals), to look at it; a change takes requireLeadToChange. */
export async function requireLead(ctx: AppContext, actor: Actor, conversationId: string) {
	return requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
}

/**
 * Runs one change of a learning conversation as the party the actor takes part through (their
 * own; a participant's device reaches only its own), with the policy's check of the phase.
 */
export async function changeAsParty<T>(
	{ ctx, actor, conversationId }: Input,
	action: ConversationAction,
	work: (scope: ChangeScope & { viewer: Viewer; organisationId: string }) => Promise<ChangeOutcome<T>>
): Promise<T> {
	const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'change' });
	const organisationId = party.organisationId;
	const viewer: Viewer = { kind: party.kind, partyId: party.partyId };
	const scope = { actor, organisationId, conversationId, as: party.kind, action, logAccess: party.logAccess };
	return changeConversation(ctx, scope, (change) => work({ ...change, viewer, organisationId }));
}

/**
 * Runs one change that both parties may make with the same rights (docs/decisions/013): a
 * participant through the device bound to their own party, a professional who may lead the
 * conversation (with or without a party of their own, like a co-professional who did not
 * start it). The phase check still decides when.
 */
export async function changeAsEqual<T>(
	{ ctx, actor, conversationId }: Input,
	action: ConversationAction,
	work: (scope: ChangeScope & { viewer: Viewer; organisationId: string }) => Promise<ChangeOutcome<T>>
): Promise<T> {
	if (actor.type === 'participant') return changeAsParty({ ctx, actor, conversationId }, action, work);
	const { staff, scope } = await leadChange(ctx, actor, conversationId, action);
	const organisationId = staff.organisationId;
	return changeConversation(ctx, scope, async (change) => {
		const parties = await change.repo.listParties(organisationId, change.conversation.id);
		const own = parties.find((party) => party.kind === 'professional' && party.userId === staff.userId);
		return work({ ...change, viewer: { kind: 'professional', partyId: own?.id ?? null }, organisationId });
	});
}

/** The party `partyId` names (empty: the viewer's own) among the conversation's parties. */
export async function findTarget({ repo, conversation }: ChangeScope, viewer: Viewer, partyId: string | null | undefined) {
	const parties = await repo.listParties(conversation.organisationId, conversation.id);
	const wanted = partyId || viewer.partyId;
	return parties.find((party) => party.id === wanted);
}
