import type { Role } from '../db/schema.ts';

/**
 * Every permission a staff actor can be given, with the organisation roles that grant it and
 * the kind of record its ids name. Adding a feature means adding its permissions here, and an
 * allowed and a denied test: access.integration.test.ts derives them from this table.
 */
export const PERMISSIONS = {
	/** One's own account: language, two-factor authentication. */
	'account.manage': { roles: ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'], resource: null },
	'organisation.view': { roles: ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'], resource: null },
	'organisation.settings.update': { roles: ['admin'], resource: null },
	// The organisation's own OpenID Connect provider (identity/, docs/decisions/018-identity.md).
	'organisation.identity.manage': { roles: ['admin'], resource: null },
	'staff.list': { roles: ['admin'], resource: null },
	'staff.invite': { roles: ['admin'], resource: null },
	'staff.manage': { roles: ['admin'], resource: 'user' },
	'team.create': { roles: ['admin'], resource: null },
	'team.manage': { roles: ['admin'], resource: 'team' },
	// The privacy officer (functionaris gegevensbescherming) checks the logs, the register and the
	// retention overview: records of who did what, never a client's content.
	'audit.view': { roles: ['admin', 'privacyOfficer'], resource: null },
	// The access log (NEN 7513): who viewed or changed which client's data; searched and exported by
	// collaboration reference, staff member and period (audit/access-log.usecases.ts).
	'accessLog.view': { roles: ['admin', 'privacyOfficer'], resource: null },
	// The data lifecycle (docs/decisions/011-data-lifecycle.md): what retention will erase, and when.
	'retention.view': { roles: ['admin', 'privacyOfficer'], resource: null },
	// The processing register (AVG art. 30): which personal data, why, how long, who sees it (privacy/).
	'privacy.register.view': { roles: ['admin', 'privacyOfficer'], resource: null },
	// Erasure on request: an admin asks for any collaboration (or participant) of the organisation,
	// named by its reference; a second admin or its holder confirms, as the organisation chose.
	'erasure.list': { roles: ['admin'], resource: null },
	// A holder sees the requests about their own collaborations that wait for them.
	'erasure.review': { roles: ['professional'], resource: null },
	'erasure.request': { roles: ['admin'], resource: 'organisationCollaboration' },
	'erasure.confirm': { roles: ['admin', 'professional'], resource: 'erasureRequest' },
	// Card decks: switch on and off, and edit a card's words (a new version of the organisation's own).
	'deck.manage': { roles: ['admin'], resource: null },
	// The organisation's own wording of client texts, per language (wording/, docs/decisions/021).
	'wording.manage': { roles: ['admin'], resource: null },
	// Collaborations belong to their professionals (holder and co-professionals) only: team
	// leads and admins see aggregates, never a collaboration, its ratings or its notes.
	'collaboration.create': { roles: ['professional'], resource: null },
	'collaboration.list': { roles: ['professional'], resource: null },
	'collaboration.view': { roles: ['professional'], resource: 'collaboration' },
	'collaboration.update': { roles: ['professional'], resource: 'collaboration' },
	// The client's copy of their data (AVG art. 15 and 20): made by the collaboration's
	// professionals, who see its client data anyway; never by team leads or admins.
	'collaboration.clientCopy': { roles: ['professional'], resource: 'collaboration' },
	// Handing a collaboration over to another professional of the organisation: its holder, a team
	// lead of a team the holder is in, or an admin (access.ts, handoverCollaboration).
	'collaboration.handover': { roles: ['admin', 'teamLead', 'professional'], resource: 'handoverCollaboration' },
	// The open collaborations an admin (all) or team lead (their teams' members') may hand over, by
	// reference and dates only, never a label or name (collaborations/handover.list.usecases.ts).
	'collaboration.handover.list': { roles: ['admin', 'teamLead'], resource: null },
	// Conversations follow their collaboration: only its professionals start and lead them.
	'conversation.start': { roles: ['professional'], resource: 'collaboration' },
	'conversation.lead': { roles: ['professional'], resource: 'conversation' },
	// A closed conversation's report (print page, PDF): its collaboration's professionals only.
	'conversation.report': { roles: ['professional'], resource: 'conversation' },
	// Paper (docs/decisions/020): blank forms of a conversation, printed with its label and code, and
	// the answers typed in from them afterwards — by the conversation's professionals only.
	'conversation.paperForm': { roles: ['professional'], resource: 'conversation' },
	'conversation.paperEntry': { roles: ['professional'], resource: 'conversation' },
	// Insights: a professional's own collaborations and caseload; aggregates for team leads
	// (the teams they lead) and admins (every team and the organisation), never an individual.
	'insights.collaboration.view': { roles: ['professional'], resource: 'collaboration' },
	'insights.caseload.view': { roles: ['professional'], resource: null },
	'insights.dashboard.view': { roles: ['admin', 'teamLead'], resource: null },
	'insights.team.view': { roles: ['admin', 'teamLead'], resource: 'ledTeam' },
	'insights.organisation.view': { roles: ['admin'], resource: null },
	// Learning trajectories are run by the organisation's coordinators. Taking part is not a role:
	// requireTrajectoryParticipant (party-doors.ts) admits the participants of one trajectory.
	'trajectory.create': { roles: ['trajectoryCoordinator'], resource: null },
	'trajectory.list': { roles: ['trajectoryCoordinator'], resource: null },
	'trajectory.manage': { roles: ['trajectoryCoordinator'], resource: 'trajectory' },
	'trajectory.report': { roles: ['trajectoryCoordinator'], resource: 'trajectory' }
} as const satisfies Record<string, { roles: readonly Role[]; resource: ResourceKind | null }>;

export type ResourceKind =
	| 'user'
	| 'team'
	| 'ledTeam'
	| 'collaboration'
	| 'organisationCollaboration'
	| 'handoverCollaboration'
	| 'erasureRequest'
	| 'conversation'
	| 'trajectory';
export type Permission = keyof typeof PERMISSIONS;

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
	const allowed: readonly Role[] = PERMISSIONS[permission].roles;
	return roles.some((role) => allowed.includes(role));
}
