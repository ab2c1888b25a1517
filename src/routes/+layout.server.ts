import { getAppContext } from '#lib/server/context.ts';
import { takeNotice } from '#lib/server/http/notice.ts';
import { getCurrentStaff } from '#lib/server/staff/staff.usecases.ts';
import { CLIENT_LOCALES, directionOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getParticipantLanguages } from '#lib/server/participation/language.usecases.ts';
import { HANDOVER_RETURN_ROUTE, isClientPage, isGuestClientPage } from '#lib/server/participation/participation.policy.ts';
import { getGuestLanguages } from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import type { LayoutServerLoad } from './$types';

// Display data for the header only; pages authorize their own data in their usecases.
// The notice of the form post that redirected here (notice.ts) is shown once, on every page alike,
// and so is the text typed on this page and not sent when another of its buttons was pressed
// (drafts: src/lib/server/http/page-form.ts; the page's fields show them again).
export const load: LayoutServerLoad = async ({ locals, url, cookies, isDataRequest, route }) => {
	const ctx = getAppContext();
	const staff = await getCurrentStaff({ ctx, actor: locals.actor });
	// A participant's device chooses among the organisation's languages; on the join page anyone among all client languages.
	// A guest (an outside participant of a trajectory) chooses on their trajectory pages among the languages its organisations offer.
	// The hand-over's return page offers no choice (an empty list): it is the professional's page, in
	// the language they handed the device over in, with a part for the child in the child's language.
	const clientPage = isClientPage(route.id);
	const offered =
		(clientPage ? await getParticipantLanguages({ ctx, actor: locals.actor }) : null) ??
		(isGuestClientPage(route.id) ? await getGuestLanguages({ ctx, actor: locals.actor }) : null);
	const clientLanguages = route.id === HANDOVER_RETURN_ROUTE ? [] : (offered ?? (!staff && clientPage ? [...CLIENT_LOCALES] : null));
	// The page's language as the hooks decided it: the browser renders the whole page in it (+layout.ts).
	const locale = getLocale();
	return {
		locale,
		direction: directionOf(locale),
		staff,
		clientLanguages,
		path: url.pathname + url.search,
		// Taken by the page itself, not by a live update's data request that may race its load.
		notice: isDataRequest ? null : takeNotice(cookies, url.protocol === 'https:'),
		drafts: locals.drafts ?? null
	};
};
