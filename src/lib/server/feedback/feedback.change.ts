import { requireStillTakingPart } from '#lib/server/access/party-doors.ts';
import type { AppContext } from '#lib/server/context.ts';
import {
	announce,
	logChange,
	type AuditEvents,
	type ChangeInput,
	type ChangeScope
} from '#lib/server/conversations/conversations.change.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { feedbackActionRefusal, type FeedbackAction, type FeedbackViewer } from './feedback.policy.ts';

/**
 * Every change to a session feedback, like the quick check's changeConversation but with this
 * method's own rules: one transaction that locks the conversation (bumping its version), reads the
 * actor's right again (requireStillTakingPart), checks that it is session feedback and that the
 * action fits its phase, does the work and writes the audit events and the access entry
 * (ChangeInput.logAccess); after the commit the devices following it hear of the new version.
 */
export async function changeFeedback<T>(
	ctx: AppContext,
	input: Omit<ChangeInput, 'as' | 'action'> & { as: FeedbackViewer['kind']; action: FeedbackAction },
	work: (scope: ChangeScope) => Promise<{ result: T; audit: AuditEvents; eventType: string }>
): Promise<T> {
	const { organisationId, conversationId } = input;
	const { outcome, conversation } = await ctx.database.commits.run(async (trx) => {
		const repo = createConversationsRepository(trx);
		const locked = await repo.lockForChange(organisationId, conversationId);
		if (!locked || locked.method !== 'sessionFeedback') throw domainError('not_found');
		await requireStillTakingPart(trx, input.actor, locked);
		const refusal = feedbackActionRefusal(input.as, input.action, locked.phase);
		if (refusal) throw domainError(refusal);
		const done = await work({ trx, repo, conversation: locked, now: ctx.clock.now().toISOString() });
		await logChange(ctx, trx, input, done.audit);
		return { outcome: done, conversation: locked };
	});
	await announce(ctx, conversation, outcome.eventType);
	return outcome.result;
}
