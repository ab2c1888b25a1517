import type { AuditAction } from '#lib/audit-actions.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { changeConversation, leadChange, type AuditEvents } from './conversations.change.ts';
import { shouldAutoReveal, type PartyState } from './conversations.models.ts';
import type { ConversationAction } from './conversations.policy.ts';
import type { ConversationRecord, ConversationsRepository } from './conversations.repository.ts';

/** The professional's steps that only move the phase on; conversations.usecases.ts exports them by name. */

const AUDIT_ACTION = {
	startReflection: 'conversation.reflection_started',
	startAgreement: 'conversation.agreement_started',
	abandon: 'conversation.abandoned'
} as const satisfies Partial<Record<ConversationAction, AuditAction>>;

export async function moveOn(
	ctx: AppContext,
	actor: Actor,
	conversationId: string,
	action: keyof typeof AUDIT_ACTION,
	to: ConversationPhase
): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, action);
	await changeConversation(ctx, scope, async ({ repo, conversation, now }) => {
		const ending = to === 'abandoned' || to === 'closed';
		await repo.updateConversation(
			staff.organisationId,
			conversation.id,
			ending ? { phase: to, endedAt: now, joinCode: null } : { phase: to }
		);
		return {
			result: undefined,
			audit: [{ action: AUDIT_ACTION[action], details: { from: conversation.phase, to } }],
			eventType: 'phase.changed'
		};
	});
}

/**
 * Reveals when the rule says so; true when it did. Runs inside a change, after the lock, with the
 * parties as they now are: as listed under that lock, with this change's own update applied.
 */
export async function revealIfComplete(
	repo: ConversationsRepository,
	conversation: ConversationRecord,
	parties: readonly PartyState[],
	now: string
): Promise<boolean> {
	if (conversation.phase !== 'rating') return false;
	if (!shouldAutoReveal(parties)) return false;
	await repo.updateConversation(conversation.organisationId, conversation.id, { phase: 'revealed', revealedAt: now });
	return true;
}

export async function setPresence(ctx: AppContext, actor: Actor, conversationId: string, partyId: string, present: boolean): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'markPresence');
	await changeConversation(ctx, scope, async ({ repo, conversation, now }) => {
		const parties = await repo.listParties(staff.organisationId, conversation.id);
		// The professional leads the conversation and is always there; only client parties can be absent.
		if (!parties.some((party) => party.id === partyId && party.kind === 'participant')) throw domainError('not_found');
		await repo.setPresent(staff.organisationId, conversation.id, partyId, present);
		const updated = parties.map((party) => (party.id === partyId ? { ...party, present } : party));
		const revealed = await revealIfComplete(repo, conversation, updated, now);
		const audit: AuditEvents = [{ action: present ? 'conversation.party_present' : 'conversation.party_absent', details: { partyId } }];
		if (revealed) audit.push({ action: 'conversation.revealed', details: { auto: true } });
		return { result: undefined, audit, eventType: revealed ? 'phase.changed' : 'party.presence' };
	});
}
