// Choices not sent are kept like typed text when another item's button is pressed (docs/decisions/004,
// "Drafts", amended 2026-12-07). A trajectory moment's questionnaire page has two forms: the participant's own answers and the
// button that makes a personal link for their client. Making the link while answers were chosen
// and typed but not yet sent emptied them all (docs/decisions/004, "Drafts": a page where people
// write is one form, and what was not sent comes back). Now the points chosen, the choice without
// an order and the words typed come back, marked as not sent, and saving them saves what was chosen.
import { choiceItem, nominalItem, textItem, type FixtureQuestionnaire } from '../src/lib/server/testing/fhir-questionnaires.ts';
import { expect, submit, submitAndRedirect, test, visit, type Page } from './fixtures.ts';
import {
	createCollaborationByPost,
	DESKTOP,
	ITEM_KEYS,
	joinByPost,
	PHONE,
	signedInProfessional,
	startQuickCheck
} from './support/quick-check.ts';
import { openMomentWithQuestionnaire } from './support/trajectory.ts';

/** Written for this test: a point on a line, a choice without an order, and an open question (issue 14). */
function questionnaire(): FixtureQuestionnaire {
	return {
		resourceType: 'Questionnaire',
		url: `https://example.org/fhir/Questionnaire/concept-${Date.now().toString(36)}`,
		version: '1',
		title: 'Tussendoor',
		language: 'nl',
		status: 'active',
		item: [
			choiceItem('gaat', 'Hoe gaat het met de samenwerking?', 'How is the collaboration going?'),
			nominalItem('plek', 'Waar merk je het meest?', 'Where do you notice it most?'),
			textItem('geleerd', 'text', 'Wat heb je geleerd?', 'What did you learn?')
		]
	};
}

const NOT_SENT = /Nog niet verstuurd\./;

test('making a link for the client keeps the answers chosen and typed on the questionnaire, with and without JavaScript', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const { participant } = await openMomentWithQuestionnaire(
		{ adminPage, newPage, app: mainApp },
		{ questionnaire: questionnaire(), title: 'Tussendoor', label: 'cd', trajectoryName: 'Tussendoor', organisationName: 'Buurtteam Oost' }
	);
	const path = `${new URL(participant.url()).pathname}/instrument`;
	const storageState = await participant.context().storageState();

	for (const javaScript of [false, true]) {
		const page: Page = await newPage({ javaScriptEnabled: javaScript, viewport: { width: 360, height: 740 }, storageState });
		await visit(page, path, { status: 200 });
		const learned = page.getByRole('textbox', { name: 'Wat heb je geleerd?' });
		// The second time (with JavaScript) other answers than the ones saved the first time.
		const [point, place, typed] = javaScript ? [50, 'Thuis', 'Eerst luisteren.'] : [75, 'Werk', 'Beter vragen.'];
		await page.locator(`label[for="rating-gaat-${point}"]`).click();
		await page.getByRole('radio', { name: place }).check();
		await learned.fill(typed);

		await submit(page, page.getByRole('button', { name: /Link voor mijn cliënt maken|Nieuwe link/ }));
		await expect(page.locator('.link code'), 'the link is shown').toContainText('/t/');
		await expect(page.locator(`#rating-gaat-${point}`), 'the point chosen is still chosen').toBeChecked();
		await expect(page.locator(`#rating-gaat-${point}`)).toHaveAccessibleDescription(NOT_SENT);
		await expect(page.getByRole('radio', { name: place }), 'the choice is still made').toBeChecked();
		await expect(page.getByRole('radio', { name: place })).toHaveAccessibleDescription(NOT_SENT);
		await expect(learned, 'the words typed are still there').toHaveValue(typed);
		await expect(learned).toHaveAccessibleDescription(NOT_SENT);

		await submitAndRedirect(page, page.locator('.rating-form button.submit'));
		await expect(page.getByRole('status').first()).toHaveText('Je antwoorden op de vragenlijst zijn opgeslagen.');
		await expect(page.locator(`#rating-gaat-${point}`), 'what was chosen is what was saved').toBeChecked();
		await expect(page.getByRole('radio', { name: place })).toBeChecked();
		await expect(page.getByRole('textbox', { name: 'Wat heb je geleerd?' })).toHaveValue(typed);
		await expect(page.locator(`#rating-gaat-${point}`)).not.toHaveAccessibleDescription(NOT_SENT);
		await expect(page.getByText(NOT_SENT), 'nothing is marked as not sent').toHaveCount(0);
		await page.close();
	}
});

for (const javaScript of [true, false]) {
	test(`quick check, ${javaScript ? 'with' : 'without'} JavaScript: letting a client take part again keeps the professional’s own points chosen and not sent`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(300_000);
		const proPage = await newPage({ viewport: DESKTOP, javaScriptEnabled: javaScript });
		await signedInProfessional(adminPage, proPage, mainApp, `keuze-${javaScript ? 'js' : 'nojs'}`, { open: false });
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `Gezin ${Date.now().toString(36)}`,
			participants: [{ name: 'Sam' }]
		});
		const check = await startQuickCheck(proPage, collaborationId);
		// Sam joins on a phone that then breaks (closed: it is not used again).
		const phone = await newPage({ viewport: PHONE });
		await joinByPost(phone, mainApp, check.code, 'Sam');
		await phone.close();
		await visit(proPage, check.path, { status: 200 });

		// The professional chooses points on their own rating form and does not send them yet.
		const form = proPage.locator('form.rating-form');
		for (const key of ITEM_KEYS) await form.locator(`label[for="rating-${key}-70"]`).click();
		// Sam's phone broke: the professional lets Sam take part again on another device.
		await submit(proPage, proPage.getByRole('button', { name: 'Sam opnieuw laten meedoen' }));
		for (const key of ITEM_KEYS) {
			await expect(form.locator(`#rating-${key}-70`), `${key} still chosen`).toBeChecked();
			await expect(form.locator(`#rating-${key}-70`)).toHaveAccessibleDescription(NOT_SENT);
		}
		await submitAndRedirect(proPage, form.locator('button.submit'));
		await expect(proPage.getByRole('main')).toContainText('Je antwoorden zijn verstuurd.');
		await expect(proPage.getByRole('main'), 'the points chosen are the ones sent').toContainText('7 van 10');
	});
}
