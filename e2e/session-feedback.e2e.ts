// Session feedback on the spot: after a regular session two people around the table answer four
// questions on their own phones. The professional sees who is done, and the answers only once
// everyone has sent them — not on the page and not in anything their browser receives.
import { withWords } from '../src/lib/server/testing/fhir-questionnaires.ts';
import { checkPage, expect, mainFormButton, submit, submitAndRedirect, switchLanguage, test, visit, type Page } from './fixtures.ts';
import {
	createCollaboration,
	createCollaborationByPost,
	DESKTOP,
	PHONE,
	professionalWithCollaboration,
	settleLivePage,
	signedInProfessional,
	withLiveReload
} from './support/quick-check.ts';
import { answerFeedback, joinFeedback, pdfText, startFeedbackOnTheSpot, type FeedbackAnswers } from './support/session-feedback.ts';
import { findMarkers, recordTraffic, type Received } from './support/traffic.ts';

/** The adult only uses 90, 20, 40 and 60; the child's smileys are 25, 75, 100 and 0. */
const ADULT: FeedbackAnswers = { relationship: 90, goals: 20, approach: 40, overall: 60 };
const CHILD: FeedbackAnswers = { relationship: 25, goals: 75, approach: 100, overall: 0 };

const TEXT = {
	nl: {
		adult: 'Marloes de Wit',
		child: 'Sam',
		ratingTitle: 'Hoe was het gesprek?',
		childTitle: 'Hoe vond je het?',
		childQuestion: 'Werd er goed naar jou geluisterd?',
		adultQuestion: 'Voelde ik me gehoord, begrepen en gerespecteerd?',
		submitted: 'heeft ingevuld ✓',
		waiting: 'nog niet ingevuld',
		sentTitle: 'Dank je wel!',
		ended: 'Bedankt voor het meedoen!',
		answersTitle: 'De antwoorden',
		childSmiley: 'Niet goed',
		reportTitle: 'Gespreksverslag',
		clientTerm: 'Cliënt'
	},
	en: {
		adult: 'Morgan Smith',
		child: 'Alex',
		ratingTitle: 'How was the session?',
		childTitle: 'How did you like it?',
		childQuestion: 'Did people listen well to you?',
		adultQuestion: 'Did I feel heard, understood and respected?',
		submitted: 'has answered ✓',
		waiting: 'not answered yet',
		sentTitle: 'Thank you!',
		ended: 'Thank you for taking part!',
		answersTitle: 'The answers',
		childSmiley: 'Not good',
		reportTitle: 'Conversation report',
		clientTerm: 'Client'
	}
} as const;

/**
 * The page data (__data.json) the professional's page fetches on every live update, read whole
 * through a route: the page reads it as a stream, and the browser's devtools do not always keep
 * such a body for the traffic recorder. Returns the list that fills as the page fetches.
 */
async function captureDataFetches(page: Page): Promise<Received[]> {
	const captured: Received[] = [];
	await page.context().route(/\/__data\.json/, async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		captured.push({ seq: -1 - captured.length, url: route.request().url(), kind: 'response', status: response.status(), body });
		await route.fulfill({ response, body });
	});
	return captured;
}

const isData = (url: string) => new URL(url).pathname.endsWith('/__data.json');
/** The app's own code (/_app/) holds the page templates, never data. */
const isAppCode = (url: string) => new URL(url).pathname.startsWith('/_app/');

/** What would show an answer on the professional's page: the answers table and its cells. */
const ANSWER_MARKERS = [
	/answers-caption/,
	// Answers on the 0–10 line (9, 2, 4, 6) and a child's smiley in words.
	/<td[^>]*>(?:<!--[^>]*-->)*(9|2|4|6)(?:<!--[^>]*-->)*<\/td>/,
	/<span class="smiley[ "]/,
	// Any serialised answers object, in page data (relationship:90) or __data.json ("relationship":12).
	/"?(relationship|goals|approach|overall)"?:\s*\d/
];

for (const locale of ['nl', 'en'] as const) {
	const text = TEXT[locale];
	const language = locale === 'nl' ? 'Dutch' : 'English';

	test(`session feedback on the spot: two phones answer, the professional sees the answers only once both are sent — in ${language}`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(480_000);
		const proPage = await newPage({ viewport: DESKTOP });
		await signedInProfessional(adminPage, proPage, mainApp, `feedback-${locale}`, { open: locale === 'en' });
		if (locale === 'en') await switchLanguage(proPage, 'en');
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `Feedback ${locale} ${Date.now().toString(36)}`,
			participants: [
				{ name: text.adult, locale },
				{ name: text.child, audience: 'child', locale }
			]
		});
		const feedback = await startFeedbackOnTheSpot(proPage, collaborationId);
		await expect(proPage.getByRole('main')).toContainText(`${text.adult}`);
		await expect(proPage.getByRole('main')).toContainText(text.waiting);
		const traffic = await recordTraffic(proPage.context());
		const dataFetches = await captureDataFetches(proPage);

		// The adult on a phone: one page, the line from the quick check.
		const adultPage = await newPage({ viewport: PHONE });
		await joinFeedback(adultPage, feedback.code, text.adult);
		await expect(adultPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(adultPage.getByRole('heading', { level: 1 })).toHaveText(text.ratingTitle);
		await expect(adultPage.getByRole('main')).toContainText(text.adultQuestion);
		await expect(adultPage.locator('fieldset.rating')).toHaveCount(4);

		// The child on another phone: smileys.
		const childPage = await newPage({ viewport: PHONE });
		// Joining is news for the devices already there: the adult's page loads itself again.
		await withLiveReload(adultPage, () => joinFeedback(childPage, feedback.code, text.child));
		await settleLivePage(adultPage, () => expect(adultPage.getByRole('heading', { level: 1 })).toHaveText(text.ratingTitle));
		await expect(childPage.getByRole('heading', { level: 1 })).toHaveText(text.childTitle);
		await expect(childPage.getByRole('main')).toContainText(text.childQuestion);
		await expect(childPage.locator('input[type="radio"][value="90"]')).toHaveCount(0);

		// The adult sends first. The professional's page follows: done, but no answers.
		await traffic.settle();
		const adultSentAt = traffic.received().length;
		const adultSentData = dataFetches.length;
		await withLiveReload(childPage, () => answerFeedback(adultPage, ADULT));
		await expect(adultPage.getByRole('heading', { level: 1 })).toHaveText(text.sentTitle);
		await settleLivePage(childPage, () => expect(childPage.getByRole('heading', { level: 1 })).toHaveText(text.childTitle));
		await expect(proPage.getByRole('main')).toContainText(`${text.adult} ${text.submitted}`);
		await expect(proPage.getByRole('main')).toContainText(text.waiting);
		await checkPage(proPage);
		await expect(proPage.getByRole('heading', { name: text.answersTitle })).toHaveCount(0);
		// A fresh load, in a second tab, shows the same.
		const secondTab = await proPage.context().newPage();
		await visit(secondTab, feedback.path, { status: 200 });
		await expect(secondTab.getByRole('main')).toContainText(`${text.adult} ${text.submitted}`);
		await expect(secondTab.getByRole('heading', { name: text.answersTitle })).toHaveCount(0);
		await secondTab.close();
		await traffic.settle();
		// The app's own code (/_app/) holds the page templates, never data.
		const whileBlind = [
			...traffic
				.received()
				.slice(adultSentAt)
				.filter((item) => !isAppCode(item.url) && !isData(item.url)),
			...dataFetches.slice(adultSentData)
		];
		expect(dataFetches.length, 'the page fetched its data again on the live update').toBeGreaterThan(adultSentData);
		expect(
			whileBlind.some((item) => item.kind === 'event'),
			'the live update reached the professional'
		).toBe(true);
		expect(findMarkers(whileBlind, ANSWER_MARKERS), 'answers in what the professional received before all were sent').toEqual([]);
		// Page data is read through the route above; every other body must have been readable.
		expect(traffic.unreadable().filter((item) => item.seq >= adultSentAt && !item.reason.includes('/__data.json'))).toEqual([]);

		// The child sends last: that closes the feedback. The child's phone says thanks.
		const closedAt = traffic.received().length;
		const closedData = dataFetches.length;
		await withLiveReload(adultPage, () => answerFeedback(childPage, CHILD));
		await expect(childPage).toHaveURL(/\/feedback\/sent$/);
		await expect(childPage.getByRole('heading', { level: 1 })).toHaveText(text.sentTitle);
		// The adult's phone follows by itself: its part is over.
		await settleLivePage(adultPage, () => expect(adultPage.getByRole('main')).toContainText(text.ended));

		// Now the professional sees every answer, a child's smiley also in words (live, and on a fresh load).
		await expect(proPage.getByRole('heading', { name: text.answersTitle })).toBeVisible();
		await checkPage(proPage);
		await proPage.reload();
		await checkPage(proPage);
		const table = proPage.locator('#answers-caption').locator('xpath=ancestor::table');
		// The adult's 90 as the point they chose on the line: 9.
		await expect(table.locator('tbody tr').first().locator('td').filter({ hasText: /^9$/ })).toHaveCount(1);
		await expect(table.locator('tbody tr').first()).toContainText(text.childSmiley);
		await traffic.settle();
		// The same search finds the answers in the live update's data and in the fresh page: the recording works.
		const liveAfterClose = findMarkers(dataFetches.slice(closedData), ANSWER_MARKERS);
		const pagesAfterClose = findMarkers(
			traffic
				.received()
				.slice(closedAt)
				.filter((item) => !isAppCode(item.url) && !isData(item.url)),
			ANSWER_MARKERS
		);
		expect(liveAfterClose, 'the live data after the close').not.toEqual([]);
		expect(pagesAfterClose, 'the fresh page after the close').not.toEqual([]);

		// The report of the feedback: a print page and a PDF in the professional's language.
		const reportPath = `/collaborations/${collaborationId}/conversations/${feedback.conversationId}/report`;
		await expect(proPage.locator('.report-links a[href$="/report"]')).toHaveAttribute('href', reportPath);
		await visit(proPage, reportPath, { status: 200 });
		await expect(proPage.getByRole('heading', { level: 1 })).toHaveText(text.reportTitle);
		await expect(proPage.getByRole('main')).toContainText(text.clientTerm);
		const pdf = await proPage.request.get(`${new URL(proPage.url()).pathname}.pdf`);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		const body = await pdf.body();
		expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const words = await pdfText(body);
		expect(words).toContain(text.reportTitle);
		expect(words).toContain(text.adult);
	});
}

test('without JavaScript a client answers session feedback on a small phone and gets a thank-you', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'feedback-zonder-js', {
		label: `Feedback zonder JS ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor zonder Script' }]
	});
	const feedback = await startFeedbackOnTheSpot(proPage, collaborationId);

	const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: false });
	await joinFeedback(clientPage, feedback.code, 'Noor zonder Script');
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Hoe was het gesprek?');
	// The page fits the phone: nothing sticks out sideways.
	const overflow = await clientPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	// Sending with an item left open: the form comes back with the choices kept and the item named.
	const form = clientPage.locator('form.rating-form');
	await form.locator('label[for="rating-relationship-80"]').click();
	await submit(clientPage, form.locator('button.submit'));
	await expect(clientPage.getByRole('alert')).toContainText('Doelen en onderwerpen');
	await expect(clientPage.locator('#rating-relationship-80')).toBeChecked();

	// Before the answers are in, the professional's page shows nothing of them.
	await proPage.reload();
	await checkPage(proPage);
	await expect(proPage.getByRole('main')).toContainText('nog niet ingevuld');
	await expect(proPage.locator('#answers-caption')).toHaveCount(0);

	await answerFeedback(clientPage, { relationship: 80, goals: 70, approach: 30, overall: 100 });
	await expect(clientPage).toHaveURL(/\/feedback\/sent$/);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');

	await proPage.reload();
	await checkPage(proPage);
	await expect(proPage.getByRole('heading', { name: 'De antwoorden' })).toBeVisible();
	await expect(proPage.locator('#answers-caption').locator('xpath=ancestor::table').locator('tbody tr').last().locator('td')).toHaveText(
		'10'
	);
});

test('a link to show or print is shown once on the page the post redirects to; a reload says so and never shows it again', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'feedback-link-once', {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor' }]
	});
	const started = await startFeedbackOnTheSpot(proPage, collaborationId);
	// Post/Redirect/Get: the link exists only now (the database keeps its hash), and shows once.
	await submitAndRedirect(proPage, proPage.getByRole('button', { name: 'Link en QR-code voor Noor' }));
	await expect(proPage).toHaveURL(new RegExp(`${started.path}\\?shown=1#links-title$`));
	const shown = proPage.getByRole('status').filter({ hasText: 'De link voor Noor.' });
	await expect(shown.getByRole('img', { name: /QR-code/ })).toBeVisible();
	const link = (await shown.locator('.url').textContent())!.trim();
	expect(link).toMatch(/\/l\/[\w-]{40,}$/);
	await proPage.reload();
	await checkPage(proPage);
	await expect(proPage.getByRole('main')).toContainText('Deze link is al getoond en wordt niet opnieuw getoond.');
	expect(await proPage.content(), 'a reload never shows the link again').not.toContain(link);
});

test('an organisation’s own questionnaire with open questions: one client’s paper is typed in with its words, another types an answer without JavaScript on a small phone, the professional reads both beside the numbers', async ({
	freshApp,
	newPage
}) => {
	test.setTimeout(300_000);
	// An organisation of its own (a fresh installation): its session feedback choice touches no other test.
	const adminPage = await newPage({ baseURL: freshApp.baseURL });
	await visit(adminPage, freshApp.setupLink, { status: 200 });
	await adminPage.locator('input[name="organisationName"]').fill('Woorden Organisatie');
	await adminPage.locator('input[name="adminName"]').fill('Woorden Beheerder');
	await adminPage.locator('input[name="adminEmail"]').fill('woorden-beheer@example.nl');
	await adminPage.locator('input[name="password"]').fill('een heel lang wachtwoord');
	await adminPage.locator('input[name="passwordConfirm"]').fill('een heel lang wachtwoord');
	await submit(adminPage, mainFormButton(adminPage));
	await expect(adminPage).toHaveURL(/\/admin\/staff$/);
	await checkPage(adminPage);

	// The admin imports an SRS-like questionnaire with a choice without an order and two open questions, and picks it for session feedback.
	await visit(adminPage, '/admin/instruments', { status: 200 });
	await adminPage.locator('textarea[name="questionnaire"]').fill(JSON.stringify(withWords()));
	await adminPage.getByLabel('Onze organisatie heeft een licentie voor deze vragenlijst.').check();
	// The first import of a server process compiles the FHIR schema (decision 019): slow on a busy machine.
	adminPage.setDefaultTimeout(90_000);
	await submit(adminPage, adminPage.getByRole('button', { name: 'Toevoegen' }));
	adminPage.setDefaultTimeout(10_000);
	await checkPage(adminPage);
	await adminPage.locator('#field-session-feedback-instrument').selectOption({ label: withWords().title as string });
	await submit(adminPage, adminPage.locator('form[action="?/sessionFeedback"] button'));
	await checkPage(adminPage);
	await expect(adminPage.locator('#field-session-feedback-instrument')).not.toHaveValue('');

	const proPage = await newPage({ viewport: DESKTOP, baseURL: freshApp.baseURL });
	await signedInProfessional(adminPage, proPage, freshApp, 'feedback-woorden');
	const collaborationId = await createCollaboration(proPage, {
		label: `Feedback in woorden ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor Woorden' }, { name: 'Sam Papier' }]
	});
	const feedback = await startFeedbackOnTheSpot(proPage, collaborationId);
	await checkPage(proPage);
	// Sam answered on paper: the professional types in the line, the choice and the words, with the day.
	await visit(proPage, `/collaborations/${collaborationId}/conversations/${feedback.conversationId}/paper`, { status: 200 });
	const enterLink = proPage.getByRole('link', { name: 'Papier van Sam Papier invoeren' });
	await visit(proPage, new URL((await enterLink.getAttribute('href'))!, proPage.url()).toString(), { status: 200 });
	const paper = proPage.locator('form[action*="/enterFeedback"]');
	for (const key of ['relatie', 'doelen', 'aanpak', 'algemeen']) await paper.locator(`label[for="rating-${key}-80"]`).click();
	await paper.getByRole('textbox', { name: 'Eén woord voor vandaag?' }).fill('Papier');
	// The choice left open: refused with a message, and the words typed stay.
	await submit(proPage, paper.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(proPage.getByRole('alert')).toBeVisible();
	await expect(paper.getByRole('textbox', { name: 'Eén woord voor vandaag?' })).toHaveValue('Papier');
	await checkPage(proPage);
	for (const key of ['relatie', 'doelen', 'aanpak', 'algemeen']) await paper.locator(`label[for="rating-${key}-80"]`).click();
	await paper.getByRole('radio', { name: 'Thuis' }).check();
	await submitAndRedirect(proPage, paper.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(proPage).toHaveURL(new RegExp(`${feedback.path}$`));
	await checkPage(proPage);

	const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: false, baseURL: freshApp.baseURL });
	await joinFeedback(clientPage, feedback.code, 'Noor Woorden');
	await checkPage(clientPage);
	const form = clientPage.locator('form.rating-form');
	await expect(form.locator('fieldset.rating')).toHaveCount(7);
	await expect(form.getByRole('textbox', { name: 'Eén woord voor vandaag?' })).toBeVisible();
	await expect(form.getByRole('textbox', { name: 'Wat kan beter?' })).toBeVisible();
	const overflow = await clientPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	// The line answered, the choice left open: the form comes back with the choice named and what was typed kept.
	for (const key of ['relatie', 'doelen', 'aanpak']) await form.locator(`label[for="rating-${key}-70"]`).click();
	// 3 of 10 asks the follow-up question (enableWhen: 5 or lower).
	await form.locator('label[for="rating-algemeen-30"]').click();
	await form.getByRole('textbox', { name: 'Eén woord voor vandaag?' }).fill('Rustig');
	await form.getByRole('textbox', { name: 'Wat kan beter?' }).fill('Meer tijd voor mijn zus');
	await submit(clientPage, form.locator('button.submit'));
	await checkPage(clientPage);
	await expect(clientPage.getByRole('alert')).toContainText('Waar merk je het meest?');
	await expect(form.getByRole('textbox', { name: 'Eén woord voor vandaag?' })).toHaveValue('Rustig');
	await expect(form.getByRole('textbox', { name: 'Wat kan beter?' })).toHaveValue('Meer tijd voor mijn zus');
	await expect(clientPage.locator('#rating-algemeen-30')).toBeChecked();

	await form.getByRole('radio', { name: 'Werk' }).check();
	await submit(clientPage, form.locator('button.submit'));
	await expect(clientPage).toHaveURL(/\/feedback\/sent$/);
	await checkPage(clientPage);

	// The professional reads the words in the answers table, beside the numbers: the phone's and the paper's.
	await proPage.reload();
	await checkPage(proPage);
	const table = proPage.locator('#answers-caption').locator('xpath=ancestor::table');
	await expect(table.getByRole('columnheader', { name: 'Sam Papier (op papier)' })).toBeVisible();
	const row = (question: string) => table.locator('tbody tr').filter({ hasText: question });
	await expect(row('Wat kan beter?')).toContainText('Meer tijd voor mijn zus');
	for (const words of ['Rustig', 'Papier']) await expect(row('Eén woord voor vandaag?')).toContainText(words);
	for (const words of ['Werk', 'Thuis']) await expect(row('Waar merk je het meest?')).toContainText(words);
	for (const number of ['7', '8']) await expect(table.locator('tbody tr').first()).toContainText(number);
});
