import { submitAndRedirect, visit, type Page } from '../fixtures.ts';

/** The admin offers these languages to the organisation's clients (Dutch and English stay on). */
export async function offerLanguages(adminPage: Page, languages: string[]): Promise<void> {
	await visit(adminPage, '/admin/settings', { status: 200 });
	for (const language of languages) await adminPage.locator(`input[name="clientLocales"][value="${language}"]`).check();
	await submitAndRedirect(adminPage, adminPage.locator('main form button').last());
}
