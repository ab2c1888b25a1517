import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';
import { genericOAuth, type GenericOAuthConfig } from 'better-auth/plugins/generic-oauth';

/** Provider ids of organisations' own OpenID Connect providers: `org-<identity provider id>`. */
export const ORGANISATION_PROVIDER_PREFIX = 'org-';
/** How long a sign-in waits for the provider's discovery document. */
const DISCOVERY_TIMEOUT_MS = 10_000;

/** What the app tells better-auth about the organisations' providers (identity/ feature). */
export interface OrganisationProviders {
	/** The provider's settings, or null when it is not (or no longer) configured. */
	load(providerId: string): Promise<GenericOAuthConfig | null>;
	/**
	 * May this person (the e-mail address the provider vouches for) come in? A refusal code, or null.
	 * `emailVerified`: what the provider says of the address (`emailVerifiedClaim`).
	 */
	refusal(input: { providerId: string; email: string; emailVerified: boolean | null }): Promise<string | null>;
	/** After a successful provider sign-in: link an invitation, record the sign-in. */
	signedIn(input: { providerId: string; userId: string }): Promise<void>;
}

/** The part of better-auth's context this plugin changes. */
interface ProvidersContext {
	socialProviders: { id: string }[];
	trustedProviders: string[];
}

/**
 * The provider's `email_verified` claim (from its ID token or user info): null when it says nothing
 * (Microsoft Entra ID sends none), true only for `true` (some providers send the string), and
 * false for any other value. better-auth turns a missing claim into false, so the raw profile is read.
 */
export function emailVerifiedClaim(profile: unknown): boolean | null {
	const claim = (profile as { email_verified?: unknown } | null | undefined)?.email_verified;
	if (claim === undefined || claim === null) return null;
	return claim === true || claim === 'true';
}

export const isOrganisationProvider = (id: unknown): id is string => typeof id === 'string' && id.startsWith(ORGANISATION_PROVIDER_PREFIX);

/**
 * Organisations' own OpenID Connect providers, configured at run time in the database. The
 * protocol is entirely better-auth's generic OAuth plugin (discovery, state, PKCE, nonce, ID
 * token verification against the provider's keys, issuer and audience): before a sign-in or a
 * callback, the provider is built from its stored settings and put among the social providers,
 * so a change made on one instance is used by all. See docs/decisions/018-identity.md.
 */
export function organisationProviders(providers: OrganisationProviders): BetterAuthPlugin {
	const requestedProvider = (context: { body?: unknown; params?: unknown }): unknown =>
		(context.body as { provider?: unknown } | undefined)?.provider ?? (context.params as { id?: unknown } | undefined)?.id;
	return {
		id: 'tweespraak-organisation-providers',
		hooks: {
			before: [
				{
					matcher: (context) =>
						(context.path === '/sign-in/social' || context.path === '/callback/:id') && isOrganisationProvider(requestedProvider(context)),
					handler: createAuthMiddleware(async (ctx) => {
						const providerId = requestedProvider(ctx) as string;
						const auth = ctx.context as unknown as ProvidersContext;
						const config = await providers.load(providerId);
						const built = config ? await withTimeout(Promise.resolve(genericOAuth({ config: [config] }).init!(ctx.context))) : null;
						const provider = (built as { context?: Partial<ProvidersContext> } | null)?.context?.socialProviders?.find(
							(p) => p.id === providerId
						);
						// Replaced in one step, so a sign-in of the same provider running meanwhile always finds one.
						// Unreachable provider or incomplete discovery: the sign-in ends with "provider not found".
						const others = auth.socialProviders.filter((p) => p.id !== providerId);
						auth.socialProviders = provider ? [provider, ...others] : others;
						// The organisation chose this provider for its own staff: its address links the account.
						if (provider && !auth.trustedProviders.includes(providerId)) auth.trustedProviders.push(providerId);
					})
				}
			],
			after: [
				{
					matcher: (context) => context.path === '/callback/:id' && isOrganisationProvider(context.params?.id),
					handler: createAuthMiddleware(async (ctx) => {
						const session = ctx.context.newSession;
						const providerId = ctx.params?.id;
						if (session && isOrganisationProvider(providerId)) await providers.signedIn({ providerId, userId: session.user.id });
					})
				}
			]
		}
	};
}

async function withTimeout<T>(work: Promise<T>): Promise<T | null> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), DISCOVERY_TIMEOUT_MS)));
	try {
		return await Promise.race([work, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
