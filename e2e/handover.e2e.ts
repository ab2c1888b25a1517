// Handing a collaboration over (issue 13, part 4): the colleague continues with the next quick
// check and the client's page names the new professional. Who may hand over, bad input, the mails
// and the notice shown once are tested on both databases in src/lib/server/collaborations.
import { expect, submit, test, visit } from './fixtures.ts';
import { createCollaborationByPost, DESKTOP, joinByPost, PHONE, signedInProfessional, startQuickCheck } from './support/quick-check.ts';

test('a professional hands a collaboration to a colleague; the colleague starts the next quick check and the client sees the new name', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(480_000);
	const holderPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, holderPage, mainApp, 'overdrager', { open: false });
	const colleaguePage = await newPage({ viewport: DESKTOP });
	const colleague = await signedInProfessional(adminPage, colleaguePage, mainApp, 'opvolger', { open: false });
	const label = `Overdracht ${Date.now().toString(36)}`;
	const collaborationId = await createCollaborationByPost(holderPage, mainApp, { label, participants: [{ name: 'Ria Overdracht' }] });

	await visit(holderPage, `/collaborations/${collaborationId}/edit`, { status: 200 });
	const form = holderPage.locator('form[action="?/handover"]');
	const option = form.locator('select[name$=":toUserId"] option', { hasText: colleague.email });
	await form.locator('select[name$=":toUserId"]').selectOption((await option.getAttribute('value'))!);
	await form.getByLabel('Notitie voor de nieuwe begeleider (niet verplicht)').fill('Ria belt liever in de ochtend.');
	await submit(holderPage, form.getByRole('button', { name: 'Overdragen' }));
	await expect(holderPage).toHaveURL(/\/collaborations$/);
	await expect(holderPage.getByRole('main')).not.toContainText(label);

	await visit(colleaguePage, `/collaborations/${collaborationId}`, { status: 200 });
	await expect(colleaguePage.getByRole('main')).toContainText('Ria belt liever in de ochtend.');
	const check = await startQuickCheck(colleaguePage, collaborationId);

	const clientPage = await newPage({ viewport: PHONE });
	await joinByPost(clientPage, mainApp, check.code, 'Ria Overdracht');
	await expect(clientPage.getByRole('main')).toContainText(`Je nieuwe begeleider is ${colleague.name}.`);
});
