import { requireAccessToChange } from '#lib/server/access/access.ts';
import { announce, refuseIf } from '#lib/server/conversations/conversations.change.ts';
import { isTooLong } from '#lib/server/conversations/conversations.schemas.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { nextTopicPosition } from '#lib/server/learning/learning.models.ts';
import { MAX_TOPICS } from '#lib/server/learning/learning.policy.ts';
import { createLearningRepository } from '#lib/server/learning/learning.repository.ts';
import { findSheetProblem, OWN_TOPIC_MAX_LENGTH } from '#lib/server/learning/learning.schemas.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError, type DomainErrorCode } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { paperSheetRefusal } from './paper.policy.ts';
import { refuseWrongPaperDate, type PaperEntryTarget } from './paper.usecases.ts';

/** What the printed A/B/C sheet asks (paper.forms.ts sheetsForm), for one topic. */
export interface PaperSheetInput {
	/** A topic already on the conversation's list… */
	topicId?: string | null;
	/** …or the topic as written on the paper's topic line, which puts it on the list. */
	topicText?: string | null;
	a?: string | null;
	b?: string | null;
	c?: string | null;
}

const clean = (text: string | null | undefined) => text?.trim() || null;

/** Why the paper's own words cannot be what it says, or null: the same limits as on the screen, and something written. */
export function findPaperSheetProblem(input: PaperSheetInput): DomainErrorCode | null {
	// A topic on the list wins: the topic line's words are then only what the list already says.
	if (!clean(input.topicId)) {
		const topicText = clean(input.topicText);
		if (!topicText) return 'learning.own_topic_missing';
		if (isTooLong(topicText, OWN_TOPIC_MAX_LENGTH)) return 'conversation.text_too_long';
	}
	const problem = findSheetProblem(input);
	if (problem) return problem;
	return [input.a, input.b, input.c].some((text) => clean(text)) ? null : 'paper.sheet_empty';
}

/**
 * A learning conversation's A/B/C sheet on paper (docs/decisions/020): the professional types in
 * one party's side of a topic's sheet from the printed form, with the day it was filled in. The
 * topic is one on the list, or the paper's topic line, which puts it on the list with the same
 * limits as on the screen (at most MAX_TOPICS, decision 013). It becomes that party's side of the
 * sheet, shared as every side is, marked as from paper. Refused, changing nothing: a side already
 * written (on a screen or from paper), a day that cannot be right, an empty paper or too long a
 * text, a professional's side that is not the typist's own, a conversation not yet at its sheets
 * or ended.
 */
export async function enterPaperSheet({
	ctx,
	actor,
	collaborationId,
	conversationId,
	partyId,
	filledOn,
	input
}: PaperEntryTarget & {
	input: PaperSheetInput;
}): Promise<{ topicId: string }> {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'conversation.paperEntry',
		ids: [conversationId]
	});
	const organisationId = staff.organisationId;
	const scope = { organisationId, conversationId };
	const { conversation, topicId } = await ctx.database.commits.run(async (trx) => {
		const conversations = createConversationsRepository(trx);
		const locked = await conversations.lockForChange(organisationId, conversationId);
		if (!locked || locked.method !== 'learningConversation') throw domainError('not_found');
		if (collaborationId !== undefined && locked.collaborationId !== collaborationId) throw domainError('not_found');
		const learning = createLearningRepository(trx);
		const topics = await learning.listTopics(scope);
		const chosen = clean(input.topicId);
		if (chosen && !topics.some((topic) => topic.id === chosen)) throw domainError('not_found');
		const existing = chosen ? (await learning.listSheets(scope)).find((s) => s.topicId === chosen && s.partyId === partyId) : undefined;
		const written = existing !== undefined && (existing.aText !== null || existing.bText !== null || existing.cText !== null);
		const parties = await conversations.listParties(organisationId, conversationId);
		refuseIf(paperSheetRefusal(parties, partyId, staff.userId, { written, phase: locked.phase }));
		await refuseWrongPaperDate(trx, ctx, organisationId, locked, filledOn);
		refuseIf(findPaperSheetProblem(input));
		const now = ctx.clock.now().toISOString();
		let topicId = chosen;
		if (!topicId) {
			if (topics.length >= MAX_TOPICS) throw domainError('learning.too_many_topics');
			topicId = newId();
			const position = nextTopicPosition(topics.map((topic) => topic.position));
			await learning.insertTopic(scope, {
				id: topicId,
				deckId: null,
				cardKey: null,
				ownText: clean(input.topicText),
				position,
				createdAt: now
			});
		}
		const texts = { aText: clean(input.a), bText: clean(input.b), cText: clean(input.c) };
		// A screen's save came in between the check and this write: it stays, and nothing here is kept.
		if (!(await learning.writePaperSheet(scope, { topicId, partyId, ...texts, now, paperFilledOn: filledOn }))) {
			throw domainError('paper.sheet_exists');
		}
		// Which side, how much and the day only: never the words (as for a sheet saved on the screen).
		const filled = Object.values(texts).filter((text) => text !== null).length;
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId,
			action: 'learning.sheet_paper_entered',
			target: { type: 'conversation', id: conversationId },
			details: { topicId, partyId, filled, filledOn, newTopic: chosen === null }
		});
		await logAccess(trx);
		return { conversation: locked, topicId };
	});
	await announce(ctx, conversation, 'sheet.saved');
	return { topicId };
}
