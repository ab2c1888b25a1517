import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package) on a local port. It
 * signs people in without a form: as the `login_hint` Tweespraak sends (the address typed on the
 * sign-in page), or as `signInAs` when a test sets it. `tamper` lets a test change the ID token
 * the token endpoint hands out, re-signed with the provider's own key, to play a provider (or an
 * attacker in between) that sends a token for the wrong issuer or audience, an expired one, or
 * one with another nonce.
 */
export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** Sign in as this address instead of the login hint; null: the hint. */
	signInAs: string | null;
	tamper: ((claims: JWTPayload) => JWTPayload) | null;
	/** How many HTTP requests the provider has received so far. */
	requests(): number;
	close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'tweespraak-test';
export const TEST_CLIENT_SECRET = 'test-client-secret-of-at-least-32-characters';

export async function startTestProvider(options: { port?: number } = {}): Promise<TestProvider> {
	const { privateKey } = await generateKeyPair('RS256', { extractable: true });
	const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	let received = 0;
	server.on('request', () => received++);
	const state: TestProvider = {
		issuer,
		clientId: TEST_CLIENT_ID,
		clientSecret: TEST_CLIENT_SECRET,
		signInAs: null,
		tamper: null,
		requests: () => received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: TEST_CLIENT_ID,
				client_secret: TEST_CLIENT_SECRET,
				// Any Tweespraak callback of an organisation's provider (its id differs per test).
				redirect_uris: ['http://placeholder.invalid/api/auth/callback/org-x'],
				token_endpoint_auth_method: 'client_secret_post'
			}
		],
		jwks: { keys: [jwk] },
		claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
		conformIdTokenClaims: false,
		features: { devInteractions: { enabled: false } },
		interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
		cookies: { keys: ['test-cookie-key'] },
		ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
		findAccount: (_ctx, sub) => ({
			accountId: sub,
			claims: () => ({ sub, email: sub, email_verified: true, name: sub.split('@')[0] })
		})
	});
	provider.Client.prototype.redirectUriAllowed = (uri: string) => /\/api\/auth\/callback\/org-[\w-]+$/.test(uri);
	provider.use(async (ctx, next) => {
		if (!ctx.path.startsWith('/interaction/')) {
			await next();
			if (ctx.path === '/token' && state.tamper && ctx.body && typeof ctx.body === 'object' && 'id_token' in ctx.body) {
				const body = ctx.body as { id_token: string };
				body.id_token = await new SignJWT(state.tamper(decodeJwt(body.id_token)))
					.setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
					.sign(privateKey);
			}
			return;
		}
		const details = await provider.interactionDetails(ctx.req, ctx.res);
		const accountId = state.signInAs ?? String(details.params.login_hint ?? '');
		let result: Record<string, unknown>;
		if (details.prompt.name === 'login') {
			result = { login: { accountId } };
		} else {
			const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
			grant.addOIDCScope(String(details.params.scope));
			result = { consent: { grantId: await grant.save() } };
		}
		const location = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
		ctx.redirect(location);
	});
	server.on('request', provider.callback());
	return state;
}

/**
 * Follows the provider's redirects as a browser would (keeping its cookies) from the
 * authorization URL to the first URL outside the provider: Tweespraak's callback.
 */
export async function followProviderRedirects(authorizationUrl: string, issuer: string): Promise<string> {
	const jar = new Map<string, string>();
	let url = authorizationUrl;
	for (let hop = 0; hop < 10; hop++) {
		if (!url.startsWith(issuer)) return url;
		const response = await fetch(url, {
			redirect: 'manual',
			headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') }
		});
		for (const cookie of response.headers.getSetCookie()) {
			const [pair = ''] = cookie.split(';');
			const index = pair.indexOf('=');
			jar.set(pair.slice(0, index), pair.slice(index + 1));
		}
		const location = response.headers.get('location');
		if (!location) throw new Error(`The test provider stopped at ${url} with ${response.status}: ${await response.text()}`);
		url = new URL(location, url).toString();
	}
	throw new Error('Too many redirects at the test provider');
}
