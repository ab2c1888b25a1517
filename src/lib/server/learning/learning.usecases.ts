import type { AuditAction } from '#lib/audit-actions.ts';
import type { Kysely } from 'kysely';
import { lockStartableCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import { changeConversation, leadChange, refuseIf, type ChangeScope } from '#lib/server/conversations/conversations.change.ts';
import {
	canTransition,
	generateJoinCode,
	LEARNING_NEXT,
	learningStartPhase,
	type LearningState
} from '#lib/server/conversations/conversations.models.ts';
import type { ConversationAction } from '#lib/server/conversations/conversations.policy.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { isUniqueViolation } from '#lib/server/db/errors.ts';
import type { ConversationPhase, Database } from '#lib/server/db/schema.ts';
import { getConversationDecks } from '#lib/server/decks/decks.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { changeAsParty, findTarget, type Input } from './learning.change.ts';
import { findCardInDecks, normaliseSuggestions } from './learning.models.ts';
import { evaluationRefusal, wishRefusal, writeForRefusal } from './learning.policy.ts';
import { createLearningRepository } from './learning.repository.ts';
import { findEvaluationProblem, findSafetyProblem, type EvaluationInput } from './learning.schemas.ts';

export {
	addRecordingMoment,
	chooseTopic,
	removeRecordingMoment,
	removeTopic,
	saveSheet,
	usePreparedMoment
} from './learning.topics.usecases.ts';
export { removeAction, saveAction } from './learning.actions.usecases.ts';
export { getLearningConversationForParticipant, getLearningConversationForStaff } from './learning.view.usecases.ts';

const JOIN_CODE_ATTEMPTS = 8;

/**
 * The professional starts a scheduled learning conversation: it gets a join code for the
 * participants' phones, opens with the review when the collaboration has open agreements and
 * else with safety. Participants who joined the collaboration after the scheduling, and the
 * professional who starts it, get a party of their own.
 */
export async function startLearningConversation({ ctx, actor, conversationId }: Input): Promise<{ phase: ConversationPhase }> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'startConversation');
	const organisationId = staff.organisationId;
	// Still open and still theirs, read under the collaboration's lock taken before the conversation's.
	const lockFirst = async (trx: Kysely<Database>) => {
		const planned = await createConversationsRepository(trx).findConversation(organisationId, conversationId);
		if (!planned) throw domainError('not_found');
		await lockStartableCollaboration(trx, ctx, staff, planned.collaborationId);
	};
	for (let attempt = 0; ; attempt++) {
		try {
			return await changeConversation(ctx, { ...scope, lockFirst }, async ({ trx, repo, conversation, now }) => {
				const phase = learningStartPhase(await repo.countOpenAgreements(organisationId, conversation.collaborationId));
				const parties = await repo.listParties(organisationId, conversation.id);
				const participants = await createParticipantsRepository(trx).listParticipants(organisationId, conversation.collaborationId);
				let added = 0;
				for (const participant of participants.filter((p) => !parties.some((party) => party.participantId === p.id))) {
					const party = { id: newId(), organisationId, conversationId, participantId: participant.id, userId: null, present: true };
					await repo.insertParty({ ...party, kind: 'participant' });
					added++;
				}
				if (!parties.some((party) => party.kind === 'professional' && party.userId === staff.userId)) {
					await repo.insertParty({
						id: newId(),
						organisationId,
						conversationId,
						kind: 'professional',
						participantId: null,
						userId: staff.userId,
						present: true
					});
					added++;
				}
				await repo.updateConversation(organisationId, conversation.id, { phase, joinCode: generateJoinCode(), startedAt: now });
				return {
					result: { phase },
					audit: [{ action: 'learning.started', details: { phase, parties: parties.length + added, partiesAdded: added } }],
					eventType: 'phase.changed'
				};
			});
		} catch (error) {
			// The join code was taken by another conversation: try another one.
			if (!isUniqueViolation(error) || attempt + 1 >= JOIN_CODE_ATTEMPTS) throw error;
		}
	}
}

/** What has to be there before the conversation moves on from a phase. */
async function requireReadyToLeave(change: ChangeScope, from: ConversationPhase): Promise<void> {
	const { repo, conversation } = change;
	const scope = { organisationId: conversation.organisationId, conversationId: conversation.id };
	if (from === 'topics' && (await createLearningRepository(change.trx).listTopics(scope)).length === 0)
		throw domainError('learning.no_topics');
	if (from === 'actions') {
		const agreements = await repo.listAgreements(conversation.organisationId, conversation.collaborationId);
		if (!agreements.some((a) => a.conversationId === conversation.id && a.carriedOverFrom === null))
			throw domainError('learning.no_actions');
	}
}

/** The phases a professional moves the conversation on to, each with its own audit action. */
const STARTED: Partial<Record<LearningState, AuditAction>> = {
	topics: 'learning.topics_started',
	sheets: 'learning.sheets_started',
	actions: 'learning.actions_started',
	evaluation: 'learning.evaluation_started'
};

/** The professional moves the conversation on to its next phase. */
async function moveOn({ ctx, actor, conversationId }: Input, action: ConversationAction): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, action);
	await changeConversation(ctx, scope, async (change) => {
		const from = change.conversation.phase;
		const to = LEARNING_NEXT[from as LearningState];
		const started = to && STARTED[to];
		if (!to || !started || !canTransition(from, to, 'professional', change.conversation.method))
			throw domainError('conversation.wrong_phase');
		await requireReadyToLeave(change, from);
		await change.repo.updateConversation(staff.organisationId, change.conversation.id, { phase: to });
		return { result: undefined, audit: [{ action: started, details: { from, to } }], eventType: 'phase.changed' };
	});
}

export const startTopics = (input: Input) => moveOn(input, 'startTopics');
export const startSheets = (input: Input) => moveOn(input, 'startSheets');
export const startActions = (input: Input) => moveOn(input, 'startActions');
export const startEvaluation = (input: Input) => moveOn(input, 'startEvaluation');

/**
 * What a party needs to feel safe: suggestions and their own words. Saving again replaces it.
 * The professional may note it for a participant; a participant says only their own.
 */
export async function saveSafety(
	input: Input & { partyId?: string | null; suggestions: readonly string[]; ownWords?: string | null }
): Promise<void> {
	refuseIf(findSafetyProblem(input));
	const ownWords = input.ownWords?.trim() || null;
	const suggestions = normaliseSuggestions(input.suggestions);
	await changeAsParty(input, 'saveSafety', async (change) => {
		const target = await findTarget(change, change.viewer, input.partyId);
		refuseIf(writeForRefusal(change.viewer, target));
		const learning = createLearningRepository(change.trx);
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		await learning.saveSafety(scope, { partyId: target!.id, suggestionsJson: JSON.stringify(suggestions), ownWords, now: change.now });
		const details = {
			partyId: target!.id,
			suggestions: suggestions.length,
			ownWords: ownWords !== null,
			forOther: target!.id !== change.viewer.partyId
		};
		return { result: undefined, audit: [{ action: 'learning.safety_saved', details }], eventType: 'safety.saved' };
	});
}

/**
 * A participant hands a wish card ("uitdeler") to the professional, or the professional notes
 * that a participant did. Only a card of the conversation's wish deck; handing it again changes nothing.
 */
export async function handWish(input: Input & { deckId: string; cardKey: string; partyId?: string | null }): Promise<{ handed: boolean }> {
	return changeAsParty(input, 'handWish', async (change) => {
		const target = await findTarget(change, change.viewer, input.partyId);
		refuseIf(wishRefusal(change.viewer, target));
		const learning = createLearningRepository(change.trx);
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		const decks = await getConversationDecks({ db: change.trx }, scope);
		const found = findCardInDecks(decks, input.deckId, input.cardKey, ['wish']);
		if (!found) throw domainError('deck.unknown_card');
		const handed = await learning.insertWish(scope, {
			partyId: target!.id,
			deckId: found.deck.id,
			cardKey: found.card.key,
			handedAt: change.now
		});
		const details = { partyId: target!.id, deckKey: found.deck.key, cardKey: found.card.key, again: !handed };
		return { result: { handed }, audit: [{ action: 'learning.wish_handed', details }], eventType: 'wish.handed' };
	});
}

/** Each party's own short evaluation: was it clear, how was this conversation (0–100), and an optional remark. */
export async function saveEvaluation(input: Input & EvaluationInput): Promise<void> {
	refuseIf(findEvaluationProblem(input));
	const remark = input.remark?.trim() || null;
	await changeAsParty(input, 'saveEvaluation', async (change) => {
		const target = await findTarget(change, change.viewer, null);
		refuseIf(evaluationRefusal(change.viewer, target));
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		await createLearningRepository(change.trx).saveEvaluation(scope, {
			partyId: target!.id,
			clarity: input.clarity,
			overall: input.overall,
			remark,
			now: change.now
		});
		return {
			result: undefined,
			audit: [{ action: 'learning.evaluation_saved', details: { partyId: target!.id } }],
			eventType: 'evaluation.saved'
		};
	});
}
