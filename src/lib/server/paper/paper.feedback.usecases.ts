import { refuseIf, type AuditEvents } from '#lib/server/conversations/conversations.change.ts';
import { changeFeedback } from '#lib/server/feedback/feedback.change.ts';
import { shouldCloseFeedback } from '#lib/server/feedback/feedback.models.ts';
import { closeNow } from '#lib/server/feedback/feedback.usecases.ts';
import { createInstrumentsRepository } from '#lib/server/instruments/instruments.repository.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { beginPaperAnswers, refuseWrongPaperDate, storePaperAnswers, type PaperAnswersEntry } from './paper.usecases.ts';
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
export async function enterPaperFeedback(entry: PaperAnswersEntry): Promise<{ closed: boolean }> {
	const { ctx, collaborationId, conversationId, partyId, filledOn } = entry;
	const { before, scope } = await beginPaperAnswers(entry);
	const { organisationId } = scope;
	// Twice for one participant says so, even when the feedback has closed since (then it would say it ended).
	if (before.some((party) => party.id === partyId && party.kind === 'participant' && party.submittedAt !== null))
		throw domainError('paper.already_entered');
	return changeFeedback(ctx, scope, async (change) => {
		const { trx, repo, conversation, now } = change;
		if (collaborationId !== undefined && conversation.collaborationId !== collaborationId) throw domainError('not_found');
		const parties = await repo.listPartiesWithAudience(organisationId, conversation.collaborationId, conversationId);
		refuseIf(paperFeedbackRefusal(parties, partyId));
		await refuseWrongPaperDate(trx, ctx, organisationId, conversation, filledOn);
		const instrument = conversation.instrumentId
			? await createInstrumentsRepository(trx).findForOrganisation(organisationId, conversation.instrumentId)
			: undefined;
		if (!instrument) throw new Error(`session feedback ${conversationId} has no instrument`);
		// As on the device (submitSessionFeedback): stored as a device's answers are, marked as from paper.
		const { ratings, words, after } = await storePaperAnswers(change, { ...entry, organisationId }, parties, instrument);
		const closed = shouldCloseFeedback(after);
		if (closed) await closeNow(repo, conversation, now);
		// Counts and the day only: the answers themselves are in the ratings, never in the log.
		const audit: AuditEvents = [
			{
				action: 'feedback.paper_entered',
				details: { partyId, items: Object.keys(ratings).length, words: Object.keys(words).length, filledOn }
			}
		];
		if (closed) audit.push({ action: 'feedback.closed', details: { auto: true } });
		return { result: { closed }, audit, eventType: closed ? 'phase.changed' : 'party.submitted' };
	});
}
