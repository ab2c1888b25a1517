// Invitation links and the invite form, on the shared server as organisation A's admin.
import {
	acceptInvitation,
	expect,
	fieldError,
	inviteAndGetLink,
	MAIN_ADMIN,
	readMails,
	sendInvite,
	submit,
	switchLanguage,
	test,
	uniqueEmail,
	visit
} from './fixtures.ts';

const INVALID_LINK_NL = 'Deze uitnodiging is al gebruikt, ingetrokken of verlopen. Vraag de beheerder om een nieuwe.';

test('a used or withdrawn invitation link shows the invalid-link message', async ({ adminPage, newPage, mainApp }) => {
	const email = uniqueEmail('gebruikt');
	const link = await inviteAndGetLink(adminPage, mainApp, { email });
	const invitee = await newPage();
	await acceptInvitation(invitee, link, { name: 'Eva Eenmalig', password: 'een heel lang wachtwoord' });

	await visit(invitee, link, { status: 410 });
	await expect(invitee.getByRole('main')).toContainText(INVALID_LINK_NL);
	await expect(invitee.locator('main form')).toHaveCount(0);

	// Posting the form again directly does not make a second account either.
	const again = await invitee.request.post(link, {
		form: { name: 'Eva Tweemaal', password: 'een ander lang wachtwoord', passwordConfirm: 'een ander lang wachtwoord' },
		headers: { origin: mainApp.baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(again.status()).toBe(410);

	// A withdrawn invitation's link says the same.
	const withdrawnEmail = uniqueEmail('ingetrokken');
	const withdrawnLink = await inviteAndGetLink(adminPage, mainApp, { email: withdrawnEmail });
	const row = adminPage.getByRole('listitem').filter({ hasText: withdrawnEmail });
	await submit(adminPage, row.getByRole('button', { name: /^Intrekken/ }));
	await expect(adminPage.getByRole('status')).toHaveText('De uitnodiging is ingetrokken.');
	await expect(adminPage.getByRole('listitem').filter({ hasText: withdrawnEmail })).toHaveCount(0);
	await visit(invitee, withdrawnLink, { status: 410 });
	await expect(invitee.getByRole('main')).toContainText(INVALID_LINK_NL);
});

test('a second invitation to the same address shows the duplicate message and sends no second mail', async ({ adminPage, mainApp }) => {
	const email = uniqueEmail('dubbel');
	await inviteAndGetLink(adminPage, mainApp, { email });
	expect(readMails(mainApp.outboxDir, { to: email })).toHaveLength(1);

	await sendInvite(adminPage, { email, roles: ['teamLead'] });
	await expect(adminPage.getByRole('alert')).toHaveText('Dit e-mailadres heeft al een open uitnodiging.');
	await expect(adminPage.getByRole('status')).toHaveCount(0);
	await expect(adminPage.locator('form[action="?/invite"] input[name="email"]')).toHaveValue(email);
	// The roles ticked come back with the address, ticked as they were.
	const roleBox = (role: string) => adminPage.locator(`form[action="?/invite"] input[name="roles"][value="${role}"]`);
	await expect(roleBox('teamLead')).toBeChecked();
	await expect(roleBox('professional')).not.toBeChecked();
	await expect(adminPage.getByRole('listitem').filter({ hasText: email })).toHaveCount(1);
	expect(readMails(mainApp.outboxDir, { to: email })).toHaveLength(1);

	// Someone already on the staff is not invited again either.
	await sendInvite(adminPage, { email: MAIN_ADMIN.email });
	await expect(adminPage.getByRole('alert')).toHaveText('Deze persoon heeft al een account in je organisatie.');
	expect(readMails(mainApp.outboxDir, { to: MAIN_ADMIN.email })).toHaveLength(0);
});

test('bad input on the invite form shows translated field errors and invites no one', async ({ adminPage, mainApp }) => {
	await visit(adminPage, '/admin/staff');
	// No role is ticked beforehand: the admin chooses the roles on purpose.
	const roleBoxes = adminPage.locator('form[action="?/invite"] input[name="roles"]');
	expect(await roleBoxes.count()).toBeGreaterThan(0);
	for (const box of await roleBoxes.all()) await expect(box).not.toBeChecked();
	await sendInvite(adminPage, { email: '', roles: [] });
	await expect(fieldError(adminPage, 'email')).toHaveText('Vul dit veld in.');
	await expect(adminPage.locator('#roles-error')).toHaveText('Kies minstens één rol.');
	await expect(adminPage.locator('form[action="?/invite"] fieldset')).toHaveAttribute('aria-describedby', 'roles-error');

	await sendInvite(adminPage, { email: 'geen-e-mailadres' });
	await expect(fieldError(adminPage, 'email')).toHaveText('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.');
	await expect(adminPage.locator('#roles-error')).toHaveCount(0);

	// A good address without a role is refused as a whole: no invitation, no mail.
	const noRole = uniqueEmail('zonder-rol');
	await switchLanguage(adminPage, 'en');
	await sendInvite(adminPage, { email: noRole, roles: [] });
	await expect(adminPage.locator('#roles-error')).toHaveText('Choose at least one role.');
	// What was typed stays; still no role is ticked for the admin.
	await expect(adminPage.locator('form[action="?/invite"] input[name="email"]')).toHaveValue(noRole);
	for (const box of await roleBoxes.all()) await expect(box).not.toBeChecked();
	// Roles that were ticked stay ticked when something else is wrong.
	await sendInvite(adminPage, { email: 'geen-e-mailadres', roles: ['teamLead'] });
	await expect(roleBoxes.and(adminPage.locator('[value="teamLead"]'))).toBeChecked();
	await expect(roleBoxes.and(adminPage.locator('[value="professional"]'))).not.toBeChecked();
	await sendInvite(adminPage, { email: '' });
	await expect(fieldError(adminPage, 'email')).toHaveText('Please fill in this field.');

	await expect(adminPage.getByRole('status')).toHaveCount(0);
	await visit(adminPage, '/admin/staff');
	await expect(adminPage.getByRole('main')).not.toContainText(noRole);
	expect(readMails(mainApp.outboxDir, { to: noRole })).toHaveLength(0);
	expect(readMails(mainApp.outboxDir, { to: 'geen-e-mailadres' })).toHaveLength(0);
});
