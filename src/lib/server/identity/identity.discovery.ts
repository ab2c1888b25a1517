import { domainError } from '../shared/errors.ts';

const TIMEOUT_MS = 5_000;
/** What a sign-in needs from the provider's discovery document. */
const REQUIRED = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;

/**
 * Checks, when an admin saves the provider, that it answers and that its discovery document
 * names everything a sign-in needs (the sign-in itself is better-auth's, which reads the same
 * document again). Refuses with a clear code, so nothing unusable is stored.
 */
export async function checkDiscovery(discoveryUrl: string): Promise<void> {
	let document: unknown;
	try {
		const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
		if (!response.ok) throw new Error(`status ${response.status}`);
		document = await response.json();
	} catch {
		throw domainError('identity.provider_unreachable');
	}
	const fields = (document ?? {}) as Record<string, unknown>;
	const complete = REQUIRED.every((name) => typeof fields[name] === 'string' && URL.canParse(fields[name] as string));
	if (!complete) throw domainError('identity.discovery_incomplete');
}
