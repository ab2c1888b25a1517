// The quick check with other people around the table: a child who answers with smileys, and
// two parents — one on their own phone, one on the professional's handed-over laptop. In Dutch
// and in English, like the main journey (quick-check.e2e.ts).
import { checkPage, expect, submit, submitAndRedirect, switchLanguage, test, type Page } from './fixtures.ts';
import {
	createCollaborationByPost,
	DESKTOP,
	joinWithCode,
	PHONE,
	rate,
	type Ratings,
	settleLivePage,
	signedInProfessional,
	startQuickCheck,
	withLiveReload
} from './support/quick-check.ts';
import { findMarkers, recordTraffic } from './support/traffic.ts';

// Each test has its own professional and collaboration: the two workers may share them out.
test.describe.configure({ mode: 'parallel' });

const PRO_RATINGS: Ratings = { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 };

const TEXT = {
	nl: {
		child: 'Daan',
		childTitle: 'Hoe gaat het samen?',
		childIntro: 'Kies bij elke vraag een gezichtje.',
		childQuestion: 'Hoe doen we samen?',
		smileys: ['Heel slecht', 'Niet goed', 'Gaat wel', 'Goed', 'Heel goed'],
		revealTitle: 'Samen bekijken',
		anna: 'Anna Ouder',
		bert: 'Bert Ouder',
		ratingTitle: 'Hoe gaat onze samenwerking?',
		handTo: (name: string) => `Geef dit apparaat aan ${name}`,
		connectedAs: (name: string) => `Je doet mee als ${name}.`,
		thanks: 'Dank je wel!',
		giveBack: 'Geef het apparaat terug',
		submitted: (name: string) => `${name} heeft ingevuld ✓`,
		waiting: (name: string) => `${name} nog niet ingevuld`,
		absent: (name: string) => `${name} niet aanwezig`,
		markAbsent: (name: string) => `${name} is er niet`,
		markPresent: (name: string) => `${name} is er toch`,
		presenceSaved: 'Opgeslagen wie er is.',
		legend: 'Wie is wie op de lijnen',
		you: (name: string) => `${name} (jij)`,
		omgang: 'Omgang',
		answer: (point: number) => `${point} van 10`
	},
	en: {
		child: 'Sam',
		childTitle: 'How are we doing together?',
		childIntro: 'For each question, choose a face.',
		childQuestion: 'How do we get on together?',
		smileys: ['Very bad', 'Not good', 'Okay', 'Good', 'Very good'],
		revealTitle: 'Looking together',
		anna: 'Anna Parent',
		bert: 'Bert Parent',
		ratingTitle: 'How is our collaboration going?',
		handTo: (name: string) => `Hand this device to ${name}`,
		connectedAs: (name: string) => `You are taking part as ${name}.`,
		thanks: 'Thank you!',
		giveBack: 'Give the device back',
		submitted: (name: string) => `${name} has answered ✓`,
		waiting: (name: string) => `${name} not answered yet`,
		absent: (name: string) => `${name} not here`,
		markAbsent: (name: string) => `${name} is not here`,
		markPresent: (name: string) => `${name} is here after all`,
		presenceSaved: 'Saved who is here.',
		legend: 'Who is who on the lines',
		you: (name: string) => `${name} (you)`,
		omgang: 'Getting along',
		answer: (point: number) => `${point} out of 10`
	}
} as const;

/**
 * The reveal for everyone (issue 16, part 4): on a 320 px phone and at 200 % zoom (a 1280 px
 * screen shows 640 CSS pixels) it does not scroll sideways and stays accessible.
 */
async function expectRevealFitsEveryScreen(page: Page): Promise<void> {
	const original = page.viewportSize();
	for (const viewport of [
		{ width: 320, height: 640 },
		{ width: 640, height: 400 }
	]) {
		await page.setViewportSize(viewport);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, `scroll width of the reveal at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
		await checkPage(page);
	}
	if (original) await page.setViewportSize(original);
}

for (const locale of ['nl', 'en'] as const) {
	const text = TEXT[locale];
	const language = locale === 'nl' ? 'Dutch' : 'English';

	test(`a child answers with smileys and sees the professional’s answers only at the reveal — in ${language}`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(480_000);
		const proPage = await newPage({ viewport: DESKTOP });
		const pro = await signedInProfessional(adminPage, proPage, mainApp, `begeleider-kind-${locale}`, { open: locale === 'en' });
		if (locale === 'en') await switchLanguage(proPage, 'en');
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `${locale === 'nl' ? 'Kind' : 'Child'} ${Date.now().toString(36)}`,
			participants: [{ name: text.child, audience: 'child', locale }]
		});
		const check = await startQuickCheck(proPage, collaborationId);

		const childPage = await newPage({ viewport: PHONE });
		const traffic = await recordTraffic(childPage.context());
		await joinWithCode(childPage, check.code, text.child);
		await expect(childPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(childPage.getByRole('heading', { level: 1 })).toHaveText(text.childTitle);
		await expect(childPage.getByRole('main')).toContainText(text.childIntro);
		await expect(childPage.getByRole('main')).toContainText(text.childQuestion);
		// Five smileys per question, each with its words; no line to choose a point on.
		const omgang = childPage.locator('#rating-omgang');
		for (const words of text.smileys) await expect(omgang.getByRole('radio', { name: words, exact: true })).toHaveCount(1);
		await expect(childPage.locator('input[type="radio"][value="30"]')).toHaveCount(0);

		await traffic.settle();
		const proRatedAt = traffic.received().length;
		await withLiveReload(childPage, () => rate(proPage, PRO_RATINGS));
		await settleLivePage(childPage, () => expect(childPage.getByRole('heading', { level: 1 })).toHaveText(text.childTitle));
		await traffic.settle();
		const beforeReveal = traffic.received().length;
		await rate(childPage, { omgang: 100, luisteren: 75, contact: 50, plan: 25, afspraken: 0 });
		await expect(childPage.getByRole('heading', { level: 1 })).toHaveText(text.revealTitle);
		await expect(childPage.locator('svg.reveal-line')).toHaveCount(5);
		await expect(childPage.locator(`svg.reveal-line[aria-label*="${pro.name}: 7 "]`)).toHaveCount(2);

		await traffic.settle();
		expect(traffic.unreadable().filter((item) => item.seq >= proRatedAt)).toEqual([]);
		const leaks = findMarkers(traffic.received().slice(0, beforeReveal), [
			`${pro.name}: 3 `,
			`${pro.name}: 7 `,
			/x="(30|70)%"/,
			/<td[^>]*>(?:<!--[^>]*-->)*(3|7)(?:<!--[^>]*-->)*<\/td>/
		]);
		expect(leaks, 'the professional’s answers in what the child received before the reveal').toEqual([]);
		await expectRevealFitsEveryScreen(childPage);

		await expect(proPage.getByRole('heading', { level: 2, name: text.revealTitle })).toBeVisible();
		await checkPage(proPage);
	});

	test(`two parents and the professional: one parent on a phone, the other on the handed-over laptop — in ${language}`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(480_000);
		const proPage = await newPage({ viewport: DESKTOP });
		const pro = await signedInProfessional(adminPage, proPage, mainApp, `begeleider-ouders-${locale}`, { open: locale === 'en' });
		if (locale === 'en') await switchLanguage(proPage, 'en');
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `${locale === 'nl' ? 'Ouders' : 'Parents'} ${Date.now().toString(36)}`,
			participants: [
				{ name: text.anna, locale },
				{ name: text.bert, locale }
			]
		});
		const check = await startQuickCheck(proPage, collaborationId);

		// Anna on her own phone.
		const annaPage = await newPage({ viewport: PHONE });
		await joinWithCode(annaPage, check.code, text.anna);
		await expect(annaPage.getByRole('heading', { level: 1 })).toHaveText(text.ratingTitle);

		// The professional answers. Anna steps out for a moment and is back: each mark is saved
		// with Post/Redirect/Get, so reloading the page sends nothing again.
		await rate(proPage, PRO_RATINGS);
		await submitAndRedirect(proPage, proPage.getByRole('button', { name: text.markAbsent(text.anna) }));
		await expect(proPage.getByRole('status').filter({ hasText: text.presenceSaved })).toBeVisible();
		await expect(proPage.getByRole('main')).toContainText(text.absent(text.anna));
		await submitAndRedirect(proPage, proPage.getByRole('button', { name: text.markPresent(text.anna) }));
		await expect(proPage.getByRole('main')).toContainText(text.waiting(text.anna));

		// The professional hands the laptop to Bert, who answers and gives it back.
		await submit(proPage, proPage.getByRole('button', { name: text.handTo(text.bert) }));
		await expect(proPage).toHaveURL(/\/c$/);
		await expect(proPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(proPage.getByRole('main')).toContainText(text.connectedAs(text.bert));
		await rate(proPage, { omgang: 40, luisteren: 40, contact: 60, plan: 60, afspraken: 80 });
		await expect(proPage.getByRole('heading', { level: 1 })).toHaveText(text.thanks);
		// The hand-back screen shows nothing of the answers, yet follows the conversation from the
		// version it was rendered with: a change made before its stream opened is caught up.
		await expect(proPage.locator('[data-live]')).toHaveAttribute('data-live', /\/live\/conversations\/[^/?]+\?v=\d+$/);
		await submit(proPage, proPage.getByRole('link', { name: text.giveBack }).first());
		await proPage.locator('form[action="?/password"] input[name="password"]').fill(pro.password);
		await submit(proPage, proPage.locator('form[action="?/password"] button'));
		await expect(proPage).toHaveURL(new RegExp(`${check.path}$`));
		await expect(proPage.getByRole('main')).toContainText(text.submitted(text.bert));
		await expect(proPage.getByRole('main')).toContainText(text.waiting(text.anna));

		// Anna's phone followed along and still asks for her answers; hers are the last, so they reveal.
		await settleLivePage(annaPage, () => expect(annaPage.getByRole('heading', { level: 1 })).toHaveText(text.ratingTitle));
		await rate(annaPage, { omgang: 90, luisteren: 100, contact: 80, plan: 100, afspraken: 90 });
		await settleLivePage(annaPage, () => expect(annaPage.getByRole('heading', { level: 1 })).toHaveText(text.revealTitle));
		const legend = annaPage.getByRole('list', { name: text.legend });
		await expect(legend.getByRole('listitem')).toHaveCount(3);
		for (const name of [pro.name, text.bert, text.you(text.anna)]) await expect(legend).toContainText(name);
		// Never colour alone: each party has its own marker shape as well as its name.
		const shapes = await legend.locator('g.marker > *').evaluateAll((marks) => marks.map((mark) => mark.outerHTML.split(' ')[0]));
		expect(new Set(shapes).size, 'a different marker shape per party').toBe(3);
		// A screen reader hears each line in words, in a natural order: Anna's own answer first.
		await expect(annaPage.locator('svg.reveal-line').first()).toHaveAttribute(
			'aria-label',
			new RegExp(`^${text.omgang}: ${text.you(text.anna).replace(/[()]/g, '\\$&')}: ${text.answer(9)}; `)
		);
		await expectRevealFitsEveryScreen(annaPage);

		await expect(proPage.getByRole('heading', { level: 2, name: text.revealTitle })).toBeVisible();
		await expect(proPage.locator('.reveal-table thead th')).toHaveCount(5);
		await checkPage(proPage);
	});
}
