// Keyboard use and small screens (WCAG 2.1.1, 2.4.1, 1.4.10).
import { createStaffMember, expect, mainFormButton, submit, test, visit, type Page } from './fixtures.ts';
import { signedInProfessional } from './support/quick-check.ts';

/** Presses Tab until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 15): Promise<void> {
	for (let presses = 0; presses < max; presses++) {
		await page.keyboard.press('Tab');
		if (await page.locator(selector).evaluate((element) => element === document.activeElement)) return;
	}
	throw new Error(`${selector} did not get focus within ${max} presses of Tab`);
}

async function expectSkipLinkFirst(page: Page) {
	await page.keyboard.press('Tab');
	const skipLink = page.locator('a.skip-link');
	await expect(skipLink).toBeFocused();
	await expect(skipLink).toHaveAttribute('href', '#main');
	await expect(skipLink).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('main#main')).toBeFocused();
	// The next Tab continues inside the main content, past the header.
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
}

test('the skip link is the first Tab stop and moves focus to the main content', async ({ page, adminPage }) => {
	await visit(page, '/sign-in');
	await expect(page.locator('a.skip-link')).toHaveText('Ga naar de inhoud');
	await expectSkipLinkFirst(page);

	// Also where the header has the whole menu in front of the content.
	await visit(adminPage, '/admin/staff');
	await expectSkipLinkFirst(adminPage);
});

test('the sign-in form can be completed with the keyboard alone', async ({ adminPage, newPage, mainApp }) => {
	const member = await createStaffMember(adminPage, await newPage(), mainApp, { label: 'toetsenbord' });
	const page = await newPage();
	await visit(page, '/sign-in');

	await tabTo(page, 'main input[name="email"]');
	await page.keyboard.type(member.email);
	await tabTo(page, 'main input[name="password"]', 3);
	await page.keyboard.type(member.password);
	await tabTo(page, 'main form button', 3);
	await submit(page, () => page.keyboard.press('Enter'));

	await expect(page).toHaveURL(/\/start$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${member.name}`);
});

test('at 320 px wide the sign-in and staff pages do not scroll sideways', async ({ adminPage, newPage, mainApp }) => {
	// Another member gives the staff table its widest row (with a deactivate button).
	await createStaffMember(adminPage, await newPage(), mainApp, { label: 'smal' });
	const viewport = { width: 320, height: 640 };
	const visitor = await newPage({ viewport });
	const admin = await newPage({ viewport, storageState: mainApp.adminStorageState });
	for (const [page, path] of [
		[visitor, '/sign-in'],
		[admin, '/admin/staff'],
		[admin, '/start']
	] as const) {
		await visit(page, path);
		await expect(page).toHaveURL(new RegExp(`${path}$`));
		const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
		expect(width, `scroll width of ${path} at 320 px`).toBeLessThanOrEqual(320);
	}
});

test('a refused form lists its errors at the top, and each one’s link takes the keyboard to its field', async ({
	adminPage,
	page,
	mainApp
}) => {
	await signedInProfessional(adminPage, page, mainApp, 'foutenlijst');
	await visit(page, '/collaborations/new');
	// No short name, and an address without a name beside it (and not an address either).
	await page.locator('input[name="participant1Email"]').fill('geen-adres');
	await submit(page, mainFormButton(page));

	const summary = page.getByRole('alert').filter({ hasText: 'fouten in het formulier' });
	await expect(summary, 'the summary is read first: it has focus as the page loads').toBeFocused();
	await expect(summary.getByRole('paragraph')).toHaveText('Er zijn 3 fouten in het formulier. Bekijk de velden hieronder.');
	const links = summary.getByRole('link');
	await expect(links).toHaveText([
		'Korte naam voor de samenwerking: Vul dit veld in.',
		'Deelnemer 1 – Naam of rol: Vul dit veld in.',
		'Deelnemer 1 – E-mailadres: Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.'
	]);

	await page.keyboard.press('Tab');
	await expect(links.first()).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Korte naam voor de samenwerking')).toBeFocused();
	await page.keyboard.type('Fam. Fout');

	await summary.focus();
	for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
	await expect(links.last()).toBeFocused();
	await page.keyboard.press('Enter');
	const email = page.locator('#participant1-email');
	await expect(email, 'the third link goes to the address of participant 1').toBeFocused();
	await expect(email).toBeInViewport();
	await expect(email).toHaveAccessibleDescription(/Vul een geldig e-mailadres in/);
});
