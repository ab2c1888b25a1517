/**
 * Domain errors carry a stable code (translated in the UI as `error_<code with _>`) and an
 * HTTP status. Routes map them with `toHttpFailure`; nothing else reaches the user.
 */
export type DomainErrorCode =
	| 'not_found'
	| 'validation'
	| 'changed_meanwhile'
	| 'rate_limited'
	| 'setup.already_done'
	| 'setup.invalid_link'
	| 'invitation.invalid_link'
	| 'invitation.duplicate'
	| 'invitation.account_exists'
	| 'invitation.already_member'
	| 'invitation.domain_elsewhere'
	| 'invitation.unknown_team'
	| 'staff.last_admin'
	| 'staff.cannot_deactivate_self'
	| 'staff.holds_collaborations'
	| 'staff.delete_active'
	| 'staff.delete_holds_collaborations'
	| 'staff.already_deleted'
	| 'team.duplicate_name'
	| 'auth.invalid_credentials'
	| 'auth.invalid_code'
	| 'auth.code_step_ended'
	| 'auth.code_used'
	| 'auth.reset_link_invalid'
	| 'auth.weak_password'
	| 'auth.wrong_password'
	| 'auth.two_factor_required'
	| 'auth.provider_required'
	| 'auth.password_not_offered'
	| 'identity.provider_unreachable'
	| 'identity.provider_private'
	| 'identity.discovery_incomplete'
	| 'identity.domain_claimed'
	| 'identity.secret_required'
	| 'identity.no_provider'
	| 'participation.invalid_code'
	| 'participation.code_missing'
	| 'participation.already_claimed'
	| 'participation.wrong_secret'
	| 'participation.no_pin'
	| 'participation.pin_locked'
	| 'collaboration.closed'
	| 'collaboration.locale_not_offered'
	| 'collaboration.last_participant'
	| 'collaboration.holder_stays'
	| 'collaboration.not_a_professional'
	| 'collaboration.already_added'
	| 'collaboration.already_holder'
	| 'collaboration.holder_changed'
	| 'conversation.no_participants'
	| 'conversation.wrong_phase'
	| 'conversation.ended'
	| 'conversation.already_submitted'
	| 'conversation.already_revealed'
	| 'conversation.party_absent'
	| 'conversation.nobody_submitted'
	| 'conversation.rate_yourself_first'
	| 'conversation.unknown_item'
	| 'conversation.incomplete_ratings'
	| 'conversation.invalid_rating'
	| 'conversation.review_incomplete'
	| 'conversation.invalid_review'
	| 'conversation.review_not_agreed'
	| 'conversation.text_too_long'
	| 'conversation.agreement_incomplete'
	| 'conversation.date_in_past'
	| 'conversation.agreement_missing'
	| 'learning.topic_already_chosen'
	| 'learning.too_many_topics'
	| 'learning.own_topic_missing'
	| 'learning.no_topics'
	| 'learning.no_actions'
	| 'learning.action_incomplete'
	| 'learning.evaluation_incomplete'
	| 'learning.invalid_time'
	| 'learning.moment_incomplete'
	| 'learning.unknown_suggestion'
	| 'learning.form_incomplete'
	| 'link.invalid'
	| 'link.expired'
	| 'link.revoked'
	| 'link.replaced'
	| 'link.claimed'
	| 'link.no_email'
	| 'report.not_closed'
	| 'outcome.no_address'
	| 'deck.unknown_card'
	| 'deck.invalid_text'
	| 'preparation.closed'
	| 'preparation.invalid_part'
	| 'preparation.invalid_safety'
	| 'preparation.already_planned'
	| 'insights.unknown_team'
	| 'insights.invalid_period'
	| 'insights.nothing_to_export'
	| 'trajectory.moment_closed'
	| 'trajectory.moment_not_open'
	| 'trajectory.participant_stopped'
	| 'trajectory.participant_no_consent'
	| 'trajectory.question_answered'
	| 'trajectory.consent_text_locked'
	| 'trajectory.goal_reason_required'
	| 'trajectory.invalid_answer'
	| 'trajectory.moments_out_of_order'
	| 'trajectory.moment_has_responses'
	| 'trajectory.later_moment_answered'
	| 'trajectory.too_many_moments'
	| 'trajectory.too_many_questions'
	| 'trajectory.changed_meanwhile'
	| 'trajectory.already_participant'
	| 'trajectory.already_paired'
	| 'trajectory.pair_needs_two'
	| 'trajectory.pair_has_entries'
	| 'trajectory.no_buddy'
	| 'trajectory.not_pending'
	| 'trajectory.function_exists'
	| 'trajectory.too_many_functions'
	| 'trajectory.instrument_locked'
	| 'trajectory.unknown_instrument'
	| 'trajectory.no_instrument'
	| 'trajectory.client_answered'
	| 'instruments.conditional_quick_check'
	| 'instruments.no_line_quick_check'
	| 'instruments.answer_control_characters'
	| 'instruments.answer_too_long'
	| 'trajectory.client_declined'
	| 'trajectory.client_no_consent'
	| 'erasure.nothing_to_erase'
	| 'erasure.already_requested'
	| 'paper.invalid_date'
	| 'paper.date_in_future'
	| 'paper.before_collaboration'
	| 'paper.before_conversation'
	| 'paper.already_entered'
	| 'paper.own_first'
	| 'paper.unknown_form'
	| 'paper.preparation_exists'
	| 'paper.preparation_empty'
	| 'paper.sheet_exists'
	| 'paper.sheet_empty';

const STATUS: Record<DomainErrorCode, number> = {
	not_found: 404,
	validation: 400,
	// A write that lost to another request at the same moment (db/errors.ts, isWriteConflict).
	changed_meanwhile: 409,
	rate_limited: 429,
	'setup.already_done': 410,
	'setup.invalid_link': 404,
	'invitation.invalid_link': 410,
	'invitation.duplicate': 409,
	'invitation.account_exists': 409,
	'invitation.already_member': 409,
	'invitation.domain_elsewhere': 409,
	'invitation.unknown_team': 400,
	'staff.last_admin': 409,
	'staff.cannot_deactivate_self': 409,
	'staff.holds_collaborations': 409,
	'staff.delete_active': 409,
	'staff.delete_holds_collaborations': 409,
	'staff.already_deleted': 409,
	'team.duplicate_name': 409,
	'auth.invalid_credentials': 400,
	'auth.invalid_code': 400,
	'auth.code_step_ended': 400,
	'auth.code_used': 400,
	'auth.reset_link_invalid': 410,
	'auth.weak_password': 400,
	'auth.wrong_password': 400,
	'auth.two_factor_required': 409,
	'auth.provider_required': 403,
	'auth.password_not_offered': 403,
	'identity.provider_unreachable': 400,
	'identity.provider_private': 400,
	'identity.discovery_incomplete': 400,
	'identity.domain_claimed': 409,
	'identity.secret_required': 400,
	'identity.no_provider': 404,
	'participation.invalid_code': 400,
	'participation.code_missing': 400,
	'participation.already_claimed': 409,
	'participation.wrong_secret': 400,
	'participation.no_pin': 400,
	'participation.pin_locked': 429,
	'collaboration.closed': 409,
	'collaboration.last_participant': 409,
	'collaboration.holder_stays': 409,
	'collaboration.not_a_professional': 400,
	'collaboration.locale_not_offered': 400,
	'collaboration.already_added': 409,
	'collaboration.already_holder': 409,
	'collaboration.holder_changed': 409,
	'conversation.no_participants': 409,
	'conversation.wrong_phase': 409,
	'conversation.ended': 409,
	'conversation.already_submitted': 409,
	'conversation.already_revealed': 409,
	'conversation.party_absent': 409,
	'conversation.nobody_submitted': 409,
	'conversation.rate_yourself_first': 409,
	'conversation.unknown_item': 400,
	'conversation.incomplete_ratings': 400,
	'conversation.invalid_rating': 400,
	'conversation.review_incomplete': 409,
	'conversation.invalid_review': 400,
	'conversation.review_not_agreed': 409,
	'conversation.text_too_long': 400,
	'conversation.agreement_incomplete': 400,
	'conversation.date_in_past': 400,
	'conversation.agreement_missing': 409,
	'learning.topic_already_chosen': 409,
	'learning.too_many_topics': 409,
	'learning.own_topic_missing': 400,
	'learning.no_topics': 409,
	'learning.no_actions': 409,
	'learning.action_incomplete': 400,
	'learning.evaluation_incomplete': 400,
	'learning.invalid_time': 400,
	'learning.moment_incomplete': 400,
	'learning.unknown_suggestion': 400,
	'learning.form_incomplete': 400,
	'link.invalid': 404,
	'link.expired': 410,
	'link.revoked': 410,
	'link.replaced': 410,
	'link.claimed': 409,
	'link.no_email': 409,
	'report.not_closed': 409,
	'outcome.no_address': 409,
	'deck.unknown_card': 400,
	'deck.invalid_text': 400,
	'preparation.closed': 409,
	'preparation.invalid_part': 400,
	'preparation.invalid_safety': 400,
	'preparation.already_planned': 409,
	// A team that does not exist and one the viewer may not see answer alike.
	'insights.unknown_team': 404,
	'insights.invalid_period': 400,
	'insights.nothing_to_export': 404,
	'trajectory.moment_closed': 409,
	'trajectory.moment_not_open': 409,
	'trajectory.participant_stopped': 409,
	'trajectory.participant_no_consent': 409,
	'trajectory.question_answered': 409,
	'trajectory.consent_text_locked': 409,
	'trajectory.goal_reason_required': 400,
	'trajectory.invalid_answer': 400,
	'trajectory.moments_out_of_order': 400,
	'trajectory.moment_has_responses': 409,
	'trajectory.later_moment_answered': 409,
	'trajectory.too_many_moments': 409,
	'trajectory.too_many_questions': 409,
	'trajectory.changed_meanwhile': 409,
	'trajectory.already_participant': 409,
	'trajectory.already_paired': 409,
	'trajectory.pair_needs_two': 400,
	'trajectory.pair_has_entries': 409,
	'trajectory.no_buddy': 409,
	'trajectory.not_pending': 409,
	'trajectory.function_exists': 409,
	'trajectory.too_many_functions': 409,
	'trajectory.instrument_locked': 409,
	'trajectory.unknown_instrument': 400,
	'trajectory.no_instrument': 409,
	'trajectory.client_answered': 409,
	'instruments.conditional_quick_check': 409,
	'instruments.no_line_quick_check': 409,
	'instruments.answer_control_characters': 400,
	'instruments.answer_too_long': 400,
	'trajectory.client_declined': 409,
	'trajectory.client_no_consent': 409,
	'erasure.nothing_to_erase': 404,
	'erasure.already_requested': 409,
	'paper.invalid_date': 400,
	'paper.date_in_future': 400,
	'paper.before_collaboration': 400,
	'paper.before_conversation': 400,
	'paper.already_entered': 409,
	'paper.own_first': 409,
	'paper.unknown_form': 404,
	'paper.preparation_exists': 409,
	'paper.preparation_empty': 400,
	'paper.sheet_exists': 409,
	'paper.sheet_empty': 400
};

export class DomainError extends Error {
	readonly status: number;
	readonly code: DomainErrorCode;
	/** For a refusal that ends by itself (a throttle): how long until it does. */
	readonly retryAfterMs: number | undefined;
	constructor(code: DomainErrorCode, retryAfterMs?: number) {
		super(code);
		this.name = 'DomainError';
		this.code = code;
		this.status = STATUS[code];
		this.retryAfterMs = retryAfterMs;
	}

	/**
	 * The code the page translates: with a wait, the whole minutes to wait after a colon
	 * (`rate_limited:3`), so the message says the real wait (see errorMessage in #lib/i18n.ts).
	 */
	get publicCode(): string {
		return this.retryAfterMs === undefined ? this.code : `${this.code}:${Math.max(1, Math.ceil(this.retryAfterMs / 60_000))}`;
	}
}

export function domainError(code: DomainErrorCode): DomainError {
	return new DomainError(code);
}

/** Too many attempts; `retryAfterMs` is the real wait, which the message shows. */
export function rateLimited(retryAfterMs: number, code: 'rate_limited' | 'participation.pin_locked' = 'rate_limited'): DomainError {
	return new DomainError(code, retryAfterMs);
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
	return error instanceof DomainError && (code === undefined || error.code === code);
}
