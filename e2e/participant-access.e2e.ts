// What a participant's browser can reach: its own conversation's screen and nothing else. A
// device the professional hands to a client shows only the client's screen until the
// professional takes it back with their PIN or password.
import jsQR from 'jsqr';
import { checkPage, expect, submit, test, visit, type Page } from './fixtures.ts';
import {
	createCollaborationByPost,
	DESKTOP,
	joinWithCode,
	PHONE,
	professionalWithCollaboration,
	rate,
	type Ratings,
	setHandoverPin,
	signedInProfessional,
	startQuickCheck
} from './support/quick-check.ts';
import { signIn, submitAndRedirect, switchLanguage } from './support/actions.ts';
import { answerFeedback, startFeedbackOnTheSpot } from './support/session-feedback.ts';

const RATINGS: Ratings = { omgang: 60, luisteren: 60, contact: 80, plan: 40, afspraken: 100 };

/** Opens each path and expects to land on the client-only screen /c. */
async function expectOnlyClientScreen(page: Page, paths: string[], heading: string | RegExp) {
	for (const path of paths) {
		await visit(page, path);
		await expect(page, `${path} leads to the client's screen`).toHaveURL(/\/c$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
	}
}

test('a participant’s device reaches only its own conversation, never another one, a collaboration or a staff page', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const { page: proPage, collaborationId: mine } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-toegang', {
		label: `Eigen ${Date.now().toString(36)}`,
		participants: [{ name: 'Sem Eigen' }]
	});
	const myCheck = await startQuickCheck(proPage, mine);
	const otherLabel = `Ander ${Date.now().toString(36)}`;
	const other = await createCollaborationByPost(proPage, mainApp, { label: otherLabel, participants: [{ name: 'Tess Ander' }] });
	const otherCheck = await startQuickCheck(proPage, other);

	const clientPage = await newPage({ viewport: PHONE });
	await joinWithCode(clientPage, myCheck.code, 'Sem Eigen');
	const ratingTitle = 'Hoe gaat onze samenwerking?';
	await expectOnlyClientScreen(
		clientPage,
		[
			otherCheck.path,
			`/collaborations/${other}`,
			myCheck.path,
			`/collaborations/${mine}`,
			'/collaborations',
			'/start',
			'/admin/staff',
			'/account'
		],
		ratingTitle
	);
	await expect(clientPage.getByRole('main')).toContainText('Je doet mee als Sem Eigen.');
	await expect(clientPage.getByRole('main')).not.toContainText('Tess Ander');
	await expect(clientPage.getByRole('main')).not.toContainText(otherLabel);

	// Not through the live updates either, nor by posting to the professional's forms.
	const live = await clientPage.request.get(`/live/conversations/${otherCheck.conversationId}`, { maxRedirects: 0 });
	expect(live.status(), 'the other conversation’s live updates').toBe(404);
	const reveal = await clientPage.request.post(`${otherCheck.path}?/reveal`, {
		form: {},
		headers: { origin: mainApp.baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(reveal.status()).toBe(303);
	expect(reveal.headers()['location']).toBe('/c');

	// The other conversation is untouched: its participant has not joined, nothing was revealed.
	await visit(proPage, otherCheck.path, { status: 200 });
	await expect(proPage.getByRole('main')).toContainText('Tess Ander nog niet ingevuld');
	await expect(proPage.locator('svg.reveal-line')).toHaveCount(0);
});

test('a handed-over device shows only the client’s screen until the professional takes it back with PIN or password, or signs out on it', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const page = await newPage({ viewport: DESKTOP });
	const pro = await signedInProfessional(adminPage, page, mainApp, 'begeleider-overdracht', { open: false });
	await setHandoverPin(page, '2580', pro.password);
	await expect(page.getByRole('status')).toHaveText('Je pincode is opgeslagen.');
	const collaborationId = await createCollaborationByPost(page, mainApp, {
		label: `Overdracht ${Date.now().toString(36)}`,
		participants: [{ name: 'Lotte Tablet' }]
	});
	const check = await startQuickCheck(page, collaborationId);

	// The professional hands this device to the client.
	await submit(page, page.getByRole('button', { name: 'Geef dit apparaat aan Lotte Tablet' }));
	await expect(page).toHaveURL(/\/c$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat onze samenwerking?');
	await expect(page.getByRole('banner')).not.toContainText(pro.name);

	// Nothing of the professional's view opens on it.
	await expectOnlyClientScreen(
		page,
		['/start', '/collaborations', `/collaborations/${collaborationId}`, check.path, '/admin/staff', '/account'],
		'Hoe gaat onze samenwerking?'
	);

	// The client answers; the screen then asks to give the device back and shows no answers.
	await rate(page, RATINGS);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');
	await expect(page.getByRole('main')).toContainText('Geef het apparaat terug aan de begeleider.');
	await expectOnlyClientScreen(page, ['/start', check.path], 'Dank je wel!');

	// Deleting the device's cookies does not open the professional's view either.
	await page.context().clearCookies({ name: 'tweespraak_device' });
	await page.context().clearCookies({ name: 'tweespraak_handover' });
	for (const path of ['/start', check.path, '/collaborations']) {
		await visit(page, path);
		await expect(page, `${path} stays locked`).toHaveURL(/\/handover\/return$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apparaat teruggeven');
		// The conversation still runs: not "afgelopen", but to whom the device was given.
		await expect(page.getByRole('main')).toContainText('Dit apparaat is nog aan Lotte Tablet gegeven. Geef het terug aan je begeleider.');
		await expect(page.getByRole('main')).not.toContainText('afgelopen');
	}

	// A wrong PIN does not unlock it; the right one does, and the professional is back.
	await page.locator('form[action="?/pin"] input[name="pin"]').fill('1357');
	await submit(page, page.locator('form[action="?/pin"] button'));
	await expect(page).toHaveURL(/\/handover\/return/);
	await expect(page.getByRole('alert')).toBeVisible();
	await page.locator('form[action="?/pin"] input[name="pin"]').fill('2580');
	await submit(page, page.locator('form[action="?/pin"] button'));
	await expect(page).not.toHaveURL(/\/handover\/return|\/c$/);
	await visit(page, check.path, { status: 200 });
	await expect(page.getByRole('main')).toContainText('Lotte Tablet heeft ingevuld ✓');

	// The account's language is English (chosen once, on another device, say), but this browser shows
	// Dutch: taking the device back returns to Dutch, the language it was handed over in.
	await switchLanguage(page, 'en');
	const { origin } = new URL(page.url());
	await page.context().addCookies([{ name: 'tweespraak_locale', value: 'nl', url: origin }]);
	await visit(page, check.path, { status: 200 });
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

	// A second hand-over, given back with the password this time.
	await submit(page, page.getByRole('button', { name: 'Geef dit apparaat aan Lotte Tablet' }));
	await expect(page).toHaveURL(/\/c$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');
	await submit(page, page.getByRole('link', { name: 'Geef het apparaat terug' }).first());
	await expect(page).toHaveURL(/\/handover\/return$/);
	await page.locator('form[action="?/password"] input[name="password"]').fill(pro.password);
	await submit(page, page.locator('form[action="?/password"] button'));
	await expect(page).toHaveURL(new RegExp(`${check.path}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Korte check met');
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await checkPage(page);

	// A third, taken back by signing out on the device (the way back that no throttle closes): the
	// device is left with nothing, and the professional signs in again.
	await submit(page, page.getByRole('button', { name: 'Geef dit apparaat aan Lotte Tablet' }));
	await expect(page).toHaveURL(/\/c$/);
	await submit(page, page.getByRole('link', { name: 'Geef het apparaat terug' }).first());
	await expect(page).toHaveURL(/\/handover\/return$/);
	await submit(page, page.getByRole('button', { name: 'Uitloggen op dit apparaat' }));
	await expect(page).toHaveURL(/\/sign-in\?signedOut=1&next=/);
	for (const path of ['/c', check.path]) {
		await visit(page, path);
		await expect(page, `${path} after signing out`).not.toHaveURL(/\/c$|\/handover\/return/);
		await expect(page.getByRole('main')).not.toContainText('Lotte Tablet');
	}
	await signIn(page, mainApp, pro.email, pro.password);
	await visit(page, check.path, { status: 200 });
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Korte check met');
});

test('a stranger on the same wifi who types wrong codes cannot keep out a participant who scans the QR code', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-qr', {
		label: `Wachtkamer ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor Scan' }]
	});
	const { code } = await startQuickCheck(proPage, collaborationId);
	// What a phone's camera reads from the QR code on the professional's screen.
	const image = await proPage.getByRole('img', { name: /QR/ }).evaluate((img: HTMLImageElement) => {
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0);
		return { width: canvas.width, height: canvas.height, data: [...context.getImageData(0, 0, canvas.width, canvas.height).data] };
	});
	const scanned = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
	expect(scanned, 'the QR code leads to the join page with the code').toContain(`/join?code=${code}`);

	// Every page of this test comes from one address, as phones on one wifi do; a stranger there guesses codes.
	const stranger = await newPage({ viewport: PHONE });
	for (let i = 0; i <= 20; i++) await stranger.request.get(`/join?code=ZZZZZZ${String.fromCharCode(65 + i)}`);

	// Typing the right code is now refused for a while (429, as the posts), and the page says what still works.
	const phone = await newPage({ viewport: PHONE });
	await visit(phone, `/join?code=${code.toLowerCase()}`, { status: 429 });
	await expect(phone.getByRole('alert')).toContainText('Te veel pogingen');
	await expect(phone.getByRole('alert')).toContainText('Scan de QR-code op het scherm van je begeleider.');

	// The QR code's link gets in all the same.
	const url = new URL(scanned);
	await visit(phone, `${url.pathname}${url.search}`, { status: 200 });
	await phone.getByRole('radio', { name: 'Noor Scan' }).check();
	await submit(phone, phone.locator('main form button'));
	await expect(phone).toHaveURL(/\/c$/);
	await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
});

for (const javaScript of [true, false]) {
	test(`pressing Verder on the join page without a code says to type the code first — JavaScript ${javaScript ? 'on' : 'off'}`, async ({
		newPage
	}) => {
		const phone = await newPage({ viewport: PHONE, javaScriptEnabled: javaScript });
		await visit(phone, '/join', { status: 200 });
		// With JavaScript the form is sent without a full page load: click, then wait for what it shows.
		await phone.getByRole('button', { name: 'Verder' }).click();
		await expect(phone.getByRole('alert')).toHaveText('Typ eerst de code. Je begeleider laat hem zien.');
		await expect(phone.getByRole('textbox', { name: 'Code' })).toHaveAttribute('aria-invalid', 'true');
		// The field names the alert, so a screen reader in the field hears what is wrong.
		await expect(phone.getByRole('textbox', { name: 'Code' })).toHaveAccessibleDescription(
			/Typ eerst de code\. Je begeleider laat hem zien\./
		);
		await checkPage(phone);
	});
}

test('a client sent a personal link who stops on their phone opens the same link again and takes part: the link is freed, not "opened on another device"', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'link-stop-again', {
		label: `Link ${Date.now().toString(36)}`,
		participants: [{ name: 'Sam Link' }]
	});
	await startFeedbackOnTheSpot(proPage, collaborationId);
	await submitAndRedirect(proPage, proPage.getByRole('button', { name: 'Link en QR-code voor Sam Link' }));
	const link = (await proPage.getByRole('status').filter({ hasText: 'De link voor Sam Link.' }).locator('.url').textContent())!.trim();
	const path = new URL(link).pathname;

	const phone = await newPage({ viewport: PHONE });
	await visit(phone, path, { status: 200 });
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	await expect(phone).toHaveURL(/\/c\/feedback$/);
	// Someone sent a link has no code: the page says the link brings them back.
	await expect(phone.getByRole('main')).toContainText('Daarna kun je opnieuw meedoen met je link, ook op een ander apparaat.');
	await submit(phone, phone.getByRole('button', { name: 'Stoppen op dit apparaat' }));
	await expect(phone).toHaveURL(/\/join\?left=link$/);
	await expect(phone.getByRole('status')).toContainText('Open dan je link opnieuw.');

	// The same link opens again on the same phone and the client answers.
	await visit(phone, path, { status: 200 });
	await expect(phone.getByRole('main')).not.toContainText('al geopend op een ander apparaat');
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	await expect(phone).toHaveURL(/\/c\/feedback$/);
	// Held again: another device is refused, as before.
	const other = await newPage({ viewport: PHONE });
	await visit(other, path, { status: 200 });
	await expect(other.getByRole('alert')).toContainText('Deze link is al geopend op een ander apparaat.');
	await answerFeedback(phone, { relationship: 90, goals: 20, approach: 40, overall: 60 });
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');
});
