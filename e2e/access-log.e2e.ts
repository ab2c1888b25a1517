// The access log (NEN 7513) as an admin uses it: search by reference, staff member and period,
// export as CSV. That every read of client data writes an entry, and that nothing can change one,
// is tested on both databases in src/lib/server/audit and src/lib/server/access.
import { expect, fieldError, submit, test, visit } from './fixtures.ts';
import { dateFromToday, professionalWithCollaboration } from './support/quick-check.ts';

test("an admin finds who looked at a client's collaboration, per reference and per staff member, and exports it, and reads the audit log in words; a professional cannot open either log", async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const {
		page: professionalPage,
		professional,
		collaborationId
	} = await professionalWithCollaboration(adminPage, newPage, mainApp, 'toegangslog', {
		label: `Toegang ${Date.now().toString(36)}`,
		participants: [{ name: 'Tess Toegang' }]
	});
	await visit(professionalPage, `/collaborations/${collaborationId}`, { status: 200 });

	await visit(adminPage, '/admin/access-log', { status: 200 });
	await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Toegangslog');
	const form = adminPage.locator('main form');
	await form.getByLabel('Referentie van de samenwerking').fill(collaborationId);
	await submit(adminPage, form.getByRole('button', { name: 'Zoeken' }));
	const rows = adminPage.locator('main table tbody tr');
	await expect(rows.filter({ hasText: professional.name }).filter({ hasText: 'Bekeken: samenwerking' }).first()).toBeVisible();
	await expect(rows.first()).toContainText('Professional');
	// Only this client's lines: every row names this reference.
	expect(await rows.count()).toBeGreaterThan(0);
	for (const text of await rows.allTextContents()) expect(text).toContain(collaborationId);
	// The client's name is never in the log.
	await expect(adminPage.getByRole('main')).not.toContainText('Tess Toegang');

	// The same search as CSV.
	const href = await adminPage.getByRole('link', { name: 'Exporteren als CSV' }).getAttribute('href');
	const csv = await adminPage.request.get(href!);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
	const body = await csv.text();
	expect(body).toContain(professional.name);
	expect(body).toContain(collaborationId);

	// Per staff member, over a period.
	await visit(adminPage, '/admin/access-log', { status: 200 });
	await form.getByLabel('Medewerker').selectOption({ label: professional.name });
	// Today as the app counts days (Amsterdam): the UTC date is still yesterday after 23:00 or 22:00 UTC.
	const today = dateFromToday(0);
	await form.getByLabel('Vanaf (datum)').fill('2020-01-01');
	await form.getByLabel('Tot en met (datum)').fill(today);
	await submit(adminPage, form.getByRole('button', { name: 'Zoeken' }));
	expect(await rows.count()).toBeGreaterThan(0);
	for (const text of await rows.allTextContents()) expect(text).toContain(professional.name);

	// Bad input: a clear message, nothing found, nothing changed.
	await visit(adminPage, '/admin/access-log?reference=Jansen', { status: 200 });
	await expect(fieldError(adminPage, 'reference')).toHaveText(/Dit is geen referentie/);
	await visit(adminPage, '/admin/access-log?from=2031-02-02&to=2031-02-01', { status: 200 });
	await expect(adminPage.getByRole('alert')).toContainText('De begindatum ligt na de einddatum.');

	// The audit log says in words what happened, the code beside it for whoever needs it.
	await visit(adminPage, '/admin/audit', { status: 200 });
	await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Logboek');
	// This test's own row (its reference): other tests create collaborations in the same organisation meanwhile.
	const created = adminPage.locator('main table tbody tr').filter({ hasText: 'Samenwerking gemaakt' }).filter({ hasText: collaborationId });
	await expect(created).toContainText('collaboration.created');
	await expect(created).toContainText(professional.name);

	// Not for a professional: the page and the export answer 404.
	await visit(professionalPage, '/admin/audit', { status: 404 });
	await visit(professionalPage, '/admin/access-log', { status: 404 });
	expect((await professionalPage.request.get('/admin/access-log/export')).status()).toBe(404);
});
