// The privacy officer (issue 18): a role invited like any other that checks the logs, the
// processing register and the retention overview, and reaches nothing with a client's content.
// Every permission, allowed and refused, is tested on both databases in
// src/lib/server/access/privacy-officer.integration.test.ts.
import { createStaffMember, expect, signIn, test, visit } from './fixtures.ts';

const NOT_FOUND_NL = 'Deze pagina bestaat niet, of is afgeschermd.';

test('a privacy officer reads the audit log, the access log, the processing register and the retention overview, and gets 404 on client and admin pages', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const page = await newPage();
	const officer = await createStaffMember(adminPage, page, mainApp, { label: 'fg', roles: ['privacyOfficer'] });
	await signIn(page, mainApp, officer.email, officer.password);
	const nav = page.getByRole('navigation');
	for (const [link, heading] of [
		['Logboek', 'Logboek'],
		['Toegangslog', 'Toegangslog'],
		['Verwerkingsregister', 'Verwerkingsregister'],
		['Bewaartermijnen', 'Wat wordt wanneer gewist']
	] as const) {
		const href = await nav.getByRole('link', { name: link, exact: true }).getAttribute('href');
		await visit(page, href!, { status: 200 });
		await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
	}
	await expect(nav.getByRole('link', { name: 'Samenwerkingen' })).toHaveCount(0);
	await expect(nav.getByRole('link', { name: 'Medewerkers' })).toHaveCount(0);
	for (const path of ['/collaborations', '/admin/staff', '/admin/settings', '/admin/identity', '/insights']) {
		await visit(page, path, { status: 404 });
		await expect(page.getByRole('main')).toContainText(NOT_FOUND_NL);
	}
});
