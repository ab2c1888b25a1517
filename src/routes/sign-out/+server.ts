import { redirect } from '@sveltejs/kit';
import { signOut } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { applyAuthCookies } from '#lib/server/http/forms.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	if (locals.actor.type === 'staff' || locals.actor.type === 'guest') {
		const { headers } = await signOut({ ctx: getAppContext(), actor: locals.actor, requestHeaders: request.headers });
		applyAuthCookies(cookies, headers);
	}
	redirect(303, '/sign-in?signedOut=1');
};
