// The sign-in form refuses bad input in the visitor's language and signs no one in.
import {
	checkPage,
	createStaffMember,
	expect,
	extractLink,
	fieldError,
	loginAs,
	MAIN_ADMIN,
	mainFormButton,
	submit,
	switchLanguage,
	test,
	visit,
	waitForMail,
	type Page
} from './fixtures.ts';

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
	await expect(page.getByRole('main')).toContainText('Deze link om je wachtwoord te herstellen is verlopen of al gebruikt.');
	// With JavaScript a link within the app is followed without a page load: click, then check where it led.
	await page.getByRole('link', { name: 'Nieuwe link aanvragen' }).click();
	await expect(page).toHaveURL(/\/forgot-password$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wachtwoord vergeten');
	await checkPage(page);
});

test("a stranger who fills an account's sign-in limit does not keep its owner out: the password reset makes the owner's browser known", async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const owner = await newPage();
	const stranger = await newPage();
	const member = await createStaffMember(adminPage, owner, mainApp, { label: 'reset-known' });
	const NEW_PASSWORD = 'een nieuw en lang wachtwoord';
	/** The stranger's sign-in posts, from a browser the account never used. */
	const strangerSignIn = async (password: string) =>
		(
			await stranger.request.post('/sign-in', {
				form: { email: member.email, password },
				headers: { origin: mainApp.baseURL, accept: 'text/html' },
				maxRedirects: 0
			})
		).status();
	for (let i = 0; i < 5; i++) expect(await strangerSignIn(`fout ${i}`)).toBe(400);
	expect(await strangerSignIn(member.password), 'the account now waits in a new browser').toBe(429);

	// The owner asks for a new password, from the mail's link.
	await visit(owner, '/forgot-password');
	await owner.locator('main input[name="email"]').fill(member.email);
	await submit(owner, mainFormButton(owner));
	await visit(owner, extractLink(await waitForMail(mainApp, member.email), '/reset-password/'), { status: 200 });
	await owner.locator('main input[name="password"]').fill(NEW_PASSWORD);
	await owner.locator('main input[name="passwordConfirm"]').fill(NEW_PASSWORD);
	await submit(owner, mainFormButton(owner));
	await expect(owner).toHaveURL(/\/sign-in\?passwordChanged=1$/);
	const known = (await owner.context().cookies()).find((cookie) => cookie.name === 'tweespraak_known_device');
	expect(known, 'the reset made this browser known').toMatchObject({ path: '/sign-in', httpOnly: true, sameSite: 'Lax' });

	// The stranger fills the limit again before the owner signs in; the owner's browser gets in all the same.
	for (let i = 0; i < 5; i++) expect(await strangerSignIn(`weer fout ${i}`)).toBe(400);
	expect(await strangerSignIn(NEW_PASSWORD), 'a new browser still waits').toBe(429);
	await loginAs(owner, member.email, NEW_PASSWORD);
});
