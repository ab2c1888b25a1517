import { describe, expect, it } from 'vitest';
import { providerSignInError } from './identity.models.ts';

describe('the message after a provider sign-in went wrong', () => {
	it('names the refusal of a stranger, of a deactivated account and of an address the provider has not verified', () => {
		expect(providerSignInError('oidc_not_invited')).toBe('identity.not_invited');
		expect(providerSignInError('oidc_account_inactive')).toBe('identity.account_inactive');
		expect(providerSignInError('oidc_email_unverified')).toBe('identity.email_unverified');
		expect(providerSignInError('oidc_email_verified_missing')).toBe('identity.email_verified_missing');
	});

	it('says an untrusted answer (token checks) and a used or foreign sign-in apart', () => {
		expect(providerSignInError('unable_to_get_user_info')).toBe('identity.answer_untrusted');
		expect(providerSignInError('state_mismatch')).toBe('identity.sign_in_expired');
	});

	it('gives a general message for a code it does not know, also one named like an object property', () => {
		expect(providerSignInError('something_new')).toBe('identity.sign_in_failed');
		expect(providerSignInError('constructor')).toBe('identity.sign_in_failed');
		expect(providerSignInError(null)).toBeNull();
	});
});
