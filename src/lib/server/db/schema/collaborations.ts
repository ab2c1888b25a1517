import type { Generated } from 'kysely';
import type { ClientLocale, StoredBoolean, Timestamp } from './common.ts';

/** Collaborations, their participants, conversations, ratings and agreements. */

export type PlanTerm = 'familyPlan' | 'actionPlan' | 'supportPlan' | 'plan';
export type Audience = 'adult' | 'child';
export type Method = 'quickCheck' | 'learningConversation' | 'sessionFeedback';
export type QuickCheckPhase = 'review' | 'rating' | 'revealed' | 'reflection' | 'agreement';
/** A learning conversation: preparation → review (when there are open agreements) → safety → topics → sheets → actions → evaluation. */
export type LearningConversationPhase = 'preparation' | 'review' | 'safety' | 'topics' | 'sheets' | 'actions' | 'evaluation';
/** Session feedback uses 'rating' until the client submits. */
export type ConversationPhase = QuickCheckPhase | LearningConversationPhase | 'closed' | 'abandoned';
export type AgreementActionKind = 'keep' | 'change';
export type AgreementWho = 'client' | 'professional' | 'both' | 'other';
export type AgreementStatus = 'open' | 'done' | 'partly' | 'notDone';
export type ReviewOutcome = 'done' | 'partly' | 'notDone';

export interface CollaborationsTable {
	id: string;
	organisationId: string;
	label: string;
	status: 'open' | 'closed';
	rhythmWeeks: number | null;
	/** A calendar date, YYYY-MM-DD (Europe/Amsterdam). */
	nextDueOn: string | null;
	createdBy: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
	closedAt: Timestamp | null;
	/** This collaboration's quick-check instrument key, over the organisation's (migration 0028). */
	quickCheckInstrumentKey: string | null;
}

export interface CollaborationProfessionalsTable {
	organisationId: string;
	collaborationId: string;
	userId: string;
	role: 'holder' | 'co';
	addedAt: Timestamp;
}

/** A collaboration handed to another professional (migration 0018). */
export interface CollaborationHandoversTable {
	id: string;
	organisationId: string;
	collaborationId: string;
	fromUserId: string | null;
	toUserId: string | null;
	byUserId: string | null;
	/** For the new professional only. */
	note: string | null;
	/** The next conversation, whose participant page tells the client the new name (once). */
	noticeConversationId: string | null;
	createdAt: Timestamp;
}

export interface ParticipantsTable {
	id: string;
	organisationId: string;
	collaborationId: string;
	displayName: string;
	audience: Audience;
	locale: ClientLocale;
	email: string | null;
	createdAt: Timestamp;
	removedAt: Timestamp | null;
}

export interface InstrumentsTable {
	id: string;
	organisationId: string | null;
	key: string;
	version: number;
	method: 'quickCheck' | 'sessionFeedback';
	/** JSON: see instruments/instruments.models.ts. Never changes once published. */
	contentJson: string;
	publishedAt: Timestamp;
}

export interface ConversationsTable {
	id: string;
	organisationId: string;
	collaborationId: string;
	method: Method;
	instrumentId: string | null;
	phase: ConversationPhase;
	startedBy: string | null;
	startedAt: Timestamp;
	revealedAt: Timestamp | null;
	endedAt: Timestamp | null;
	/** The short code participants type to join; null once the conversation has ended. */
	joinCode: string | null;
	summary: string | null;
	/** A learning conversation's planned day, YYYY-MM-DD. */
	scheduledOn: string | null;
	/** Bumped on every change, for live updates and optimistic checks. */
	version: Generated<number>;
}

export interface ConversationPartiesTable {
	id: string;
	organisationId: string;
	conversationId: string;
	kind: 'participant' | 'professional';
	participantId: string | null;
	userId: string | null;
	present: StoredBoolean;
	submittedAt: Timestamp | null;
	claimedAt: Timestamp | null;
	/** Answers typed in from a paper form: the day it was filled in, YYYY-MM-DD (migration 0029). */
	paperFilledOn: string | null;
	/** JSON: item key → a session feedback answer in words (free text, a nominal choice's code; migration 0039); null without. */
	textValuesJson: string | null;
}

export interface RatingsTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	instrumentId: string;
	itemKey: string;
	value: number;
	createdAt: Timestamp;
}

export interface ReflectionsTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	itemKey: string;
	mostSatisfied: string | null;
	leastSatisfied: string | null;
	/** The professional noted the text for the client (seed 003: it is spoken); false when typed by the party itself. */
	mostNotedByProfessional: Generated<StoredBoolean>;
	leastNotedByProfessional: Generated<StoredBoolean>;
	updatedAt: Timestamp;
}

export interface AgreementsTable {
	id: string;
	organisationId: string;
	collaborationId: string;
	conversationId: string;
	what: string;
	who: AgreementWho;
	whoOther: string | null;
	dueOn: string;
	successMeasure: string;
	status: AgreementStatus;
	carriedOverFrom: string | null;
	createdAt: Timestamp;
	/** Set for a learning conversation's action: what we keep or what we change. */
	actionKind: AgreementActionKind | null;
	/** An action's "what is needed". */
	needed: string | null;
}

export interface AgreementReviewsTable {
	id: string;
	organisationId: string;
	agreementId: string;
	conversationId: string;
	outcome: ReviewOutcome;
	note: string | null;
	carriedOver: StoredBoolean;
	createdAt: Timestamp;
}

/** A party's own choice of how an agreement went, in the review of one conversation (0015). */
export interface AgreementReviewChoicesTable {
	organisationId: string;
	conversationId: string;
	agreementId: string;
	partyId: string;
	outcome: ReviewOutcome;
	updatedAt: Timestamp;
}

export interface DeviceSessionsTable {
	id: string;
	tokenHash: string;
	organisationId: string;
	conversationId: string;
	partyId: string;
	mode: 'ownDevice' | 'handover';
	createdAt: Timestamp;
	expiresAt: Timestamp;
	revokedAt: Timestamp | null;
	/** For a hand-over: the professional's session, locked until they authenticate again. */
	lockedStaffSessionId: string | null;
	/** The personal link this device was let in with (null: joined with the code, or a hand-over). */
	linkId: string | null;
}
