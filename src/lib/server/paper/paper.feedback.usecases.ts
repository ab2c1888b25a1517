import { requireAccessToChange } from '#lib/server/access/access.ts';
import { refuseIf, type AuditEvents } from '#lib/server/conversations/conversations.change.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { checkAskedAnswers } from '#lib/server/conversations/conversations.schemas.ts';
import { changeFeedback } from '#lib/server/feedback/feedback.change.ts';
import { shouldCloseFeedback } from '#lib/server/feedback/feedback.models.ts';
import { closeNow } from '#lib/server/feedback/feedback.usecases.ts';
import { smileyValues } from '#lib/server/instruments/instruments.models.ts';
import { createInstrumentsRepository } from '#lib/server/instruments/instruments.repository.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { refuseWrongPaperDate, type PaperEntryTarget } from './paper.usecases.ts';
import { paperFeedbackRefusal } from './paper.policy.ts';

/**
 * Session feedback on paper (docs/decisions/020): the professional types in the answers a client
 * gave on the printed form, with the day it was filled in. They become that participant's
 * answers to this feedback, marked as from paper, exactly as if sent from a device: the feedback
 * closes by itself once every present participant has answered, and the professional sees the
 * answers in the feedback only then (the blind rule of decision 008 stays). Whatever instrument
 * the feedback was started with (the built-in one or an organisation's own) gives the items.
 * Refused, changing nothing: a day that cannot be right, a participant who already answered (on
 * a device or on paper) or is absent, answers that are not complete and on the scale, a feedback
 * that has ended.
 */
export async function enterPaperFeedback({
	ctx,
	actor,
	collaborationId,
	conversationId,
	partyId,
	filledOn,
	values,
	texts = {}
}: PaperEntryTarget & {
	values: Readonly<Record<string, unknown>>;
	/** Answers in words, as typed from the paper (`text.<key>` fields). */
	texts?: Readonly<Record<string, string>>;
}): Promise<{ closed: boolean }> {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'conversation.paperEntry',
		ids: [conversationId]
	});
	const organisationId = staff.organisationId;
	// Twice for one participant says so, even when the feedback has closed since (then it would say it ended).
	const before = await createConversationsRepository(ctx.db).listParties(organisationId, conversationId);
	if (before.some((party) => party.id === partyId && party.kind === 'participant' && party.submittedAt !== null))
		throw domainError('paper.already_entered');
	const scope = { actor, organisationId, conversationId, as: 'professional' as const, action: 'enterPaper' as const, logAccess };
	return changeFeedback(ctx, scope, async ({ trx, repo, conversation, now }) => {
		if (collaborationId !== undefined && conversation.collaborationId !== collaborationId) throw domainError('not_found');
		const parties = await repo.listPartiesWithAudience(organisationId, conversation.collaborationId, conversationId);
		refuseIf(paperFeedbackRefusal(parties, partyId));
		await refuseWrongPaperDate(trx, ctx, organisationId, conversation, filledOn);
		const instrument = conversation.instrumentId
			? await createInstrumentsRepository(trx).findForOrganisation(organisationId, conversation.instrumentId)
			: undefined;
		if (!instrument) throw new Error(`session feedback ${conversationId} has no instrument`);
		const target = parties.find((party) => party.id === partyId)!;
		const allowed = target.audience === 'child' ? smileyValues(instrument.content) : null;
		// As on the device (submitSessionFeedback): a conditional question (enableWhen) not asked is not
		// required and an answer to it is dropped; answers in words (issue 14) are checked apart.
		const checked = checkAskedAnswers(instrument.content, values, texts, allowed);
		if (checked.problem) throw domainError(checked.problem);
		const { values: answers, ...words } = checked;
		await repo.insertRatings({ organisationId, conversationId, partyId, instrumentId: instrument.id, values: answers, now });
		await repo.saveTextAnswers(organisationId, conversationId, partyId, words.texts);
		if (!(await repo.markSubmitted(organisationId, conversationId, partyId, now, filledOn))) throw domainError('paper.already_entered');
		const after = parties.map((party) => (party.id === partyId ? { ...party, submittedAt: now } : party));
		const closed = shouldCloseFeedback(after);
		if (closed) await closeNow(repo, conversation, now);
		// Counts and the day only: the answers themselves are in the ratings, never in the log.
		const audit: AuditEvents = [
			{
				action: 'feedback.paper_entered',
				details: { partyId, items: Object.keys(answers).length, words: Object.keys(words.texts).length, filledOn }
			}
		];
		if (closed) audit.push({ action: 'feedback.closed', details: { auto: true } });
		return { result: { closed }, audit, eventType: closed ? 'phase.changed' : 'party.submitted' };
	});
}
