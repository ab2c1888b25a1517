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

/** The menu's lists as they read: the group's name (none for the first) → the links' labels. */
function menuGroups(roles: string[]): Array<[string, string[]]> {
	const { body } = render(SiteHeader, { props: { staff: { name: 'Bea', roles: roles as never }, path: '/start' } });
	const nav = body.slice(body.indexOf('<nav'), body.indexOf('</nav>'));
	const names = Object.fromEntries([...nav.matchAll(/<span id="([^"]+)"[^>]*>([^<]*)<\/span>/g)].map(([, id, name]) => [id!, name!]));
	return [...nav.matchAll(/<ul(?: aria-labelledby="([^"]+)")?[^>]*>([\s\S]*?)<\/ul>/g)].map(([, labelledBy, items]) => [
		labelledBy ? names[labelledBy]! : '',
		[...items!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item]) => item!.replace(/<[^>]*>/g, '').trim())
	]);
}

describe('the menu puts the daily work first and names the groups of management pages', () => {
	it("gives an admin who also works with clients the work links, then the admin's and the privacy pages as named groups", () => {
		expect(menuGroups(['admin', 'professional'])).toEqual([
			['', ['Start', 'Samenwerkingen', 'Inzichten', 'Overdragen', 'Mijn account', 'Uitloggen']],
			['Beheer', ['Medewerkers', 'Teams', 'Instellingen', 'Kaarten', 'Vragenlijsten']],
			['Privacy', ['Verwerkingsregister', 'Logboek', 'Toegangslog', 'Wissen']]
		]);
	});

	it('gives a privacy officer only the privacy group beside Start and the account, with the retention periods', () => {
		expect(menuGroups(['privacyOfficer'])).toEqual([
			['', ['Start', 'Mijn account', 'Uitloggen']],
			['Privacy', ['Verwerkingsregister', 'Logboek', 'Toegangslog', 'Bewaartermijnen']]
		]);
	});

	it('shows a professional no management group at all', () => {
		expect(menuGroups(['professional']).map(([group]) => group)).toEqual(['']);
	});
});
