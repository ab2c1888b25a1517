// Issue 12 (1): on a slow phone people type before the page's script has started. When it
// starts (hydrates), nothing typed, chosen or ticked may be lost, and what was typed is what is
// saved. The app's scripts are held back until the test has filled in every form of the page.
import {
	checkPage,
	createStaffMember,
	expect,
	inviteAndGetLink,
	mainFormButton,
	signIn,
	submit,
	switchLanguage,
	test,
	uniqueEmail,
	visit,
	type Page
} from './fixtures.ts';
import { signedInProfessional, startQuickCheck } from './support/quick-check.ts';

type Snapshot = (string | number | boolean)[];

/**
 * Opens `url` while the app's scripts (/_app/immutable/…js) are held back, lets `typeWhileLoading`
 * fill in the page, then lets the scripts run and waits until the app has started on the page.
 */
async function openBeforeScripts(page: Page, url: string, typeWhileLoading: () => Promise<void>): Promise<void> {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	const scripts = /\/_app\/immutable\/.*\.js$/;
	await page.route(scripts, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	await expect(page.locator('html'), 'the app has not started yet').not.toHaveAttribute('data-started');
	await typeWhileLoading();
	release();
	await page.locator('html[data-started]').waitFor({ state: 'attached' });
	await page.unroute(scripts);
	await page.waitForLoadState('load');
	await checkPage(page);
}

/** The state of every control in the page's forms: text, ticked or not, the chosen option. */
function readControls(page: Page): Promise<Snapshot> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('main form :is(input, textarea, select)')]
			.filter((control) => !['hidden', 'submit', 'button'].includes(control.type))
			.map((control) =>
				control instanceof HTMLSelectElement
					? control.selectedIndex
					: control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')
						? control.checked
						: control.value
			)
	);
}

/**
 * Changes every control of every form on the page, as a person would before the script starts:
 * new text in each box, each checkbox turned over, another radio and another option chosen.
 */
async function changeEveryControl(page: Page): Promise<void> {
	await page.evaluate(() => {
		const radioGroupsDone = new Set<string>();
		const controls = document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
			'main form :is(input, textarea, select)'
		);
		controls.forEach((control, index) => {
			if (control instanceof HTMLSelectElement) {
				if (control.options.length > 1) control.selectedIndex = (control.selectedIndex + 1) % control.options.length;
			} else if (control instanceof HTMLTextAreaElement) {
				control.value = `Getypt voor de start ${index}`;
			} else if (control.type === 'checkbox') {
				control.checked = !control.checked;
			} else if (control.type === 'radio') {
				const group = `${control.form?.id ?? ''}|${control.name}`;
				if (radioGroupsDone.has(group)) return;
				// A page form's radios are spread over the page (src/lib/page-form.ts): their names are unique there.
				const scope = !control.form || control.form.id === 'page-form' ? document : control.form;
				const choices = [...scope.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${control.name}"]`)];
				const other = choices.find((choice) => !choice.checked);
				if (other) other.checked = true;
				radioGroupsDone.add(group);
			} else if (control.type === 'date') {
				control.value = '2031-02-03';
			} else if (control.type === 'number') {
				control.value = String(3 + (index % 5));
			} else if (control.type === 'email') {
				control.value = `getypt${index}@example.nl`;
			} else if (!['hidden', 'submit', 'button'].includes(control.type)) {
				control.value = `Getypt ${index}`;
			}
		});
	});
}

/** Every form on the page keeps what was filled in before the script started. */
async function expectEverythingKept(page: Page, url: string): Promise<void> {
	let original: Snapshot = [];
	let typed: Snapshot = [];
	await openBeforeScripts(page, url, async () => {
		original = await readControls(page);
		await changeEveryControl(page);
		typed = await readControls(page);
	});
	expect(typed.length, `${url} has form controls`).toBeGreaterThan(0);
	expect(typed, `${url}: the test changed what it could`).not.toEqual(original);
	expect(await readControls(page), `${url}: nothing typed, ticked or chosen before the start is lost`).toEqual(typed);
}

test('signed out: what is typed on sign-in before the page script starts is kept and sent', async ({ page }) => {
	test.slow();
	await expectEverythingKept(page, '/sign-in');
});

test('the join page, a client’s first page on their phone, loads no app script: what is typed is what the browser sends', async ({
	page
}) => {
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	await visit(page, '/join');
	await page.locator('#join-code').fill('zzzzzz');
	await page.locator('main form button').click();
	await expect(page, 'the code typed was sent').toHaveURL(/\/join\?code=zzzzzz$/);
	await page.waitForLoadState('load');
	await checkPage(page);
	expect(await page.locator('script[src*="/_app/"], link[rel="modulepreload"]').count(), 'no app script in the page').toBe(0);
	expect(
		scripts.filter((script) => script.startsWith('/_app/')),
		'no app script fetched'
	).toEqual([]);
});

test('the invitation and the admin pages keep what was typed before the page script started', async ({ page, adminPage, mainApp }) => {
	test.slow();
	// The name typed before the start is the account's name.
	const email = uniqueEmail('hydration-invitee');
	const link = await inviteAndGetLink(adminPage, mainApp, { email });
	await openBeforeScripts(page, link, async () => {
		await page.locator('main input[name="name"]').fill('Vroeg Getypt');
		await page.locator('main input[name="password"]').fill('een heel lang wachtwoord');
		await page.locator('main input[name="passwordConfirm"]').fill('een heel lang wachtwoord');
	});
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(/\/sign-in\?accountCreated=1$/);
	await visit(adminPage, '/admin/staff');
	await expect(adminPage.getByRole('main')).toContainText('Vroeg Getypt');

	for (const url of ['/admin/settings', '/admin/staff', '/admin/teams']) await expectEverythingKept(adminPage, url);
});

test('a professional’s forms keep what was typed before the page script started and save it', async ({ page, adminPage, mainApp }) => {
	test.setTimeout(300_000);
	await signedInProfessional(adminPage, page, mainApp, 'hydration-pro');
	await openBeforeScripts(page, '/collaborations/new', async () => {
		await page.locator('input[name="label"]').fill('Fam. Vroeg');
		await page.locator('input[name="participant1Name"]').fill('Vera');
		await page.locator('select[name="participant1Locale"]').selectOption('en');
	});
	await submit(page, mainFormButton(page));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Fam. Vroeg');
	const collaborationId = new URL(page.url()).pathname.split('/').at(-1)!;

	await visit(page, `/collaborations/${collaborationId}/edit`);
	await expect(page.locator('select[name$=":locale"]').first(), 'the language chosen before the start was saved').toHaveValue('en');

	await expectEverythingKept(page, `/collaborations/${collaborationId}/edit`);
	const check = await startQuickCheck(page, collaborationId);
	await expectEverythingKept(page, check.path);

	// The handover PIN typed before the start is the PIN that is saved.
	await openBeforeScripts(page, '/account', async () => {
		await changeEveryControl(page);
		await page.locator('form[action="?/setPin"] input[name="pin"]').fill('4821');
		await page.locator('form[action="?/setPin"] input[name="password"]').fill('een heel lang wachtwoord');
	});
	await submit(page, page.locator('form[action="?/setPin"] button'));
	await expect(page.getByRole('status')).toHaveText('Je pincode is opgeslagen.');
});

test('in English, a new trajectory typed before the page script started is created as typed', async ({ page, adminPage, mainApp }) => {
	test.slow();
	const coordinator = await createStaffMember(adminPage, page, mainApp, { label: 'hydration-coord', roles: ['trajectoryCoordinator'] });
	await signIn(page, mainApp, coordinator.email, coordinator.password);
	await switchLanguage(page, 'en');
	await openBeforeScripts(page, '/trajectories/new', async () => {
		await changeEveryControl(page);
		await page.locator('input[name="name"]').fill('Early trajectory');
	});
	await submit(page, mainFormButton(page));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Early trajectory');
	await expectEverythingKept(page, `${new URL(page.url()).pathname}/settings`);
});

test('the setup form keeps what was typed before the page script started and sets up with it', async ({ freshApp, newPage }) => {
	test.slow();
	const page = await newPage({ baseURL: freshApp.baseURL });
	await expectEverythingKept(page, freshApp.setupLink);
	await openBeforeScripts(page, freshApp.setupLink, async () => {
		await page.locator('input[name="organisationName"]').fill('Vroege Organisatie');
		await page.locator('select[name="defaultLocale"]').selectOption('en');
		await page.locator('input[name="adminName"]').fill('Vroege Beheerder');
		await page.locator('input[name="adminEmail"]').fill('vroeg@example.nl');
		await page.locator('input[name="password"]').fill('een heel lang wachtwoord');
		await page.locator('input[name="passwordConfirm"]').fill('een heel lang wachtwoord');
	});
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(/\/admin\/staff$/);
	await visit(page, '/admin/settings');
	await expect(page.locator('input[name="name"]')).toHaveValue('Vroege Organisatie');
	await expect(page.locator('select[name="defaultLocale"]')).toHaveValue('en');
});
