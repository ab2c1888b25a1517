import type { InstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import type { AgreementRecord, ReviewRecord } from './conversations.agreements.repository.ts';
import type { RatingRecord } from './conversations.answers.repository.ts';
import { computeGaps, isRevealed, type ItemGap, type PartyRatings } from './conversations.models.ts';
import type { ConversationRecord } from './conversations.repository.ts';
import {
	toAgreementView,
	toPartyViews,
	visibleRatings,
	type AgreementView,
	type ConversationViewInput,
	type PartyView
} from './conversations.views.ts';

/** One conversation in a collaboration's history, as its professional sees it. */
export interface TimelineEntry {
	id: string;
	method: ConversationRecord['method'];
	phase: ConversationRecord['phase'];
	startedAt: string;
	/** A learning conversation's planned day. */
	scheduledOn: string | null;
	revealedAt: string | null;
	endedAt: string | null;
	summary: string | null;
	instrument: { key: string; version: number; name: string } | null;
	items: InstrumentForConversation['items'];
	/** The scale the answers were given on, to show them on it; null without an instrument. */
	scale: InstrumentForConversation['scale'] | null;
	parties: PartyView[];
	/** Everyone's ratings once revealed; before that (or when abandoned unrevealed) only the viewer's own. */
	ratings: PartyRatings[];
	gaps: ItemGap[] | null;
	/** How the agreements of earlier conversations went, as reviewed in this one. */
	reviews: {
		agreement: AgreementView;
		outcome: ReviewRecord['outcome'];
		note: string | null;
		carriedOver: boolean;
		/** The date of the copy made when the agreement was carried over, if it was. */
		carriedOverDueOn: string | null;
	}[];
	/** The agreement made in this conversation, with its current status. */
	agreement: AgreementView | null;
	/** A learning conversation's actions (agreements with a kind), with their current status. */
	actions: AgreementView[];
}

export function buildTimelineEntry(input: {
	conversation: ConversationRecord;
	viewerPartyId: string | null;
	instrument: InstrumentForConversation | null;
	parties: ConversationViewInput['parties'];
	ratings: readonly RatingRecord[];
	agreements: readonly AgreementRecord[];
	reviews: readonly ReviewRecord[];
}): TimelineEntry {
	const { conversation, instrument } = input;
	const ratings = visibleRatings(conversation, input.viewerPartyId, input.parties, input.ratings);
	const madeHere = input.agreements.filter((a) => a.conversationId === conversation.id && a.carriedOverFrom === null);
	const learning = conversation.method === 'learningConversation';
	const made = learning ? undefined : madeHere[0];
	return {
		id: conversation.id,
		method: conversation.method,
		phase: conversation.phase,
		startedAt: conversation.startedAt,
		scheduledOn: conversation.scheduledOn ?? null,
		revealedAt: conversation.revealedAt,
		endedAt: conversation.endedAt,
		summary: conversation.summary,
		instrument: instrument ? { key: instrument.key, version: instrument.version, name: instrument.name } : null,
		items: instrument?.items ?? [],
		scale: instrument?.scale ?? null,
		parties: toPartyViews(input.parties, input.viewerPartyId),
		ratings,
		gaps: instrument && isRevealed(conversation.phase) ? computeGaps(instrument.itemKeys, ratings) : null,
		reviews: input.reviews
			.filter((review) => review.conversationId === conversation.id)
			.flatMap((review) => {
				const agreement = input.agreements.find((a) => a.id === review.agreementId);
				if (!agreement) return [];
				const copy = input.agreements.find((a) => a.carriedOverFrom === agreement.id && a.conversationId === conversation.id);
				return [
					{
						agreement: toAgreementView(agreement),
						outcome: review.outcome,
						note: review.note,
						carriedOver: review.carriedOver,
						carriedOverDueOn: review.carriedOver ? (copy?.dueOn ?? null) : null
					}
				];
			}),
		agreement: made ? toAgreementView(made) : null,
		actions: learning ? madeHere.map(toAgreementView) : []
	};
}
