// Who may open what. Not allowed answers 404, exactly like not found; other organisations'
// people cannot be seen or touched (cross-tenant regressions, as in Formbricks' suite).
import {
	acceptInvitation,
	createStaffMember,
	expect,
	inviteAndGetLink,
	MAIN_ADMIN,
	MAIN_ORGANISATION,
	runCli,
	signIn,
	test,
	uniqueEmail,
	visit,
	type Page
} from './fixtures.ts';

const NOT_FOUND_NL = 'Deze pagina bestaat niet, of is afgeschermd.';

/** Posts a form action the way a browser form would, bypassing the page (and its buttons). */
function postAction(page: Page, baseURL: string, action: string, form: Record<string, string>) {
	return page.request.post(`/admin/staff?/${action}`, { form, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
}

/** The user id in the hidden field of a staff row (the roles form), found by the person's name. */
async function userIdOf(adminPage: Page, name: string): Promise<string> {
	const row = adminPage.getByRole('row').filter({ has: adminPage.getByRole('rowheader', { name: new RegExp(name) }) });
	const id = await row.locator('input[name="userId"]').first().inputValue();
	expect(id).not.toBe('');
	return id;
}

function statusCell(adminPage: Page, name: string) {
	return adminPage
		.getByRole('row')
		.filter({ has: adminPage.getByRole('rowheader', { name: new RegExp(name) }) })
		.getByRole('cell')
		.nth(2);
}

test('a signed-out visitor opening an admin page is sent to sign in', async ({ page, mainApp }) => {
	await visit(page, '/admin/staff');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fstaff$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
	await visit(page, '/admin/settings');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fsettings$/);

	const response = await postAction(page, mainApp.baseURL, 'deactivate', { userId: 'anything' });
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toMatch(/^\/sign-in\?next=/);
});

test('a professional gets 404 on the admin pages and on their form actions', async ({ adminPage, newPage, mainApp }) => {
	const proPage = await newPage();
	const pro = await createStaffMember(adminPage, proPage, mainApp, { label: 'pro', roles: ['professional'] });
	await signIn(proPage, mainApp, pro.email, pro.password);
	await expect(proPage.getByRole('navigation').getByRole('link', { name: 'Medewerkers' })).toHaveCount(0);

	for (const path of ['/admin/staff', '/admin/settings']) {
		await visit(proPage, path, { status: 404 });
		await expect(proPage.getByRole('main')).toContainText(NOT_FOUND_NL);
	}

	await visit(adminPage, '/admin/staff');
	const adminId = await userIdOf(adminPage, MAIN_ADMIN.name);
	const deactivate = await postAction(proPage, mainApp.baseURL, 'deactivate', { userId: adminId });
	expect(deactivate.status()).toBe(404);
	const invited = uniqueEmail('via-pro');
	const invite = await postAction(proPage, mainApp.baseURL, 'invite', { email: invited, roles: 'admin', locale: 'nl', teamId: '' });
	expect(invite.status()).toBe(404);
	const settings = await proPage.request.post('/admin/settings', {
		form: { name: 'Overgenomen', clientTerm: 'client', defaultLocale: 'nl', minGroupSize: '5', retentionDays: '365' },
		headers: { origin: mainApp.baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(settings.status()).toBe(404);

	// Nothing changed: the admin is still active, nobody was invited, the name is the same.
	await visit(adminPage, '/admin/staff');
	await expect(statusCell(adminPage, MAIN_ADMIN.name)).toHaveText('Actief');
	await expect(adminPage.getByRole('main')).not.toContainText(invited);
	await visit(proPage, '/start');
	await expect(proPage.getByRole('main')).toContainText(MAIN_ORGANISATION);
});

test('an admin of organisation A cannot see or change the staff of organisation B', async ({ adminPage, newPage, mainApp }) => {
	// Organisation B on the same installation, made by the operator's command line.
	const bAdmin = { name: 'Bram van B', email: uniqueEmail('admin-b'), password: 'beheerder van organisatie b' };
	const cli = runCli(mainApp, ['create-organisation', '--name', 'Organisatie B', '--admin-email', bAdmin.email]);
	expect(cli.status, cli.stderr).toBe(0);
	const link = cli.stdout.match(/https?:\/\/\S+\/invitation\/\S+/)?.[0];
	expect(link, cli.stdout).toBeDefined();

	const bPage = await newPage();
	await acceptInvitation(bPage, link!, bAdmin);
	await signIn(bPage, mainApp, bAdmin.email, bAdmin.password);
	await expect(bPage.getByRole('main')).toContainText('Organisatie B');
	const bColleague = uniqueEmail('collega-b');
	await inviteAndGetLink(bPage, mainApp, { email: bColleague });
	const bAdminId = await userIdOf(bPage, bAdmin.name);
	const bInvitationId = await bPage
		.getByRole('listitem')
		.filter({ hasText: bColleague })
		.locator('input[name="invitationId"]')
		.first()
		.inputValue();

	// A sees only A.
	await visit(adminPage, '/admin/staff');
	await expect(adminPage.getByRole('main')).not.toContainText(bAdmin.email);
	await expect(adminPage.getByRole('main')).not.toContainText(bColleague);

	// And cannot reach into B with B's ids, whatever the action.
	const attempts = [
		postAction(adminPage, mainApp.baseURL, 'deactivate', { userId: bAdminId }),
		postAction(adminPage, mainApp.baseURL, 'roles', { userId: bAdminId, roles: 'professional' }),
		postAction(adminPage, mainApp.baseURL, 'revoke', { invitationId: bInvitationId })
	];
	for (const response of await Promise.all(attempts)) expect(response.status()).toBe(404);

	// B is untouched: still an active admin, the invitation still open, the session still valid.
	await visit(bPage, '/admin/staff');
	await expect(statusCell(bPage, bAdmin.name)).toHaveText('Actief');
	const bRow = bPage.getByRole('row').filter({ has: bPage.getByRole('rowheader', { name: new RegExp(bAdmin.name) }) });
	await expect(bRow.locator('input[name="roles"][value="admin"]')).toBeChecked();
	await expect(bPage.getByRole('listitem').filter({ hasText: bColleague })).toHaveCount(1);
	await expect(bPage.getByRole('main')).not.toContainText(MAIN_ADMIN.email);
});
