import { getAppContext } from '#lib/server/context.ts';
import { takeNotice } from '#lib/server/http/notice.ts';
import { getCurrentStaff } from '#lib/server/staff/staff.usecases.ts';
import type { LayoutServerLoad } from './$types';

// Display data for the header only; pages authorize their own data in their usecases.
// The notice of the form post that redirected here (notice.ts) is shown once, on every page alike,
// and so is the text typed on this page and not sent when another of its buttons was pressed
// (drafts: src/lib/server/http/page-form.ts; the page's fields show them again).
export const load: LayoutServerLoad = async ({ locals, url, cookies, isDataRequest }) => {
	const staff = await getCurrentStaff({ ctx: getAppContext(), actor: locals.actor });
	return {
		staff,
		path: url.pathname + url.search,
		// Taken by the page itself, not by a live update's data request that may race its load.
		notice: isDataRequest ? null : takeNotice(cookies, url.protocol === 'https:'),
		drafts: locals.drafts ?? null
	};
};
