import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { listClientWording } from '#lib/server/wording/wording.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const locale = url.searchParams.get('language') || 'nl';
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	const list = await listClientWording({ ctx: getAppContext(), actor: locals.actor, locale, query }).catch(errorPageFrom);
	return { ...list, query };
};
