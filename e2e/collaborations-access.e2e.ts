// Who may see a collaboration and its quick checks: only the professionals who hold or co-hold
// it. Other professionals, team leads and admins get 404, exactly like a page that does not
// exist — they never see an individual rating or note.
import { createStaffMember, expect, type Page, signIn, submit, test, visit } from './fixtures.ts';
import { createCollaboration, DESKTOP, rate, signedInProfessional, startQuickCheck, type Ratings } from './support/quick-check.ts';

const NOT_FOUND_NL = 'Deze pagina bestaat niet, of is afgeschermd.';
const RATINGS: Ratings = { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 };

/** Every page of the collaboration and its conversation answers 404, and so do its live updates. */
async function expectNoWayIn(page: Page, paths: { collaboration: string; conversation: string; conversationId: string }) {
	for (const path of [paths.collaboration, `${paths.collaboration}/edit`, paths.conversation]) {
		await visit(page, path, { status: 404 });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
		await expect(page.getByRole('main')).toContainText(NOT_FOUND_NL);
	}
	await expectAll404(page, [`/live/conversations/${paths.conversationId}`]);
}

/** The same, asked without showing the pages (the 404 page itself has been checked above). */
async function expectAll404(page: Page, paths: string[]) {
	for (const path of paths) {
		const response = await page.request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(404);
	}
}

test('only the professionals of a collaboration see it; other professionals, team leads and admins get 404', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	// A long journey: four people sign in and every page is checked with axe.
	test.setTimeout(180_000);
	const holderPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, holderPage, mainApp, 'houder');
	const label = `Vertrouwelijk ${Date.now().toString(36)}`;
	const collaborationId = await createCollaboration(holderPage, { label, participants: [{ name: 'Iris Geheim' }] });
	const check = await startQuickCheck(holderPage, collaborationId);
	await rate(holderPage, RATINGS);
	const paths = { collaboration: `/collaborations/${collaborationId}`, conversation: check.path, conversationId: check.conversationId };

	// Another professional of the same organisation.
	const otherPage = await newPage({ viewport: DESKTOP });
	const other = await signedInProfessional(adminPage, otherPage, mainApp, 'andere-begeleider');
	await visit(otherPage, '/collaborations', { status: 200 });
	await expect(otherPage.getByRole('main')).not.toContainText(label);
	await expectNoWayIn(otherPage, paths);
	const start = await otherPage.request.post(`${paths.collaboration}?/startQuickCheck`, {
		form: {},
		headers: { origin: mainApp.baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(start.status(), 'starting a quick check in someone else’s collaboration').toBe(404);
	const reveal = await otherPage.request.post(`${paths.conversation}?/reveal`, {
		form: {},
		headers: { origin: mainApp.baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(reveal.status(), 'revealing someone else’s quick check').toBe(404);

	// A team lead and the admin see aggregates at most, never a collaboration or its answers.
	const leadPage = await newPage({ viewport: DESKTOP });
	const lead = await createStaffMember(adminPage, leadPage, mainApp, { label: 'teamleider', roles: ['teamLead'] });
	await signIn(leadPage, mainApp, lead.email, lead.password);
	await visit(leadPage, '/collaborations', { status: 404 });
	await expectNoWayIn(leadPage, paths);
	await expectAll404(adminPage, ['/collaborations', paths.collaboration, `${paths.collaboration}/edit`, paths.conversation]);
	await expectAll404(adminPage, [`/live/conversations/${paths.conversationId}`]);

	// Co-holding opens the door: the holder adds the other professional as a colleague.
	await visit(holderPage, `${paths.collaboration}/edit`, { status: 200 });
	const form = holderPage.locator('form[action="?/addProfessional"]');
	const value = await form.locator('option', { hasText: other.email }).getAttribute('value');
	await form.locator('select[name$=":userId"]').selectOption(value!);
	await submit(holderPage, form.locator('button'));
	await expect(holderPage.getByRole('main')).toContainText(other.name);

	await visit(otherPage, '/collaborations', { status: 200 });
	await expect(otherPage.getByRole('link', { name: label })).toBeVisible();
	await expect(otherPage.getByRole('main')).toContainText('Mede-begeleider');
	await visit(otherPage, paths.collaboration, { status: 200 });
	await expect(otherPage.getByRole('heading', { level: 1 })).toContainText(label);
	await visit(otherPage, paths.conversation, { status: 200 });
	await expect(otherPage.getByRole('heading', { level: 1 })).toContainText(label);

	// The team lead and the admin still cannot.
	const all = [paths.collaboration, `${paths.collaboration}/edit`, paths.conversation, `/live/conversations/${paths.conversationId}`];
	for (const page of [leadPage, adminPage]) await expectAll404(page, all);
});
