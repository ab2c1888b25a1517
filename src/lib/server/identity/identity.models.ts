/**
 * What the sign-in page says after a provider sign-in went wrong. better-auth sends the browser
 * back with `?error=<code>`: its own codes (state, token checks) and the gate's refusals. Each
 * becomes one translated message (`error_identity_*`); a code we do not know gets the general one.
 */
const MESSAGES: Record<string, ProviderSignInError> = {
	oidc_not_invited: 'identity.not_invited',
	oidc_email_unverified: 'identity.email_unverified',
	oidc_email_verified_missing: 'identity.email_verified_missing',
	oidc_account_inactive: 'identity.account_inactive',
	oidc_domain_not_allowed: 'identity.domain_not_allowed',
	oidc_provider_missing: 'identity.no_provider',
	oauth_provider_not_found: 'identity.provider_unreachable',
	// The answer could not be trusted: ID token with a wrong issuer, audience or nonce, expired, or a bad code.
	unable_to_get_user_info: 'identity.answer_untrusted',
	issuer_mismatch: 'identity.answer_untrusted',
	issuer_missing: 'identity.answer_untrusted',
	nonce_binding_missing: 'identity.answer_untrusted',
	invalid_code: 'identity.answer_untrusted',
	email_not_found: 'identity.answer_untrusted',
	// The sign-in was not started in this browser, was used before, or took too long.
	state_not_found: 'identity.sign_in_expired',
	state_mismatch: 'identity.sign_in_expired',
	state_invalid: 'identity.sign_in_expired',
	please_restart_the_process: 'identity.sign_in_expired',
	// The person stopped at the provider, or the provider said no.
	access_denied: 'identity.provider_refused',
	login_required: 'identity.provider_refused'
};

export type ProviderSignInError =
	| 'identity.not_invited'
	| 'identity.email_unverified'
	| 'identity.email_verified_missing'
	| 'identity.account_inactive'
	| 'identity.domain_not_allowed'
	| 'identity.no_provider'
	| 'identity.provider_unreachable'
	| 'identity.answer_untrusted'
	| 'identity.sign_in_expired'
	| 'identity.provider_refused'
	| 'identity.sign_in_failed';

export function providerSignInError(code: string | null): ProviderSignInError | null {
	if (code === null) return null;
	return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : 'identity.sign_in_failed';
}
