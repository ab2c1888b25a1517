import { refuseIf } from '#lib/server/conversations/conversations.change.ts';
import { isTooLong } from '#lib/server/conversations/conversations.schemas.ts';
import { getConversationDecks } from '#lib/server/decks/decks.usecases.ts';
import { createPreparationRepository } from '#lib/server/preparation/preparation.repository.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { findCardInDecks, nextTopicPosition, parseRecordingTime, TOPIC_DECK_KINDS } from './learning.models.ts';
import { MAX_TOPICS, sheetWriteRefusal } from './learning.policy.ts';
import { createLearningRepository } from './learning.repository.ts';
import { findMomentProblem, findSheetProblem, OWN_TOPIC_MAX_LENGTH, type SheetInput } from './learning.schemas.ts';
import { changeAsEqual, changeAsParty, findTarget, type Input } from './learning.change.ts';

/**
 * Choosing what to discuss, and per topic a sheet for each party (A what happened, B what did
 * it do to me, C why is this important to me), plus moments of a recorded session.
 */

/**
 * Together the parties choose what to discuss; either party puts a topic on the list, from
 * their own device, with the same rights (docs/decisions/013): a topic or value card of the
 * conversation's decks, or a topic in their own words. Not every card: a card once, and at
 * most MAX_TOPICS topics. A card of another deck is refused.
 */
export async function chooseTopic(
	input: Input & { deckId?: string | null; cardKey?: string | null; ownText?: string | null }
): Promise<{ topicId: string }> {
	const { deckId, cardKey } = input;
	const text = input.ownText?.trim() || null;
	if (isTooLong(text, OWN_TOPIC_MAX_LENGTH)) throw domainError('conversation.text_too_long');
	if (!cardKey && !text) throw domainError('learning.own_topic_missing');
	return changeAsEqual(input, 'chooseTopic', async ({ trx, conversation, now, organisationId, viewer }) => {
		const learning = createLearningRepository(trx);
		const scope = { organisationId, conversationId: conversation.id };
		const topics = await learning.listTopics(scope);
		if (topics.length >= MAX_TOPICS) throw domainError('learning.too_many_topics');
		let card: { deckId: string; cardKey: string; deckKey: string } | null = null;
		if (cardKey) {
			const decks = await getConversationDecks({ db: trx }, scope);
			const found = findCardInDecks(decks, deckId ?? '', cardKey, TOPIC_DECK_KINDS);
			if (!found) throw domainError('deck.unknown_card');
			if (found.card.ownTopic === true && !text) throw domainError('learning.own_topic_missing');
			if (!found.card.ownTopic && topics.some((t) => t.deckId === found.deck.id && t.cardKey === found.card.key)) {
				throw domainError('learning.topic_already_chosen');
			}
			card = { deckId: found.deck.id, cardKey: found.card.key, deckKey: found.deck.key };
		}
		const topicId = newId();
		await learning.insertTopic(scope, {
			id: topicId,
			deckId: card?.deckId ?? null,
			cardKey: card?.cardKey ?? null,
			// A card keeps its own words only when it is the own-topic card.
			ownText: card === null || text !== null ? text : null,
			position: nextTopicPosition(topics.map((t) => t.position)),
			createdAt: now
		});
		const details = { topicId, deckKey: card?.deckKey ?? null, cardKey: card?.cardKey ?? null, ownWords: text !== null, by: viewer.kind };
		return { result: { topicId }, audit: [{ action: 'learning.topic_chosen', details }], eventType: 'topic.chosen' };
	});
}

/** Either party takes a topic off the list again (while choosing), with whatever its sheets held. */
export async function removeTopic(input: Input & { topicId: string }): Promise<void> {
	const { topicId } = input;
	await changeAsEqual(input, 'removeTopic', async ({ trx, conversation, organisationId }) => {
		const removed = await createLearningRepository(trx).deleteTopic({ organisationId, conversationId: conversation.id }, topicId);
		if (!removed) throw domainError('not_found');
		return { result: undefined, audit: [{ action: 'learning.topic_removed', details: { topicId } }], eventType: 'topic.removed' };
	});
}

/**
 * One party's side of a topic's shared sheet: A, B and C, each optional and at most 2000
 * characters. Every party of the conversation writes on every side, with the same rights
 * (docs/decisions/013): one's own, or noting what the other says. Saving again replaces it.
 * A topic or party of another conversation is not found.
 */
export async function saveSheet(input: Input & SheetInput & { topicId: string; partyId?: string | null }): Promise<void> {
	refuseIf(findSheetProblem(input));
	const texts = { aText: input.a?.trim() || null, bText: input.b?.trim() || null, cText: input.c?.trim() || null };
	await changeAsParty(input, 'saveSheet', async (change) => {
		const target = await findTarget(change, change.viewer, input.partyId);
		refuseIf(sheetWriteRefusal(change.viewer, target));
		const learning = createLearningRepository(change.trx);
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		if (!(await learning.listTopics(scope)).some((topic) => topic.id === input.topicId)) throw domainError('not_found');
		await learning.saveSheet(scope, { topicId: input.topicId, partyId: target!.id, ...texts, now: change.now });
		const filled = Object.values(texts).filter((text) => text !== null).length;
		const details = { topicId: input.topicId, partyId: target!.id, filled, forOther: target!.id !== change.viewer.partyId };
		return { result: undefined, audit: [{ action: 'learning.sheet_saved', details }], eventType: 'sheet.saved' };
	});
}

/**
 * A moment of a recorded session (video-stimulated recall, seed 001): where it is in the
 * recording (mm:ss), a note, and optionally the topic it is about — a topic of this
 * conversation, else not found. The recording itself stays outside.
 */
export async function addRecordingMoment(
	input: Input & { at: string; note: string; topicId?: string | null }
): Promise<{ momentId: string }> {
	refuseIf(findMomentProblem(input));
	const atSeconds = parseRecordingTime(input.at)!;
	return changeAsParty(input, 'saveRecordingMoment', async (change) => {
		const momentId = newId();
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		const learning = createLearningRepository(change.trx);
		const topicId = input.topicId || null;
		if (topicId !== null && !(await learning.listTopics(scope)).some((topic) => topic.id === topicId)) throw domainError('not_found');
		await learning.insertMoment(scope, {
			id: momentId,
			partyId: change.viewer.partyId!,
			atSeconds,
			note: input.note.trim(),
			topicId,
			createdAt: change.now
		});
		return {
			result: { momentId },
			audit: [{ action: 'learning.moment_saved', details: { momentId, atSeconds, topicId } }],
			eventType: 'moment.saved'
		};
	});
}

/** A party removes a moment they noted; the professional may remove any of the conversation's. */
export async function removeRecordingMoment(input: Input & { momentId: string }): Promise<void> {
	await changeAsParty(input, 'removeRecordingMoment', async (change) => {
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		const onlyOwn = change.viewer.kind === 'professional' ? null : change.viewer.partyId;
		if (!(await createLearningRepository(change.trx).deleteMoment(scope, input.momentId, onlyOwn))) throw domainError('not_found');
		return {
			result: undefined,
			audit: [{ action: 'learning.moment_removed', details: { momentId: input.momentId } }],
			eventType: 'moment.removed'
		};
	});
}

/**
 * The owner of a prepared moment (A/B/C in their preparation) uses it as the starting point of
 * their own side of a topic's sheet (docs/decisions/013), instead of typing it again: it fills
 * what that side leaves empty and overwrites nothing. Only one's own preparation, only a topic
 * the moment is about (its card's, or any when it names none); else not found.
 */
export async function usePreparedMoment(input: Input & { topicId: string }): Promise<void> {
	await changeAsParty(input, 'saveSheet', async (change) => {
		const partyId = change.viewer.partyId!;
		const scope = { organisationId: change.organisationId, conversationId: change.conversation.id };
		const learning = createLearningRepository(change.trx);
		const topic = (await learning.listTopics(scope)).find((t) => t.id === input.topicId);
		const prepared = (await createPreparationRepository(change.trx).listVisible(scope.organisationId, scope.conversationId, partyId)).find(
			(p) => p.partyId === partyId
		);
		const hasMoment = prepared && (prepared.momentA !== null || prepared.momentB !== null || prepared.momentC !== null);
		const aboutCard = prepared?.momentDeckId ? topic?.deckId === prepared.momentDeckId && topic.cardKey === prepared.momentCardKey : true;
		if (!topic || !hasMoment || !aboutCard) throw domainError('not_found');
		const sheet = (await learning.listSheets(scope)).find((s) => s.topicId === topic.id && s.partyId === partyId);
		const texts = {
			aText: sheet?.aText ?? prepared.momentA,
			bText: sheet?.bText ?? prepared.momentB,
			cText: sheet?.cText ?? prepared.momentC
		};
		const unchanged = sheet !== undefined && sheet.aText === texts.aText && sheet.bText === texts.bText && sheet.cText === texts.cText;
		// A side typed in from paper keeps its mark only while it still says what the paper said.
		const paperFilledOn = unchanged ? sheet.paperFilledOn : null;
		await learning.saveSheet(scope, { topicId: topic.id, partyId, ...texts, now: change.now, paperFilledOn });
		return {
			result: undefined,
			audit: [{ action: 'learning.prepared_moment_used', details: { topicId: topic.id, partyId } }],
			eventType: 'sheet.saved'
		};
	});
}
