import type { Kysely } from 'kysely';
import { requireLeadToChange } from '#lib/server/access/access.ts';
import type { Actor, StaffActor } from '#lib/server/access/actor.ts';
import type { LogAccess } from '#lib/server/access/access-log.ts';
import { requireStillTakingPart, type PartyRule } from '#lib/server/access/party-doors.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { auditRows, type AuditEntry, type AuditTarget } from '#lib/server/shared/audit.ts';
import { domainError, type DomainErrorCode } from '#lib/server/shared/errors.ts';
import { actionRefusal, type ConversationAction } from './conversations.policy.ts';
import {
	createConversationsRepository,
	type ConversationRecord,
	type ConversationsRepository,
	type PartyWithAudience
} from './conversations.repository.ts';
import type { PartyKind } from './conversations.models.ts';
import { announce } from '#lib/server/shared/live.ts';

export interface ChangeScope {
	trx: Kysely<Database>;
	repo: ConversationsRepository;
	/** The conversation as locked for this change, version already bumped. */
	conversation: ConversationRecord;
	now: string;
}

export interface PartyChangeScope extends ChangeScope {
	/** Every party of the conversation, read once under the lock, with each client's audience. */
	parties: PartyWithAudience[];
	/** The actor's own party among them. */
	own: PartyWithAudience;
}

export type AuditEvents = { action: AuditEntry['action']; details?: AuditEntry['details'] }[];

export interface ChangeOutcome<T> {
	result: T;
	/** Audit events, in order; each names the conversation as its target. */
	audit: AuditEvents;
	/** What the live event says happened; the audit action of the first event when left out. */
	eventType?: string;
}

/** Who changes the conversation and how, and the access-log entry its door handed on. */
export interface ChangeInput {
	actor: Actor;
	organisationId: string;
	conversationId: string;
	as: PartyKind;
	action: ConversationAction;
	/**
	 * The actor's access-log entry of this change (StaffChange.logAccess, PartyAccess.logAccess),
	 * written in the change's transaction once the work succeeded: a refused change leaves none
	 * (docs/decisions/016-access-log.md).
	 */
	logAccess: LogAccess;
	/**
	 * What the change locks before the conversation (a start: its collaboration, the order closing
	 * a collaboration takes its locks in). Such a change runs in a transaction of its own, not in the
	 * group commit, whose batch would already hold the conversations locked by the changes before it.
	 */
	lockFirst?: (trx: Kysely<Database>) => Promise<void>;
}

/** A change by the professional leading the conversation, as a runner takes it (its `action` that runner's own). */
export type LeadChangeInput<Action extends string> = Omit<ChangeInput, 'as' | 'action'> & { as: 'professional'; action: Action };

/**
 * The door of a change by the professional leading the conversation (requireLeadToChange), with the
 * input of its runner: `changeConversation(ctx, scope, work)` or `changeFeedback(ctx, scope, work)`,
 * which writes the door's access entry (`scope.logAccess`) with the change.
 */
export async function leadChange<Action extends string>(
	ctx: AppContext,
	actor: Actor,
	conversationId: string,
	action: Action
): Promise<{ staff: StaffActor; scope: LeadChangeInput<Action> }> {
	const { staff, logAccess } = await requireLeadToChange(ctx.db, actor, conversationId);
	return { staff, scope: { actor, organisationId: staff.organisationId, conversationId, as: 'professional', action, logAccess } };
}

/**
 * Every change to a conversation runs through here: one transaction that first locks the
 * conversation (bumping its version), reads the actor's right again under that lock
 * (requireStillTakingPart: the door decided it before the transaction), checks that the action
 * fits the phase, does the work,
 * and writes the audit events and the access entry. After the commit the devices following it
 * hear about the new version — ids and a type only, never a rating or a note. A thrown error
 * changes nothing.
 */
export async function changeConversation<T>(
	ctx: AppContext,
	input: ChangeInput,
	work: (scope: ChangeScope) => Promise<ChangeOutcome<T>>
): Promise<T> {
	return runChange(ctx, input, async (scope) => scope, work);
}

/**
 * A change the actor makes through their own party (access by requirePartyRule): as
 * changeConversation, and right after the lock the parties are listed once — the actor's own
 * party must be among them, else not found, as requireParty answers — for the work to check the
 * party's state and decide on the reveal under the same lock, so concurrent changes cannot both
 * act on a state that one of them is about to change. A participant's access-log entry is written
 * once the work succeeded, in the same transaction (PartyRule.logAccess).
 */
export async function changeAsParty<T>(
	ctx: AppContext,
	input: { actor: Actor; party: PartyRule; conversationId: string; action: ConversationAction },
	work: (scope: PartyChangeScope) => Promise<ChangeOutcome<T>>
): Promise<T> {
	const { party } = input;
	const change = { ...input, organisationId: party.organisationId, as: party.kind, logAccess: party.logAccess };
	const admit = async (scope: ChangeScope): Promise<PartyChangeScope> => {
		const { conversation } = scope;
		const parties = await scope.repo.listPartiesWithAudience(conversation.organisationId, conversation.collaborationId, conversation.id);
		const own = parties.find((candidate) => party.isOwn(candidate));
		if (!own) throw domainError('not_found');
		return { ...scope, parties, own };
	};
	return runChange(ctx, change, admit, work);
}

/** `admit` runs after the lock and before the phase check: what it refuses is refused first. */
async function runChange<S extends ChangeScope, T>(
	ctx: AppContext,
	input: ChangeInput,
	admit: (scope: ChangeScope) => Promise<S>,
	work: (scope: S) => Promise<ChangeOutcome<T>>
): Promise<T> {
	const { organisationId, conversationId, lockFirst } = input;
	const change = async (trx: Kysely<Database>) => {
		if (lockFirst) await lockFirst(trx);
		const repo = createConversationsRepository(trx);
		const locked = await repo.lockForChange(organisationId, conversationId);
		// Session feedback shares the 'rating' phase but has its own engine (feedback/): none of these actions reach it.
		if (!locked || locked.method === 'sessionFeedback') throw domainError('not_found');
		await requireStillTakingPart(trx, input.actor, locked);
		const scope = await admit({ trx, repo, conversation: locked, now: ctx.clock.now().toISOString() });
		refuseIf(actionRefusal(input.as, input.action, locked.phase, locked.method));
		const done = await work(scope);
		await logChange(ctx, trx, input, done.audit);
		return { outcome: done, conversation: locked };
	};
	const { outcome, conversation } = await (lockFirst ? ctx.db.transaction().execute(change) : ctx.database.commits.run(change));
	await announce(ctx, conversation, outcome.eventType ?? outcome.audit[0]?.action ?? 'conversation.changed');
	return outcome.result;
}

/**
 * A change's audit, as both runners (runChange, changeFeedback) write it: the door's access-log
 * entry and the change's own events, each naming the conversation, in one insert (LogAccess).
 */
export async function logChange(
	ctx: AppContext,
	trx: Kysely<Database>,
	input: Pick<ChangeInput, 'actor' | 'organisationId' | 'conversationId' | 'logAccess'>,
	events: AuditEvents
): Promise<void> {
	const { actor, organisationId, conversationId } = input;
	const target: AuditTarget = { type: 'conversation', id: conversationId };
	const rows = auditRows(
		ctx.clock,
		events.map((event) => ({ actor, organisationId, action: event.action, target, details: event.details }))
	);
	await input.logAccess(trx, rows);
}

export function refuseIf(code: DomainErrorCode | null): void {
	if (code !== null) throw domainError(code);
}

/** After a change is committed: every device following the conversation fetches again (shared/live.ts). */
export { announce };
