// The audit log as a privacy officer uses it: who did what, when — searched by period, action,
// staff member and reference in a plain GET form (the search is in the address), and exported as
// CSV. That the filters are done by the database and give the same rows on SQLite and PostgreSQL,
// and that the export is itself an event of the log, is tested in src/lib/server/audit.
import { expect, fieldError, submit, test, visit } from './fixtures.ts';
import { dateFromToday, professionalWithCollaboration } from './support/quick-check.ts';

test('an admin searches the audit log by action, staff member, reference and period, bookmarks and exports the search; bad input gets a message; a professional opens neither the page nor the export', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const {
		page: professionalPage,
		professional,
		collaborationId
	} = await professionalWithCollaboration(adminPage, newPage, mainApp, 'logboek', {
		label: `Logboek ${Date.now().toString(36)}`,
		participants: [{ name: 'Lot Logboek' }]
	});

	await visit(adminPage, '/admin/audit', { status: 200 });
	await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Logboek');
	const form = adminPage.getByRole('region', { name: 'Zoeken in het logboek' }).locator('form');
	const today = dateFromToday(0);
	await form.getByLabel('Vanaf (datum)').fill(today);
	await form.getByLabel('Tot en met (datum)').fill(today);
	await form.getByLabel('Actie').selectOption({ label: 'Samenwerking gemaakt' });
	await form.getByLabel('Medewerker').selectOption({ label: professional.name });
	await form.getByLabel('Referentie').fill(collaborationId);
	await submit(adminPage, form.getByRole('button', { name: 'Zoeken' }));

	// The search is in the address: the same address shows the same rows.
	const found = new URL(adminPage.url());
	expect(Object.fromEntries(found.searchParams)).toMatchObject({
		action: 'collaboration.created',
		reference: collaborationId,
		from: today
	});
	const rows = adminPage.locator('main table tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Samenwerking gemaakt');
	await expect(rows.first()).toContainText(professional.name);
	await expect(rows.first()).toContainText(collaborationId);
	await expect(adminPage.getByRole('status')).toHaveText('1 gebeurtenis gevonden.');
	await visit(adminPage, found.pathname + found.search, { status: 200 });
	await expect(rows).toHaveCount(1);
	await expect(form.getByLabel('Referentie')).toHaveValue(collaborationId);

	// The same search as CSV, and the download is itself in the log.
	const href = await adminPage.getByRole('link', { name: 'Gevonden gebeurtenissen downloaden (CSV)' }).getAttribute('href');
	expect(href).toContain(`reference=${collaborationId}`);
	const csv = await adminPage.request.get(href!);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
	const lines = (await csv.text()).trim().split('\r\n');
	expect(lines).toHaveLength(2);
	expect(lines[1]).toContain('collaboration.created');
	expect(lines[1]).toContain(professional.name);
	await visit(adminPage, '/admin/audit?action=audit.exported', { status: 200 });
	await expect(rows.first()).toContainText('Logboek gedownload');

	// Bad input: a clear message beside the field, nothing found, never an error page.
	await visit(adminPage, '/admin/audit?from=2031-02-30', { status: 200 });
	await expect(fieldError(adminPage, 'from')).toHaveText('Kies een geldige datum.');
	await visit(adminPage, '/admin/audit?action=alles.gewist', { status: 200 });
	await expect(fieldError(adminPage, 'action')).toHaveText('Deze actie bestaat niet. Kies een actie uit de lijst.');
	await visit(adminPage, '/admin/audit?from=2031-02-02&to=2031-02-01', { status: 200 });
	await expect(adminPage.getByRole('alert')).toContainText('De begindatum ligt na de einddatum.');
	// A control character in the address is refused for the whole app, before the page (hooks.server.ts).
	const withNul = await adminPage.request.get(`/admin/audit?reference=${collaborationId}%00`);
	expect(withNul.status()).toBe(400);
	expect(await withNul.text()).toBe('Dit verzoek klopt niet. Ga terug en probeer het opnieuw.');
	await visit(adminPage, `/admin/audit?staff=${'9'.repeat(5000)}`, { status: 200 });
	await expect(fieldError(adminPage, 'staff')).toHaveText('Dit is te lang.');
	await expect(adminPage.locator('main table')).toHaveCount(0);
	expect((await adminPage.request.get('/admin/audit/export?action=alles.gewist')).status()).toBe(400);

	// Not for a professional: the page and the export answer 404, searched or not.
	await visit(professionalPage, '/admin/audit', { status: 404 });
	await visit(professionalPage, `/admin/audit?reference=${collaborationId}`, { status: 404 });
	expect((await professionalPage.request.get('/admin/audit/export')).status()).toBe(404);
	expect((await professionalPage.request.get(`/admin/audit/export?reference=${collaborationId}`)).status()).toBe(404);
});
