import * as v from 'valibot';
import { checkbox, email, requiredText } from '../shared/validation.ts';

const DISCOVERY_PATH = '/.well-known/openid-configuration';
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The issuer or its discovery URL; https, or http on this machine (a test provider). */
const discoveryUrl = v.pipe(
	requiredText(500),
	v.check((value) => {
		try {
			const url = new URL(value);
			return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
		} catch {
			return false;
		}
	}, 'validation_identity_url'),
	v.transform((value) => {
		const url = new URL(value);
		if (!url.pathname.endsWith(DISCOVERY_PATH)) url.pathname = url.pathname.replace(/\/$/, '') + DISCOVERY_PATH;
		return url.toString();
	})
);

/** E-mail domains, separated by commas, spaces or new lines; lower case, no duplicates. */
const domains = v.pipe(
	v.string('validation_required'),
	v.transform((value) => [
		...new Set(
			value
				.toLowerCase()
				.split(/[\s,;]+/)
				.filter(Boolean)
		)
	]),
	v.minLength(1, 'validation_required'),
	v.maxLength(20, 'validation_too_long'),
	v.check((list) => list.every((domain) => DOMAIN.test(domain)), 'validation_identity_domains')
);

export const identityProviderSchema = v.object({
	discoveryUrl,
	clientId: requiredText(300),
	// Empty keeps the stored secret (it is never shown again).
	clientSecret: v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(1000, 'validation_too_long')),
	domains,
	staffOnly: checkbox,
	// Unticked (the default, and a form from before it): a sign-in needs the provider's `email_verified: true`.
	verifiesAddresses: checkbox
});

export const providerSignInSchema = v.object({ email });

export type IdentityProviderInput = v.InferOutput<typeof identityProviderSchema>;

/** The domain of an e-mail address, lower case. */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
