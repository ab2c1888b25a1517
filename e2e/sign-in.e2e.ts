// The sign-in form refuses bad input in the visitor's language and signs no one in.
import { checkPage, expect, fieldError, MAIN_ADMIN, mainFormButton, submit, switchLanguage, test, visit, type Page } from './fixtures.ts';

async function trySignIn(page: Page, email: string, password: string) {
	await page.locator('main input[name="email"]').fill(email);
	await page.locator('main input[name="password"]').fill(password);
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(/\/sign-in$/);
}

test('bad input on the sign-in form shows translated field errors and signs no one in', async ({ page }) => {
	await visit(page, '/sign-in');

	await trySignIn(page, '', '');
	await expect(fieldError(page, 'email')).toHaveText('Vul dit veld in.');
	await expect(fieldError(page, 'password')).toHaveText('Vul dit veld in.');
	await expect(page.locator('input[name="email"]')).toHaveAttribute('aria-describedby', 'field-email-error');

	await trySignIn(page, 'geen-adres', 'iets');
	await expect(fieldError(page, 'email')).toHaveText('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.');
	await expect(fieldError(page, 'password')).toHaveCount(0);

	// A wrong password gets one message that does not tell whether the account exists.
	await trySignIn(page, MAIN_ADMIN.email, 'dit is niet het wachtwoord');
	await expect(page.getByRole('alert')).toHaveText('E-mailadres of wachtwoord klopt niet.');
	await expect(page.locator('input[name="email"]')).toHaveValue(MAIN_ADMIN.email);
	await expect(page.locator('input[name="password"]')).toHaveValue('');
	await trySignIn(page, 'niemand@example.nl', 'dit is niet het wachtwoord');
	await expect(page.getByRole('alert')).toHaveText('E-mailadres of wachtwoord klopt niet.');

	await switchLanguage(page, 'en');
	await trySignIn(page, '', '');
	await expect(fieldError(page, 'email')).toHaveText('Please fill in this field.');
	await trySignIn(page, MAIN_ADMIN.email, 'this is not the password');
	await expect(page.getByRole('alert')).toHaveText('E-mail address or password is not correct.');

	// Still signed out.
	await visit(page, '/start');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fstart$/);
	expect((await page.context().cookies()).map((cookie) => cookie.name)).toEqual(['tweespraak_locale']);
});

test('a password reset link that no longer works says so and leads on to asking for a new one', async ({ page }) => {
	await visit(page, '/reset-password/no-longer-valid-link', { status: 410 });
	await expect(page.getByRole('main')).toContainText('Deze link om uw wachtwoord te herstellen is verlopen of al gebruikt.');
	// With JavaScript a link within the app is followed without a page load: click, then check where it led.
	await page.getByRole('link', { name: 'Nieuwe link aanvragen' }).click();
	await expect(page).toHaveURL(/\/forgot-password$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wachtwoord vergeten');
	await checkPage(page);
});
