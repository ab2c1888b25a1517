import type { Generated } from 'kysely';

/**
 * Table types as the application sees them: camelCase names (CamelCasePlugin), timestamps as
 * ISO-8601 UTC strings, booleans as stored (SQLite 0/1, PostgreSQL true/false) — repositories
 * turn those into JavaScript booleans with `toBoolean`. See docs/decisions/001-database.md.
 */
export type Timestamp = string;
export type StoredBoolean = boolean | number;

export type Role = 'admin' | 'teamLead' | 'professional' | 'trajectoryCoordinator';
export type TeamRole = 'member' | 'lead';
export type MembershipStatus = 'active' | 'deactivated';
export type Locale = 'nl' | 'en';

export interface SystemSettingsTable {
	key: string;
	value: string;
}

export interface UsersTable {
	id: string;
	name: string;
	email: string;
	emailVerified: StoredBoolean;
	image: string | null;
	twoFactorEnabled: StoredBoolean | null;
	locale: Generated<Locale>;
	handoverPinHash: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface SessionsTable {
	id: string;
	token: string;
	userId: string;
	expiresAt: Timestamp;
	ipAddress: string | null;
	userAgent: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface AccountsTable {
	id: string;
	accountId: string;
	providerId: string;
	userId: string;
	password: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface OrganisationsTable {
	id: string;
	name: string;
	clientTerm: string;
	planTerm: Generated<string>;
	defaultLocale: Locale;
	minGroupSize: number;
	retentionDays: number;
	requireTwoFactor: StoredBoolean;
	/** Who confirms an erasure an admin asked for (migration 0017). */
	erasureConfirmation: Generated<ErasureConfirmation>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export type ErasureConfirmation = 'secondAdmin' | 'holder';

export interface ErasureRequestsTable {
	id: string;
	organisationId: string;
	targetType: 'collaboration' | 'participant';
	targetId: string;
	collaborationId: string;
	/** A code (ERASURE_REASONS), never typed text. */
	reason: string;
	requestedBy: string | null;
	requestedAt: Timestamp;
	decidedBy: string | null;
	decidedAt: Timestamp | null;
	status: 'pending' | 'erased' | 'cancelled';
}

export interface MembershipsTable {
	organisationId: string;
	userId: string;
	status: MembershipStatus;
	createdAt: Timestamp;
	deactivatedAt: Timestamp | null;
}

export interface MembershipRolesTable {
	organisationId: string;
	userId: string;
	role: Role;
}

export interface TeamsTable {
	id: string;
	organisationId: string;
	name: string;
	createdAt: Timestamp;
}

export interface TeamMembersTable {
	organisationId: string;
	teamId: string;
	userId: string;
	role: TeamRole;
}

export interface InvitationsTable {
	id: string;
	organisationId: string;
	email: string;
	/** JSON array of Role. */
	roles: string;
	teamId: string | null;
	locale: Locale;
	tokenHash: string;
	invitedBy: string | null;
	createdAt: Timestamp;
	expiresAt: Timestamp;
	acceptedAt: Timestamp | null;
	revokedAt: Timestamp | null;
	/** 'trajectory': accepting creates an account without a membership (trajectories feature). */
	kind: Generated<InvitationKind>;
}

export type InvitationKind = 'staff' | 'trajectory';

export interface AuditEventsTable {
	id: string;
	occurredAt: Timestamp;
	organisationId: string | null;
	actorType: 'staff' | 'participant' | 'outcomeReader' | 'guest' | 'system' | 'anonymous';
	actorId: string | null;
	sessionId: string | null;
	requestId: string | null;
	action: string;
	targetType: string | null;
	targetId: string | null;
	/** JSON object; never client content. */
	details: string | null;
}

/** Held by an erasing transaction while it pseudonymises audit events (migration 0016); always empty outside it. */
export interface AuditErasurePermitsTable {
	id: string;
}

export interface RateLimitsTable {
	key: string;
	windowStart: number;
	count: number;
}

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
	locale: Locale;
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
	/** Opening the link claims it for one device. */
	claimedAt: Timestamp | null;
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
	/** Private until its owner shares it. */
	sharedAt: Timestamp | null;
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
	createdAt: Timestamp;
}

// Learning trajectories (seed 004), migration 0009.
export type TrajectoryConsent = 'pending' | 'given' | 'declined' | 'withdrawn';
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

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
	id: string;
	kind: string;
	/** Unique while the row is kept: the same job is never enqueued twice. */
	dedupeKey: string;
	organisationId: string | null;
	/** JSON object of ids and codes; never client content. */
	payload: string;
	status: JobStatus;
	runAt: Timestamp;
	attempts: number;
	maxAttempts: number;
	leaseOwner: string | null;
	leaseExpiresAt: Timestamp | null;
	/** An error code (e.g. ECONNECTION), never a message. */
	lastError: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
	doneAt: Timestamp | null;
}

/** A completed quarter whose insights summary exists (see migration 0008). */
export interface InsightsQuartersTable {
	organisationId: string;
	/** 'YYYY-Qn', in Europe/Amsterdam. */
	quarter: string;
	computedAt: Timestamp;
	/** The strictest minimum group size its figures have been held to; null until published (migration 0011). */
	minGroupSize: number | null;
}

/** A figure of a published quarter that may be shown (scope 'organisation' or a team id); rows are only ever deleted. */
export interface InsightsShownFiguresTable {
	organisationId: string;
	quarter: string;
	measure: string;
	scope: string;
}

/** One figure's ingredients for one team ('' = no team) in one quarter; never changes once written. */
export interface InsightsCellsTable {
	organisationId: string;
	quarter: string;
	teamId: string;
	measure: string;
	collaborations: number;
	maxHolder: number;
	valueCount: number;
	valueSum: number;
}

export interface Database {
	systemSettings: SystemSettingsTable;
	users: UsersTable;
	sessions: SessionsTable;
	accounts: AccountsTable;
	organisations: OrganisationsTable;
	memberships: MembershipsTable;
	membershipRoles: MembershipRolesTable;
	teams: TeamsTable;
	teamMembers: TeamMembersTable;
	invitations: InvitationsTable;
	auditEvents: AuditEventsTable;
	auditErasurePermits: AuditErasurePermitsTable;
	erasureRequests: ErasureRequestsTable;
	rateLimits: RateLimitsTable;
	collaborations: CollaborationsTable;
	collaborationProfessionals: CollaborationProfessionalsTable;
	collaborationHandovers: CollaborationHandoversTable;
	participants: ParticipantsTable;
	instruments: InstrumentsTable;
	conversations: ConversationsTable;
	conversationParties: ConversationPartiesTable;
	ratings: RatingsTable;
	reflections: ReflectionsTable;
	agreements: AgreementsTable;
	agreementReviews: AgreementReviewsTable;
	agreementReviewChoices: AgreementReviewChoicesTable;
	deviceSessions: DeviceSessionsTable;
	decks: DecksTable;
	organisationDecks: OrganisationDecksTable;
	conversationDecks: ConversationDecksTable;
	participantLinks: ParticipantLinksTable;
	preparations: PreparationsTable;
	preparationCards: PreparationCardsTable;
	conversationSafety: ConversationSafetyTable;
	conversationTopics: ConversationTopicsTable;
	topicSheets: TopicSheetsTable;
	handedWishes: HandedWishesTable;
	conversationEvaluations: ConversationEvaluationsTable;
	recordingMoments: RecordingMomentsTable;
	jobs: JobsTable;
	insightsQuarters: InsightsQuartersTable;
	insightsCells: InsightsCellsTable;
	insightsShownFigures: InsightsShownFiguresTable;
	trajectories: TrajectoriesTable;
	trajectoryMeetings: TrajectoryMeetingsTable;
	trajectoryMoments: TrajectoryMomentsTable;
	trajectoryParticipants: TrajectoryParticipantsTable;
	trajectoryResponses: TrajectoryResponsesTable;
	trajectoryBuddyPairs: TrajectoryBuddyPairsTable;
	trajectoryBuddyMembers: TrajectoryBuddyMembersTable;
	trajectoryBuddyEntries: TrajectoryBuddyEntriesTable;
	trajectoryBuddyEvaluations: TrajectoryBuddyEvaluationsTable;
	trajectoryReminders: TrajectoryRemindersTable;
	trajectoryAttendance: TrajectoryAttendanceTable;
	trajectoryFunctions: TrajectoryFunctionsTable;
}

export function toBoolean(value: StoredBoolean | null | undefined): boolean {
	return value === true || value === 1;
}

/**
 * Booleans are written as 0/1: better-sqlite3 cannot bind JavaScript booleans, and PostgreSQL
 * reads the text '0'/'1' into a boolean column.
 */
export function fromBoolean(value: boolean): 0 | 1 {
	return value ? 1 : 0;
}
