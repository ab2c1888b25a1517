import { error } from '@sveltejs/kit';
import { isOrganisationProvider } from '#lib/server/auth/organisation-providers.ts';
import { getAppContext } from '#lib/server/context.ts';
import type { RequestHandler } from './$types';

/**
 * Where an organisation's OpenID Connect provider sends the browser back (the redirect URL an
 * admin registers at the provider). better-auth checks state, code, ID token and nonce, and
 * answers with a redirect: to /start with a session, or to /sign-in/provider?error=<code>.
 */
export const GET: RequestHandler = async ({ request, params }) => {
	if (!isOrganisationProvider(params.id)) error(404, 'Not found');
	return getAppContext().auth.handler(request);
};
