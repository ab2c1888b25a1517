import type { RetentionRuleKey } from '../retention/retention.models.ts';
import type { RegisterCategory, Retention } from './privacy.models.ts';

/** Kept until a rule of the retention job erases it. */
export const job = (rule: RetentionRuleKey): Retention => ({ kind: 'retentionJob', rule });

/**
 * The processing register's categories about staff (privacy.register.models.ts has the rest and
 * the rules both follow): their accounts, sign-in security, invitations and what they did.
 */
export const STAFF_REGISTER = [
	{
		key: 'staffAccount',
		subjects: ['staff'],
		legalBasis: 'contract',
		retention: [{ kind: 'untilStaffDeleted' }],
		access: ['staff.list', 'staff.manage', 'team.manage', 'account.manage'],
		self: ['staffMember'],
		tables: {
			users: [
				'id',
				'name',
				'email',
				'email_verified',
				'image',
				'two_factor_enabled',
				'locale',
				'client_locale',
				'handover_pin_hash',
				'created_at',
				'updated_at'
			],
			accounts: [
				'id',
				'account_id',
				'provider_id',
				'user_id',
				'access_token',
				'refresh_token',
				'id_token',
				'access_token_expires_at',
				'refresh_token_expires_at',
				'scope',
				'password',
				'created_at',
				'updated_at'
			],
			two_factors: ['id', 'secret', 'backup_codes', 'user_id', 'verified', 'failed_verification_count', 'locked_until'],
			memberships: ['organisation_id', 'user_id', 'status', 'created_at', 'deactivated_at', 'deleted_at', 'former_number'],
			membership_roles: ['organisation_id', 'user_id', 'role'],
			team_members: ['organisation_id', 'team_id', 'user_id', 'role']
		}
	},
	{
		key: 'signInSecurity',
		subjects: ['staff', 'client'],
		legalBasis: 'legitimateInterest',
		retention: [job('sessions'), job('verifications'), job('rateLimits')],
		access: [],
		self: [],
		tables: {
			sessions: ['id', 'token', 'user_id', 'expires_at', 'ip_address', 'user_agent', 'created_at', 'updated_at'],
			verifications: ['id', 'identifier', 'value', 'expires_at', 'created_at', 'updated_at'],
			rate_limits: ['key', 'window_start', 'count']
		}
	},
	{
		key: 'invitations',
		subjects: ['staff', 'trajectoryParticipant'],
		legalBasis: 'contract',
		retention: [job('invitations'), { kind: 'untilStaffDeleted' }],
		access: ['staff.invite', 'staff.list', 'trajectory.manage'],
		self: [],
		tables: {
			invitations: [
				'id',
				'organisation_id',
				'email',
				'roles',
				'team_id',
				'locale',
				'token_hash',
				'created_at',
				'expires_at',
				'accepted_at',
				'revoked_at',
				'kind'
			]
		}
	},
	{
		key: 'staffActivity',
		subjects: ['staff'],
		legalBasis: 'legitimateInterest',
		retention: [job('collaborations'), job('trajectories'), { kind: 'formerStaffNumber' }],
		access: ['collaboration.view', 'audit.view', 'erasure.list'],
		self: ['staffMember'],
		tables: {
			collaborations: ['created_by'],
			collaboration_professionals: ['organisation_id', 'collaboration_id', 'user_id', 'role', 'added_at'],
			collaboration_handovers: ['from_user_id', 'to_user_id', 'by_user_id'],
			conversations: ['started_by'],
			conversation_parties: ['user_id'],
			decks: ['published_by'],
			erasure_requests: ['requested_by', 'decided_by'],
			invitations: ['invited_by'],
			trajectories: ['created_by']
		}
	}
] as const satisfies readonly RegisterCategory[];
