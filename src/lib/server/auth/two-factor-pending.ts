/**
 * Routes outside the staff pages where a member who must still set up two-factor authentication
 * stays signed in: each leads to the set-up (the start page and sign-in send them into the staff
 * pages, which send them on to `/account/two-factor`) or out (sign-out), or only sets the language.
 */
const ON_THE_WAY_TO_SET_UP = new Set(['/', '/sign-in', '/sign-out', '/language']);

/**
 * Whether a member whose organisation requires two-factor authentication, and who has not set it
 * up yet, is treated as staff on this route. The staff pages (`/(staff)/…`) see them as staff and
 * send them to the set-up (hooks.server.ts); anywhere else they are nobody, so nothing a member may
 * read (a conversation's live stream, for one) is reached with the password alone.
 */
export function staffBeforeTwoFactorSetup(routeId: string | null): boolean {
	const id = routeId ?? '';
	return id.startsWith('/(staff)') || ON_THE_WAY_TO_SET_UP.has(id);
}
