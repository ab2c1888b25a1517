import type { Permission } from '../access/permissions.ts';

/**
 * The database columns that hold no personal data, each with why (privacy_exempt_<reason> in the
 * messages). Together with REGISTER (privacy.register.models.ts) they cover every column of the
 * migrated database exactly once; privacy.register.test.ts checks it.
 */

export type ExemptReason = 'organisationSetup' | 'content' | 'aggregate' | 'technical';

export const EXEMPT: Readonly<Record<string, { reason: ExemptReason; columns: readonly string[] }>> = {
	organisations: {
		reason: 'organisationSetup',
		columns: [
			'id',
			'name',
			'client_term',
			'plan_term',
			'default_locale',
			'min_group_size',
			'retention_days',
			'require_two_factor',
			'erasure_confirmation',
			'quick_check_instrument_key',
			'client_locales',
			'session_feedback_instrument_key',
			'created_at',
			'updated_at'
		]
	},
	// An organisation's own wording of a client text (docs/decisions/021): never about a person.
	message_overrides: { reason: 'content', columns: ['organisation_id', 'locale', 'message_key', 'text', 'updated_at'] },
	teams: { reason: 'organisationSetup', columns: ['id', 'organisation_id', 'name', 'created_at'] },
	// The organisation's own sign-in service (decision 018): its address, client and domains, no person.
	identity_providers: {
		reason: 'organisationSetup',
		columns: [
			'id',
			'organisation_id',
			'discovery_url',
			'client_id',
			'client_secret',
			'staff_only',
			'verifies_addresses',
			'created_at',
			'updated_at'
		]
	},
	identity_provider_domains: { reason: 'organisationSetup', columns: ['domain', 'provider_id', 'organisation_id'] },
	// Which instrument the quick check uses (an instrument key): a setting, not about the client.
	collaborations: { reason: 'organisationSetup', columns: ['quick_check_instrument_key'] },
	system_settings: { reason: 'technical', columns: ['key', 'value'] },
	instruments: { reason: 'content', columns: ['id', 'organisation_id', 'key', 'version', 'method', 'content_json', 'published_at'] },
	decks: {
		reason: 'content',
		columns: ['id', 'organisation_id', 'key', 'version', 'kind', 'content_json', 'derived_from', 'published_at']
	},
	organisation_decks: { reason: 'organisationSetup', columns: ['organisation_id', 'deck_key', 'enabled', 'updated_at'] },
	trajectories: {
		reason: 'content',
		columns: ['id', 'organisation_id', 'name', 'description', 'consent_text', 'template_json', 'created_at', 'updated_at']
	},
	trajectory_meetings: { reason: 'content', columns: ['id', 'organisation_id', 'trajectory_id', 'held_on', 'title', 'place', 'programme'] },
	trajectory_functions: { reason: 'content', columns: ['id', 'organisation_id', 'trajectory_id', 'builtin', 'name', 'created_at'] },
	trajectory_moments: {
		reason: 'content',
		columns: ['id', 'organisation_id', 'trajectory_id', 'position', 'opens_on', 'closes_on', 'instrument_key']
	},
	insights_quarters: { reason: 'aggregate', columns: ['organisation_id', 'quarter', 'computed_at', 'min_group_size'] },
	insights_cells: {
		reason: 'aggregate',
		columns: ['organisation_id', 'quarter', 'team_id', 'measure', 'collaborations', 'max_holder', 'value_count', 'value_sum']
	},
	insights_shown_figures: { reason: 'aggregate', columns: ['organisation_id', 'quarter', 'measure', 'scope'] },
	audit_erasure_permits: { reason: 'technical', columns: ['id'] },
	audit_purge_permits: { reason: 'technical', columns: ['id', 'before'] },
	schema_migrations: { reason: 'technical', columns: ['name', 'timestamp'] },
	schema_migrations_lock: { reason: 'technical', columns: ['id', 'is_locked'] }
};

/**
 * Permissions that show no personal data, each with why: figures over groups only, no personal
 * data at all, or a change made without seeing the record (by its reference, or a new one that
 * its maker then sees through another permission). With the permissions the register names they
 * cover every permission of access/permissions.ts; privacy.register.test.ts checks it, so a new
 * permission must be placed in one or the other.
 */
export const EXEMPT_PERMISSIONS: Readonly<Partial<Record<Permission, 'aggregatesOnly' | 'noPersonalData' | 'changesOnly'>>> = {
	'organisation.view': 'noPersonalData',
	'organisation.settings.update': 'noPersonalData',
	'organisation.identity.manage': 'noPersonalData',
	'team.create': 'noPersonalData',
	'deck.manage': 'noPersonalData',
	'wording.manage': 'noPersonalData',
	'privacy.register.view': 'noPersonalData',
	'trajectory.list': 'noPersonalData',
	'retention.view': 'aggregatesOnly',
	'insights.dashboard.view': 'aggregatesOnly',
	'insights.team.view': 'aggregatesOnly',
	'insights.organisation.view': 'aggregatesOnly',
	'erasure.request': 'changesOnly',
	'erasure.confirm': 'changesOnly',
	'collaboration.create': 'changesOnly',
	'collaboration.handover': 'changesOnly',
	'conversation.start': 'changesOnly',
	'trajectory.create': 'changesOnly'
};
