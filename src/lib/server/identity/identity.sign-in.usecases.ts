import { isAPIError } from 'better-auth/api';
import type { GenericOAuthConfig } from 'better-auth/plugins/generic-oauth';
import type { Actor } from '../access/actor.ts';
import { ORGANISATION_PROVIDER_PREFIX, type OrganisationProviders } from '../auth/organisation-providers.ts';
import type { AppContext } from '../context.ts';
import { acceptInvitationByProvider, findOpenInvitation } from '../invitations/invitations.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { createIdentityRepository } from './identity.repository.ts';
import { domainOf } from './identity.schemas.ts';
import { decryptClientSecret } from './identity.usecases.ts';

/** Where better-auth sends the browser after a provider sign-in; a refusal adds `?error=<code>`. */
export const PROVIDER_SIGN_IN_DONE = '/start';
export const PROVIDER_SIGN_IN_FAILED = '/sign-in/provider';

/** Refusal codes of the gate (the sign-in page translates them, with better-auth's own codes). */
export const PROVIDER_REFUSALS = [
	'oidc_email_unverified',
	'oidc_email_verified_missing',
	'oidc_not_invited',
	'oidc_account_inactive',
	'oidc_domain_not_allowed',
	'oidc_provider_missing'
] as const;

const rowIdOf = (providerId: string) => providerId.slice(ORGANISATION_PROVIDER_PREFIX.length);

/**
 * Whether the sign-in pages offer signing in with an organisation's account: only once some
 * organisation has set up its provider, or the link leads every visitor to a dead end.
 */
export async function isProviderSignInOffered({ ctx }: { ctx: AppContext }): Promise<boolean> {
	return createIdentityRepository(ctx.db).anyExists();
}

/**
 * Starts a sign-in with the provider of the organisation that uses this address's domain:
 * the URL to send the browser to, and the cookies better-auth set (its signed state).
 */
export async function startProviderSignIn({ ctx, email, requestHeaders }: { ctx: AppContext; email: string; requestHeaders: Headers }) {
	const provider = await createIdentityRepository(ctx.db).findByDomain(domainOf(email));
	if (!provider) throw domainError('identity.no_provider');
	try {
		const { headers, response } = await ctx.auth.api.signInSocial({
			body: {
				provider: `${ORGANISATION_PROVIDER_PREFIX}${provider.id}`,
				callbackURL: PROVIDER_SIGN_IN_DONE,
				errorCallbackURL: PROVIDER_SIGN_IN_FAILED,
				loginHint: email,
				disableRedirect: true
			},
			headers: requestHeaders,
			returnHeaders: true
		});
		if (!('url' in response) || !response.url) throw domainError('identity.provider_unreachable');
		return { url: response.url, headers };
	} catch (error) {
		// The provider was not found: its discovery document did not come, or lacked what is needed.
		if (isAPIError(error)) throw domainError('identity.provider_unreachable');
		throw error;
	}
}

/**
 * Is password sign-in refused for this address because its domain belongs to an organisation that
 * lets its staff in only through its own provider? Decided by the domain alone, so the answer is
 * the same whether or not the address has an account, and whatever password was typed.
 */
export async function isPasswordSignInRefusedForAddress(ctx: AppContext, email: string): Promise<boolean> {
	return (await createIdentityRepository(ctx.db).findByDomain(domainOf(email)))?.staffOnly ?? false;
}

/** Does this organisation let its staff sign in only through its provider? */
export async function isPasswordSignInRefused(ctx: AppContext, organisationId: string): Promise<boolean> {
	return (await createIdentityRepository(ctx.db).findByOrganisation(organisationId))?.staffOnly ?? false;
}

/** What better-auth's plugin asks the app (auth/organisation-providers.ts). */
export function organisationProvidersFor(ctx: AppContext): OrganisationProviders {
	return {
		load: (providerId) => providerConfig(ctx, providerId),
		refusal: (input) => providerRefusal(ctx, input),
		signedIn: (input) => completeProviderSignIn(ctx, input)
	};
}

async function providerConfig(ctx: AppContext, providerId: string): Promise<GenericOAuthConfig | null> {
	const provider = await createIdentityRepository(ctx.db).findById(rowIdOf(providerId));
	if (!provider) return null;
	return {
		providerId,
		discoveryUrl: provider.discoveryUrl,
		clientId: provider.clientId,
		clientSecret: await decryptClientSecret(ctx, provider),
		scopes: ['openid', 'email', 'profile'],
		pkce: true,
		// Only ID tokens checked against the provider's keys, issuer, audience, expiry and nonce.
		requireIdTokenVerification: true,
		// Names and roles stay Tweespraak's: the provider only says who signs in.
		overrideUserInfo: false,
		disableProviderLogout: true
	};
}

/**
 * Who may come in through the provider: an address it says is verified, of one of its domains,
 * that belongs to an active member of its organisation, or that has an open staff invitation
 * there. Anyone else (a stranger from the domain, a deactivated or deleted account) is refused: no
 * account is made.
 */
async function providerRefusal(
	ctx: AppContext,
	input: { providerId: string; email: string; emailVerified: boolean | null }
): Promise<string | null> {
	const provider = await createIdentityRepository(ctx.db).findById(rowIdOf(input.providerId));
	if (!provider) return 'oidc_provider_missing';
	// The provider itself says the address is not proven (someone typed it into their own profile
	// there): it must not take over the account or the invitation of whoever owns that address.
	if (input.emailVerified === false) return 'oidc_email_unverified';
	// Nor may a provider that does not say: an attacker's own provider, or a directory where people
	// choose their address, would otherwise sign in as any address at the domains. Only an admin who
	// marked the provider as proving every address itself (Microsoft Entra ID states nothing) lets
	// its silence count (decision 018, amended after an outside attacker pass).
	if (input.emailVerified === null && !provider.verifiesAddresses) return 'oidc_email_verified_missing';
	const email = input.email.toLowerCase();
	if (!provider.domains.includes(domainOf(email))) return 'oidc_domain_not_allowed';
	const staff = createStaffRepository(ctx.db);
	const userId = await staff.findUserIdByEmail(email);
	if (userId) {
		const member = await staff.findStaffMember(provider.organisationId, userId);
		if (member?.status === 'active') return null;
		return member ? 'oidc_account_inactive' : 'oidc_not_invited';
	}
	const invitation = await findOpenInvitation(ctx.db, ctx, provider.organisationId, email);
	return invitation?.kind === 'staff' ? null : 'oidc_not_invited';
}

async function completeProviderSignIn(ctx: AppContext, input: { providerId: string; userId: string }): Promise<void> {
	const provider = await createIdentityRepository(ctx.db).findById(rowIdOf(input.providerId));
	if (!provider) return;
	await acceptInvitationByProvider({ ctx, organisationId: provider.organisationId, userId: input.userId });
	// Recorded as the member who signed in, as a password sign-in is.
	const membership = await createStaffRepository(ctx.db).findActiveMembership(input.userId);
	const actor: Actor = membership
		? { type: 'staff', userId: input.userId, organisationId: membership.organisationId, roles: membership.roles, locale: membership.locale }
		: { type: 'anonymous' };
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: provider.organisationId,
		action: 'auth.signed_in',
		target: { type: 'user', id: input.userId },
		details: { method: 'provider' }
	});
}
