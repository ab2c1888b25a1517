// Staff leaving and the processing register (issue 13, parts 5 and 7): an admin deactivates a
// professional, handing their collaborations to a colleague, then deletes the account; the
// collaboration's history names the person "voormalig medewerker N". An admin or team lead hands
// one collaboration over from /handovers; only admins read the processing register. Refusals,
// both databases and the register's coverage of the schema are tested in src/lib/server.
import { expect, submit, submitAndRedirect, test, visit, type Page } from './fixtures.ts';
import { createCollaborationByPost, DESKTOP, signedInProfessional } from './support/quick-check.ts';

/** The row of the staff page that names `name`. */
function staffRow(adminPage: Page, name: string) {
	return adminPage.locator('main tbody tr', { has: adminPage.locator('th', { hasText: name }) });
}

test('an admin deactivates a professional, hands their collaboration to a colleague and deletes the account; the history shows “voormalig medewerker N”', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(360_000);
	const leaverPage = await newPage({ viewport: DESKTOP });
	const leaver = await signedInProfessional(adminPage, leaverPage, mainApp, 'vertrekker', { open: false });
	const colleaguePage = await newPage({ viewport: DESKTOP });
	const colleague = await signedInProfessional(adminPage, colleaguePage, mainApp, 'blijver', { open: false });
	const collaborationId = await createCollaborationByPost(leaverPage, mainApp, {
		label: `Vertrek ${Date.now().toString(36)}`,
		participants: [{ name: 'Sam Vertrek' }]
	});

	await visit(adminPage, '/admin/staff', { status: 200 });
	const deactivate = staffRow(adminPage, leaver.name).locator('form[action="?/deactivate"]');
	const option = deactivate.locator('select[name$=":handoverTo"] option', { hasText: colleague.name });
	await deactivate.locator('select[name$=":handoverTo"]').selectOption((await option.getAttribute('value'))!);
	await submitAndRedirect(adminPage, deactivate.getByRole('button'));
	await expect(adminPage.getByRole('status')).toContainText('Het account is uitgezet.');

	// Without the tick nothing happens: a clear message, the account stays.
	const remove = staffRow(adminPage, leaver.name).locator('form[action="?/delete"]');
	await submit(adminPage, remove.getByRole('button', { name: /Verwijder account/ }));
	await expect(adminPage.getByRole('alert')).toContainText('Vink eerst aan dat je het account echt wilt verwijderen.');
	await expect(staffRow(adminPage, leaver.name)).toHaveCount(1);

	const again = staffRow(adminPage, leaver.name).locator('form[action="?/delete"]');
	await again.getByRole('checkbox').check();
	await submitAndRedirect(adminPage, again.getByRole('button', { name: /Verwijder account/ }));
	const notice = (await adminPage.getByRole('status').textContent()) ?? '';
	const formerNumber = /voormalig medewerker (\d+)/.exec(notice)?.[1];
	expect(formerNumber, notice).toBeDefined();
	await expect(staffRow(adminPage, leaver.name)).toHaveCount(0);

	await visit(colleaguePage, `/collaborations/${collaborationId}`, { status: 200 });
	const history = colleaguePage.getByRole('region', { name: 'Overdrachten' });
	await expect(history).toContainText(`van Voormalig medewerker ${formerNumber} naar ${colleague.name}`);
	await expect(colleaguePage.getByRole('main')).not.toContainText(leaver.name);
});

test('an admin hands one collaboration over from the list, by reference; only admins read the processing register', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(360_000);
	const holderPage = await newPage({ viewport: DESKTOP });
	const holder = await signedInProfessional(adminPage, holderPage, mainApp, 'houder', { open: false });
	const colleaguePage = await newPage({ viewport: DESKTOP });
	const colleague = await signedInProfessional(adminPage, colleaguePage, mainApp, 'overnemer', { open: false });
	const label = `Lijst ${Date.now().toString(36)}`;
	const collaborationId = await createCollaborationByPost(holderPage, mainApp, { label, participants: [{ name: 'Kim Lijst' }] });

	await visit(adminPage, '/handovers', { status: 200 });
	await expect(adminPage.getByRole('main')).not.toContainText(label);
	const section = adminPage.getByRole('region', { name: holder.name });
	const item = section.locator('li', { has: adminPage.locator('code', { hasText: collaborationId }) });
	await item.locator('summary').click();
	const form = item.locator('form[action="?/handover"]');
	const option = form.locator('select[name$=":toUserId"] option', { hasText: colleague.name });
	await form.locator('select[name$=":toUserId"]').selectOption((await option.getAttribute('value'))!);
	await form.getByLabel('Notitie voor de nieuwe begeleider (niet verplicht)').fill('Kim start na de zomer weer.');
	await submitAndRedirect(adminPage, form.getByRole('button', { name: /Overdragen/ }));
	await expect(adminPage.getByRole('status')).toContainText('De samenwerking is overgedragen.');

	await visit(colleaguePage, `/collaborations/${collaborationId}`, { status: 200 });
	await expect(colleaguePage.getByRole('main')).toContainText('Kim start na de zomer weer.');
	await expect(colleaguePage.getByRole('main')).toContainText('Overgedragen door Anna de Beheerder.');
	await visit(holderPage, `/collaborations/${collaborationId}`, { status: 404 });
	await visit(holderPage, '/handovers', { status: 404 });

	await visit(adminPage, '/admin/privacy', { status: 200 });
	await expect(adminPage.getByRole('heading', { level: 1 })).toContainText('Verwerkingsregister');
	await expect(adminPage.getByRole('region', { name: 'Wat er in de gesprekken staat' })).toContainText(
		'dagen nadat de samenwerking is afgesloten'
	);
	await visit(holderPage, '/admin/privacy', { status: 404 });
});

test('on a 360 px phone the processing register, the handover list and the staff page do not scroll sideways', async ({
	newPage,
	mainApp
}) => {
	const admin = await newPage({ viewport: { width: 360, height: 740 }, storageState: mainApp.adminStorageState });
	for (const path of ['/admin/privacy', '/handovers', '/admin/staff']) {
		await visit(admin, path, { status: 200 });
		const width = await admin.evaluate(() => document.scrollingElement!.scrollWidth);
		expect(width, `scroll width of ${path} at 360 px`).toBeLessThanOrEqual(360);
	}
});
