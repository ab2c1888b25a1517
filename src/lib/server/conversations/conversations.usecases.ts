import type { Kysely } from 'kysely';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { isCalendarDate, nextDueFromRhythm, todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import { lockStartableCollaboration, requireStartableCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { isUniqueViolation } from '#lib/server/db/errors.ts';
import { resolveQuickCheckInstrument } from '#lib/server/instruments/instruments.import.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { announce, changeConversation, leadChange } from './conversations.change.ts';
import { generateJoinCode, initialPhase } from './conversations.models.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import { isTooLong, SUMMARY_MAX_LENGTH } from './conversations.schemas.ts';
import { moveOn, setPresence } from './conversations.lead.usecases.ts';

export { chooseReviewOutcome, finishReview, reviewAgreement, saveAgreement } from './conversations.agreement.usecases.ts';
export { revealNow, saveReflections, submitRatings, type ReflectionInput } from './conversations.rating.usecases.ts';
export {
	getCollaborationTimeline,
	getConversationForStaff,
	getConversationKind,
	getParticipantConversation
} from './conversations.view.usecases.ts';

type Lead = { ctx: AppContext; actor: Actor; conversationId: string };

const JOIN_CODE_ATTEMPTS = 8;

/**
 * Starts a quick check with the newest version of its instrument (the collaboration's or the
 * organisation's choice, else Samen Sterker): a party per active participant
 * and one for the professional who starts it. A collaboration has at most one unfinished quick
 * check (a unique index guards it, also against a double click): starting again returns that
 * one with `resumed: true`, so the page can offer to continue or abandon it.
 */
export async function startQuickCheck({
	ctx,
	actor,
	collaborationId
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}): Promise<{ conversationId: string; resumed: boolean }> {
	const { staff, organisationId, logAccess } = await requireStartableCollaboration(ctx, actor, collaborationId);
	const repo = createConversationsRepository(ctx.db);
	const running = await repo.findUnfinishedQuickCheck(organisationId, collaborationId);
	if (running) return { conversationId: running.id, resumed: true };
	if ((await createParticipantsRepository(ctx.db).listParticipants(organisationId, collaborationId)).length === 0)
		throw domainError('conversation.no_participants');
	const instrument = await resolveQuickCheckInstrument(ctx, organisationId, collaborationId);

	for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
		const conversationId = newId();
		try {
			await ctx.db.transaction().execute(async (trx) => {
				// Open, still theirs, and its participants as they are now (lockStartableCollaboration).
				const participants = await lockStartableCollaboration(trx, ctx, staff, collaborationId);
				if (participants.length === 0) throw domainError('conversation.no_participants');
				const txRepo = createConversationsRepository(trx);
				const phase = initialPhase(await txRepo.countOpenAgreements(organisationId, collaborationId));
				const now = ctx.clock.now().toISOString();
				await txRepo.insertConversation({
					id: conversationId,
					organisationId,
					collaborationId,
					method: 'quickCheck',
					instrumentId: instrument.id,
					phase,
					startedBy: staff.userId,
					startedAt: now,
					joinCode: generateJoinCode()
				});
				for (const participant of participants) {
					const party = { id: newId(), organisationId, conversationId, participantId: participant.id, userId: null, present: true };
					await txRepo.insertParty({ ...party, kind: 'participant' });
				}
				await txRepo.insertParty({
					id: newId(),
					organisationId,
					conversationId,
					kind: 'professional',
					participantId: null,
					userId: staff.userId,
					present: true
				});
				await recordAudit(trx, ctx.clock, {
					actor,
					action: 'conversation.started',
					target: { type: 'conversation', id: conversationId },
					details: {
						collaborationId,
						method: 'quickCheck',
						phase,
						parties: participants.length + 1,
						instrument: instrument.key,
						instrumentVersion: instrument.version
					}
				});
				await logAccess(trx);
			});
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
			// Either someone else just started one (resume it) or the join code was taken (try another).
			const other = await repo.findUnfinishedQuickCheck(organisationId, collaborationId);
			if (other) return { conversationId: other.id, resumed: true };
			continue;
		}
		await announce(ctx, { id: conversationId, organisationId, version: 0 }, 'conversation.started');
		return { conversationId, resumed: false };
	}
	throw new Error('no free join code found');
}

/** Before the reveal: a participant who is not there does not hold up the reveal. */
export async function markAbsent({ ctx, actor, conversationId, partyId }: Lead & { partyId: string }): Promise<void> {
	await setPresence(ctx, actor, conversationId, partyId, false);
}

export async function markPresent({ ctx, actor, conversationId, partyId }: Lead & { partyId: string }): Promise<void> {
	await setPresence(ctx, actor, conversationId, partyId, true);
}

/** After the reveal: on to "what are you most and least satisfied with". */
export async function startReflection({ ctx, actor, conversationId }: Lead): Promise<void> {
	await moveOn(ctx, actor, conversationId, 'startReflection', 'reflection');
}

export async function startAgreement({ ctx, actor, conversationId }: Lead): Promise<void> {
	await moveOn(ctx, actor, conversationId, 'startAgreement', 'agreement');
}

/** Any unfinished conversation can be given up; the join code stops working. */
export async function abandonConversation({ ctx, actor, conversationId }: Lead): Promise<void> {
	await moveOn(ctx, actor, conversationId, 'abandon', 'abandoned');
}

/**
 * Closes the conversation once its agreement is made: optional summary, the join code stops
 * working, and the collaboration's next conversation is planned — on `nextDueOn` when given,
 * else by its rhythm from today (no date with a manual rhythm). Planning changes the
 * collaboration's row, so it is locked for update before the conversation (`lockFirst`), the order
 * closing the collaboration takes (its row, then each conversation): on PostgreSQL the two at once
 * wait for each other instead of deadlocking. A collaboration closed first has ended the
 * conversation, and this close is refused as ended.
 */
export async function closeConversation({
	ctx,
	actor,
	conversationId,
	summary,
	nextDueOn
}: Lead & { summary?: string | null; nextDueOn?: string | null }): Promise<{ nextDueOn: string | null }> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'close');
	const text = summary?.trim() || null;
	if (isTooLong(text, SUMMARY_MAX_LENGTH)) throw domainError('conversation.text_too_long');
	const today = todayInAmsterdam(ctx.clock.now());
	if (nextDueOn && !isCalendarDate(nextDueOn)) throw domainError('validation');
	if (nextDueOn && nextDueOn < today) throw domainError('conversation.date_in_past');
	// A conversation's collaboration never changes: read here, locked first in the change.
	const collaborationId = (await createConversationsRepository(ctx.db).findConversation(staff.organisationId, conversationId))
		?.collaborationId;
	if (!collaborationId) throw domainError('not_found');
	const lockFirst = async (trx: Kysely<Database>) => {
		await createCollaborationsRepository(trx).lockCollaboration(staff.organisationId, collaborationId, ctx.database.dialect, 'update');
	};
	return changeConversation(ctx, { ...scope, lockFirst }, async ({ trx, repo, conversation, now }) => {
		const agreements = await repo.listAgreements(staff.organisationId, conversation.collaborationId);
		if (!agreements.some((a) => a.conversationId === conversation.id && a.carriedOverFrom === null))
			throw domainError('conversation.agreement_missing');
		await repo.updateConversation(staff.organisationId, conversation.id, { phase: 'closed', endedAt: now, joinCode: null, summary: text });
		const collaborations = createCollaborationsRepository(trx);
		const collaboration = await collaborations.findCollaboration(staff.organisationId, conversation.collaborationId);
		if (!collaboration) throw domainError('not_found');
		const next = nextDueOn || nextDueFromRhythm(collaboration.rhythmWeeks, today);
		await collaborations.updateDetails(
			staff.organisationId,
			collaboration.id,
			{ label: collaboration.label, rhythmWeeks: collaboration.rhythmWeeks, nextDueOn: next },
			now
		);
		return {
			result: { nextDueOn: next },
			audit: [{ action: 'conversation.closed', details: { summary: text !== null, nextDueOn: next } }],
			eventType: 'phase.changed'
		};
	});
}

/**
 * For pages whose URL names both the collaboration and the conversation: a conversation of
 * another collaboration is not found there, even when the same professional leads both.
 */
export async function requireConversationInCollaboration({
	ctx,
	actor,
	conversationId,
	collaborationId
}: Lead & { collaborationId: string }): Promise<{ version: number }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
	const conversation = await createConversationsRepository(ctx.db).findConversation(staff.organisationId, conversationId);
	if (!conversation || conversation.collaborationId !== collaborationId) throw domainError('not_found');
	return { version: conversation.version };
}
