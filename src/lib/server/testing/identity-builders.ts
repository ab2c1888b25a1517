import type { Actor } from '../access/actor.ts';
import { saveIdentityProvider } from '../identity/identity.usecases.ts';
import { buildOrganisation } from './builders.ts';
import type { TestProvider } from './oidc-test-provider.ts';
import type { TestContext } from './test-context.ts';

export interface ProviderOptions {
	staffOnly?: boolean;
	/** The admin marks the provider as proving every address itself (no `email_verified` needed). */
	verifiesAddresses?: boolean;
	requireTwoFactor?: boolean;
}

/** An organisation whose staff at `domain` sign in with the test provider. */
export async function buildOrganisationWithProvider(
	ctx: TestContext,
	provider: TestProvider,
	domain: string,
	options: ProviderOptions = {}
) {
	const admin = await buildOrganisation(ctx, { admin: { email: `admin@${domain}` }, requireTwoFactor: options.requireTwoFactor });
	await saveTestProvider(ctx, provider, admin, domain, options);
	return { admin, domain };
}

/** The admin's organisation lets its staff at `domain` sign in with the test provider (only through it, with `staffOnly`). */
export async function saveTestProvider(
	ctx: TestContext,
	provider: TestProvider,
	admin: Actor,
	domain: string,
	options: Pick<ProviderOptions, 'staffOnly' | 'verifiesAddresses'> = {}
): Promise<void> {
	await saveIdentityProvider({
		ctx,
		actor: admin,
		input: {
			discoveryUrl: `${provider.issuer}/.well-known/openid-configuration`,
			clientId: provider.clientId,
			clientSecret: provider.clientSecret,
			domains: [domain],
			staffOnly: options.staffOnly ?? false,
			verifiesAddresses: options.verifiesAddresses ?? false
		}
	});
}
