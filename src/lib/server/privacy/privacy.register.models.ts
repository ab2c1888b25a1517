import type { RegisterCategory } from './privacy.models.ts';
import { job, STAFF_REGISTER } from './privacy.register.staff.ts';

/**
 * The processing register (AVG art. 30) as code: each category of personal data Tweespraak holds,
 * the database columns it lives in, why, on what legal basis, how long (a rule of the retention
 * job or another mechanism of the code) and who may see it (permissions of access/permissions.ts).
 * The admin page (/admin/privacy) is built from this and the organisation's live settings, and
 * privacy.register.test.ts holds it against the migrated database, RETENTION_RULES and
 * PERMISSIONS, so a new table, column, rule or permission without an entry here fails the tests.
 * Table and column names are the database's own (snake_case). Messages: privacy_category_<key>_*.
 */

export const REGISTER = [
	...STAFF_REGISTER,
	{
		key: 'clientIdentity',
		subjects: ['client'],
		legalBasis: 'contract',
		retention: [job('collaborations')],
		access: ['collaboration.list', 'collaboration.view', 'collaboration.update', 'collaboration.handover.list', 'conversation.paperForm'],
		self: ['client'],
		tables: {
			collaborations: ['id', 'organisation_id', 'label', 'status', 'rhythm_weeks', 'next_due_on', 'created_at', 'updated_at', 'closed_at'],
			participants: [
				'id',
				'organisation_id',
				'collaboration_id',
				'display_name',
				'audience',
				'locale',
				'email',
				'created_at',
				'removed_at'
			],
			conversation_parties: [
				'id',
				'organisation_id',
				'conversation_id',
				'kind',
				'participant_id',
				'present',
				'submitted_at',
				'claimed_at',
				'paper_filled_on',
				// Answers in words to session feedback and the quick check (migration 0039), beside the ratings.
				'text_values_json'
			]
		}
	},
	{
		key: 'conversationContent',
		subjects: ['client', 'staff'],
		legalBasis: 'contract',
		retention: [job('collaborations')],
		access: [
			'collaboration.view',
			'collaboration.clientCopy',
			'conversation.lead',
			'conversation.report',
			'conversation.paperEntry',
			'insights.collaboration.view',
			'insights.caseload.view'
		],
		self: ['client'],
		tables: {
			conversations: [
				'id',
				'organisation_id',
				'collaboration_id',
				'method',
				'instrument_id',
				'phase',
				'started_at',
				'revealed_at',
				'ended_at',
				'join_code',
				'summary',
				'version',
				'scheduled_on'
			],
			ratings: ['organisation_id', 'conversation_id', 'party_id', 'instrument_id', 'item_key', 'value', 'created_at'],
			reflections: [
				'organisation_id',
				'conversation_id',
				'party_id',
				'item_key',
				'most_satisfied',
				'least_satisfied',
				'most_noted_by_professional',
				'least_noted_by_professional',
				'updated_at'
			],
			agreements: [
				'id',
				'organisation_id',
				'collaboration_id',
				'conversation_id',
				'what',
				'who',
				'who_other',
				'due_on',
				'success_measure',
				'status',
				'carried_over_from',
				'created_at',
				'action_kind',
				'needed'
			],
			agreement_reviews: ['id', 'organisation_id', 'agreement_id', 'conversation_id', 'outcome', 'note', 'carried_over', 'created_at'],
			agreement_review_choices: ['organisation_id', 'conversation_id', 'agreement_id', 'party_id', 'outcome', 'updated_at'],
			conversation_decks: ['organisation_id', 'conversation_id', 'deck_id'],
			preparations: [
				'organisation_id',
				'conversation_id',
				'party_id',
				'wishes',
				'moment_a',
				'moment_b',
				'moment_c',
				'safety_json',
				'safety_own',
				'shared_at',
				'updated_at',
				'shared_parts',
				'moment_deck_id',
				'moment_card_key',
				'paper_filled_on'
			],
			preparation_cards: ['organisation_id', 'conversation_id', 'party_id', 'deck_id', 'card_key', 'created_at'],
			conversation_safety: ['organisation_id', 'conversation_id', 'party_id', 'suggestions_json', 'own_words', 'updated_at'],
			conversation_topics: ['id', 'organisation_id', 'conversation_id', 'deck_id', 'card_key', 'own_text', 'position', 'created_at'],
			topic_sheets: [
				'organisation_id',
				'conversation_id',
				'topic_id',
				'party_id',
				'a_text',
				'b_text',
				'c_text',
				'updated_at',
				'paper_filled_on'
			],
			handed_wishes: ['organisation_id', 'conversation_id', 'party_id', 'deck_id', 'card_key', 'handed_at'],
			conversation_evaluations: ['organisation_id', 'conversation_id', 'party_id', 'clarity', 'overall', 'remark', 'updated_at'],
			recording_moments: ['id', 'organisation_id', 'conversation_id', 'party_id', 'at_seconds', 'note', 'created_at', 'topic_id'],
			collaboration_handovers: ['id', 'organisation_id', 'collaboration_id', 'note', 'notice_conversation_id', 'created_at']
		}
	},
	{
		key: 'pageHandover',
		subjects: ['client', 'staff'],
		legalBasis: 'contract',
		retention: [{ kind: 'shownOnce' }],
		access: [],
		self: ['client', 'staffMember'],
		tables: {
			flash_entries: ['id', 'kind', 'path', 'payload', 'expires_at']
		}
	},
	{
		key: 'participantAccess',
		subjects: ['client'],
		legalBasis: 'contract',
		retention: [job('links'), job('deviceSessions'), job('collaborations')],
		access: ['conversation.lead'],
		self: ['client'],
		tables: {
			participant_links: [
				'id',
				'organisation_id',
				'conversation_id',
				'party_id',
				'purpose',
				'token_hash',
				'created_at',
				'expires_at',
				'sent_at',
				'claimed_at',
				'released_at',
				'revoked_at',
				'replaced_by'
			],
			device_sessions: [
				'id',
				'token_hash',
				'organisation_id',
				'conversation_id',
				'party_id',
				'mode',
				'created_at',
				'expires_at',
				'revoked_at',
				'locked_staff_session_id',
				'link_id'
			]
		}
	},
	{
		key: 'trajectoryParticipation',
		subjects: ['staff', 'trajectoryParticipant'],
		legalBasis: 'consent',
		retention: [job('trajectories')],
		access: ['trajectory.manage', 'trajectory.report'],
		self: ['trajectoryParticipant'],
		tables: {
			trajectory_participants: [
				'id',
				'organisation_id',
				'trajectory_id',
				'number',
				'user_id',
				'email',
				'invitation_id',
				'organisation_name',
				'consent',
				'consent_at',
				'stopped_on',
				'added_at',
				'function_id'
			],
			trajectory_responses: [
				'organisation_id',
				'trajectory_id',
				'moment_id',
				'participant_id',
				'learning_goal',
				'goal_change_reason',
				'barrier_personal',
				'barrier_team',
				'barrier_organisation',
				'resource_personal',
				'resource_team',
				'resource_organisation',
				'answers_json',
				'explanation',
				'submitted_at',
				'updated_at'
			],
			trajectory_buddy_pairs: ['id', 'organisation_id', 'trajectory_id', 'created_at'],
			trajectory_buddy_members: ['organisation_id', 'trajectory_id', 'pair_id', 'participant_id'],
			trajectory_buddy_entries: [
				'id',
				'organisation_id',
				'trajectory_id',
				'pair_id',
				'author_id',
				'met_on',
				'topic',
				'valuable',
				'reflection',
				'shared',
				'created_at'
			],
			trajectory_buddy_evaluations: [
				'organisation_id',
				'trajectory_id',
				'participant_id',
				'valuable',
				'what_helped',
				'tips',
				'quote_allowed',
				'submitted_at',
				'updated_at'
			],
			trajectory_reminders: ['organisation_id', 'moment_id', 'participant_id', 'kind', 'sent_at'],
			trajectory_attendance: ['organisation_id', 'trajectory_id', 'meeting_id', 'participant_id'],
			// A participant's own ratings and, through their personal link, one client's: no name of the
			// client is kept; the client's consent (or refusal) with its time (migration 0034).
			trajectory_instrument_answers: [
				'id',
				'organisation_id',
				'trajectory_id',
				'moment_id',
				'participant_id',
				'perspective',
				'instrument_id',
				'values_json',
				'text_values_json',
				'link_token_hash',
				'created_at',
				'answered_at',
				'client_consent',
				'client_consent_at'
			]
		}
	},
	{
		key: 'accountability',
		subjects: ['staff', 'client'],
		legalBasis: 'legalObligation',
		// The audit log is also the access log (NEN 7513, docs/decisions/016-access-log.md): who
		// viewed or changed which client's data, in which role, from which address. The client
		// receives who looked at their data in their copy (collaboration.clientCopy).
		retention: [job('auditEvents'), job('erasureTombstones'), { kind: 'pseudonymisedOnErasure' }, { kind: 'formerStaffNumber' }],
		access: ['audit.view', 'accessLog.view', 'erasure.list', 'erasure.review', 'collaboration.clientCopy'],
		self: ['client'],
		tables: {
			audit_events: [
				'id',
				'occurred_at',
				'organisation_id',
				'actor_type',
				'actor_id',
				'session_id',
				'request_id',
				'action',
				'target_type',
				'target_id',
				'details',
				'collaboration_id',
				'actor_role',
				'client_address'
			],
			erasure_requests: [
				'id',
				'organisation_id',
				'target_type',
				'target_id',
				'collaboration_id',
				'reason',
				'requested_at',
				'decided_at',
				'status'
			],
			// The real id of what was erased on request, so a restore of an older backup erases it
			// again (decision 011): ids only, kept while a backup from before the erasure may be restored.
			erasure_tombstones: ['organisation_id', 'target_type', 'target_id', 'erased_at']
		}
	},
	{
		key: 'backgroundJobs',
		subjects: ['staff', 'client'],
		legalBasis: 'legitimateInterest',
		retention: [{ kind: 'finishedJobs' }, job('collaborations')],
		access: [],
		self: [],
		tables: {
			jobs: [
				'id',
				'kind',
				'dedupe_key',
				'organisation_id',
				'payload',
				'status',
				'run_at',
				'attempts',
				'max_attempts',
				'lease_owner',
				'lease_expires_at',
				'last_error',
				'created_at',
				'updated_at',
				'done_at'
			]
		}
	}
] as const satisfies readonly RegisterCategory[];

export type RegisterCategoryKey = (typeof REGISTER)[number]['key'];
