import type { AgreementRecord, ReviewChoiceRecord, ReviewRecord } from '#lib/server/conversations/conversations.agreements.repository.ts';
import type { PartyKind } from '#lib/server/conversations/conversations.models.ts';
import { allowedActions, type ConversationAction } from '#lib/server/conversations/conversations.policy.ts';
import type { ConversationRecord } from '#lib/server/conversations/conversations.repository.ts';
import {
	buildReview,
	toAgreementView,
	toPartyViews,
	type AgreementView,
	type ConversationViewInput,
	type PartyView,
	type ReviewItemView
} from '#lib/server/conversations/conversations.views.ts';
import type { DeckKind, ClientLocale } from '#lib/server/db/schema.ts';
import { deckWords, type StoredDeck, type Voice } from '#lib/server/decks/decks.models.ts';
import type { PartyPreparation } from '#lib/server/preparation/preparation.usecases.ts';
import { findCardInDecks, formatRecordingTime, parseSuggestions, renderDeckCard, type CardView } from './learning.models.ts';
import { canSeeEvaluationOf, isPreparationVisible } from './learning.policy.ts';
import type { EvaluationRecord, MomentRecord, SafetyRecord, SheetRecord, TopicRecord, WishRecord } from './learning.repository.ts';

/**
 * Pure assembly of what one viewer of a learning conversation receives. Preparations pass the
 * policy here whatever the caller loaded (only shared ones), and evaluations too (own, or all
 * for the professional).
 */

export interface SafetyView {
	partyId: string;
	suggestions: string[];
	ownWords: string | null;
	/** Said in the conversation; when false, the words come from the party's shared preparation (or are empty). */
	saved: boolean;
	fromPreparation: boolean;
}

export interface SheetView {
	partyId: string;
	a: string | null;
	b: string | null;
	c: string | null;
	saved: boolean;
	/** Typed in from paper (docs/decisions/020): the day it was filled in, else null. */
	paperFilledOn: string | null;
}

export interface TopicView {
	id: string;
	position: number;
	/** The chosen card; null for a topic in own words. */
	card: CardView | null;
	ownText: string | null;
	/** One per party, in the order of the parties. */
	sheets: SheetView[];
}

export interface PreparationView {
	partyId: string;
	wishes: string | null;
	moment: { a: string | null; b: string | null; c: string | null } | null;
	cards: CardView[];
	safety: { suggestions: string[]; ownWords: string | null };
	/** Typed in from the paper its owner handed over (docs/decisions/020): the day it was filled in, else null. */
	paperFilledOn: string | null;
}

export interface LearningView {
	id: string;
	collaborationId: string;
	method: 'learningConversation';
	phase: ConversationRecord['phase'];
	version: number;
	scheduledOn: string | null;
	startedAt: string;
	endedAt: string | null;
	summary: string | null;
	/** Only for the professional, who shows it to the participants. */
	joinCode: string | null;
	viewer: { partyId: string | null; kind: PartyKind };
	parties: PartyView[];
	review: ReviewItemView[];
	reviewComplete: boolean;
	decks: { id: string; key: string; kind: DeckKind; title: string; description: string; cards: CardView[] }[];
	/** Shared parts of preparations only: a part stays private until its owner shares it. */
	preparations: PreparationView[];
	/**
	 * The moment the viewer prepared with A/B/C, offered on their own side of the sheets as a
	 * starting point (docs/decisions/013): on the topic of the card it is about, or on every topic
	 * when it names none. Only the viewer's own, shared or not, and only while sheets are written; else null.
	 */
	ownPreparedMoment: { a: string | null; b: string | null; c: string | null; topicIds: string[] } | null;
	safety: SafetyView[];
	topics: TopicView[];
	wishes: { partyId: string; card: CardView; handedAt: string }[];
	moments: { id: string; partyId: string; atSeconds: number; time: string; note: string; topicId: string | null }[];
	/** The actions made in this conversation (agreements with a kind). */
	actions: AgreementView[];
	evaluations: { partyId: string; clarity: number | null; overall: number | null; remark: string | null }[];
	allowedActions: ConversationAction[];
}

export interface LearningViewInput {
	conversation: ConversationRecord;
	viewer: { partyId: string | null; kind: PartyKind };
	locale: ClientLocale;
	/** The organisation's word for its clients (organisations.client_term): the professional's cards name the client with it. */
	clientTerm?: string;
	parties: ConversationViewInput['parties'];
	decks: readonly StoredDeck[];
	/** As the preparation feature gives them; only shared ones reach the view. */
	preparations: readonly PartyPreparation[];
	safety: readonly SafetyRecord[];
	topics: readonly TopicRecord[];
	sheets: readonly SheetRecord[];
	wishes: readonly WishRecord[];
	moments: readonly MomentRecord[];
	evaluations: readonly EvaluationRecord[];
	agreements: readonly AgreementRecord[];
	reviews: readonly ReviewRecord[];
	reviewChoices?: readonly ReviewChoiceRecord[];
}

/** Steps taken as a party of the conversation: a co-professional without a party of their own cannot take them. */
const NEEDS_A_PARTY: readonly ConversationAction[] = [
	'saveSafety',
	'saveSheet',
	'saveRecordingMoment',
	'removeRecordingMoment',
	'handWish',
	'saveEvaluation'
];

/** Cards speak in the reader's voice (decks.models.ts): the professional reads their own wording. */
function voiceOf(input: LearningViewInput): Voice {
	return input.viewer.kind === 'professional' ? 'professional' : 'client';
}

function cardOf(input: LearningViewInput, deckId: string | null, cardKey: string | null): CardView | null {
	const found = deckId && cardKey ? findCardInDecks(input.decks, deckId, cardKey) : null;
	return found ? renderDeckCard(found.deck, found.card, input.locale, voiceOf(input), input.clientTerm) : null;
}

/** Where a card stands among the conversation's decks: decks in their order, cards in the deck's. */
function cardRank(input: LearningViewInput, card: CardView): number {
	const deck = input.decks.findIndex((d) => d.id === card.deckId);
	return deck * 1000 + (input.decks[deck]?.content.cards.findIndex((c) => c.key === card.key) ?? 0);
}

function buildSafety(input: LearningViewInput, preparations: readonly PreparationView[]): SafetyView[] {
	return input.parties.map((party) => {
		const said = input.safety.find((s) => s.partyId === party.id);
		if (said) {
			return {
				partyId: party.id,
				suggestions: parseSuggestions(said.suggestionsJson),
				ownWords: said.ownWords,
				saved: true,
				fromPreparation: false
			};
		}
		// Not said yet: what the party wrote while preparing, only when they shared it.
		const prepared = preparations.find((p) => p.partyId === party.id);
		const fromPreparation = prepared !== undefined && (prepared.safety.suggestions.length > 0 || prepared.safety.ownWords !== null);
		return {
			partyId: party.id,
			suggestions: fromPreparation ? prepared.safety.suggestions : [],
			ownWords: fromPreparation ? prepared.safety.ownWords : null,
			saved: false,
			fromPreparation
		};
	});
}

function buildPreparations(input: LearningViewInput): PreparationView[] {
	return input.parties.flatMap((party) => {
		// Shared parts only, the viewer's own included: a screen the others can see shows nothing private.
		const prepared = input.preparations.find((p) => p.partyId === party.id);
		if (!prepared?.preparation || !isPreparationVisible(prepared)) return [];
		const has = (part: (typeof prepared.sharedParts)[number]) => prepared.sharedParts.includes(part);
		const { wishes, moment, cards, safety, safetyOwn } = prepared.preparation;
		return [
			{
				partyId: party.id,
				wishes: has('wishes') ? wishes : null,
				moment: has('moment') && moment ? { a: moment.a, b: moment.b, c: moment.c } : null,
				cards: has('cards') ? cards : [],
				safety: has('safety') ? { suggestions: safety, ownWords: safetyOwn } : { suggestions: [], ownWords: null },
				paperFilledOn: prepared.paperFilledOn
			}
		];
	});
}

function buildOwnPreparedMoment(input: LearningViewInput): LearningView['ownPreparedMoment'] {
	// Offered only while the sheets can be written: before and after, it stays on the preparation page.
	if (!allowedActions(input.viewer.kind, input.conversation.phase, input.conversation.method).includes('saveSheet')) return null;
	const own = input.preparations.find((p) => p.isViewer && p.partyId === input.viewer.partyId);
	const moment = own?.preparation?.moment;
	if (!moment) return null;
	const card = moment.card;
	const topicIds = input.topics
		.filter((topic) => card === null || (topic.deckId === card.deckId && topic.cardKey === card.cardKey))
		.map((topic) => topic.id);
	return { a: moment.a, b: moment.b, c: moment.c, topicIds };
}

export function buildLearningView(input: LearningViewInput): LearningView {
	const { conversation, viewer } = input;
	const review = buildReview(conversation, input.agreements, input.reviews, input.reviewChoices);
	const preparations = buildPreparations(input);
	return {
		id: conversation.id,
		collaborationId: conversation.collaborationId,
		method: 'learningConversation',
		phase: conversation.phase,
		version: conversation.version,
		scheduledOn: conversation.scheduledOn ?? null,
		startedAt: conversation.startedAt,
		endedAt: conversation.endedAt,
		summary: conversation.summary,
		joinCode: viewer.kind === 'professional' ? conversation.joinCode : null,
		viewer: { partyId: viewer.partyId, kind: viewer.kind },
		parties: toPartyViews(input.parties, viewer.partyId),
		review,
		reviewComplete: review.every((entry) => entry.review !== null),
		decks: input.decks.map((deck) => ({
			id: deck.id,
			key: deck.key,
			kind: deck.kind,
			...deckWords(deck.content, input.locale),
			cards: deck.content.cards.map((card) => renderDeckCard(deck, card, input.locale, voiceOf(input), input.clientTerm))
		})),
		preparations,
		ownPreparedMoment: buildOwnPreparedMoment(input),
		safety: buildSafety(input, preparations),
		topics: input.topics.map((topic) => ({
			id: topic.id,
			position: topic.position,
			card: cardOf(input, topic.deckId, topic.cardKey),
			ownText: topic.ownText,
			sheets: input.parties.map((party) => {
				const sheet = input.sheets.find((s) => s.topicId === topic.id && s.partyId === party.id);
				return {
					partyId: party.id,
					a: sheet?.aText ?? null,
					b: sheet?.bText ?? null,
					c: sheet?.cText ?? null,
					saved: sheet !== undefined,
					paperFilledOn: sheet?.paperFilledOn ?? null
				};
			})
		})),
		wishes: input.wishes
			.flatMap((wish) => {
				const card = cardOf(input, wish.deckId, wish.cardKey);
				return card ? [{ partyId: wish.partyId, card, handedAt: wish.handedAt }] : [];
			})
			// In the order they were handed; handed at the same moment, in the deck's order.
			.toSorted((a, b) => (a.handedAt < b.handedAt ? -1 : a.handedAt > b.handedAt ? 1 : cardRank(input, a.card) - cardRank(input, b.card))),
		moments: input.moments.map((moment) => ({
			id: moment.id,
			partyId: moment.partyId,
			atSeconds: moment.atSeconds,
			time: formatRecordingTime(moment.atSeconds),
			note: moment.note,
			topicId: moment.topicId
		})),
		actions: input.agreements.filter((a) => a.conversationId === conversation.id && a.carriedOverFrom === null).map(toAgreementView),
		evaluations: input.evaluations
			.filter((evaluation) => canSeeEvaluationOf(viewer, evaluation.partyId))
			.map(({ partyId, clarity, overall, remark }) => ({ partyId, clarity, overall, remark })),
		allowedActions: allowedActions(viewer.kind, conversation.phase, conversation.method).filter(
			(action) => viewer.partyId !== null || !NEEDS_A_PARTY.includes(action)
		)
	};
}
