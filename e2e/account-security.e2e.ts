// A professional changes their password on one device: the other device is signed out at once,
// a notice mail arrives, and the new password signs in. Then "sign out on other devices" ends a
// session opened meanwhile, and a device's own button signs out that one alone. Done with the
// keyboard, the laptop without JavaScript; every page is checked with axe by the harness. The rules
// (throttling, provider-only accounts, both databases) are in
// src/lib/server/auth/account-security.integration.test.ts.
import { createStaffMember, expect, loginAs, readMails, signIn, submit, submitAndRedirect, test, visit, type Page } from './fixtures.ts';

const NEW_PASSWORD = 'mijn nieuwe lange wachtwoord';

/** Types into a field reached with Tab from the one before (the labels name them). */
async function typeInto(page: Page, label: string, text: string) {
	const field = page.getByLabel(label, { exact: true });
	await field.focus();
	await page.keyboard.type(text);
}

async function expectSignedOut(page: Page) {
	await visit(page, '/account');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
}

test('changing the password on one device signs the other out and mails a notice; the new password signs in; sign out on other devices ends the rest, and one device can be signed out alone', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	// The laptop without scripts: every step is a plain form post or link.
	const laptop = await newPage({ javaScriptEnabled: false });
	const phone = await newPage();
	const member = await createStaffMember(adminPage, laptop, mainApp, { label: 'wachtwoord' });
	await signIn(laptop, mainApp, member.email, member.password);
	await signIn(phone, mainApp, member.email, member.password);

	await visit(laptop, '/account', { status: 200 });
	const sessions = laptop.getByRole('region', { name: 'Afmelden op andere apparaten' });
	await expect(sessions).toContainText('Je bent nog op 1 ander apparaat ingelogd:');
	await expect(sessions.getByRole('listitem')).toHaveCount(1);

	// To the form by keyboard.
	const link = laptop.getByRole('link', { name: 'Wachtwoord wijzigen' });
	await link.focus();
	await submit(laptop, () => laptop.keyboard.press('Enter'));
	await expect(laptop).toHaveURL(/\/account\/password$/);

	// A wrong current password: a clear message, nothing changed, the phone still signed in.
	await typeInto(laptop, 'Huidig wachtwoord', 'niet mijn wachtwoord');
	await typeInto(laptop, 'Nieuw wachtwoord', NEW_PASSWORD);
	await typeInto(laptop, 'Herhaal het wachtwoord', NEW_PASSWORD);
	await submit(laptop, () => laptop.keyboard.press('Enter'));
	await expect(laptop.getByRole('alert')).toHaveText('Dit wachtwoord klopt niet.');
	await visit(phone, '/account', { status: 200 });

	await typeInto(laptop, 'Huidig wachtwoord', member.password);
	await typeInto(laptop, 'Nieuw wachtwoord', NEW_PASSWORD);
	await typeInto(laptop, 'Herhaal het wachtwoord', NEW_PASSWORD);
	await submitAndRedirect(laptop, () => laptop.keyboard.press('Enter'));
	await expect(laptop).toHaveURL(/\/account$/);
	await expect(laptop.getByRole('status')).toHaveText('Je wachtwoord is gewijzigd. Op je andere apparaten ben je afgemeld.');
	await expect(sessions).toContainText('Je bent nu nergens anders ingelogd.');

	// The phone is out at its next request.
	await expectSignedOut(phone);
	await expect
		.poll(() => readMails(mainApp.outboxDir, { to: member.email }).map((mail) => mail.subject))
		.toContain('Je wachtwoord voor Tweespraak is gewijzigd');
	const notice = readMails(mainApp.outboxDir, { to: member.email }).find((mail) => mail.subject.includes('gewijzigd'))!;
	expect(notice.text).toContain('Deed je dit niet zelf?');

	// The new password signs in; the laptop is still signed in.
	await loginAs(phone, member.email, NEW_PASSWORD);
	await visit(laptop, '/account', { status: 200 });
	await expect(sessions).toContainText('Je bent nog op 1 ander apparaat ingelogd:');

	// Sign out on other devices: the phone is out again, the laptop stays.
	await sessions.getByRole('button', { name: 'Afmelden op andere apparaten' }).focus();
	await submitAndRedirect(laptop, () => laptop.keyboard.press('Enter'));
	await expect(laptop.getByRole('status')).toHaveText('Je bent op je andere apparaten afgemeld.');
	await expect(sessions).toContainText('Je bent nu nergens anders ingelogd.');
	await expectSignedOut(phone);

	// One device by its own button: the phone signs in again and is signed out from the laptop.
	await loginAs(phone, member.email, NEW_PASSWORD);
	await visit(laptop, '/account', { status: 200 });
	const endPhone = sessions.getByRole('button', { name: /^Afmelden: .*, ingelogd op / });
	await expect(endPhone).toHaveCount(1);
	await endPhone.focus();
	await submitAndRedirect(laptop, () => laptop.keyboard.press('Enter'));
	await expect(laptop.getByRole('status')).toHaveText('Je bent op dat apparaat afgemeld.');
	await expect(sessions).toContainText('Je bent nu nergens anders ingelogd.');
	await expectSignedOut(phone);
});
