// Session feedback and a learning conversation's preparation and A/B/C sheets on paper
// (docs/decisions/020): the professional opens the conversation's paper page, types in what a
// client filled in on the printed form with the day it was filled in, and finds it marked "op
// papier". A wrong date, an empty paper or a second one is refused with a message, and what was
// typed stays in the form.
import { checkPage, expect, submit, submitAndRedirect, test, visit, type Page } from './fixtures.ts';
import { LEARNING_TEXT, moveOn, planLearningConversation, startLearningConversation } from './support/learning.ts';
import { createCollaborationByPost, dateFromToday, DESKTOP, signedInProfessional } from './support/quick-check.ts';
import { FEEDBACK_KEYS, pdfText, startFeedbackOnTheSpot, type FeedbackAnswers } from './support/session-feedback.ts';

const ANSWERS: FeedbackAnswers = { relationship: 90, goals: 20, approach: 40, overall: 60 };

/** Links navigate in the app without a new document: follow them by their address, so each page is checked. */
async function follow(page: Page, name: string): Promise<void> {
	const link = page.getByRole('link', { name });
	await expect(link).toBeVisible();
	await visit(page, new URL((await link.getAttribute('href'))!, page.url()).toString(), { status: 200 });
}

test('a client’s paper session feedback is typed in and shows as "op papier"', async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(240_000);
	const page = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, page, mainApp, 'papier-feedback', { open: false });
	const collaborationId = await createCollaborationByPost(page, mainApp, {
		label: `Papier FB ${Date.now().toString(36)}`,
		participants: [{ name: 'Sanne' }]
	});
	const feedback = await startFeedbackOnTheSpot(page, collaborationId);

	await follow(page, 'Op papier: formulieren en invoeren');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Op papier');
	await follow(page, 'Papier van Sanne invoeren');
	const form = page.locator('form[action*="/enterFeedback"]');
	for (const key of FEEDBACK_KEYS) {
		await form.locator(`label[for="rating-${key}-${ANSWERS[key]}"]`).click();
		await expect(form.locator(`#rating-${key}-${ANSWERS[key]}`)).toBeChecked();
	}
	// A day that has not come yet: refused, and the chosen answers are still there.
	await form.locator('input[name="filledOn"]').fill(dateFromToday(1));
	await submit(page, form.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(page.getByRole('alert')).toContainText('Die datum is nog niet geweest.');
	await expect(page.locator(`#rating-goals-${ANSWERS.goals}`)).toBeChecked();
	await form.locator('input[name="filledOn"]').fill(dateFromToday(0));
	await submitAndRedirect(page, form.getByRole('button', { name: 'Antwoorden opslaan' }));

	// The only client has answered: the feedback closes, and the answers show as from paper.
	await expect(page).toHaveURL(new RegExp(`${feedback.path}$`));
	await expect(page.getByRole('main')).toContainText('De antwoorden van het papier staan erin.');
	await expect(page.getByRole('columnheader', { name: 'Sanne (op papier)' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('Op papier, ingevuld op');
	await checkPage(page);
});

test('a participant’s paper preparation and A/B/C sheet are typed in and show as "op papier"', async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(360_000);
	const page = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, page, mainApp, 'papier-voorbereiding', { open: false });
	const collaborationId = await createCollaborationByPost(page, mainApp, {
		label: `Papier SL ${Date.now().toString(36)}`,
		participants: [{ name: 'Sanne' }]
	});
	const { preparationPath } = await planLearningConversation(page, collaborationId);

	await follow(page, 'Op papier: formulieren en invoeren');
	await expect(page.getByRole('heading', { name: 'Voorbereiding van papier invoeren' })).toBeVisible();
	await follow(page, 'Voorbereiding van Sanne invoeren');
	const form = page.locator('form[action*="/enterPreparation"]');
	// An empty paper: refused.
	await submit(page, form.getByRole('button', { name: 'Voorbereiding opslaan' }));
	await expect(page.getByRole('alert')).toContainText('Er staat niets in.');
	await form.getByLabel('Waar wil ik over praten?').fill('Over de avonden praten');
	await form.getByLabel('A. Wat gebeurde er? Wat werd er gezegd?').fill('Ruzie bij het eten');
	await form.getByRole('checkbox', { name: 'We laten elkaar uitpraten.' }).check();
	await submitAndRedirect(page, form.getByRole('button', { name: 'Voorbereiding opslaan' }));

	// Back on the preparation page: Sanne's preparation is shared, and marked as from paper.
	await expect(page).toHaveURL(new RegExp(`${preparationPath}$`));
	await expect(page.getByRole('main')).toContainText('De voorbereiding van het papier staat erin. Die is gedeeld.');
	const sanne = page.getByRole('article', { name: 'Sanne' });
	await expect(sanne).toContainText('Op papier, ingevuld op');
	await expect(sanne).toContainText('Over de avonden praten');
	await expect(sanne).toContainText('Ruzie bij het eten');
	await checkPage(page);

	// Typed in once: the paper page says so and offers no second entry.
	await visit(page, `${preparationPath.replace(/\/preparation$/, '')}/paper`, { status: 200 });
	await expect(page.getByRole('link', { name: 'Voorbereiding van Sanne invoeren' })).toHaveCount(0);
	await expect(page.getByRole('main')).toContainText('Op papier, ingevuld op');
	const paperPath = new URL(page.url()).pathname;
	const code = (await page.locator('main p strong').first().textContent())?.match(/[A-Z0-9]{3}-[A-Z0-9]{3}/)?.[0] ?? '';
	expect(code, 'the code on the forms').toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
	// Sheets come from paper only once the conversation is at its sheets.
	await expect(page.getByRole('main')).toContainText('Gespreksbladen van papier invoeren kan vanaf de stap gespreksbladen');

	// Printing Sanne's A/B/C sheets: a PDF with the label, the code, a topic line and A, B and C; no name.
	const href = await page.getByRole('link', { name: 'Gespreksbladen A/B/C voor Sanne (PDF)' }).getAttribute('href');
	const response = await page.request.get(href!);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const text = await pdfText(await response.body());
	expect(text).toContain('Samenwerking: Papier SL');
	expect(text).toContain(`Code: ${code}`);
	for (const words of ['Onderwerp 1:', 'A. Wat gebeurde er?', 'B. Wat deed het met mij?', 'C. Waarom is dit belangrijk voor mij?'])
		expect(text).toContain(words);
	expect(text).not.toContain('Sanne');

	// The conversation takes place, with its sheets on paper: one topic on the list.
	const steps = LEARNING_TEXT.nl;
	await visit(page, preparationPath, { status: 200 });
	const learningPath = await startLearningConversation(page, steps);
	await moveOn(page, steps.nextTopics);
	await submit(page, page.getByRole('button', { name: steps.chooseConnection }));
	await moveOn(page, steps.nextSheets);

	// Afterwards Sanne's paper sheet is typed in: empty is refused, then the topic from the list with A, B and C.
	await visit(page, paperPath, { status: 200 });
	await follow(page, 'Gespreksblad van Sanne invoeren');
	let sheet = page.locator('form[action*="/enterSheet"]');
	await expect(sheet.getByLabel('Onderwerp', { exact: true })).toHaveValue(/.+/);
	await submit(page, sheet.getByRole('button', { name: 'Gespreksblad opslaan' }));
	await expect(page.getByRole('alert')).toContainText('Er staat niets bij A, B of C.');
	sheet = page.locator('form[action*="/enterSheet"]');
	await sheet.getByLabel('A. Wat gebeurde er?').fill('Je belde niet terug');
	await sheet.getByLabel('C. Waarom is dit belangrijk voor mij?').fill('Ik wil weten waar ik aan toe ben');
	await submitAndRedirect(page, sheet.getByRole('button', { name: 'Gespreksblad opslaan' }));
	await expect(page).toHaveURL(new RegExp(`${learningPath}$`));
	await expect(page.getByRole('main')).toContainText('Het gespreksblad van het papier staat erin.');
	const topic = page.getByRole('article', { name: steps.topic(1) });
	await expect(topic).toContainText('Je belde niet terug');
	await expect(topic).toContainText('Op papier, ingevuld op');

	// Twice for Sanne's side of that topic: refused with a message, nothing changes.
	await visit(page, paperPath, { status: 200 });
	await follow(page, 'Gespreksblad van Sanne invoeren');
	sheet = page.locator('form[action*="/enterSheet"]');
	await expect(sheet.getByLabel('Onderwerp', { exact: true }).locator('option:checked')).toHaveText(/\(al ingevuld\)$/);
	await sheet.getByLabel('A. Wat gebeurde er?').fill('Iets anders');
	await submit(page, sheet.getByRole('button', { name: 'Gespreksblad opslaan' }));
	await expect(page.getByRole('alert')).toContainText('Dit gespreksblad is voor dit onderwerp al ingevuld');
	await expect(sheet.getByLabel('A. Wat gebeurde er?')).toHaveValue('Iets anders');
	await visit(page, learningPath, { status: 200 });
	await expect(page.getByRole('article', { name: steps.topic(1) })).not.toContainText('Iets anders');
});
