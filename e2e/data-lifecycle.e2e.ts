// The data lifecycle's admin pages: the retention dry run and erasure on request. The erasure
// itself (and what is left after it) is tested on both databases in src/lib/server/retention;
// who may open these pages, in src/lib/server/access (retention.view, erasure.*).
import { expect, submit, test, visit } from './fixtures.ts';

test('an admin sees what retention will erase and asks for an erasure; a wrong or unknown reference changes nothing', async ({
	adminPage
}) => {
	test.setTimeout(180_000);
	await visit(adminPage, '/admin/retention', { status: 200 });
	await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Wat wordt wanneer gewist');
	await expect(adminPage.getByRole('main')).toContainText('Dit is een overzicht: er verandert nu niets.');

	await visit(adminPage, '/erasure', { status: 200 });
	const form = adminPage.locator('form[action="?/request"]');
	await form.getByLabel('Referentie').fill('Jansen');
	await submit(adminPage, form.getByRole('button', { name: 'Verzoek doen' }));
	await expect(adminPage.locator('#field-reference-error')).toHaveText(/Dit is geen referentie/);
	await form.getByLabel('Referentie').fill('00000000-0000-4000-8000-000000000000');
	await submit(adminPage, form.getByRole('button', { name: 'Verzoek doen' }));
	await expect(adminPage.getByRole('alert')).toContainText('Misschien is het al gewist. Er is niets veranderd.');
});
