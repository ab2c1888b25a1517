// A client whose phone runs no JavaScript takes part in the whole quick check: every step is a
// plain form post or link, and "Pagina verversen" takes the place of the live updates.
import { expect, submit, test, type Page } from './fixtures.ts';
import {
	closeConversation,
	createCollaboration,
	dateFromToday,
	DESKTOP,
	joinWithCode,
	PHONE,
	rate,
	reloadAndCheck,
	saveAgreement,
	signedInProfessional,
	startQuickCheck,
	writeReflection,
	type Ratings
} from './support/quick-check.ts';

const CLIENT = 'Noor zonder Script';
const CLIENT_RATINGS: Ratings = { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 };
const PRO_RATINGS: Ratings = { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 };

/** Without JavaScript the page does not follow the conversation: the client refreshes it. */
async function refresh(page: Page): Promise<void> {
	await submit(page, page.getByRole('link', { name: 'Pagina verversen' }));
}

test('without JavaScript a client joins, answers, sees the reveal, reflects and sees the agreement', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(90_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-zonder-js');
	const collaborationId = await createCollaboration(proPage, {
		label: `Zonder JS ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT }]
	});
	const check = await startQuickCheck(proPage, collaborationId);

	const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: false });
	await joinWithCode(clientPage, check.code, CLIENT);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat onze samenwerking?');

	// The client answers first and waits; their own answers stay on their own phone.
	await rate(clientPage, CLIENT_RATINGS);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');
	await expect(clientPage.getByRole('main')).toContainText('0 van de 1 anderen zijn klaar.');
	await clientPage.getByText('Mijn antwoorden bekijken').click();
	await expect(clientPage.getByRole('main')).toContainText('Contact: 10 van 10');
	await refresh(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');

	// The professional answers last, which reveals the answers.
	await reloadAndCheck(proPage);
	await expect(proPage.getByRole('main')).toContainText(`${CLIENT} heeft ingevuld ✓`);
	await rate(proPage, PRO_RATINGS);
	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();

	await refresh(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken');
	await expect(clientPage.locator('svg.reveal-line')).toHaveCount(5);

	// Most and least satisfied, written and saved without JavaScript.
	await submit(proPage, proPage.locator('form[action="?/startReflection"] button'));
	await refresh(clientPage);
	await writeReflection(clientPage, 'contact', { most: 'Je bent er als het nodig is.', least: 'De wachttijd aan de telefoon.' });
	await expect(clientPage.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
	await expect(clientPage.locator('form#reflection-contact textarea[name="mostSatisfied"]')).toHaveValue('Je bent er als het nodig is.');
	await reloadAndCheck(proPage);
	await expect(proPage.getByRole('main')).toContainText('Je bent er als het nodig is.');

	// The agreement appears on the client's phone after a refresh.
	await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	await saveAgreement(proPage, {
		what: 'We spreken elke week een vast belmoment af.',
		who: 'both',
		dueOn: dateFromToday(7),
		measure: 'Elke week is er gebeld.'
	});
	await refresh(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('De afspraak');
	await expect(clientPage.getByRole('main')).toContainText('We spreken elke week een vast belmoment af.');

	// Closed: the next refresh thanks the client.
	await closeConversation(proPage, 'Afspraak over een vast belmoment.');
	await refresh(clientPage);
	await expect(clientPage.getByRole('main')).toContainText(/Bedankt/);
});
