import type { Generated } from 'kysely';
import type { StoredBoolean, Timestamp } from './common.ts';

/** Card decks, personal links, preparation and the learning conversation's records. */

export type DeckKind = 'topic' | 'value' | 'wish';

export interface DecksTable {
	id: string;
	/** Null for a built-in deck; an organisation's edit is a deck of its own with the same key. */
	organisationId: string | null;
	key: string;
	version: number;
	kind: DeckKind;
	/** JSON: the cards. Never changes once published. */
	contentJson: string;
	derivedFrom: string | null;
	publishedAt: Timestamp;
	publishedBy: string | null;
}

export interface OrganisationDecksTable {
	organisationId: string;
	deckKey: string;
	enabled: StoredBoolean;
	updatedAt: Timestamp;
}

export interface ConversationDecksTable {
	organisationId: string;
	conversationId: string;
	deckId: string;
}

export type ParticipantLinkPurpose = 'preparation' | 'sessionFeedback';

export interface ParticipantLinksTable {
	id: string;
	organisationId: string;
	conversationId: string;
	partyId: string;
	purpose: ParticipantLinkPurpose;
	tokenHash: string;
	createdAt: Timestamp;
	expiresAt: Timestamp;
	sentAt: Timestamp | null;
	/** Opening the link claims it for one device; it stays set once the link was opened. */
	claimedAt: Timestamp | null;
	/** Set when the device that held the link stopped taking part: the link opens again. */
	releasedAt: Timestamp | null;
	revokedAt: Timestamp | null;
	/** Set with revokedAt when a new link for the same party and purpose ended this one. */
	replacedBy: string | null;
}

export interface PreparationsTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	wishes: string | null;
	momentA: string | null;
	momentB: string | null;
	momentC: string | null;
	/** JSON array of safety suggestion keys. */
	safetyJson: string;
	safetyOwn: string | null;
	/** Set when its owner shared a part of it; null while every part is private. */
	sharedAt: Timestamp | null;
	/** JSON array of the parts shared ('wishes', 'cards', 'moment', 'safety'); the rest stays private. */
	sharedParts: Generated<string>;
	/** The card (of the conversation's decks) the prepared moment is about; null for none. */
	momentDeckId: string | null;
	momentCardKey: string | null;
	/** Typed in from paper: the day (YYYY-MM-DD) the participant filled it in; null when written on a device. */
	paperFilledOn: Generated<string | null>;
	updatedAt: Timestamp;
}

export interface PreparationCardsTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	deckId: string;
	cardKey: string;
	createdAt: Timestamp;
}

export interface ConversationSafetyTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	/** JSON array of safety suggestion keys. */
	suggestionsJson: string;
	ownWords: string | null;
	updatedAt: Timestamp;
}

export interface ConversationTopicsTable {
	id: string;
	organisationId: string;
	conversationId: string;
	deckId: string | null;
	cardKey: string | null;
	ownText: string | null;
	position: number;
	createdAt: Timestamp;
}

export interface TopicSheetsTable {
	organisationId: string;
	conversationId: string;
	topicId: string;
	partyId: string;
	aText: string | null;
	bText: string | null;
	cText: string | null;
	updatedAt: Timestamp;
	/** Typed in from paper (docs/decisions/020): the day (YYYY-MM-DD) it was filled in; null when written on a screen. */
	paperFilledOn: Generated<string | null>;
}

export interface HandedWishesTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	deckId: string;
	cardKey: string;
	handedAt: Timestamp;
}

export interface ConversationEvaluationsTable {
	organisationId: string;
	conversationId: string;
	partyId: string;
	clarity: number | null;
	overall: number | null;
	remark: string | null;
	updatedAt: Timestamp;
}

export interface RecordingMomentsTable {
	id: string;
	organisationId: string;
	conversationId: string;
	partyId: string;
	atSeconds: number;
	note: string;
	/** The topic the moment is about; null when it was noted without one. */
	topicId: string | null;
	createdAt: Timestamp;
}
