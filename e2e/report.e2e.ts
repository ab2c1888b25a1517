// The report of a closed quick check: a print page and a PDF made on the server, in the
// reader's language, with the agreement in it. Only the collaboration's professionals get it.
import { checkPage, expect, submit, switchLanguage, test, visit } from './fixtures.ts';
import {
	closeConversation,
	createCollaborationByPost,
	dateFromToday,
	DESKTOP,
	joinByPost,
	PHONE,
	rate,
	saveAgreement,
	signedInProfessional,
	startQuickCheck
} from './support/quick-check.ts';
import { pdfText } from './support/session-feedback.ts';

const AGREEMENT = 'We bellen elke maandag om tien uur.';
const TYPED_MARKUP = '<b>Niet vet</b> & <script>ook geen script</script>';

test('the PDF of a closed quick check downloads in the reader’s language and holds the agreement; others get not found', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(480_000);
	const proPage = await newPage({ viewport: DESKTOP, acceptDownloads: true });
	await signedInProfessional(adminPage, proPage, mainApp, 'verslag', { open: false });
	const collaborationId = await createCollaborationByPost(proPage, mainApp, {
		label: `Verslag ${Date.now().toString(36)}`,
		participants: [{ name: 'Fatma Yılmaz' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const clientPage = await newPage({ viewport: PHONE });
	await joinByPost(clientPage, mainApp, check.code, 'Fatma Yılmaz');
	await rate(clientPage, { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 });
	// The client stops on their phone, so it does not follow the rest of the conversation.
	await submit(clientPage, clientPage.locator('form[action="?/leave"] button'));
	await proPage.reload();
	await checkPage(proPage);
	await rate(proPage, { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 });
	await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	await saveAgreement(proPage, { what: AGREEMENT, who: 'both', dueOn: dateFromToday(7), measure: TYPED_MARKUP });
	await closeConversation(proPage, 'Kort en goed.');
	const reportPath = `${check.path}/report`;

	// Dutch: the print page, then the PDF as a download.
	await expect(proPage.locator('.report-links a[href$="/report"]')).toHaveAttribute('href', reportPath);
	await visit(proPage, reportPath, { status: 200 });
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Gespreksverslag');
	await expect(proPage.getByRole('main')).toContainText(AGREEMENT);
	// Typed markup is shown as the characters typed.
	await expect(proPage.getByRole('main')).toContainText(TYPED_MARKUP);
	await expect(proPage.locator('main b, main script')).toHaveCount(0);
	const downloading = proPage.waitForEvent('download');
	await proPage.locator('a[href$="/report.pdf"]').click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^gespreksverslag-\d{4}-\d{2}-\d{2}\.pdf$/);

	const nl = await proPage.request.get(`${reportPath}.pdf`);
	expect(nl.status()).toBe(200);
	expect(nl.headers()['content-type']).toBe('application/pdf');
	expect(nl.headers()['content-disposition']).toMatch(/^attachment;/);
	const nlText = await pdfText(await nl.body());
	for (const words of ['Gespreksverslag', AGREEMENT, 'Cliënt', 'Fatma Yılmaz', TYPED_MARKUP]) expect(nlText).toContain(words);

	// English: the same report in the reader's new language.
	await switchLanguage(proPage, 'en');
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Conversation report');
	const en = await proPage.request.get(`${reportPath}.pdf`);
	expect(en.headers()['content-type']).toBe('application/pdf');
	const enText = await pdfText(await en.body());
	for (const words of ['Conversation report', AGREEMENT, 'Client', 'Together']) expect(enText).toContain(words);

	// The organisation's admin (no professional of this collaboration) gets not found, page and PDF.
	await visit(adminPage, reportPath, { status: 404 });
	const denied = await adminPage.request.get(`${reportPath}.pdf`);
	expect(denied.status()).toBe(404);
	expect(denied.headers()['content-type']).not.toBe('application/pdf');
});
