// A quick check whose instrument asks questions in words beside the line (issue 14): both parties
// answer them blind, a client's phone without JavaScript at 360 px keeps what was typed when a
// choice is missing, and the reveal shows both answers side by side ("In eigen woorden"), with no
// line or gap for them. Every page on the way is checked with axe.
import { quickCheckWithWords } from '../src/lib/server/testing/fhir-questionnaires.ts';
import { checkPage, expect, submit, submitAndRedirect, test, visit, type Page } from './fixtures.ts';
import {
	closeConversation,
	dateFromToday,
	joinWithCode,
	PHONE,
	professionalWithCollaboration,
	refreshWithoutScript,
	saveAgreement,
	startQuickCheck
} from './support/quick-check.ts';

const LINE_KEYS = ['relatie', 'doelen', 'aanpak', 'algemeen'];
const CLIENT = 'Lotte Woorden';
const CLIENT_WORDS = 'Dat je mijn moeder ook belt.';
const PRO_WORDS = 'Ik wil vaker vragen wat Lotte zelf wil.';
const QUESTION = 'Wat wil je nog zeggen?';

/** One point on every line item, chosen by its label as a person would. */
async function rateLine(page: Page, value: number): Promise<void> {
	const form = page.locator('form.rating-form');
	for (const key of LINE_KEYS) await form.locator(`label[for="rating-${key}-${value}"]`).click();
}

test('a quick check asks questions in words beside the line; both answer blind and the reveal shows them side by side', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);

	// The admin imports the questionnaire; the list says it can be the quick check's (it has a line).
	await visit(adminPage, '/admin/instruments', { status: 200 });
	await adminPage.locator('textarea[name="questionnaire"]').fill(JSON.stringify(quickCheckWithWords()));
	await adminPage.getByLabel('Onze organisatie heeft een licentie voor deze vragenlijst.').check();
	// The first import of a server process compiles the FHIR schema (decision 019): slow on a busy machine.
	adminPage.setDefaultTimeout(90_000);
	await submit(adminPage, adminPage.getByRole('button', { name: 'Toevoegen' }));
	adminPage.setDefaultTimeout(10_000);
	await expect(adminPage.getByRole('status')).toContainText('De vragenlijst is toegevoegd: Samenwerking in woorden');
	await expect(adminPage.getByRole('row', { name: /Samenwerking in woorden/ }).first()).not.toContainText('De snelle check vraagt');

	// A professional chooses it for one collaboration.
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-woorden', {
		label: `In woorden ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT }]
	});
	await visit(proPage, `/collaborations/${collaborationId}/edit`, { status: 200 });
	const choice = proPage.locator('section[aria-labelledby="instrument-title"]');
	await choice.getByLabel('Vragenlijst').selectOption({ label: 'Samenwerking in woorden' });
	await submit(proPage, choice.getByRole('button', { name: 'Opslaan' }));
	await expect(proPage.getByRole('status')).toContainText('De vragenlijst van de snelle check is opgeslagen.');

	// The client's phone, without JavaScript, at 360 px: the line, a choice of words and an open question.
	const check = await startQuickCheck(proPage, collaborationId);
	const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: false });
	await joinWithCode(clientPage, check.code, CLIENT);
	const form = clientPage.locator('form.rating-form');
	await expect(form.getByRole('radio', { name: 'Thuis' })).toBeVisible();
	await expect(form.getByRole('textbox', { name: QUESTION })).toBeVisible();
	const overflow = await clientPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, 'the form fits a 360 px phone').toBeLessThanOrEqual(0);

	// The choice left open: the form comes back naming it, with the line and the words as they were.
	await rateLine(clientPage, 30);
	await form.getByRole('textbox', { name: QUESTION }).fill(CLIENT_WORDS);
	const refused = await submit(clientPage, form.locator('button.submit'));
	expect(refused?.status(), 'a refused send answers the form again').toBe(400);
	await checkPage(clientPage);
	await expect(clientPage.getByRole('alert')).toContainText('Waar merk je het meest?');
	await expect(form.getByRole('textbox', { name: QUESTION })).toHaveValue(CLIENT_WORDS);
	await expect(clientPage.locator('#rating-relatie-30')).toBeChecked();
	await form.getByRole('radio', { name: 'Thuis' }).check();
	await submitAndRedirect(clientPage, form.locator('button.submit'));
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');
	// Own answers on one's own phone, the words too.
	await clientPage.getByText('Mijn antwoorden bekijken').click();
	await expect(clientPage.getByRole('main')).toContainText(CLIENT_WORDS);

	// Blind: the professional's page does not hold the client's words before the reveal.
	await proPage.reload();
	await checkPage(proPage);
	await expect(proPage.getByRole('main')).toContainText(`${CLIENT} heeft ingevuld ✓`);
	expect(await proPage.content()).not.toContain(CLIENT_WORDS);

	// The professional answers last, which reveals: the words side by side, no line for them.
	await rateLine(proPage, 70);
	const proForm = proPage.locator('form.rating-form');
	await proForm.getByRole('radio', { name: 'Werk' }).check();
	await proForm.getByRole('textbox', { name: QUESTION }).fill(PRO_WORDS);
	await submitAndRedirect(proPage, proForm.locator('button.submit'));
	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();
	await checkPage(proPage);
	const proWords = proPage.getByRole('region', { name: 'In eigen woorden' });
	await expect(proWords).toContainText(CLIENT_WORDS);
	await expect(proWords).toContainText(PRO_WORDS);
	await expect(proWords).toContainText('Thuis');
	await expect(proWords).toContainText('Werk');
	await expect(proPage.locator('svg.reveal-line')).toHaveCount(LINE_KEYS.length);

	await refreshWithoutScript(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken');
	const clientWords = clientPage.getByRole('region', { name: 'In eigen woorden' });
	await expect(clientWords).toContainText(PRO_WORDS);
	await expect(clientWords).toContainText(`${CLIENT} (jij)`);
	await expect(clientPage.locator('svg.reveal-line')).toHaveCount(LINE_KEYS.length);
	const revealOverflow = await clientPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(revealOverflow, 'the reveal fits a 360 px phone').toBeLessThanOrEqual(0);

	// Closed, the report keeps both sides' words beside the line's table, the PDF too.
	await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	await saveAgreement(proPage, {
		what: 'We bellen ook met je moeder.',
		who: 'both',
		dueOn: dateFromToday(14),
		measure: 'Eén keer gebeld.'
	});
	await closeConversation(proPage, 'Ook over thuis gepraat.');
	await visit(proPage, `${check.path}/report`, { status: 200 });
	for (const words of [CLIENT_WORDS, PRO_WORDS, 'Thuis', 'Werk']) await expect(proPage.getByRole('main')).toContainText(words);
	const pdf = await proPage.request.get(`${check.path}/report.pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
});
