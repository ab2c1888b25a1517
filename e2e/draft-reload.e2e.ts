// An outside new-user pass: a client who ticked answers or typed on a participant page and then
// reloaded it (or whose phone reloaded the tab) found it all gone. With JavaScript, static/page-form.js
// keeps what is not sent in the tab's sessionStorage, for this device on this screen or step, and
// puts it back after a reload — unless the server stored something else meanwhile. Sent, it is gone.
// A live update waits for it, a dropdown's choice included.
import { checkPage, expect, submit, test, visit, type Page } from './fixtures.ts';
import { planLearningConversation } from './support/learning.ts';
import { joinByPost, PHONE, professionalWithCollaboration, rate, startQuickCheck } from './support/quick-check.ts';

const DRAFT_NOTICE = 'Wat je nog niet had verstuurd, staat er weer. Verstuur het als je klaar bent.';

/** The drafts this tab keeps (page-form.js), by key. */
function keptDrafts(page: Page): Promise<string[]> {
	return page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('tweespraak-form:')));
}

async function reload(page: Page): Promise<void> {
	await page.reload();
	await checkPage(page);
}

test('ratings chosen and not sent are there again after a reload, for this person only; once sent, nothing is kept', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'draft-reload-rating', {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Sam' }, { name: 'Kim' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const phone = await newPage({ viewport: PHONE });
	await joinByPost(phone, mainApp, check.code, 'Sam');
	const form = phone.locator('form.rating-form');
	await form.locator('label[for="rating-omgang-70"]').click();
	await form.locator('label[for="rating-luisteren-30"]').click();

	await reload(phone);
	await expect(form.locator('#rating-omgang-70')).toBeChecked();
	await expect(form.locator('#rating-luisteren-30')).toBeChecked();
	await expect(phone.getByRole('status').filter({ hasText: DRAFT_NOTICE })).toBeVisible();
	// A second reload keeps it as well: it is still not sent.
	await reload(phone);
	await expect(form.locator('#rating-omgang-70')).toBeChecked();

	// Sam stops on this phone and Kim takes part on it, in the same tab: Sam's choices are not Kim's.
	await submit(phone, phone.getByRole('button', { name: 'Stoppen op dit apparaat' }));
	await joinByPost(phone, mainApp, check.code, 'Kim');
	await expect(form.locator('input[type="radio"]:checked')).toHaveCount(0);
	await expect(phone.getByText(DRAFT_NOTICE)).toBeHidden();
	expect(await keptDrafts(phone)).toEqual([]);

	// Kim chooses one and reloads, then sends all of them: nothing is kept after the send.
	await form.locator('label[for="rating-plan-40"]').click();
	await reload(phone);
	await expect(form.locator('#rating-plan-40')).toBeChecked();
	await rate(phone, { omgang: 50, luisteren: 50, contact: 50, plan: 40, afspraken: 50 });
	expect(await keptDrafts(phone)).toEqual([]);
	await reload(phone);
	await expect(phone.getByText(DRAFT_NOTICE)).toBeHidden();
});

test('text typed and a card chosen in a preparation step are there again after a reload, but not over what was saved since', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'draft-reload-prep', {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor' }]
	});
	const { links } = await planLearningConversation(proPage, collaborationId);
	const phone = await newPage({ viewport: PHONE });
	await visit(phone, links[0]!, { status: 200 });
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	const wishes = phone.getByLabel('Waar wil je over praten?');
	await wishes.fill('Dat er naar mij geluisterd wordt.');

	await reload(phone);
	await expect(wishes).toHaveValue('Dat er naar mij geluisterd wordt.');
	await expect(phone.getByRole('status').filter({ hasText: DRAFT_NOTICE })).toBeVisible();
	// Another tab of the same phone saves other words: the server has a newer answer, which stays.
	const other = await phone.context().newPage();
	await visit(other, '/c/preparation?step=1', { status: 200 });
	await other.getByLabel('Waar wil je over praten?').fill('Meer tijd voor mijn zoon.');
	await submit(other, other.getByRole('button', { name: 'Opslaan' }));
	await other.close();
	await reload(phone);
	await expect(wishes).toHaveValue('Meer tijd voor mijn zoon.');
	await expect(phone.getByText(DRAFT_NOTICE)).toBeHidden();
	expect(await keptDrafts(phone)).toEqual([]);

	// Typed again and saved: a reload brings nothing back over it.
	await wishes.fill('Meer tijd voor mijn dochter.');
	await submit(phone, phone.getByRole('button', { name: 'Opslaan' }));
	expect(await keptDrafts(phone)).toEqual([]);
	await reload(phone);
	await expect(wishes).toHaveValue('Meer tijd voor mijn dochter.');
	await expect(phone.getByText(DRAFT_NOTICE)).toBeHidden();

	// The moment step: the card chosen in its dropdown comes back with the text typed beside it.
	await visit(phone, '/c/preparation?step=5', { status: 200 });
	const card = phone.getByLabel('Over welke kaart gaat dit moment?');
	const chosenCard = card.locator('option:checked');
	const momentA = phone.getByLabel(/^A\. Wat gebeurde er\?/);
	await card.selectOption({ label: 'Onze verbinding' });
	await momentA.fill('Aan tafel, na school.');
	await reload(phone);
	await expect(chosenCard).toHaveText('Onze verbinding');
	await expect(momentA).toHaveValue('Aan tafel, na school.');
	await expect(phone.getByRole('status').filter({ hasText: DRAFT_NOTICE })).toBeVisible();
	// Another tab saves another card: the server's newer card stays; the text, stored in neither, comes back.
	const second = await phone.context().newPage();
	await visit(second, '/c/preparation?step=5', { status: 200 });
	await second.getByLabel('Over welke kaart gaat dit moment?').selectOption({ label: 'Onze aanpak' });
	await submit(second, second.getByRole('button', { name: 'Opslaan' }));
	await second.close();
	await reload(phone);
	await expect(chosenCard).toHaveText('Onze aanpak');
	await expect(momentA).toHaveValue('Aan tafel, na school.');
	// Chosen again and saved: nothing is kept, and a reload shows what the server stored.
	await card.selectOption({ label: 'Onze verbinding' });
	await submit(phone, phone.getByRole('button', { name: 'Opslaan' }));
	expect(await keptDrafts(phone)).toEqual([]);
	await reload(phone);
	await expect(chosenCard).toHaveText('Onze verbinding');
	await expect(momentA).toHaveValue('Aan tafel, na school.');
	await expect(phone.getByText(DRAFT_NOTICE)).toBeHidden();

	// A card chosen and not sent holds a live update back, as typed text does (static/live-client.js):
	// the professional shares meanwhile; the phone says so and waits instead of loading over the choice.
	await card.selectOption({ label: 'Onze aanpak' });
	await phone.evaluate(() => ((window as { stayed?: boolean }).stayed = true));
	await proPage.getByLabel('Waar wil ik over praten?').fill('Hoe het gaat met de afspraken.');
	await submit(proPage, proPage.getByRole('button', { name: 'Opslaan', exact: true }));
	await submit(proPage, proPage.getByRole('button', { name: 'Deel mijn voorbereiding' }));
	await expect(phone.locator('[data-live-status]')).toHaveText(/Er is iets veranderd in het gesprek/);
	expect(await phone.evaluate(() => (window as { stayed?: boolean }).stayed), 'the phone did not load itself again').toBe(true);
	await expect(chosenCard).toHaveText('Onze aanpak');
});
