import type { StoredBoolean, Timestamp } from './common.ts';

// Learning trajectories (seed 004), migration 0009.
export type TrajectoryConsent = 'pending' | 'given' | 'declined' | 'withdrawn';
export type TrajectoryClientConsent = 'given' | 'declined';
export type TrajectoryReminderKind = 'opened' | 'closing';

export interface TrajectoriesTable {
	id: string;
	organisationId: string;
	name: string;
	description: string;
	consentText: string;
	/** JSON: the adjustable questions, see trajectories/trajectories.models.ts. */
	templateJson: string;
	createdBy: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface TrajectoryMeetingsTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	heldOn: string;
	title: string;
	/** Migration 0023. */
	place: string | null;
	programme: string | null;
}

/** A participant present at a meeting (migration 0023). */
export interface TrajectoryAttendanceTable {
	organisationId: string;
	trajectoryId: string;
	meetingId: string;
	participantId: string;
}

/** A participant's function: one of the seed's (builtin code) or the coordinator's own (name), migration 0023. */
export interface TrajectoryFunctionsTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	builtin: string | null;
	name: string | null;
	createdAt: Timestamp;
}

export interface TrajectoryMomentsTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	position: number;
	opensOn: string;
	closesOn: string;
	/** The instrument answered at this moment, by key (migration 0032); null: none. */
	instrumentKey: string | null;
}

export type TrajectoryPerspective = 'professional' | 'client';

/** A participant's or their client's ratings of a moment's instrument (migration 0032). */
export interface TrajectoryInstrumentAnswersTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	momentId: string;
	participantId: string;
	perspective: TrajectoryPerspective;
	instrumentId: string;
	/** JSON: item key → stored value 0–100; null while a client's link is not answered yet. */
	valuesJson: string | null;
	/** JSON: item key → an answer in words (free text, a nominal choice's code; migration 0037); null without. */
	textValuesJson: string | null;
	/** The client's personal link, hashed; null for the participant's own ratings. */
	linkTokenHash: string | null;
	createdAt: Timestamp;
	answeredAt: Timestamp | null;
	/** A client's answer to the consent step (migration 0034): null until asked and answered. */
	clientConsent: TrajectoryClientConsent | null;
	clientConsentAt: Timestamp | null;
}

export interface TrajectoryParticipantsTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	number: number;
	userId: string | null;
	email: string;
	invitationId: string | null;
	organisationName: string;
	consent: TrajectoryConsent;
	consentAt: Timestamp | null;
	stoppedOn: string | null;
	addedAt: Timestamp;
	/** A function of the same trajectory (migration 0023). */
	functionId: string | null;
}

export interface TrajectoryResponsesTable {
	organisationId: string;
	trajectoryId: string;
	momentId: string;
	participantId: string;
	learningGoal: string;
	goalChangeReason: string | null;
	barrierPersonal: string | null;
	barrierTeam: string | null;
	barrierOrganisation: string | null;
	resourcePersonal: string | null;
	resourceTeam: string | null;
	resourceOrganisation: string | null;
	/** JSON object: question key → answer. */
	answersJson: string;
	explanation: string | null;
	submittedAt: Timestamp;
	updatedAt: Timestamp;
}

export interface TrajectoryBuddyPairsTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	createdAt: Timestamp;
}

export interface TrajectoryBuddyMembersTable {
	organisationId: string;
	trajectoryId: string;
	pairId: string;
	participantId: string;
}

export interface TrajectoryBuddyEntriesTable {
	id: string;
	organisationId: string;
	trajectoryId: string;
	pairId: string;
	authorId: string;
	metOn: string;
	topic: string;
	valuable: StoredBoolean;
	reflection: string | null;
	shared: StoredBoolean;
	createdAt: Timestamp;
}

export interface TrajectoryBuddyEvaluationsTable {
	organisationId: string;
	trajectoryId: string;
	participantId: string;
	valuable: 'no' | 'somewhat' | 'yes';
	whatHelped: string | null;
	tips: string | null;
	/** The texts may be quoted in the report, without a name (migration 0023). */
	quoteAllowed: StoredBoolean;
	submittedAt: Timestamp;
	updatedAt: Timestamp;
}

export interface TrajectoryRemindersTable {
	organisationId: string;
	momentId: string;
	participantId: string;
	kind: TrajectoryReminderKind;
	sentAt: Timestamp;
}
