import type { InstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import type { WordingAudience } from '#lib/server/instruments/instruments.models.ts';
import type { AgreementRecord, ReviewChoiceRecord, ReviewRecord } from './conversations.agreements.repository.ts';
import type { RatingRecord, ReflectionRecord, TextAnswersRecord } from './conversations.answers.repository.ts';
import { agreementsUnderReview, computeGaps, isRevealed, type ItemGap, type PartyKind, type PartyRatings } from './conversations.models.ts';
import { allowedActions, canSeeRatingsOf, canSeeReflectionsOf, canSubmitRatings, type ConversationAction } from './conversations.policy.ts';
import type { ConversationRecord, PartyRecord } from './conversations.repository.ts';

/**
 * Pure assembly of what one viewer receives. Every rating and reflection passes the policy
 * here, whatever the caller loaded: before the reveal nothing of another party leaves the server.
 */

export interface PartyView {
	id: string;
	kind: PartyKind;
	/** The participant's name in the collaboration, or the professional's name; null when unknown. */
	displayName: string | null;
	audience: WordingAudience;
	present: boolean;
	submitted: boolean;
	/** Answers typed in from a paper form: the day it was filled in (docs/decisions/020); null on a device. */
	paperFilledOn: string | null;
	isViewer: boolean;
}

export type AgreementView = Omit<AgreementRecord, 'collaborationId'>;

export interface ReviewItemView {
	agreement: AgreementView;
	review: Omit<ReviewRecord, 'agreementId' | 'conversationId'> | null;
	/** Each participant's own choice of how it went (the review is judged together), by party id. */
	choices: Omit<ReviewChoiceRecord, 'agreementId'>[];
}

export interface ConversationView {
	id: string;
	collaborationId: string;
	method: ConversationRecord['method'];
	phase: ConversationRecord['phase'];
	version: number;
	startedAt: string;
	revealedAt: string | null;
	endedAt: string | null;
	summary: string | null;
	/** Only for the professional, who shows it to the participants. */
	joinCode: string | null;
	viewer: { partyId: string | null; kind: PartyKind; audience: WordingAudience };
	instrument: { id: string; key: string; version: number; name: string };
	items: InstrumentForConversation['items'];
	scale: InstrumentForConversation['scale'];
	parties: PartyView[];
	ownRatings: Record<string, number> | null;
	/** The ratings this viewer may see: their own, and everyone's from the reveal on. */
	ratings: PartyRatings[];
	/** The viewer's own answers in words (free text, a nominal choice's code), by item key; null before sending. */
	ownTexts: Record<string, string> | null;
	/** The answers in words this viewer may see, by the same rule as the ratings (issue 14). */
	texts: PartyTexts[];
	/** From the reveal on: per item on the line the values and their spread, largest difference first. */
	gaps: ItemGap[] | null;
	review: ReviewItemView[];
	reviewComplete: boolean;
	reflections: Omit<ReflectionRecord, 'updatedAt'>[];
	/** The agreement made in this conversation. */
	agreement: AgreementView | null;
	allowedActions: ConversationAction[];
}

export interface ConversationViewInput {
	conversation: ConversationRecord;
	viewer: { partyId: string | null; kind: PartyKind };
	instrument: InstrumentForConversation;
	parties: (PartyRecord & { displayName: string | null; audience: WordingAudience })[];
	ratings: readonly RatingRecord[];
	/** Answers in words; only those of visible parties are used (as the ratings). */
	texts?: readonly TextAnswersRecord[];
	reflections: readonly ReflectionRecord[];
	agreements: readonly AgreementRecord[];
	reviews: readonly ReviewRecord[];
	reviewChoices?: readonly ReviewChoiceRecord[];
}

/** Ratings grouped per party, for the parties the viewer may see, in the order of `parties`. */
export function visibleRatings(
	conversation: Pick<ConversationRecord, 'id' | 'phase'>,
	viewerPartyId: string | null,
	parties: readonly { id: string }[],
	ratings: readonly RatingRecord[]
): PartyRatings[] {
	return parties
		.filter((party) => canSeeRatingsOf(viewerPartyId, party.id, conversation.phase))
		.map((party) => ({
			partyId: party.id,
			values: Object.fromEntries(
				ratings.filter((r) => r.conversationId === conversation.id && r.partyId === party.id).map((r) => [r.itemKey, r.value])
			)
		}))
		.filter((entry) => Object.keys(entry.values).length > 0);
}

/** One party's answers in words: item key → free text or a nominal choice's code. */
export interface PartyTexts {
	partyId: string;
	texts: Record<string, string>;
}

/** Answers in words per party, for the parties the viewer may see (the rule of the ratings), in the order of `parties`. */
export function visibleTexts(
	conversation: Pick<ConversationRecord, 'id' | 'phase'>,
	viewerPartyId: string | null,
	parties: readonly { id: string }[],
	texts: readonly TextAnswersRecord[]
): PartyTexts[] {
	return parties.flatMap((party) => {
		if (!canSeeRatingsOf(viewerPartyId, party.id, conversation.phase)) return [];
		const found = texts.find((t) => t.conversationId === conversation.id && t.partyId === party.id);
		return found && Object.keys(found.texts).length > 0 ? [{ partyId: party.id, texts: { ...found.texts } }] : [];
	});
}

export function toAgreementView(agreement: AgreementRecord): AgreementView {
	const { collaborationId: _collaborationId, ...view } = agreement;
	return view;
}

/** The agreements this conversation looks back on, each with the review it gave (null while not reviewed). */
export function buildReview(
	conversation: Pick<ConversationRecord, 'id'>,
	agreements: readonly AgreementRecord[],
	reviews: readonly ReviewRecord[],
	choices: readonly ReviewChoiceRecord[] = []
): ReviewItemView[] {
	const reviewsByAgreement = new Map(reviews.filter((r) => r.conversationId === conversation.id).map((r) => [r.agreementId, r]));
	return agreementsUnderReview(agreements, new Set(reviewsByAgreement.keys()), conversation.id).map((agreement) => {
		const found = reviewsByAgreement.get(agreement.id);
		return {
			agreement: toAgreementView(agreement),
			review: found
				? { id: found.id, outcome: found.outcome, note: found.note, carriedOver: found.carriedOver, createdAt: found.createdAt }
				: null,
			choices: choices.filter((choice) => choice.agreementId === agreement.id).map(({ partyId, outcome }) => ({ partyId, outcome }))
		};
	});
}

/** Every party as any viewer of the conversation sees them. */
export function toPartyViews(parties: ConversationViewInput['parties'], viewerPartyId: string | null): PartyView[] {
	return parties.map((party) => ({
		id: party.id,
		kind: party.kind,
		displayName: party.displayName,
		audience: party.audience,
		present: party.present,
		submitted: party.submittedAt !== null,
		paperFilledOn: party.paperFilledOn ?? null,
		isViewer: party.id === viewerPartyId
	}));
}

export function buildConversationView(input: ConversationViewInput): ConversationView {
	const { conversation, viewer, instrument } = input;
	const viewerParty = input.parties.find((party) => party.id === viewer.partyId);
	const ratings = visibleRatings(conversation, viewer.partyId, input.parties, input.ratings);
	const texts = visibleTexts(conversation, viewer.partyId, input.parties, input.texts ?? []);
	const review = buildReview(conversation, input.agreements, input.reviews, input.reviewChoices);
	const made = input.agreements.find((a) => a.conversationId === conversation.id && a.carriedOverFrom === null);
	const actions = allowedActions(viewer.kind, conversation.phase, conversation.method).filter((action) => {
		if (action === 'submitRatings') return viewerParty !== undefined && canSubmitRatings(viewerParty, conversation.phase);
		if (action === 'saveReflection') return viewerParty !== undefined;
		return true;
	});
	return {
		id: conversation.id,
		collaborationId: conversation.collaborationId,
		method: conversation.method,
		phase: conversation.phase,
		version: conversation.version,
		startedAt: conversation.startedAt,
		revealedAt: conversation.revealedAt,
		endedAt: conversation.endedAt,
		summary: conversation.summary,
		joinCode: viewer.kind === 'professional' ? conversation.joinCode : null,
		viewer: {
			partyId: viewer.partyId,
			kind: viewer.kind,
			audience: viewerParty?.audience ?? (viewer.kind === 'professional' ? 'professional' : 'adult')
		},
		instrument: { id: instrument.id, key: instrument.key, version: instrument.version, name: instrument.name },
		items: instrument.items,
		scale: instrument.scale,
		parties: toPartyViews(input.parties, viewer.partyId),
		ownRatings: ratings.find((r) => r.partyId === viewer.partyId)?.values ?? null,
		ratings,
		ownTexts: texts.find((t) => t.partyId === viewer.partyId)?.texts ?? null,
		texts,
		gaps: isRevealed(conversation.phase) ? computeGaps(instrument.itemKeys, ratings) : null,
		review,
		reviewComplete: review.every((entry) => entry.review !== null),
		reflections: input.reflections
			.filter((r) => canSeeReflectionsOf(viewer.partyId, r.partyId, conversation.phase))
			.map(({ updatedAt: _updatedAt, ...reflection }) => reflection),
		agreement: made ? toAgreementView(made) : null,
		allowedActions: actions
	};
}
