import { browser } from '$app/env';
import { followPageLocale } from '#lib/page-locale.ts';
import type { LayoutLoad } from './$types';

// Before any component of the page renders: the browser speaks the language the server chose for
// this page (server/http/page-locale.ts), on the first load and on every navigation after it.
export const load: LayoutLoad = ({ data }) => {
	if (browser) followPageLocale(data.locale);
	return data;
};
