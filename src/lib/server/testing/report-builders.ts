import type { AppContext } from '../context.ts';
import {
	closeConversation,
	saveAgreement,
	saveReflections,
	startAgreement,
	startReflection,
	submitRatings
} from '../conversations/conversations.usecases.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { createDecksRepository } from '../decks/decks.repository.ts';
import { newId } from '../shared/tokens.ts';
import { buildCollaboration, type BuiltStaff } from './builders.ts';
import { buildQuickCheck, ratingsOf, type BuiltQuickCheck } from './conversation-builders.ts';

/** Builders for the report's tests: conversations that have been closed, with something in every part. */

export const QUICK_CHECK_AGREEMENT = {
	what: 'We bellen elke maandag om 10 uur.',
	who: 'client' as const,
	dueOn: '2100-01-31',
	successMeasure: 'Vier keer gebeld'
};

/** A quick check run to its close: ratings from everyone, one reflection, an agreement, a summary. */
export async function buildClosedQuickCheck(
	ctx: AppContext,
	options: Parameters<typeof buildQuickCheck>[1] & { reflection?: string } = {}
): Promise<BuiltQuickCheck> {
	const qc = await buildQuickCheck(ctx, options);
	const conversationId = qc.conversationId;
	const values = [80, 30];
	for (const [index, actor] of qc.participants.entries()) {
		await submitRatings({ ctx, actor, conversationId, values: ratingsOf(values[index % 2]!) });
	}
	await submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(60) });
	await startReflection({ ctx, actor: qc.professional, conversationId });
	if (options.reflection) {
		await saveReflections({
			ctx,
			actor: qc.participants[0]!,
			conversationId,
			reflections: [{ itemKey: 'contact', mostSatisfied: options.reflection }]
		});
	}
	await startAgreement({ ctx, actor: qc.professional, conversationId });
	await saveAgreement({ ctx, actor: qc.professional, conversationId, input: QUICK_CHECK_AGREEMENT });
	await closeConversation({ ctx, actor: qc.professional, conversationId, summary: 'Goed gesprek over bellen.' });
	return qc;
}

export interface BuiltLearningConversation {
	collaborationId: string;
	conversationId: string;
	/** The participant's party, then the professional's. */
	participantPartyId: string;
	professionalPartyId: string;
}

/**
 * A closed learning conversation written straight into its tables (the learning conversation's
 * own engine is another feature): safety, two topics (a card and an own topic), A/B/C sheets from
 * both sides, a handed wish card, an action, and an evaluation.
 */
export async function buildClosedLearningConversation(
	ctx: AppContext,
	professional: BuiltStaff,
	texts: { sheetA?: string } = {}
): Promise<BuiltLearningConversation> {
	const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants: 1 });
	const organisationId = professional.organisationId;
	const conversationId = newId();
	const now = ctx.clock.now().toISOString();
	const repo = createConversationsRepository(ctx.db);
	await repo.insertConversation({
		id: conversationId,
		organisationId,
		collaborationId,
		method: 'learningConversation',
		instrumentId: null,
		phase: 'closed',
		startedBy: professional.userId,
		startedAt: now,
		joinCode: null
	});
	const participantPartyId = newId();
	const professionalPartyId = newId();
	const party = { organisationId, conversationId, present: true };
	await repo.insertParty({ ...party, id: participantPartyId, kind: 'participant', participantId: participantIds[0]!, userId: null });
	await repo.insertParty({ ...party, id: professionalPartyId, kind: 'professional', participantId: null, userId: professional.userId });
	await repo.updateConversation(organisationId, conversationId, { endedAt: now });

	const decks = createDecksRepository(ctx.db);
	const topicDeck = await decks.findBuiltIn('samenleerwijzer', 1);
	const wishDeck = await decks.findBuiltIn('wishes', 1);
	if (!topicDeck || !wishDeck) throw new Error('the built-in decks are not stored');
	const db = ctx.db;
	const scope = { organisationId, conversationId };
	await db
		.insertInto('conversationSafety')
		.values({
			...scope,
			partyId: participantPartyId,
			suggestionsJson: '["letFinish"]',
			ownWords: 'Rustig praten, niet te snel.',
			updatedAt: now
		})
		.execute();
	const cardTopic = newId();
	const ownTopic = newId();
	await db
		.insertInto('conversationTopics')
		.values([
			{ ...scope, id: cardTopic, deckId: topicDeck.id, cardKey: 'onze-verbinding', ownText: null, position: 1, createdAt: now },
			{ ...scope, id: ownTopic, deckId: null, cardKey: null, ownText: 'School en huiswerk', position: 2, createdAt: now }
		])
		.execute();
	await db
		.insertInto('topicSheets')
		.values([
			{
				...scope,
				topicId: cardTopic,
				partyId: participantPartyId,
				aText: texts.sheetA ?? 'Je kwam te laat.',
				bText: 'Ik voelde me niet gezien.',
				cText: 'Op tijd komen is belangrijk.',
				updatedAt: now
			},
			{
				...scope,
				topicId: cardTopic,
				partyId: professionalPartyId,
				aText: 'De bus had vertraging.',
				bText: null,
				cText: null,
				updatedAt: now
			}
		])
		.execute();
	await db
		.insertInto('handedWishes')
		.values({ ...scope, partyId: participantPartyId, deckId: wishDeck.id, cardKey: 'zonder-oordeel', handedAt: now })
		.execute();
	await db
		.insertInto('recordingMoments')
		.values([
			{ ...scope, id: newId(), partyId: participantPartyId, atSeconds: 754, note: 'Hier keek je weg.', topicId: cardTopic, createdAt: now },
			{ ...scope, id: newId(), partyId: professionalPartyId, atSeconds: 65, note: 'Begin van het gesprek.', topicId: null, createdAt: now }
		])
		.execute();
	await db
		.insertInto('conversationEvaluations')
		.values({ ...scope, partyId: participantPartyId, clarity: 80, overall: 70, remark: 'Fijn gesprek.', updatedAt: now })
		.execute();
	await repo.insertAgreement({
		id: newId(),
		organisationId,
		collaborationId,
		conversationId,
		what: 'We sturen een berichtje als we later komen.',
		who: 'professional',
		whoOther: null,
		dueOn: '2100-02-28',
		successMeasure: 'Geen onverwachte vertraging meer',
		status: 'open',
		carriedOverFrom: null,
		createdAt: now
	});
	await db
		.updateTable('agreements')
		.set({ actionKind: 'change', needed: 'Het telefoonnummer van de ouder' })
		.where('organisationId', '=', organisationId)
		.where('conversationId', '=', conversationId)
		.execute();
	return { collaborationId, conversationId, participantPartyId, professionalPartyId };
}
