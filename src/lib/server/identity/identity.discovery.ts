import type { Dispatcher } from 'undici';
import { assertPublicHost, PrivateAddressError, publicOnlyDispatcher } from '../http/outbound-guard.ts';
import { domainError } from '../shared/errors.ts';

const TIMEOUT_MS = 5_000;
/** What a sign-in needs from the provider's discovery document. */
const REQUIRED = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
/** The endpoints the server itself calls during a sign-in (the browser goes to authorization_endpoint). */
const CALLED_BY_SERVER = ['token_endpoint', 'jwks_uri', 'userinfo_endpoint'] as const;

let publicOnly: Dispatcher | undefined;

/**
 * Checks, when an admin saves the provider, that it answers and that its discovery document
 * names everything a sign-in needs (the sign-in itself is better-auth's, which reads the same
 * document again). Refuses with a clear code, so nothing unusable is stored. Unless the operator
 * allows private addresses (ALLOW_PRIVATE_PROVIDERS), the provider and every endpoint the server
 * calls must be on public addresses (http/outbound-guard.ts): an admin cannot make the server
 * knock on this machine or its network.
 */
export async function checkDiscovery(discoveryUrl: string, { allowPrivate }: { allowPrivate: boolean }): Promise<void> {
	if (!allowPrivate) await assertPublic(discoveryUrl);
	let document: unknown;
	try {
		const response = await fetch(discoveryUrl, {
			signal: AbortSignal.timeout(TIMEOUT_MS),
			redirect: 'follow',
			// Every hop of a redirect connects through it too.
			...(allowPrivate ? {} : { dispatcher: (publicOnly ??= publicOnlyDispatcher()) })
		} as RequestInit);
		if (!response.ok) throw new Error(`status ${response.status}`);
		document = await response.json();
	} catch {
		throw domainError('identity.provider_unreachable');
	}
	const fields = (document ?? {}) as Record<string, unknown>;
	const complete = REQUIRED.every((name) => typeof fields[name] === 'string' && URL.canParse(fields[name] as string));
	if (!complete) throw domainError('identity.discovery_incomplete');
	if (!allowPrivate) {
		for (const name of CALLED_BY_SERVER)
			if (typeof fields[name] === 'string' && URL.canParse(fields[name])) await assertPublic(fields[name]);
	}
}

async function assertPublic(url: string): Promise<void> {
	try {
		await assertPublicHost(new URL(url).hostname);
	} catch (error) {
		if (error instanceof PrivateAddressError) throw domainError('identity.provider_private');
		// A name that does not resolve: the provider does not answer.
		throw domainError('identity.provider_unreachable');
	}
}
