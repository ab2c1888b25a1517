/**
 * Domain errors carry a stable code (translated in the UI as `error_<code with _>`) and an
 * HTTP status. Routes map them with `toHttpFailure`; nothing else reaches the user.
 */
export type DomainErrorCode =
	| 'not_found'
	| 'validation'
	| 'rate_limited'
	| 'setup.already_done'
	| 'setup.invalid_link'
	| 'invitation.invalid_link'
	| 'invitation.duplicate'
	| 'invitation.account_exists'
	| 'invitation.unknown_team'
	| 'staff.last_admin'
	| 'staff.cannot_deactivate_self'
	| 'team.duplicate_name'
	| 'auth.invalid_credentials'
	| 'auth.invalid_code'
	| 'auth.reset_link_invalid'
	| 'auth.weak_password'
	| 'auth.wrong_password'
	| 'auth.two_factor_required';

const STATUS: Record<DomainErrorCode, number> = {
	not_found: 404,
	validation: 400,
	rate_limited: 429,
	'setup.already_done': 410,
	'setup.invalid_link': 404,
	'invitation.invalid_link': 410,
	'invitation.duplicate': 409,
	'invitation.account_exists': 409,
	'invitation.unknown_team': 400,
	'staff.last_admin': 409,
	'staff.cannot_deactivate_self': 409,
	'team.duplicate_name': 409,
	'auth.invalid_credentials': 400,
	'auth.invalid_code': 400,
	'auth.reset_link_invalid': 410,
	'auth.weak_password': 400,
	'auth.wrong_password': 400,
	'auth.two_factor_required': 409
};

export class DomainError extends Error {
	readonly status: number;
	readonly code: DomainErrorCode;
	constructor(code: DomainErrorCode) {
		super(code);
		this.name = 'DomainError';
		this.code = code;
		this.status = STATUS[code];
	}
}

export function domainError(code: DomainErrorCode): DomainError {
	return new DomainError(code);
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
	return error instanceof DomainError && (code === undefined || error.code === code);
}
