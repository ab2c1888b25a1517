import type { PageServerLoad } from './$types';

const REASONS = ['replaced', 'revoked', 'ended'] as const;

/**
 * Where a phone goes whose personal link was replaced or taken back (hooks.server.ts): it says
 * so and shows nothing of what was written on it. The reason comes from the address, so a
 * reload says the same; an unknown one reads as "ended".
 */
export const load: PageServerLoad = ({ url }) => {
	const asked = url.searchParams.get('reason');
	return { reason: REASONS.find((reason) => reason === asked) ?? 'ended' };
};
