/**
 * Table types as the application sees them: camelCase names (CamelCasePlugin), timestamps as
 * ISO-8601 UTC strings, booleans as stored (SQLite 0/1, PostgreSQL true/false) — repositories
 * turn those into JavaScript booleans with `toBoolean`. See docs/decisions/001-database.md.
 */
import type {
	SystemSettingsTable,
	UsersTable,
	SessionsTable,
	AccountsTable,
	TwoFactorsTable,
	VerificationsTable,
	OrganisationsTable,
	ErasureRequestsTable,
	ErasureTombstonesTable,
	MembershipsTable,
	MembershipRolesTable,
	TeamsTable,
	TeamMembersTable,
	InvitationsTable,
	AuditEventsTable,
	AuditErasurePermitsTable,
	AuditPurgePermitsTable,
	RateLimitsTable,
	IdentityProvidersTable,
	IdentityProviderDomainsTable,
	MessageOverridesTable
} from './schema/accounts.ts';
import type {
	CollaborationsTable,
	CollaborationProfessionalsTable,
	CollaborationHandoversTable,
	ParticipantsTable,
	InstrumentsTable,
	ConversationsTable,
	ConversationPartiesTable,
	RatingsTable,
	ReflectionsTable,
	AgreementsTable,
	AgreementReviewsTable,
	AgreementReviewChoicesTable,
	DeviceSessionsTable
} from './schema/collaborations.ts';
import type {
	DecksTable,
	OrganisationDecksTable,
	ConversationDecksTable,
	ParticipantLinksTable,
	PreparationsTable,
	PreparationCardsTable,
	ConversationSafetyTable,
	ConversationTopicsTable,
	TopicSheetsTable,
	HandedWishesTable,
	ConversationEvaluationsTable,
	RecordingMomentsTable
} from './schema/learning.ts';
import type {
	TrajectoriesTable,
	TrajectoryMeetingsTable,
	TrajectoryMomentsTable,
	TrajectoryParticipantsTable,
	TrajectoryResponsesTable,
	TrajectoryBuddyPairsTable,
	TrajectoryBuddyMembersTable,
	TrajectoryBuddyEntriesTable,
	TrajectoryBuddyEvaluationsTable,
	TrajectoryRemindersTable,
	TrajectoryAttendanceTable,
	TrajectoryFunctionsTable,
	TrajectoryInstrumentAnswersTable
} from './schema/trajectories.ts';
import type {
	JobsTable,
	InsightsQuartersTable,
	InsightsShownFiguresTable,
	InsightsCellsTable,
	FlashEntriesTable
} from './schema/background.ts';
import type { StoredBoolean } from './schema/common.ts';

export * from './schema/common.ts';
export * from './schema/accounts.ts';
export * from './schema/collaborations.ts';
export * from './schema/learning.ts';
export * from './schema/trajectories.ts';
export * from './schema/background.ts';

export interface Database {
	systemSettings: SystemSettingsTable;
	users: UsersTable;
	sessions: SessionsTable;
	accounts: AccountsTable;
	twoFactors: TwoFactorsTable;
	verifications: VerificationsTable;
	organisations: OrganisationsTable;
	memberships: MembershipsTable;
	membershipRoles: MembershipRolesTable;
	teams: TeamsTable;
	teamMembers: TeamMembersTable;
	invitations: InvitationsTable;
	auditEvents: AuditEventsTable;
	auditErasurePermits: AuditErasurePermitsTable;
	auditPurgePermits: AuditPurgePermitsTable;
	erasureRequests: ErasureRequestsTable;
	erasureTombstones: ErasureTombstonesTable;
	rateLimits: RateLimitsTable;
	identityProviders: IdentityProvidersTable;
	identityProviderDomains: IdentityProviderDomainsTable;
	flashEntries: FlashEntriesTable;
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
	trajectoryInstrumentAnswers: TrajectoryInstrumentAnswersTable;
	messageOverrides: MessageOverridesTable;
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
