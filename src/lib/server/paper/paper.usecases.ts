import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { changeConversation, refuseIf, type AuditEvents } from '#lib/server/conversations/conversations.change.ts';
import { revealIfComplete } from '#lib/server/conversations/conversations.lead.usecases.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { findRatingProblem } from '#lib/server/conversations/conversations.schemas.ts';
import { itemKeys, smileyValues } from '#lib/server/instruments/instruments.models.ts';
import { findPublishedInstrument } from '#lib/server/instruments/instruments.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { paperDateRefusal } from './paper.models.ts';
import { paperEntryRefusal } from './paper.policy.ts';

/**
 * Paper entry (docs/decisions/020): the professional types in the answers a party gave on a
 * printed form, with the day it was filled in. They land in the conversation the form's code
 * names, as that party's ratings, marked as from paper; the conversation goes on as if the party
 * had answered on a device (when every present party has answered, it reveals by itself).
 * Refused, changing nothing: a day that cannot be right, a party already answered, a client's
 * paper before the professional's own ratings, answers that are not complete and on the scale.
 */
export async function enterPaperAnswers({
	ctx,
	actor,
	conversationId,
	partyId,
	filledOn,
	values
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	partyId: string;
	filledOn: string;
	values: Readonly<Record<string, unknown>>;
}): Promise<{ revealed: boolean }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.paperEntry', ids: [conversationId] });
	const organisationId = staff.organisationId;
	// Twice for one party says so, even when the conversation has moved on since (then the phase would be named).
	const before = await createConversationsRepository(ctx.db).listParties(organisationId, conversationId);
	if (before.some((party) => party.id === partyId && party.submittedAt !== null)) throw domainError('paper.already_entered');
	const scope = { actor, organisationId, conversationId, as: 'professional' as const, action: 'enterPaper' as const };
	return changeConversation(ctx, scope, async ({ trx, repo, conversation, now }) => {
		const parties = await repo.listPartiesWithAudience(organisationId, conversation.collaborationId, conversationId);
		refuseIf(paperEntryRefusal(parties, partyId, staff.userId));
		const collaboration = await createCollaborationsRepository(trx).findCollaboration(organisationId, conversation.collaborationId);
		if (!collaboration) throw domainError('not_found');
		const dates = {
			today: todayInAmsterdam(ctx.clock.now()),
			collaborationBegan: todayInAmsterdam(new Date(collaboration.createdAt)),
			conversationBegan: todayInAmsterdam(new Date(conversation.startedAt))
		};
		refuseIf(paperDateRefusal(filledOn, dates));
		const instrument = conversation.instrumentId
			? await findPublishedInstrument(ctx, { organisationId, instrumentId: conversation.instrumentId }, trx)
			: undefined;
		if (!instrument) throw new Error(`conversation ${conversationId} has no instrument`);
		const target = parties.find((party) => party.id === partyId)!;
		const allowed = target.kind === 'participant' && target.audience === 'child' ? smileyValues(instrument.content) : null;
		refuseIf(findRatingProblem(values, itemKeys(instrument.content), allowed));
		const ratings = values as Record<string, number>;
		await repo.insertRatings({ organisationId, conversationId, partyId, instrumentId: instrument.id, values: ratings, now });
		if (!(await repo.markSubmitted(organisationId, conversationId, partyId, now, filledOn))) throw domainError('paper.already_entered');
		const after = parties.map((party) => (party.id === partyId ? { ...party, submittedAt: now } : party));
		const revealed = await revealIfComplete(repo, conversation, after, now);
		const audit: AuditEvents = [
			{ action: 'conversation.paper_entered', details: { partyId, items: Object.keys(ratings).length, filledOn } }
		];
		if (revealed) audit.push({ action: 'conversation.revealed', details: { auto: true } });
		return { result: { revealed }, audit, eventType: revealed ? 'phase.changed' : 'party.submitted' };
	});
}
