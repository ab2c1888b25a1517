import type { AccessEntryLabels } from '#lib/access-log-labels.ts';
import type { AnswerScale } from '#lib/answer-scale.ts';
import type {
	AgreementActionKind,
	AgreementStatus,
	AgreementWho,
	Audience,
	ConversationPhase,
	ClientLocale,
	Method,
	ParticipantLinkPurpose,
	ReviewOutcome
} from '#lib/server/db/schema.ts';
import type { RenderedItem } from '#lib/server/instruments/instruments.models.ts';

/**
 * The client's copy (AVG art. 15 and 20): everything Tweespraak holds about one participant of a
 * collaboration, as a stable JSON document (`format` and `version` below; the fields are described
 * in docs/client-copy.md). The PDF is drawn from this same document (client-copy.document.ts), so
 * the two never say different things. Codes (method, status, outcome) are stable; every `…Label`
 * and answer text is in the language of `language`: the participant's own by default, or another
 * client language the professional chose (client-copy.policy.ts copyLanguageOf).
 */

export const CLIENT_COPY_FORMAT = 'tweespraak.client-copy';
/** Raise on any change that is not an added field, and describe it in docs/client-copy.md. */
export const CLIENT_COPY_VERSION = 1;

export interface CopyAnswer {
	/** Whose answer: the participant's own, another participant's, or a professional's. */
	by: 'you' | 'participant' | 'professional';
	name: string;
	itemKey: string;
	item: string;
	question: string;
	/** How it was asked: a point on a line from 0 to `points`, or a child's smiley (1 … `points`). */
	mode: 'line' | 'smiley';
	point: number;
	points: number;
	/** As a person reads it: "3 van 10", or the smiley in words. */
	text: string;
}

/** An answer in words to session feedback (issue 14): free text as typed, or the chosen option's words. */
export interface CopyAnswerInWords {
	by: 'you' | 'participant' | 'professional';
	name: string;
	itemKey: string;
	item: string;
	question: string;
	text: string;
}

export interface CopyReview {
	reviewedAt: string;
	outcome: ReviewOutcome;
	outcomeLabel: string;
	note: string | null;
	carriedOver: boolean;
}

export interface CopyAgreement {
	what: string;
	/** A learning conversation's action: what we keep or change; null for a quick check's agreement. */
	kind: AgreementActionKind | null;
	who: AgreementWho;
	whoLabel: string;
	dueOn: string;
	successMeasure: string;
	needed: string | null;
	status: AgreementStatus;
	statusLabel: string;
	madeAt: string;
	carriedOver: boolean;
	reviews: CopyReview[];
}

export interface CopyScore {
	point: number;
	points: number;
	text: string;
}

export interface CopyPreparation {
	/** Kept in version 1 of the format; always false: a copy holds a preparation only once it was shared. */
	private: boolean;
	sharedAt: string | null;
	updatedAt: string;
	wishes: string | null;
	cards: string[];
	moment: { whatHappened: string | null; whatItDidToMe: string | null; whyImportant: string | null };
	safety: string[];
	safetyOwnWords: string | null;
}

export interface CopyConversation {
	method: Method;
	methodLabel: string;
	status: 'running' | 'closed' | 'abandoned';
	startedAt: string;
	endedAt: string | null;
	plannedOn: string | null;
	summary: string | null;
	instrument: { name: string; version: number; scale: { min: string; max: string; points: number } } | null;
	answers: CopyAnswer[];
	/** Answers in words (free text, a nominal choice), beside `answers`; added in version 1 without a raise. */
	answersInWords: CopyAnswerInWords[];
	reflections: {
		itemKey: string;
		item: string;
		mostSatisfied: string | null;
		leastSatisfied: string | null;
		/** Noted by the professional as the client said it (seed 003): the copy says so. */
		mostNotedByProfessional?: boolean;
		leastNotedByProfessional?: boolean;
	}[];
	reviewChoices: { agreement: string; outcome: ReviewOutcome; outcomeLabel: string }[];
	preparation: CopyPreparation | null;
	safety: { chosen: string[]; ownWords: string | null } | null;
	topics: string[];
	/** `onPaperFilledOn`: the side was typed in from paper, filled in that day (docs/decisions/020); else null. */
	sheets: {
		topic: string;
		whatHappened: string | null;
		whatItDidToMe: string | null;
		whyImportant: string | null;
		onPaperFilledOn: string | null;
	}[];
	wishCards: string[];
	recordingMoments: { atSeconds: number; note: string }[];
	evaluation: { clarity: CopyScore | null; overall: CopyScore | null; remark: string | null } | null;
	agreements: CopyAgreement[];
}

export interface ClientCopy {
	format: typeof CLIENT_COPY_FORMAT;
	version: typeof CLIENT_COPY_VERSION;
	generatedAt: string;
	language: ClientLocale;
	organisation: { name: string };
	collaboration: {
		label: string;
		status: 'open' | 'closed';
		startedAt: string;
		closedAt: string | null;
		professionals: { name: string; role: 'holder' | 'co' }[];
	};
	participant: {
		name: string;
		audience: Audience;
		language: ClientLocale;
		email: string | null;
		addedAt: string;
		removedAt: string | null;
	};
	/** Oldest first: every conversation the participant took part in. */
	conversations: CopyConversation[];
	personalLinks: {
		purpose: ParticipantLinkPurpose;
		createdAt: string;
		sentAt: string | null;
		openedAt: string | null;
		expiresAt: string;
		revokedAt: string | null;
	}[];
	/**
	 * Who looked at or changed the data of this collaboration (the access log, NEN 7513), oldest
	 * first: a professional by name and role, a participant's device by its role only, so no other
	 * client is ever named.
	 */
	accessLog: CopyAccess[];
}

export interface CopyAccess {
	at: string;
	who: string;
	role: string;
	roleLabel: string;
	action: 'view' | 'change';
	data: string;
	dataLabel: string;
}

/** One conversation as loaded for the copy, already limited by client-copy.policy.ts. */
export interface CopySourceConversation {
	method: Method;
	phase: ConversationPhase;
	startedAt: string;
	endedAt: string | null;
	scheduledOn: string | null;
	summary: string | null;
	ownPartyId: string;
	parties: { id: string; kind: 'participant' | 'professional'; name: string; audience: Audience | 'professional' }[];
	/** In the participant's own wording (a child's items as the child read them). */
	instrument: { name: string; version: number; items: RenderedItem[]; scale: AnswerScale } | null;
	ratings: { partyId: string; itemKey: string; value: number }[];
	/** Per visible party its answers in words (item key → free text or a choice's code). */
	texts?: { partyId: string; texts: Record<string, string> }[];
	reflections: {
		itemKey: string;
		mostSatisfied: string | null;
		leastSatisfied: string | null;
		mostNotedByProfessional?: boolean;
		leastNotedByProfessional?: boolean;
	}[];
	reviewChoices: { agreement: string; outcome: ReviewOutcome }[];
	preparation: {
		wishes: string | null;
		momentA: string | null;
		momentB: string | null;
		momentC: string | null;
		safety: string[];
		safetyOwn: string | null;
		sharedAt: string | null;
		updatedAt: string;
		cards: string[];
	} | null;
	safety: { suggestions: string[]; ownWords: string | null } | null;
	topics: string[];
	sheets: { topic: string; aText: string | null; bText: string | null; cText: string | null; paperFilledOn?: string | null }[];
	wishes: string[];
	moments: { atSeconds: number; note: string }[];
	evaluation: { clarity: number | null; overall: number | null; remark: string | null } | null;
	agreements: {
		what: string;
		actionKind?: AgreementActionKind | null;
		who: AgreementWho;
		whoOther: string | null;
		dueOn: string;
		successMeasure: string;
		needed?: string | null;
		status: AgreementStatus;
		createdAt: string;
		carriedOverFrom: string | null;
		reviews: { createdAt: string; outcome: ReviewOutcome; note: string | null; carriedOver: boolean }[];
	}[];
}

export interface CopySource {
	locale: ClientLocale;
	generatedAt: string;
	organisationName: string;
	collaboration: ClientCopy['collaboration'];
	participant: {
		displayName: string;
		audience: Audience;
		locale: ClientLocale;
		email: string | null;
		createdAt: string;
		removedAt: string | null;
	};
	conversations: CopySourceConversation[];
	links: ClientCopy['personalLinks'];
	/** The collaboration's access-log entries (access.view / access.change), oldest first. */
	access: (AccessEntryLabels & { occurredAt: string })[];
}
