// A client whose phone runs no JavaScript takes part in the whole quick check: every step is a
// plain form post or link, and "Pagina verversen" takes the place of the live updates.
import { expect, submit, submitAndRedirect, test, visit } from './fixtures.ts';
import {
	closeConversation,
	createCollaboration,
	dateFromToday,
	DESKTOP,
	joinWithCode,
	PHONE,
	rate,
	type Ratings,
	refreshWithoutScript,
	reloadAndCheck,
	saveAgreement,
	signedInProfessional,
	startQuickCheck,
	typeReflection,
	writeReflection
} from './support/quick-check.ts';

const CLIENT = 'Noor zonder Script';
const CLIENT_RATINGS: Ratings = { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 };
const PRO_RATINGS: Ratings = { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 };

test('without JavaScript a client joins, answers, sees the reveal, reflects and sees the agreement', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
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
	await expect(clientPage.getByRole('main')).toContainText('Zo ver zijn de anderen: 0 van de 1 klaar.');
	await clientPage.getByText('Mijn antwoorden bekijken').click();
	await expect(clientPage.getByRole('main')).toContainText('Contact: 10 van 10');
	await refreshWithoutScript(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');

	// The professional answers last, which reveals the answers.
	await reloadAndCheck(proPage);
	await expect(proPage.getByRole('main')).toContainText(`${CLIENT} heeft ingevuld ✓`);
	await rate(proPage, PRO_RATINGS);
	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();

	await refreshWithoutScript(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken');
	await expect(clientPage.locator('svg.reveal-line')).toHaveCount(5);

	// Most and least satisfied, written and saved without JavaScript. All items are one form, so
	// what was typed for one item is saved with the button under another, and nothing is lost.
	await submit(proPage, proPage.locator('form[action="?/startReflection"] button'));
	await refreshWithoutScript(clientPage);
	const field = (name: string) => clientPage.locator(`textarea[name="${name}"]`);
	await typeReflection(clientPage, 'omgang', { most: 'We zijn eerlijk tegen elkaar.', least: '' });
	// A text that is too long (an old browser may ignore maxlength) is refused; everything typed stays.
	await typeReflection(clientPage, 'plan', { most: '', least: '' });
	await field('plan.leastSatisfied').evaluate((textarea) => textarea.removeAttribute('maxlength'));
	await field('plan.leastSatisfied').fill('x'.repeat(501));
	const refused = await submit(clientPage, clientPage.locator('details#reflection-plan button'));
	expect(refused?.status(), 'a refused save answers the form again').toBe(400);
	await expect(clientPage.getByRole('alert')).toHaveText('Deze tekst is te lang. Maak hem korter.');
	// The page comes back from the server with the error in focus, so the phone shows it rather than
	// the top of the page (autofocus: no script needed).
	const inFocus = clientPage.locator(':focus');
	await expect(inFocus).toContainText('Deze tekst is te lang. Maak hem korter.');
	await expect(inFocus).toBeInViewport();
	await expect(field('plan.leastSatisfied')).toHaveValue('x'.repeat(501));
	await expect(field('plan.leastSatisfied')).toHaveAttribute('aria-invalid', 'true');
	await expect(field('omgang.mostSatisfied')).toHaveValue('We zijn eerlijk tegen elkaar.');
	// Shortened, and saved under another item: all of it is saved.
	await field('plan.leastSatisfied').fill('Het plan is lang.');
	await writeReflection(clientPage, 'contact', { most: 'Je bent er als het nodig is.', least: 'De wachttijd aan de telefoon.' });
	await expect(clientPage.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
	await expect(field('contact.mostSatisfied')).toHaveValue('Je bent er als het nodig is.');
	await expect(field('omgang.mostSatisfied')).toHaveValue('We zijn eerlijk tegen elkaar.');
	await expect(field('plan.leastSatisfied')).toHaveValue('Het plan is lang.');
	await reloadAndCheck(proPage);
	for (const written of ['Je bent er als het nodig is.', 'We zijn eerlijk tegen elkaar.', 'Het plan is lang.'])
		await expect(proPage.getByRole('main')).toContainText(written);

	// The agreement appears on the client's phone after a refresh.
	await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	// Sent empty: refused, and the first thing to put right is in view and in focus.
	const agreementForm = proPage.locator('form[action="?/agreement"]');
	expect((await submit(proPage, agreementForm.locator('button')))?.status()).toBe(400);
	const firstError = proPage.locator(':focus');
	await expect(firstError).toHaveClass(/field-error/);
	await expect(firstError).toBeInViewport();
	await saveAgreement(proPage, {
		what: 'We spreken elke week een vast belmoment af.',
		who: 'both',
		dueOn: dateFromToday(7),
		measure: 'Elke week is er gebeld.'
	});
	await refreshWithoutScript(clientPage);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('De afspraak');
	await expect(clientPage.getByRole('main')).toContainText('We spreken elke week een vast belmoment af.');
	for (const written of ['We zijn eerlijk tegen elkaar.', 'Je bent er als het nodig is.', 'Het plan is lang.'])
		await expect(clientPage.getByRole('main')).toContainText(written);

	// Closed: the next refresh shows the end screen with the agreement, to keep without JavaScript.
	await closeConversation(proPage, 'Afspraak over een vast belmoment.');
	await refreshWithoutScript(clientPage);
	await expect(clientPage).toHaveURL(/\/c\/outcome$/);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Wat jullie hebben afgesproken');
	await expect(clientPage.getByRole('main')).toContainText('We spreken elke week een vast belmoment af.');
	await expect(clientPage.getByRole('main')).toContainText('Samen');
	const width = await clientPage.evaluate(() => document.documentElement.scrollWidth);
	expect(width, 'the end screen fits a 360 px phone').toBeLessThanOrEqual(360);
	const pdf = await clientPage.request.get('/c/outcome/pdf');
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	// A shared phone removes it; the phone then reaches nothing of the conversation.
	await submitAndRedirect(clientPage, clientPage.getByRole('button', { name: 'Weghalen van deze telefoon' }));
	await expect(clientPage).toHaveURL(/\/join\?left=1$/);
	await visit(clientPage, '/c/outcome');
	await expect(clientPage).toHaveURL(/\/join/);
});
