import type { Kysely } from 'kysely';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { recordAudit, type AuditEntry } from '#lib/server/shared/audit.ts';
import { domainError, type DomainErrorCode } from '#lib/server/shared/errors.ts';
import { publishConversationEvent } from '#lib/server/shared/live.ts';
import { actionRefusal, type ConversationAction } from './conversations.policy.ts';
import { createConversationsRepository, type ConversationRecord, type ConversationsRepository } from './conversations.repository.ts';
import type { PartyKind } from './conversations.models.ts';

export interface ChangeScope {
	trx: Kysely<Database>;
	repo: ConversationsRepository;
	/** The conversation as locked for this change, version already bumped. */
	conversation: ConversationRecord;
	now: string;
}

export type AuditEvents = { action: string; details?: AuditEntry['details'] }[];

export interface ChangeOutcome<T> {
	result: T;
	/** Audit events, in order; each names the conversation as its target. */
	audit: AuditEvents;
	/** What the live event says happened; the audit action of the first event when left out. */
	eventType?: string;
}

/**
 * Every change to a conversation runs through here: one transaction that first locks the
 * conversation (bumping its version), checks that the action fits the phase, does the work,
 * and writes the audit events. After the commit the devices following it hear about the new
 * version — ids and a type only, never a rating or a note. A thrown error changes nothing.
 */
export async function changeConversation<T>(
	ctx: AppContext,
	input: { actor: Actor; organisationId: string; conversationId: string; as: PartyKind; action: ConversationAction },
	work: (scope: ChangeScope) => Promise<ChangeOutcome<T>>
): Promise<T> {
	const { actor, organisationId, conversationId } = input;
	const { outcome, conversation } = await ctx.db.transaction().execute(async (trx) => {
		const repo = createConversationsRepository(trx);
		const locked = await repo.lockForChange(organisationId, conversationId);
		if (!locked) throw domainError('not_found');
		refuseIf(actionRefusal(input.as, input.action, locked.phase, locked.method));
		const done = await work({ trx, repo, conversation: locked, now: ctx.clock.now().toISOString() });
		for (const event of done.audit) {
			await recordAudit(trx, ctx.clock, {
				actor,
				organisationId,
				action: event.action,
				target: { type: 'conversation', id: conversationId },
				details: event.details
			});
		}
		return { outcome: done, conversation: locked };
	});
	await announce(ctx, conversation, outcome.eventType ?? outcome.audit[0]?.action ?? 'conversation.changed');
	return outcome.result;
}

export function refuseIf(code: DomainErrorCode | null): void {
	if (code !== null) throw domainError(code);
}

/** A failed announcement must not undo or fail a committed change: devices resync on their next fetch. */
export async function announce(ctx: AppContext, conversation: Pick<ConversationRecord, 'id' | 'organisationId' | 'version'>, type: string) {
	try {
		await publishConversationEvent(ctx, {
			conversationId: conversation.id,
			organisationId: conversation.organisationId,
			type,
			version: conversation.version
		});
	} catch (error) {
		ctx.logger.warn({ event: 'live.publish_failed', err: { message: String(error) } }, 'live update not published');
	}
}
