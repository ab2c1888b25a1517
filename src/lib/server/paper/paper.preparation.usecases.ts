import { requireAccessToChange } from '#lib/server/access/access.ts';
import { announce, refuseIf } from '#lib/server/conversations/conversations.change.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import {
	cleanPreparationWords,
	cleanText,
	findPreparationProblem,
	type PreparationPart
} from '#lib/server/preparation/preparation.models.ts';
import { canSharePreparation } from '#lib/server/preparation/preparation.policy.ts';
import { createPreparationRepository } from '#lib/server/preparation/preparation.repository.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { refuseWrongPaperDate, type PaperEntryTarget } from './paper.usecases.ts';
import { paperPreparationRefusal } from './paper.policy.ts';

/** What the printed preparation asks (paper.forms.ts preparationForm): no cards, which are picked on a screen. */
export interface PaperPreparationInput {
	wishes?: string | null;
	momentA?: string | null;
	momentB?: string | null;
	momentC?: string | null;
	/** Ticked suggestions, by key. */
	safety: readonly string[];
	safetyOwn?: string | null;
}

/** The parts of a preparation the paper holds something for: those are shared by handing it over. */
export function paperParts(input: PaperPreparationInput): PreparationPart[] {
	const parts: PreparationPart[] = [];
	if (cleanText(input.wishes)) parts.push('wishes');
	if ([input.momentA, input.momentB, input.momentC].some((text) => cleanText(text))) parts.push('moment');
	if (input.safety.length > 0 || cleanText(input.safetyOwn)) parts.push('safety');
	return parts;
}

/**
 * A learning conversation's preparation on paper (docs/decisions/020): the professional types in
 * the preparation a participant filled in on the printed form, with the day it was filled in. It
 * becomes that participant's preparation, marked as from paper. The participant handed the paper
 * over to be brought into the conversation, so what it holds is shared (decision 007: private
 * until its owner shares; handing it over is sharing): the parts written on it, no others.
 * Refused, changing nothing: a day that cannot be right, a participant who already has a
 * preparation (written on a device or typed in from paper), an absent one, a paper with nothing on
 * it, texts too long or an unknown safety suggestion, a conversation that has ended.
 */
export async function enterPaperPreparation({
	ctx,
	actor,
	collaborationId,
	conversationId,
	partyId,
	filledOn,
	input
}: PaperEntryTarget & {
	input: PaperPreparationInput;
}): Promise<{ phase: ConversationPhase }> {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'conversation.paperEntry',
		ids: [conversationId]
	});
	const organisationId = staff.organisationId;
	const conversation = await ctx.database.commits.run(async (trx) => {
		const conversations = createConversationsRepository(trx);
		const locked = await conversations.lockForChange(organisationId, conversationId);
		if (!locked || locked.method !== 'learningConversation') throw domainError('not_found');
		if (collaborationId !== undefined && locked.collaborationId !== collaborationId) throw domainError('not_found');
		const target = (await conversations.listParties(organisationId, conversationId)).find((party) => party.id === partyId);
		const repo = createPreparationRepository(trx);
		const { prepared } = target ? await repo.findPreparedState(organisationId, conversationId, partyId) : { prepared: false };
		refuseIf(paperPreparationRefusal(target, { prepared, ended: !canSharePreparation(locked.phase) }));
		await refuseWrongPaperDate(trx, ctx, organisationId, locked, filledOn);
		refuseIf(findPreparationProblem({ ...input, cards: [] }));
		const parts = paperParts(input);
		if (parts.length === 0) throw domainError('paper.preparation_empty');
		const now = ctx.clock.now().toISOString();
		const words = cleanPreparationWords(input);
		const written = await repo.writePaperPreparation({ organisationId, conversationId, partyId, ...words, paperFilledOn: filledOn, now });
		// A device's save came in between the check and this write: it stays, and nothing here is kept.
		if (!written) throw domainError('paper.preparation_exists');
		await repo.setSharedParts(organisationId, conversationId, partyId, parts, now);
		// Which parts and the day only: what someone prepared is theirs, and never in a log.
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId,
			action: 'preparation.paper_entered',
			target: { type: 'conversationParty', id: partyId },
			details: { conversationId, filledOn, parts: parts.join(',') }
		});
		await logAccess(trx);
		return locked;
	});
	await announce(ctx, conversation, 'preparation.shared');
	return { phase: conversation.phase };
}
