// The one-time setup link, each test on a fresh installation of its own.
import { expect, fieldError, mainFormButton, submit, switchLanguage, test, visit, type Page } from './fixtures.ts';

const ADMIN = { name: 'Sanne Beheer', email: 'sanne@example.nl', password: 'beheerder met een lange zin' };

async function fillSetupForm(
	page: Page,
	values: Partial<Record<'organisationName' | 'adminName' | 'adminEmail' | 'password' | 'passwordConfirm', string>>
) {
	for (const [name, value] of Object.entries(values)) await page.locator(`main input[name="${name}"]`).fill(value);
}

const VALID = {
	organisationName: 'Buurtteam Zuid',
	adminName: ADMIN.name,
	adminEmail: ADMIN.email,
	password: ADMIN.password,
	passwordConfirm: ADMIN.password
};

test('the setup link works only once, and the new admin finds its first steps on Start', async ({ freshApp, newPage }) => {
	const operator = await newPage({ baseURL: freshApp.baseURL });
	await visit(operator, freshApp.setupLink, { status: 200 });
	await fillSetupForm(operator, VALID);
	await submit(operator, mainFormButton(operator));
	await expect(operator).toHaveURL(/\/admin\/staff$/);
	// The first admin is told what comes next, and how to get the collaborations as a professional.
	await expect(operator.getByRole('status')).toContainText('Je organisatie staat klaar. Nodig nu je collega’s uit');
	await expect(operator.getByRole('status')).toContainText('Zet dan bij je eigen naam de rol Professional aan.');
	// Start shows the admin, alone in the new organisation, its first steps, each a link.
	await visit(operator, '/start', { status: 200 });
	const firstSteps = operator.getByRole('region', { name: 'Eerste stappen' });
	const steps: [name: string, href: string][] = [
		['Nodig je collega’s uit', '/admin/staff'],
		['Bekijk de instellingen', '/admin/settings'],
		['Zet bij je eigen naam de rol Professional aan', '/admin/staff#list-title'],
		['Lees het verwerkingsregister', '/admin/privacy']
	];
	for (const [name, href] of steps) {
		await expect(firstSteps.getByRole('link', { name })).toHaveAttribute('href', href);
	}
	await expect(operator.getByRole('main')).not.toContainText('Er staat vandaag niets voor je klaar.');

	// Opening it again, signed in or not, shows why it no longer works: 410 Gone, no form.
	const stranger = await newPage({ baseURL: freshApp.baseURL });
	for (const page of [stranger, operator]) {
		await visit(page, freshApp.setupLink, { status: 410 });
		await expect(page.getByRole('main')).toContainText('Tweespraak is al ingericht. Deze link werkt niet meer.');
		await expect(page.locator('main form')).toHaveCount(0);
	}
	await switchLanguage(stranger, 'en');
	await expect(stranger.getByRole('main')).toContainText('Tweespraak has already been set up. This link no longer works.');
});

test('bad input on the setup form shows translated field errors and sets nothing up', async ({ freshApp, newPage }) => {
	const page = await newPage({ baseURL: freshApp.baseURL });
	await visit(page, freshApp.setupLink, { status: 200 });

	// Nothing filled in: every required field says so, in Dutch.
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(freshApp.setupLink);
	for (const name of ['organisationName', 'adminName', 'adminEmail']) {
		await expect(fieldError(page, name)).toHaveText('Vul dit veld in.');
		await expect(page.locator(`input[name="${name}"]`)).toHaveAttribute('aria-invalid', 'true');
	}
	await expect(fieldError(page, 'password')).toHaveText('Het wachtwoord moet minstens 12 tekens hebben.');

	// The same mistakes in English; what was typed (but never a password) comes back.
	await switchLanguage(page, 'en');
	await fillSetupForm(page, { ...VALID, adminEmail: 'not-an-address', password: 'short', passwordConfirm: 'short' });
	await submit(page, mainFormButton(page));
	await expect(fieldError(page, 'adminEmail')).toHaveText('Enter a valid e-mail address, such as name@example.com.');
	await expect(fieldError(page, 'password')).toHaveText('The password must have at least 12 characters.');
	await expect(fieldError(page, 'organisationName')).toHaveCount(0);
	await expect(page.locator('input[name="organisationName"]')).toHaveValue(VALID.organisationName);
	await expect(page.locator('input[name="adminEmail"]')).toHaveValue('not-an-address');
	await expect(page.locator('input[name="password"]')).toHaveValue('');

	await fillSetupForm(page, { ...VALID, passwordConfirm: `${VALID.password}!` });
	await submit(page, mainFormButton(page));
	await expect(fieldError(page, 'passwordConfirm')).toHaveText('The two passwords are not the same.');

	// Nothing was set up: the link still works for someone else, and then works once.
	const other = await newPage({ baseURL: freshApp.baseURL });
	await visit(other, freshApp.setupLink, { status: 200 });
	await fillSetupForm(other, VALID);
	await submit(other, mainFormButton(other));
	await expect(other).toHaveURL(/\/admin\/staff$/);
});
