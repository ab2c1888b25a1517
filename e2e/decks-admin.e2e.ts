// Card decks as an organisation admin manages them: switching a deck off and on, and changing
// a card's words, which publishes a new version of the organisation's own. Dutch and English.
import { checkPage, expect, mainFormButton, type Page, signIn, submit, switchLanguage, test, visit } from './fixtures.ts';
import { createStaffMember } from './support/actions.ts';

async function editCard(page: Page, deckKey: string, cardTitle: string, label: RegExp, words: { titleNl: string }): Promise<void> {
	await page.locator(`#deck-${deckKey}`).getByRole('link', { name: label }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/decks/${deckKey}/`));
	await page.waitForLoadState('load');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(cardTitle);
	await checkPage(page);
	await page.locator('input[name="titleNl"]').fill(words.titleNl);
	await submit(page, mainFormButton(page));
}

test('an admin switches a deck off and on, and edits a card into a new version — in Dutch and English', async ({ adminPage }) => {
	test.setTimeout(480_000);
	await visit(adminPage, '/admin/decks', { status: 200 });
	await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Kaartensets');
	await expect(adminPage.locator('section.deck')).toHaveCount(4);
	await expect(adminPage.locator('#deck-values')).toContainText('Gezien worden');
	await expect(adminPage.locator('#deck-wishes')).toContainText('Wil je zonder oordeel naar me luisteren?');

	// Off and on again: the state shows, and nothing else about the deck changes.
	const themes = adminPage.locator('#deck-themes');
	await submit(adminPage, themes.getByRole('button', { name: /uitzetten/ }));
	await expect(adminPage.locator('#deck-themes .state')).toHaveText('Uit');
	await submit(adminPage, adminPage.locator('#deck-themes').getByRole('button', { name: /aanzetten/ }));
	await expect(adminPage.locator('#deck-themes .state')).toHaveText('Aan');

	// A card's words: an empty title is refused with a message, and nothing is published.
	await editCard(adminPage, 'values', 'Maatwerk', /Kaart Maatwerk wijzigen/, { titleNl: '' });
	await expect(adminPage.locator('#title-nl-error')).toBeVisible();
	await adminPage.locator('input[name="titleNl"]').fill('Maatwerk voor mij');
	await submit(adminPage, mainFormButton(adminPage));
	await expect(adminPage).toHaveURL(/\/admin\/decks\?saved=values/);
	await expect(adminPage.getByRole('status')).toContainText(/versie \d+/);
	const values = adminPage.locator('#deck-values');
	await expect(values).toContainText('Maatwerk voor mij');
	await expect(values).toContainText('aangepast door je organisatie');

	// The same page in English; the card's English words were left as they were.
	await switchLanguage(adminPage, 'en');
	await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Card decks');
	await expect(adminPage.locator('#deck-values')).toContainText('Tailor-made');
	await expect(adminPage.locator('#deck-values')).toContainText('changed by your organisation');

	// Back to the built-in words (as yet another version), and back to Dutch for the other tests.
	await editCard(adminPage, 'values', 'Tailor-made', /Change card Tailor-made/, { titleNl: 'Maatwerk' });
	await expect(adminPage.getByRole('status')).toContainText(/version \d+/);
	await switchLanguage(adminPage, 'nl');
	await expect(adminPage.locator('#deck-values')).toContainText('Maatwerk');
	await expect(adminPage.locator('#deck-values')).not.toContainText('Maatwerk voor mij');
});

test('an admin edits both wordings of a card, the client’s and the professional’s; bad input changes nothing — in Dutch and English', async ({
	adminPage
}) => {
	test.setTimeout(480_000);
	const page = adminPage;
	await visit(page, '/admin/decks/values/zakelijkheid', { status: 200 });
	await expect(page.getByRole('heading', { level: 2, name: 'Voor de cliënt' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Voor de professional' })).toBeVisible();
	// The professional's own wording is there to edit (built-in version 2).
	await expect(page.locator('textarea[name="frontNl"]')).toHaveValue('Letten we op tijd en afspraken?');
	await expect(page.locator('textarea[name="proBackNl"]')).toHaveValue(/Ik let op de tijd/);

	// An empty professional question is refused with a message; nothing is published.
	await page.locator('textarea[name="proFrontNl"]').fill('');
	await submit(page, mainFormButton(page));
	await expect(page.locator('#pro-front-nl-error')).toBeVisible();
	await checkPage(page);
	// Back questions that do not pair up between Dutch and English are refused too; what was typed stays.
	await page.locator('textarea[name="proFrontNl"]').fill('Let ik op de tijd en onze afspraken?');
	await page.locator('textarea[name="proBackEn"]').fill('Only one line.');
	await submit(page, mainFormButton(page));
	await expect(page.locator('#pro-back-en-error')).toHaveText('Zet bij het Nederlands en het Engels evenveel vragen.');
	await expect(page.locator('textarea[name="proFrontNl"]')).toHaveValue('Let ik op de tijd en onze afspraken?');
	await visit(page, '/admin/decks', { status: 200 });
	await expect(page.locator('#deck-values')).not.toContainText('Let ik op de tijd en onze afspraken?');

	// A valid edit: the list shows each wording beside the other.
	await visit(page, '/admin/decks/values/zakelijkheid', { status: 200 });
	await page.locator('textarea[name="proFrontNl"]').fill('Let ik op de tijd en onze afspraken?');
	await page.locator('textarea[name="proFrontEn"]').fill('Do I keep an eye on time and our agreements?');
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(/\/admin\/decks\?saved=values/);
	const card = page.locator('#deck-values li').filter({ hasText: 'Zakelijkheid' });
	await expect(card).toContainText('Cliënt: Letten we op tijd en afspraken?');
	await expect(card).toContainText('Professional: Let ik op de tijd en onze afspraken?');
	await switchLanguage(page, 'en');
	const cardEn = page.locator('#deck-values li').filter({ hasText: 'Being businesslike' });
	await expect(cardEn).toContainText('Client: Do we keep an eye on time and agreements?');
	await expect(cardEn).toContainText('Professional: Do I keep an eye on time and our agreements?');
	await switchLanguage(page, 'nl');

	// Back to the built-in words for the other tests (as yet another version).
	await visit(page, '/admin/decks/values/zakelijkheid', { status: 200 });
	await page.locator('textarea[name="proFrontNl"]').fill('Letten we op tijd en afspraken?');
	await page.locator('textarea[name="proFrontEn"]').fill('Do we keep an eye on time and agreements?');
	await submit(page, mainFormButton(page));
	await expect(page.locator('#deck-values li').filter({ hasText: 'Zakelijkheid' })).toContainText(
		'Professional: Letten we op tijd en afspraken?'
	);
});

test('only admins reach the deck pages: a professional gets not found', async ({ adminPage, newPage, mainApp }) => {
	const page = await newPage();
	const member = await createStaffMember(adminPage, page, mainApp, { label: 'geen-beheerder', roles: ['professional'] });
	await signIn(page, mainApp, member.email, member.password);
	await visit(page, '/admin/decks', { status: 404 });
	await visit(page, '/admin/decks/values/maatwerk', { status: 404 });
});
