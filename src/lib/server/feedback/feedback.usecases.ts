import type { Actor } from '#lib/server/access/actor.ts';
import { requireParty } from '#lib/server/access/party-doors.ts';
import { lockStartableCollaboration, requireStartableCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { announce, leadChange, type AuditEvents } from '#lib/server/conversations/conversations.change.ts';
import { generateJoinCode } from '#lib/server/conversations/conversations.models.ts';
import { createConversationsRepository, type ConversationRecord } from '#lib/server/conversations/conversations.repository.ts';
import { checkAskedAnswers } from '#lib/server/conversations/conversations.schemas.ts';
import { isUniqueViolation } from '#lib/server/db/errors.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { smileyValues } from '#lib/server/instruments/instruments.models.ts';
import { createInstrumentsRepository } from '#lib/server/instruments/instruments.repository.ts';
import { resolveSessionFeedbackInstrument } from '#lib/server/instruments/instruments.import.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import type { Kysely } from 'kysely';
import { canCloseFeedbackEarly, shouldCloseFeedback } from './feedback.models.ts';
import { feedbackActionRefusal } from './feedback.policy.ts';
import { changeFeedback } from './feedback.change.ts';

export { getFeedbackForStaff, getParticipantFeedbackPage } from './feedback.view.usecases.ts';

type Input = { ctx: AppContext; actor: Actor; conversationId: string };

const JOIN_CODE_ATTEMPTS = 8;

async function findWaitingFeedback(db: Kysely<Database>, organisationId: string, collaborationId: string) {
	const conversations = await createConversationsRepository(db).listForCollaboration(organisationId, collaborationId);
	return conversations.find((c) => c.method === 'sessionFeedback' && c.phase === 'rating');
}

/**
 * Starts session feedback with the organisation's instrument (the newest built-in version, or the
 * newest version of the imported one it chose): a party per active participant and
 * none for the professional, who does not rate. A collaboration has at most one waiting for
 * answers (a unique index guards it, also against a double click): starting again returns that
 * one with `resumed: true`.
 */
export async function startSessionFeedback({
	ctx,
	actor,
	collaborationId
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}): Promise<{ conversationId: string; resumed: boolean }> {
	const { staff, organisationId, logAccess } = await requireStartableCollaboration(ctx, actor, collaborationId);
	const waiting = await findWaitingFeedback(ctx.db, organisationId, collaborationId);
	if (waiting) return { conversationId: waiting.id, resumed: true };
	if ((await createParticipantsRepository(ctx.db).listParticipants(organisationId, collaborationId)).length === 0)
		throw domainError('conversation.no_participants');
	const instrument = await resolveSessionFeedbackInstrument(ctx, organisationId);

	for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
		const conversationId = newId();
		try {
			await ctx.db.transaction().execute(async (trx) => {
				// Open, still theirs, and its participants as they are now (lockStartableCollaboration).
				const participants = await lockStartableCollaboration(trx, ctx, staff, collaborationId);
				if (participants.length === 0) throw domainError('conversation.no_participants');
				const repo = createConversationsRepository(trx);
				await repo.insertConversation({
					id: conversationId,
					organisationId,
					collaborationId,
					method: 'sessionFeedback',
					instrumentId: instrument.id,
					phase: 'rating',
					startedBy: staff.userId,
					startedAt: ctx.clock.now().toISOString(),
					joinCode: generateJoinCode()
				});
				for (const participant of participants) {
					await repo.insertParty({
						id: newId(),
						organisationId,
						conversationId,
						kind: 'participant',
						participantId: participant.id,
						userId: null,
						present: true
					});
				}
				await recordAudit(trx, ctx.clock, {
					actor,
					action: 'conversation.started',
					target: { type: 'conversation', id: conversationId },
					details: {
						collaborationId,
						method: 'sessionFeedback',
						parties: participants.length,
						instrument: instrument.key,
						instrumentVersion: instrument.version
					}
				});
				await logAccess(trx);
			});
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
			// Someone else just started one (go on with it), or the join code was taken (try another).
			const other = await findWaitingFeedback(ctx.db, organisationId, collaborationId);
			if (other) return { conversationId: other.id, resumed: true };
			continue;
		}
		await announce(ctx, { id: conversationId, organisationId, version: 0 }, 'conversation.started');
		return { conversationId, resumed: false };
	}
	throw new Error('no free join code found');
}

async function loadInstrumentContent(db: Kysely<Database>, conversation: ConversationRecord) {
	const instrument = conversation.instrumentId
		? await createInstrumentsRepository(db).findForOrganisation(conversation.organisationId, conversation.instrumentId)
		: undefined;
	if (!instrument) throw new Error(`session feedback ${conversation.id} has no instrument`);
	return instrument;
}

/** Ends the feedback: the join code stops working, and the answers become visible to the professional. */
export async function closeNow(repo: ReturnType<typeof createConversationsRepository>, conversation: ConversationRecord, now: string) {
	await repo.updateConversation(conversation.organisationId, conversation.id, {
		phase: 'closed',
		revealedAt: now,
		endedAt: now,
		joinCode: null
	});
}

/**
 * A participant's answers, all four at once (0–100; a child's as a smiley value), and their
 * answers in words to an instrument that asks for them (issue 14; checked as in a trajectory
 * moment: free text may stay empty, a nominal choice must be made). Refused, changing nothing:
 * an unknown or missing item, a value out of range, control characters or too long text, a
 * second submission, or one after the feedback ended. When every present participant has
 * answered it closes by itself.
 */
export async function submitSessionFeedback({
	ctx,
	actor,
	conversationId,
	values,
	texts = {}
}: Input & { values: Readonly<Record<string, unknown>>; texts?: Readonly<Record<string, string>> }) {
	if (actor.type !== 'participant') throw domainError('not_found');
	const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'change' });
	const organisationId = party.organisationId;
	const scope = {
		actor,
		organisationId,
		conversationId,
		as: 'participant' as const,
		action: 'submit' as const,
		logAccess: party.logAccess
	};
	return changeFeedback(ctx, scope, async ({ trx, repo, conversation, now }) => {
		const parties = await repo.listParties(organisationId, conversation.id);
		const own = parties.find((p) => p.id === party.partyId);
		if (!own) throw domainError('not_found');
		const refusal = feedbackActionRefusal('participant', 'submit', conversation.phase, own);
		if (refusal) throw domainError(refusal);
		const instrument = await loadInstrumentContent(trx, conversation);
		const participant = (
			await createParticipantsRepository(trx).listParticipants(organisationId, conversation.collaborationId, { includeRemoved: true })
		).find((p) => p.id === own.participantId);
		const allowed = participant?.audience === 'child' ? smileyValues(instrument.content) : null;
		// A conditional question (enableWhen) that is not asked is not required; an answer to it is dropped.
		// Items in words are not rated on the line; they are checked apart, once it is known which are asked.
		const checked = checkAskedAnswers(instrument.content, values, texts, allowed);
		if (checked.problem) throw domainError(checked.problem);
		await repo.insertRatings({ organisationId, conversationId, partyId: own.id, instrumentId: instrument.id, values: checked.values, now });
		await repo.saveTextAnswers(organisationId, conversationId, own.id, checked.texts);
		if (!(await repo.markSubmitted(organisationId, conversationId, own.id, now))) throw domainError('conversation.already_submitted');
		const after = parties.map((p) => (p.id === own.id ? { ...p, submittedAt: now } : p));
		const closed = shouldCloseFeedback(after);
		if (closed) await closeNow(repo, conversation, now);
		const audit: AuditEvents = [
			{
				action: 'feedback.submitted',
				details: { partyId: own.id, items: Object.keys(values).length, words: Object.keys(checked.texts).length }
			}
		];
		if (closed) audit.push({ action: 'feedback.closed', details: { auto: true } });
		return { result: { closed }, audit, eventType: closed ? 'phase.changed' : 'party.submitted' };
	});
}

/** The professional closes with the answers that are in (at least one participant's). */
export async function closeSessionFeedback({ ctx, actor, conversationId }: Input): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'close');
	await changeFeedback(ctx, scope, async ({ repo, conversation, now }) => {
		const parties = await repo.listParties(staff.organisationId, conversation.id);
		if (!canCloseFeedbackEarly(parties)) throw domainError('conversation.nobody_submitted');
		await closeNow(repo, conversation, now);
		const submitted = parties.filter((p) => p.kind === 'participant' && p.submittedAt !== null).length;
		return {
			result: undefined,
			audit: [{ action: 'feedback.closed', details: { auto: false, submitted, notSubmitted: parties.length - submitted } }],
			eventType: 'phase.changed'
		};
	});
}

/** Stops the feedback without answers to show: nobody sees what was given, and the code stops working. */
export async function abandonSessionFeedback({ ctx, actor, conversationId }: Input): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'abandon');
	await changeFeedback(ctx, scope, async ({ repo, conversation, now }) => {
		await repo.updateConversation(staff.organisationId, conversation.id, { phase: 'abandoned', endedAt: now, joinCode: null });
		return {
			result: undefined,
			audit: [{ action: 'feedback.abandoned', details: { from: conversation.phase } }],
			eventType: 'phase.changed'
		};
	});
}
