// The quick check on paper (docs/decisions/020): the professional prints the forms of a running
// quick check (the PDF holds the collaboration's label, the conversation's code and the questions),
// the forms are filled in by hand, and the professional types the answers in afterwards with the
// day they were filled in — their own first (the blind rule), then the client's. The answers show
// as "op papier". A date in the future is refused with a message, and nothing changes.
import { checkPage, expect, submit, submitAndRedirect, test, visit } from './fixtures.ts';
import {
	createCollaborationByPost,
	dateFromToday,
	DESKTOP,
	ITEM_KEYS,
	type Ratings,
	signedInProfessional,
	startQuickCheck
} from './support/quick-check.ts';
import { pdfText } from './support/session-feedback.ts';

const OWN: Ratings = { omgang: 70, luisteren: 60, contact: 80, plan: 50, afspraken: 90 };
const CLIENT: Ratings = { omgang: 30, luisteren: 40, contact: 100, plan: 20, afspraken: 60 };

async function choose(form: ReturnType<import('@playwright/test').Page['locator']>, ratings: Ratings): Promise<void> {
	for (const key of ITEM_KEYS) {
		await form.locator(`label[for="rating-${key}-${ratings[key]}"]`).click();
		await expect(form.locator(`#rating-${key}-${ratings[key]}`)).toBeChecked();
	}
}

test('a paper form is printed, and its answers typed in afterwards show as "op papier"', async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(300_000);
	const page = await newPage({ viewport: DESKTOP, acceptDownloads: true });
	await signedInProfessional(adminPage, page, mainApp, 'papier', { open: false });
	const label = `Papier ${Date.now().toString(36)}`;
	const collaborationId = await createCollaborationByPost(page, mainApp, { label, participants: [{ name: 'Sanne' }] });
	const check = await startQuickCheck(page, collaborationId);

	// The paper page, from the conversation.
	// Links navigate in the app without a new document: follow them by their address, so each page is checked.
	const follow = async (name: string) => {
		const link = page.getByRole('link', { name });
		await expect(link).toBeVisible();
		await visit(page, new URL((await link.getAttribute('href'))!, page.url()).toString(), { status: 200 });
	};
	await follow('Op papier: formulieren en invoeren');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Op papier');
	const code = (await page.locator('main p strong').first().textContent())?.match(/[A-Z0-9]{3}-[A-Z0-9]{3}/)?.[0] ?? '';
	expect(code, 'the code on the forms').toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);

	// Printing: the client's form downloads as a PDF with the label, the code and the questions.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Formulier van Sanne (PDF)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`formulier-${code}.pdf`);
	const href = await page.getByRole('link', { name: 'Formulier van Sanne (PDF)' }).getAttribute('href');
	const response = await page.request.get(href!);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const text = await pdfText(await response.body());
	expect(text).toContain(`Samenwerking: ${label}`);
	expect(text).toContain(`Code: ${code}`);
	for (const question of ['Omgang', 'Luisteren', 'Contact', 'Afspraken']) expect(text).toContain(question);
	expect(text).not.toContain('Sanne');

	// Blind: the client's paper waits for the professional's own answers.
	await expect(page.getByRole('main')).toContainText('Geef eerst je eigen antwoorden.');
	await expect(page.getByRole('link', { name: 'Papier van Sanne invoeren' })).toHaveCount(0);
	await follow('Je eigen papier invoeren');
	let form = page.locator('form[action*="/enter"]');
	await choose(form, OWN);
	await submitAndRedirect(page, form.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(page).toHaveURL(new RegExp(`${check.path}$`));
	await expect(page.getByRole('main')).toContainText('De antwoorden van het papier staan erin.');

	// The client's paper: a date in the future is refused, and nothing is saved.
	await visit(page, `${check.path}/paper`, { status: 200 });
	await follow('Papier van Sanne invoeren');
	form = page.locator('form[action*="/enter"]');
	await form.locator('input[name="filledOn"]').fill(dateFromToday(2));
	await choose(form, CLIENT);
	await submit(page, form.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(page.getByRole('alert')).toContainText('Die datum is nog niet geweest.');
	// What was chosen is still there.
	await expect(page.locator(`#rating-omgang-${CLIENT.omgang}`)).toBeChecked();
	await form.locator('input[name="filledOn"]').fill(dateFromToday(0));
	await submitAndRedirect(page, form.getByRole('button', { name: 'Antwoorden opslaan' }));

	// Both answered: the conversation reveals, and the client's answers show as on paper.
	await expect(page).toHaveURL(new RegExp(`${check.path}$`));
	await expect(page.getByRole('main')).toContainText('Sanne (op papier)');
	await checkPage(page);

	// In the collaboration's history too.
	await visit(page, `/collaborations/${collaborationId}`, { status: 200 });
	await expect(page.getByRole('main')).toContainText('Sanne (op papier)');

	// Typed in once: the paper page says so and offers no second entry.
	await visit(page, `${check.path}/paper`, { status: 200 });
	await expect(page.getByRole('link', { name: 'Papier van Sanne invoeren' })).toHaveCount(0);
});
