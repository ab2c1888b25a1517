import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SiteHeader from './SiteHeader.svelte';

/** The main menu's links that say where the person is: label → aria-current. */
function currentLinks(path: string, roles: string[]): Record<string, string> {
	const { body } = render(SiteHeader, { props: { staff: { name: 'Bea', roles: roles as never }, path } });
	return Object.fromEntries(
		[...body.matchAll(/<a href="[^"]*" aria-current="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map(([, current, label]) => [label!, current!])
	);
}

describe('the main menu says where the person is', () => {
	it('marks the link to the page shown as the current page, and no other', () => {
		expect(currentLinks('/admin/staff', ['admin', 'professional'])).toEqual({ Medewerkers: 'page' });
		expect(currentLinks('/account?tab=pin', ['professional'])).toEqual({ 'Mijn account': 'page' });
	});

	it('marks the section of a page deeper in it, not a section whose address merely starts the same', () => {
		expect(currentLinks('/collaborations/3f9a/conversations/77b1', ['professional'])).toEqual({ Samenwerkingen: 'true' });
		expect(currentLinks('/admin/access-log', ['privacyOfficer'])).toEqual({ Toegangslog: 'page' });
		expect(currentLinks('/startpagina', ['professional'])).toEqual({});
	});

	it('marks nothing on a page the menu has no link for', () => {
		expect(currentLinks('/admin/wording', ['admin'])).toEqual({});
	});
});
