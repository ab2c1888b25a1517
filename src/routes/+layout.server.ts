import { getAppContext } from '#lib/server/context.ts';
import { getCurrentStaff } from '#lib/server/staff/staff.usecases.ts';
import type { LayoutServerLoad } from './$types';

// Display data for the header only; pages authorize their own data in their usecases.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const staff = await getCurrentStaff({ ctx: getAppContext(), actor: locals.actor });
	return { staff, path: url.pathname + url.search };
};
