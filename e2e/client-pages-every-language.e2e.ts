// Every page of a client's quick check in each of the six client languages (issue 16, part 7): the
// participant changes the language on their own screen at each step, and each page is then in
// that language (never a raw key), right to left in Arabic only, and accessible on a 360 px phone
// and at 200 % zoom (a 1280 px screen shows 640 CSS pixels), without scrolling sideways.
import { checkPage, expect, submit, test, type Page } from './fixtures.ts';
import {
	closeConversation,
	createCollaboration,
	dateFromToday,
	DESKTOP,
	joinWithCode,
	PHONE,
	rate,
	saveAgreement,
	settleLivePage,
	signedInProfessional,
	startQuickCheck,
	type Ratings
} from './support/quick-check.ts';
import { submitAndRedirect, visit } from './support/actions.ts';
import { planLearningConversation } from './support/learning.ts';
import { answerFeedback, joinFeedback, startFeedbackOnTheSpot } from './support/session-feedback.ts';

const LANGUAGES = [
	{ locale: 'nl', dir: 'ltr' },
	{ locale: 'en', dir: 'ltr' },
	{ locale: 'ar', dir: 'rtl' },
	{ locale: 'tr', dir: 'ltr' },
	{ locale: 'pl', dir: 'ltr' },
	{ locale: 'uk', dir: 'ltr' }
] as const;
const CLIENT = 'Deniz Kaya';
const RATINGS: Ratings = { omgang: 30, luisteren: 80, contact: 50, plan: 70, afspraken: 40 };
const ZOOMED = { width: 640, height: 400 };

/** A message key as Paraglide names them (lower case with underscores), shown instead of a text. */
const RAW_KEY = /\b[a-z]+(?:_[a-z0-9]+){2,}\b/;

/** The participant's page in every language, each at 360 px and at 200 % zoom; ends back in Dutch. */
async function inEveryLanguage(page: Page, step: string): Promise<void> {
	for (const { locale, dir } of LANGUAGES) {
		const picker = page.locator('header form[action="/language"]');
		await picker.locator('select').selectOption(locale);
		await submit(page, picker.getByRole('button'));
		await expect(page.locator('html'), `${step} in ${locale}`).toHaveAttribute('lang', locale);
		await expect(page.locator('html'), `${step} in ${locale}`).toHaveAttribute('dir', dir);
		const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
		expect(heading.trim(), `the heading of ${step} in ${locale}`).not.toBe('');
		expect(await page.locator('body').innerText(), `raw message keys on ${step} in ${locale}`).not.toMatch(RAW_KEY);
		for (const viewport of [PHONE, ZOOMED]) {
			await page.setViewportSize(viewport);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, `${step} in ${locale} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
			await checkPage(page);
		}
		await page.setViewportSize(PHONE);
	}
	const picker = page.locator('header form[action="/language"]');
	await picker.locator('select').selectOption('nl');
	await submit(page, picker.getByRole('button'));
}

test('each page of a client’s quick check reads in all six languages, right to left only in Arabic, without raw keys, and stays accessible at 360 px and at 200 % zoom', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(600_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-zes-talen');
	const collaborationId = await createCollaboration(proPage, {
		label: `Zes talen ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT, locale: 'tr' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);

	const phone = await newPage({ viewport: PHONE });
	await joinWithCode(phone, check.code, CLIENT);
	await expect(phone.locator('html')).toHaveAttribute('lang', 'tr');
	await inEveryLanguage(phone, 'the rating page');

	await rate(phone, RATINGS);
	await inEveryLanguage(phone, 'the page after rating');

	await rate(proPage, { omgang: 60, luisteren: 60, contact: 60, plan: 60, afspraken: 60 });
	await settleLivePage(phone, () => expect(phone.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken'));
	await inEveryLanguage(phone, 'the reveal');

	await submitAndRedirect(proPage, proPage.locator('form[action="?/startReflection"] button'));
	await settleLivePage(phone, () => expect(phone.locator('details#reflection-omgang')).toHaveCount(1));
	await inEveryLanguage(phone, 'the reflections');

	await submitAndRedirect(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	await saveAgreement(proPage, { what: 'Elke week even bellen.', who: 'both', dueOn: dateFromToday(14), measure: 'We hebben gebeld.' });
	await settleLivePage(phone, () => expect(phone.getByRole('main')).toContainText('Elke week even bellen.'));
	await inEveryLanguage(phone, 'the agreement');

	await closeConversation(proPage, 'Goed gesprek.');
	await settleLivePage(phone, () => expect(phone).toHaveURL(/\/c\/outcome$/));
	await inEveryLanguage(phone, 'the outcome');
});

test('session feedback on the client’s phone reads in all six languages and stays accessible at 360 px and at 200 % zoom', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-zes-talen-feedback');
	const collaborationId = await createCollaboration(proPage, {
		label: `Zes talen feedback ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT, locale: 'uk' }]
	});
	const feedback = await startFeedbackOnTheSpot(proPage, collaborationId);
	const phone = await newPage({ viewport: PHONE });
	await joinFeedback(phone, feedback.code, CLIENT);
	await inEveryLanguage(phone, 'the session feedback form');
	await answerFeedback(phone, { relationship: 70, goals: 60, approach: 80, overall: 70 });
	await inEveryLanguage(phone, 'the page after the feedback');
});

test('the client’s preparation of a learning conversation reads in all six languages, step by step, and stays accessible at 360 px and at 200 % zoom', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(600_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-zes-talen-voorbereiding');
	const collaborationId = await createCollaboration(proPage, {
		label: `Zes talen voorbereiding ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT, locale: 'pl' }]
	});
	const { links } = await planLearningConversation(proPage, collaborationId);
	const phone = await newPage({ viewport: PHONE });
	await visit(phone, links[0]!, { status: 200 });
	await inEveryLanguage(phone, 'the preparation’s start');
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	const share = phone.getByRole('region', { name: 'Delen', exact: true });
	let steps = 0;
	while (steps < 10) {
		steps++;
		await inEveryLanguage(phone, `step ${steps} of the preparation`);
		if ((await share.count()) > 0) break;
		await submit(phone, phone.getByRole('button', { name: 'Volgende', exact: true }));
	}
	await expect(share).toBeVisible();
	// Wishes, three decks of cards, a moment, what they need, sharing: every step was seen.
	expect(steps).toBe(7);
});

test('an address that does not exist tells a client on their phone that the page was not found, in their own language, without "u"', async ({
	newPage
}) => {
	const page = await newPage({ viewport: PHONE });
	await visit(page, '/bestaat-niet', { status: 404 });
	await expect(page).toHaveTitle(/^Pagina niet gevonden/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
	await expect(page.getByRole('main')).toContainText('Deze pagina bestaat niet, of is afgeschermd.');
	expect(await page.getByRole('main').innerText()).not.toMatch(/\b(u|uw)\b/);

	const picker = page.locator('header form[action="/language"]');
	await picker.locator('select').selectOption('ar');
	const answer = await submit(page, picker.getByRole('button'));
	expect(answer?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('الصفحة غير موجودة');
	await expect(page.getByRole('main')).toContainText('هذه الصفحة غير موجودة، أو لا يُسمح لك برؤيتها.');
});

test('an address that cannot be answered outside a page (a live stream of no conversation of yours) shows plain words in Dutch and English, never a message code', async ({
	newPage
}) => {
	const page = await newPage({ viewport: PHONE });
	const response = await page.request.get('/live/conversations/00000000-0000-4000-8000-000000000000', { headers: { accept: 'text/html' } });
	expect(response.status()).toBe(404);
	const html = await response.text();
	expect(html).toContain('<html lang="nl"');
	expect(html).toContain('Er ging iets mis');
	expect(html).toContain('Something went wrong');
	expect(html).not.toMatch(/not_found|\.[a-z_]+_[a-z_]+/);
});
