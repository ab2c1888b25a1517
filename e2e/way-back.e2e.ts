// Every page under a collaboration says where its way back leads: "Terug naar <label>", not the
// label alone, which reads as a title rather than a link back.
import { checkPage, expect, test, visit } from './fixtures.ts';
import { planLearningConversationByPost } from './support/learning.ts';
import { professionalWithCollaboration } from './support/quick-check.ts';

test('the learning conversation’s plan page leads back with “Terug naar” and the collaboration’s label', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const label = `Terugweg ${Date.now().toString(36)}`;
	const { page, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-terugweg', {
		label,
		participants: [{ name: 'Sam' }]
	});
	await visit(page, `/collaborations/${collaborationId}/plan`, { status: 200 });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samenleergesprek plannen');
	// A link within the app: SvelteKit follows it without a page load.
	await page.getByRole('link', { name: `Terug naar ${label}` }).click();
	await expect(page).toHaveURL(new RegExp(`/collaborations/${collaborationId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Samenwerking met ${label}`);
	await checkPage(page);
});

test('the professional’s preparation page leads back to the collaboration, and says so, not “my collaborations”', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const label = `Voorbereid ${Date.now().toString(36)}`;
	const { page, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-voorbereid', {
		label,
		participants: [{ name: 'Sam' }]
	});
	await planLearningConversationByPost(page, mainApp, collaborationId);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Voorbereiding Samenleergesprek');
	await expect(page.getByRole('link', { name: 'Terug naar mijn samenwerkingen' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Terug naar de samenwerking' }).click();
	await expect(page).toHaveURL(new RegExp(`/collaborations/${collaborationId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Samenwerking met ${label}`);
	await checkPage(page);
});
