// Client languages, right to left and read aloud (issue 16, docs/decisions/021): the mother rates
// in Arabic on her phone, the father in Polish on the professional's laptop (hand-over mode), the
// professional in Dutch; the reveal shows each the same items in their own language. The phone's
// speech is a stub, so the test hears exactly what the read-aloud buttons ask it to say.
import { checkPage, expect, submit, test, visit, type Page } from './fixtures.ts';
import {
	createCollaboration,
	DESKTOP,
	joinWithCode,
	PHONE,
	rate,
	setHandoverPin,
	settleLivePage,
	signedInProfessional,
	startQuickCheck,
	type Ratings
} from './support/quick-check.ts';
import { offerLanguages } from './support/languages.ts';
import { signIn } from './support/actions.ts';

const MOTHER = 'Layla Haddad';
const FATHER = 'Piotr Nowak';
const CHILD = 'Kiki Yılmaz';
const PIN = '2580';
const PRO_RATINGS: Ratings = { omgang: 60, luisteren: 60, contact: 60, plan: 60, afspraken: 60 };
const MOTHER_RATINGS: Ratings = { omgang: 20, luisteren: 90, contact: 40, plan: 80, afspraken: 50 };
const FATHER_RATINGS: Ratings = { omgang: 70, luisteren: 30, contact: 90, plan: 10, afspraken: 40 };

/** A phone whose speech engine has voices for Arabic, Polish and Dutch and writes down what it is asked to say. */
async function stubSpeech(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const spoken: { text: string; lang: string; voice: string | null }[] = [];
		const voices = ['ar-SA', 'pl-PL', 'nl-NL'].map((lang) => ({ lang, name: lang, voiceURI: lang, default: false, localService: true }));
		class Utterance {
			text: string;
			lang = '';
			voice: { lang: string } | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		Object.defineProperty(window, '__spoken', { value: spoken });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
		Object.defineProperty(window, 'speechSynthesis', {
			configurable: true,
			value: {
				getVoices: () => voices,
				speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null }),
				cancel: () => {},
				addEventListener: () => {}
			}
		});
	});
}

const spokenOn = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

test('the mother rates in Arabic on her phone, the father in Polish on the handed-over laptop, the professional in Dutch; the reveal speaks each one’s language', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	await offerLanguages(adminPage, ['ar', 'pl']);
	const proPage = await newPage({ viewport: DESKTOP });
	const pro = await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-talen');
	await setHandoverPin(proPage, PIN, pro.password);
	const collaborationId = await createCollaboration(proPage, {
		label: `Talen ${Date.now().toString(36)}`,
		participants: [
			{ name: MOTHER, locale: 'ar' },
			{ name: FATHER, locale: 'pl' }
		]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	await expect(proPage.locator('html')).toHaveAttribute('lang', 'nl');

	// The mother, on her phone: the whole page in Arabic, right to left.
	const motherPage = await newPage({ viewport: PHONE });
	await stubSpeech(motherPage);
	await joinWithCode(motherPage, check.code, MOTHER);
	await expect(motherPage.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(motherPage.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(motherPage.getByRole('heading', { level: 1 })).toHaveText('كيف يسير تعاوننا؟');
	await expect(motherPage.locator('#rating-omgang legend')).toContainText('كيف نتعامل مع بعضنا؟');
	await checkPage(motherPage);
	// The line mirrors: "غير راضٍ" (ontevreden, 0) stays at the reading start, which is on the right.
	const low = await motherPage.locator('label[for="rating-omgang-0"]').boundingBox();
	const high = await motherPage.locator('label[for="rating-omgang-100"]').boundingBox();
	expect(low!.x, 'the low end is on the right in Arabic').toBeGreaterThan(high!.x);
	// Reading the first question aloud asks the phone's Arabic voice to say the question and its choices.
	const readQuestion = motherPage.locator('#rating-omgang button[data-read-aloud]');
	await expect(readQuestion).toBeVisible();
	await readQuestion.click();
	expect(await spokenOn(motherPage)).toEqual([
		{ text: 'كيف نتعامل مع بعضنا؟ من 0 (غير راضٍ) إلى 10 (راضٍ).', lang: 'ar-SA', voice: 'ar-SA' }
	]);

	// The father, on the professional's laptop in hand-over mode: Polish, left to right.
	await submit(proPage, proPage.getByRole('button', { name: `Geef dit apparaat aan ${FATHER}` }));
	await expect(proPage).toHaveURL(/\/c$/);
	await expect(proPage.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(proPage.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Jak idzie nasza współpraca?');
	await expect(proPage.locator('#rating-omgang legend')).toContainText('Jak się do siebie odnosimy?');
	await rate(proPage, FATHER_RATINGS);
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Dziękujemy!');
	await giveBack(proPage, check.path);

	// The professional, back in Dutch, answers; the mother answers last, which reveals.
	await expect(proPage.locator('html')).toHaveAttribute('lang', 'nl');
	await rate(proPage, PRO_RATINGS);
	await settleLivePage(motherPage, () => expect(motherPage.getByRole('heading', { level: 1 })).toHaveText('كيف يسير تعاوننا؟'));
	await rate(motherPage, MOTHER_RATINGS);

	// The reveal: the same items, each in the reader's own language.
	await expect(motherPage.getByRole('heading', { level: 1 })).toHaveText('النظر معًا');
	await expect(motherPage.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(motherPage.getByRole('main')).toContainText('التعامل');
	await checkPage(motherPage);
	const readReveal = motherPage.locator('main button[data-read-aloud]').first();
	await expect(readReveal).toBeVisible();
	await readReveal.click();
	// A new page, a new record: this is the only thing said on it.
	const [summary] = await spokenOn(motherPage);
	expect(summary?.lang).toBe('ar-SA');
	expect(summary?.text).toContain('التعامل: ');
	expect(summary?.text).toContain(`${MOTHER} (أنت): 2 من 10`);
	expect(summary?.text).toContain(`${FATHER}: 7 من 10`);

	await visit(proPage, check.path, { status: 200 });
	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();
	await expect(proPage.getByRole('main')).toContainText('Omgang');
	await expect(proPage.locator('button[data-read-aloud]')).toHaveCount(0);

	// After the rating the hand-over buttons wait under "join later".
	await proPage.locator('details.join-later summary').click();
	await submit(proPage, proPage.getByRole('button', { name: `Geef dit apparaat aan ${FATHER}` }));
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Obejrzyjmy razem');
	await expect(proPage.getByRole('main')).toContainText('Relacja');
	await expect(proPage.getByRole('main')).not.toContainText('Omgang');
	await checkPage(proPage);
	await giveBack(proPage, check.path);
	// The mother's phone followed the hand-overs by itself; it still shows her reveal in Arabic.
	await settleLivePage(motherPage, () => expect(motherPage.getByRole('heading', { level: 1 })).toHaveText('النظر معًا'));

	// On her own screen she may choose only a language the organisation offers: a forged choice
	// (German, no client language) is refused with a plain message and nothing changes; English is
	// taken. (A client language the organisation does not offer is refused alike: language.integration.test.ts.)
	const picker = motherPage.locator('header form[action="/language"]');
	const offered = await picker.locator('option').allTextContents();
	expect(offered).toEqual(expect.arrayContaining(['Nederlands', 'English', 'العربية', 'Polski']));
	expect(offered).not.toContain('Deutsch');
	await picker.locator('select').evaluate((select: HTMLSelectElement) => select.add(new Option('Deutsch', 'de', true, true)));
	await submit(motherPage, picker.getByRole('button'));
	await expect(motherPage.getByRole('main')).toContainText('لا يمكن اختيار هذه اللغة هنا. لم تتغير اللغة.');
	await expect(motherPage.locator('html')).toHaveAttribute('lang', 'ar');
	await picker.locator('select').selectOption('en');
	await submit(motherPage, picker.getByRole('button'));
	await expect(motherPage.locator('html')).toHaveAttribute('lang', 'en');
	await expect(motherPage.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(motherPage.getByRole('heading', { level: 1 })).toHaveText('Looking together');
	await expect(motherPage.getByRole('main')).toContainText('Getting along');
});

/** The father gives the laptop back; the professional unlocks it with the PIN and is back on the conversation. */
async function giveBack(page: Page, conversationPath: string): Promise<void> {
	await submit(page, page.getByRole('link', { name: 'Oddaj urządzenie' }).first());
	await expect(page).toHaveURL(/\/handover\/return$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await page.locator('form[action="?/pin"] input[name="pin"]').fill(PIN);
	await submit(page, page.locator('form[action="?/pin"] button'));
	await expect(page).not.toHaveURL(/\/handover\/return|\/c$/);
	await visit(page, conversationPath, { status: 200 });
}

// Found by an outside tester: after a hand-over to a Turkish-speaking child the return page had a
// Turkish shell around Dutch texts and a Turkish password label, and after signing out on the device
// the sign-in page and /start mixed Turkish into Dutch under lang="nl" (the browser read the
// language cookie, the server did not). One language per page, and staff pages never in Turkish.
test('a device handed to a Turkish-speaking child comes back in Dutch: the return page speaks to the child in Turkish and to the professional in Dutch, signing out leaves Dutch', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	await offerLanguages(adminPage, ['tr']);
	const page = await newPage({ viewport: DESKTOP });
	const pro = await signedInProfessional(adminPage, page, mainApp, 'begeleider-turks', { open: false });
	const collaborationId = await createCollaboration(page, {
		label: `Turks ${Date.now().toString(36)}`,
		participants: [{ name: CHILD, locale: 'tr' }]
	});
	const check = await startQuickCheck(page, collaborationId);
	await submit(page, page.getByRole('button', { name: `Geef dit apparaat aan ${CHILD}` }));
	await expect(page).toHaveURL(/\/c$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'tr');

	await submit(page, page.getByRole('link', { name: 'Cihazı geri ver' }).first());
	await expect(page).toHaveURL(/\/handover\/return$/);
	for (const round of ['as sent', 'reloaded']) {
		// Once the app has started (hydrated): the browser wrote Turkish over the server's Dutch.
		await page.locator('html[data-started]').waitFor({ state: 'attached' });
		await expect(page.locator('html'), round).toHaveAttribute('lang', 'nl');
		await expect(page.locator('.skip-link'), round).toHaveText('Ga naar de inhoud');
		await expect(page.locator('footer.site-footer'), round).toHaveText(
			'Tweespraak bewaart alle gegevens alleen op de eigen server van de organisatie.'
		);
		await expect(page.locator('header form[action="/language"]'), 'no language picker on the professional’s page').toHaveCount(0);
		// The child's part, in Turkish and marked so; the professional's, in Dutch.
		const forChild = page.locator('main [lang="tr"]');
		await expect(forChild.getByRole('heading', { level: 1 })).toHaveText('Cihazı geri ver');
		await expect(forChild).toContainText('Bitirdin mi? O zaman cihazı danışmanına geri ver.');
		await expect(forChild).not.toContainText('afgelopen');
		await expect(page.getByRole('heading', { level: 2 })).toHaveText('Voor de professional');
		await expect(page.getByLabel('Wachtwoord', { exact: true })).toBeVisible();
		await expect(page.getByRole('main')).not.toContainText('Şifre');
		await page.reload();
		await checkPage(page);
	}

	// Signing out on the device: the sign-in page and /start are Dutch, whatever the child chose.
	await submit(page, page.getByRole('button', { name: 'Uitloggen op dit apparaat' }));
	await expect(page).toHaveURL(/\/sign-in\?signedOut=1&next=/);
	await page.locator('html[data-started]').waitFor({ state: 'attached' });
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(page.getByLabel('Wachtwoord', { exact: true })).toBeVisible();
	await expect(page.locator('footer.site-footer')).toHaveText(
		'Tweespraak bewaart alle gegevens alleen op de eigen server van de organisatie.'
	);
	const locale = (await page.context().cookies()).find((cookie) => cookie.name === 'tweespraak_locale');
	expect(locale?.value, 'the device is left in the professional’s language').toBe('nl');
	// Even with the child's language still in the cookie, a staff page is Dutch once the app has started.
	await page.context().addCookies([{ name: 'tweespraak_locale', value: 'tr', url: new URL(page.url()).origin }]);
	await visit(page, '/sign-in', { status: 200 });
	await page.locator('html[data-started]').waitFor({ state: 'attached' });
	await submit(page, page.locator('main form button').first());
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(page.getByRole('main')).toContainText('Vul dit veld in.');
	await expect(page.getByRole('main')).not.toContainText('Bu alanı doldur.');
	await signIn(page, mainApp, pro.email, pro.password);
	await visit(page, '/start', { status: 200 });
	await page.locator('html[data-started]').waitFor({ state: 'attached' });
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(page.getByRole('banner')).toContainText('Uitloggen');
	await expect(page.getByRole('banner')).not.toContainText('Çıkış yap');
	await expect(page.locator('footer.site-footer')).toHaveText(
		'Tweespraak bewaart alle gegevens alleen op de eigen server van de organisatie.'
	);
	await visit(page, check.path, { status: 200 });
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Korte check met');
});
