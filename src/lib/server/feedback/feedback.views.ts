import type { RatingRecord, TextAnswersRecord } from '#lib/server/conversations/conversations.answers.repository.ts';
import type { ConversationRecord, PartyRecord } from '#lib/server/conversations/conversations.repository.ts';
import type { RenderedItem, RenderedScale, WordingAudience } from '#lib/server/instruments/instruments.models.ts';
import { canCloseFeedbackEarly } from './feedback.models.ts';
import { canSeeFeedbackOf, feedbackActionRefusal, type FeedbackViewer } from './feedback.policy.ts';

/**
 * Pure assembly of what one viewer of a session feedback receives. Every answer passes the
 * policy here, whatever the caller loaded: before the feedback closes nothing of a participant's
 * answers reaches the professional, and a participant only ever gets their own.
 */

export interface FeedbackPartyView {
	id: string;
	displayName: string;
	audience: 'adult' | 'child';
	submitted: boolean;
	/** Typed in from paper by the professional (docs/decisions/020): the day it was filled in, else null. */
	paperFilledOn: string | null;
	isViewer: boolean;
}

export interface FeedbackView {
	id: string;
	collaborationId: string;
	method: 'sessionFeedback';
	phase: ConversationRecord['phase'];
	version: number;
	startedAt: string;
	endedAt: string | null;
	instrument: { key: string; version: number; name: string };
	viewer: { kind: FeedbackViewer['kind']; partyId: string | null; audience: WordingAudience };
	items: RenderedItem[];
	scale: RenderedScale;
	parties: FeedbackPartyView[];
	/**
	 * Per party the answers this viewer may see, in the order of `parties`: on the line, and in
	 * words (free text, a nominal choice's code; issue 14) where some were given.
	 */
	answers: { partyId: string; values: Record<string, number>; texts?: Record<string, string> }[];
	/** The professional may close now (someone has answered). */
	canClose: boolean;
	/** The participant may send their answers now. */
	canSubmit: boolean;
}

export interface FeedbackViewInput {
	conversation: ConversationRecord;
	viewer: FeedbackViewer;
	instrument: { key: string; version: number; name: string; items: RenderedItem[]; scale: RenderedScale };
	/** Participant parties with their names, in display order. */
	parties: (PartyRecord & { displayName: string; audience: 'adult' | 'child' })[];
	ratings: readonly RatingRecord[];
	/** The answers in words of the parties loaded (the caller loads only what the policy allows). */
	texts?: readonly TextAnswersRecord[];
}

export function buildFeedbackView(input: FeedbackViewInput): FeedbackView {
	const { conversation, viewer } = input;
	const viewerPartyId = viewer.kind === 'participant' ? viewer.partyId : null;
	const own = input.parties.find((party) => party.id === viewerPartyId);
	const answers = input.parties
		.filter((party) => canSeeFeedbackOf(viewer, party.id, conversation.phase))
		.map((party) => {
			const texts = input.texts?.find((t) => t.partyId === party.id)?.texts;
			return {
				partyId: party.id,
				values: Object.fromEntries(input.ratings.filter((r) => r.partyId === party.id).map((r) => [r.itemKey, r.value])),
				// Only where words were given (an instrument that asks for them).
				...(texts && Object.keys(texts).length > 0 && { texts })
			};
		})
		.filter((entry) => Object.keys(entry.values).length > 0 || entry.texts !== undefined);
	return {
		id: conversation.id,
		collaborationId: conversation.collaborationId,
		method: 'sessionFeedback',
		phase: conversation.phase,
		version: conversation.version,
		startedAt: conversation.startedAt,
		endedAt: conversation.endedAt,
		instrument: { key: input.instrument.key, version: input.instrument.version, name: input.instrument.name },
		viewer: { kind: viewer.kind, partyId: viewerPartyId, audience: own?.audience ?? 'professional' },
		items: input.instrument.items,
		scale: input.instrument.scale,
		parties: input.parties.map((party) => ({
			id: party.id,
			displayName: party.displayName,
			audience: party.audience,
			submitted: party.submittedAt !== null,
			// The professional's mark; a participant's device learns nothing of how others answered.
			paperFilledOn: viewer.kind === 'professional' ? (party.paperFilledOn ?? null) : null,
			isViewer: party.id === viewerPartyId
		})),
		answers,
		canClose:
			viewer.kind === 'professional' &&
			feedbackActionRefusal('professional', 'close', conversation.phase) === null &&
			canCloseFeedbackEarly(input.parties),
		canSubmit: own !== undefined && feedbackActionRefusal('participant', 'submit', conversation.phase, own) === null
	};
}
