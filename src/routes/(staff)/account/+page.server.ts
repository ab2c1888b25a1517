import { getTwoFactorStatus } from '#lib/server/auth/auth.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const twoFactor = await getTwoFactorStatus({ ctx: getAppContext(), actor: locals.actor });
	// The language stored on the account (used for mails); the header switch and the form below change it.
	return { twoFactor, locale: locals.actor.type === 'staff' ? locals.actor.locale : null };
};
