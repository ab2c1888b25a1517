// An organisation words a client text its own way (issue 16, docs/decisions/021): the admin
// corrects the Ukrainian introduction of the rating page; markup is refused and changes nothing; the
// Ukrainian-speaking client reads the new words on their phone, the Dutch professional's pages and
// the other languages keep the standard text. Ukrainian, which no other journey offers, so no other
// journey's texts or language choices change meanwhile.
import { checkPage, expect, submit, submitAndRedirect, test, visit } from './fixtures.ts';
import { offerLanguages } from './support/languages.ts';
import { joinWithCode, PHONE, professionalWithCollaboration, startQuickCheck } from './support/quick-check.ts';

const CLIENT = 'Oksana Kovalenko';
const OWN_WORDS = 'Вибери місце на лінії. Тут немає правильного чи неправильного: важлива твоя думка.';

test('an admin rewords a client text in Ukrainian; markup is refused; the Ukrainian client reads the new words, nobody else does', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(240_000);
	await offerLanguages(adminPage, ['uk']);
	await visit(adminPage, '/admin/settings', { status: 200 });
	// Links and GET forms: with JavaScript SvelteKit follows them without loading a new document.
	await adminPage.getByRole('link', { name: 'Teksten voor cliënten in eigen woorden' }).click();
	await expect(adminPage).toHaveURL(/\/admin\/wording$/);
	await checkPage(adminPage);
	await expect(adminPage.getByRole('heading', { level: 1, name: 'Teksten voor cliënten' })).toBeVisible();

	// Find the Ukrainian introduction of the rating page by its Dutch words.
	await adminPage.getByLabel('Taal').selectOption('uk');
	await adminPage.getByLabel('Zoek in de teksten').fill('Kies bij elke vraag een plek op de lijn');
	await adminPage.getByRole('button', { name: 'Zoeken' }).click();
	await expect(adminPage).toHaveURL(/language=uk&q=/);
	await checkPage(adminPage);
	const standard = adminPage.locator('a[href="/admin/wording/uk/rating_intro"]');
	const standardText = (await standard.textContent())?.trim() ?? '';
	expect(standardText).toContain('Для кожного питання вибери місце на лінії');
	await standard.click();
	await expect(adminPage).toHaveURL(/\/admin\/wording\/uk\/rating_intro$/);
	await checkPage(adminPage);

	const own = adminPage.getByLabel('Jouw tekst (Українська)');
	await own.fill('<script>alert(1)</script> Вибери місце на лінії.');
	const refused = await submit(adminPage, adminPage.getByRole('button', { name: 'Tekst opslaan' }));
	expect(refused?.status()).toBe(400);
	await expect(adminPage.getByText('Een tekst mag geen HTML of script bevatten.')).toBeVisible();
	await expect(own, 'what the admin typed stays').toHaveValue('<script>alert(1)</script> Вибери місце на лінії.');
	await expect(adminPage.getByRole('button', { name: 'Terug naar de standaardtekst' }), 'nothing was stored').toHaveCount(0);

	await own.fill(OWN_WORDS);
	await submitAndRedirect(adminPage, adminPage.getByRole('button', { name: 'Tekst opslaan' }));
	await expect(adminPage.getByText('De tekst is opgeslagen. Cliënten zien hem nu.')).toBeVisible();
	// The whole sentence: its first words are also in other Ukrainian texts (an error on the rating page).
	await expect(adminPage.getByRole('row', { name: OWN_WORDS })).toBeVisible();

	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-eigen-woorden', {
		label: `Eigen woorden ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT, locale: 'uk' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const phone = await newPage({ viewport: PHONE });
	await joinWithCode(phone, check.code, CLIENT);
	await expect(phone.locator('html')).toHaveAttribute('lang', 'uk');
	await expect(phone.getByText(OWN_WORDS)).toBeVisible();
	await expect(phone.getByText(standardText)).toHaveCount(0);

	// The professional's own rating page is Dutch and keeps the standard words.
	await visit(proPage, check.path, { status: 200 });
	await expect(proPage.getByText(OWN_WORDS)).toHaveCount(0);

	// Back to the standard text: the client's next page shows it again.
	await visit(adminPage, '/admin/wording?language=uk', { status: 200 });
	await adminPage.locator('a[href="/admin/wording/uk/rating_intro"]').click();
	await expect(adminPage).toHaveURL(/\/admin\/wording\/uk\/rating_intro$/);
	await checkPage(adminPage);
	await submitAndRedirect(adminPage, adminPage.getByRole('button', { name: 'Terug naar de standaardtekst' }));
	await visit(phone, '/c', { status: 200 });
	await expect(phone.getByText(standardText)).toBeVisible();
});
