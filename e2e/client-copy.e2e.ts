// The client's copy (AVG art. 15 and 20): from the collaboration page the professional downloads
// one participant's data as a PDF to read and as JSON, with the agreement made earlier in it, in
// the participant's own language or another the professional chooses. Nobody else gets a copy. What is in it and what never is: src/lib/server/collaborations.
import { checkPage, expect, submit, test, visit } from './fixtures.ts';
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

const AGREEMENT = 'We sturen elke vrijdag een berichtje.';
const FILE_NAME = /^tweespraak-copy-\d{4}-\d{2}-\d{2}\.(pdf|json)$/;

test('the professional downloads a participant’s copy as PDF and JSON, in the participant’s language or Dutch, with the agreement made earlier; others get none', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const proPage = await newPage({ viewport: DESKTOP, acceptDownloads: true });
	await signedInProfessional(adminPage, proPage, mainApp, 'kopie', { open: false });
	const collaborationId = await createCollaborationByPost(proPage, mainApp, {
		label: `Kopie ${Date.now().toString(36)}`,
		participants: [{ name: 'Ayşe Demir', locale: 'en' }]
	});
	await visit(proPage, `/collaborations/${collaborationId}`, { status: 200 });
	// A plain GET form: a labelled language select (the participant's own chosen) and two download buttons.
	const copySection = proPage.locator('#client-copy');
	const pdfButton = copySection.getByRole('button', { name: 'Kopie voor Ayşe Demir (pdf)' });
	const jsonButton = copySection.getByRole('button', { name: 'Kopie voor Ayşe Demir (JSON)' });
	const language = copySection.getByLabel('Taal van de kopie voor Ayşe Demir');
	await copySection.locator('summary').click();
	await expect(language).toHaveValue('en');
	await checkPage(proPage);
	const pdfPath = (await copySection.locator('form.copy-form').getAttribute('action'))!;
	const jsonPath = (await jsonButton.getAttribute('formaction'))!;
	expect(pdfPath).toMatch(new RegExp(`^/collaborations/${collaborationId}/participants/[0-9a-f-]{36}/copy\\.pdf$`));

	// A quick check that ends with an agreement. The participant's phone gets no copy: a phone in a
	// conversation opens nothing but its own screen (the usecase itself answers not found to it).
	const check = await startQuickCheck(proPage, collaborationId);
	const clientPage = await newPage({ viewport: PHONE });
	await joinByPost(clientPage, mainApp, check.code, 'Ayşe Demir');
	for (const path of [pdfPath, jsonPath]) {
		const phone = await clientPage.request.get(path, { maxRedirects: 0 });
		expect(phone.status(), `a participant's phone: ${path}`).toBe(303);
		expect(phone.headers()['location']).toBe('/c');
		expect(phone.headers()['content-disposition']).toBeUndefined();
	}
	await rate(clientPage, { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 });
	await submit(clientPage, clientPage.locator('form[action="?/leave"] button'));
	await proPage.reload();
	await checkPage(proPage);
	await rate(proPage, { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 });
	await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	await saveAgreement(proPage, { what: AGREEMENT, who: 'both', dueOn: dateFromToday(7), measure: 'Vier berichtjes' });
	await closeConversation(proPage, 'Kort en goed.');

	// The collaboration page: a copy per participant, as PDF and as JSON.
	await visit(proPage, `/collaborations/${collaborationId}`, { status: 200 });
	await copySection.locator('summary').click();
	await expect(pdfButton).toBeVisible();
	await checkPage(proPage);

	// Ayşe reads English: her copy is in English unless the professional chooses Dutch to read it along.
	const downloadingPdf = proPage.waitForEvent('download');
	await pdfButton.click();
	const downloadedPdf = await downloadingPdf;
	expect(downloadedPdf.suggestedFilename()).toMatch(FILE_NAME);
	expect(downloadedPdf.url()).toMatch(/\/copy\.pdf\?lang=en$/);
	const english = await pdfText(await proPage.request.get(`${pdfPath}?lang=en`).then((response) => response.body()));
	for (const words of ['Your data in Tweespraak', 'A copy for Ayşe Demir', AGREEMENT, '8 out of 10']) expect(english).toContain(words);
	await language.selectOption('nl');
	const downloadingDutch = proPage.waitForEvent('download');
	await pdfButton.click();
	expect((await downloadingDutch).url()).toMatch(/\/copy\.pdf\?lang=nl$/);
	const pdf = await proPage.request.get(`${pdfPath}?lang=nl`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect(pdf.headers()['cache-control']).toBe('no-store');
	expect(pdf.headers()['content-disposition']).toMatch(/^attachment; filename="tweespraak-copy-\d{4}-\d{2}-\d{2}\.pdf"$/);
	const text = await pdfText(await pdf.body());
	for (const words of ['Jouw gegevens in Tweespraak', 'Een kopie voor Ayşe Demir', AGREEMENT, '8 van 10']) expect(text).toContain(words);

	// By keyboard: the JSON button, with the language chosen (Dutch) sent along.
	const downloadingJson = proPage.waitForEvent('download');
	await jsonButton.focus();
	await proPage.keyboard.press('Enter');
	const downloadedJson = await downloadingJson;
	expect(downloadedJson.suggestedFilename()).toMatch(FILE_NAME);
	expect(downloadedJson.url()).toMatch(/\/copy\.json\?lang=nl$/);
	const json = await proPage.request.get(jsonPath);
	expect(json.status()).toBe(200);
	expect(json.headers()['content-type']).toBe('application/json; charset=utf-8');
	expect(json.headers()['cache-control']).toBe('no-store');
	const copy = (await json.json()) as {
		format: string;
		version: number;
		language: string;
		participant: { name: string };
		conversations: unknown[];
	};
	expect(copy).toMatchObject({ format: 'tweespraak.client-copy', version: 1, language: 'en', participant: { name: 'Ayşe Demir' } });
	expect(copy.conversations).toEqual([
		expect.objectContaining({
			method: 'quickCheck',
			status: 'closed',
			agreements: [expect.objectContaining({ what: AGREEMENT, who: 'both' })]
		})
	]);

	// A language that is not offered is refused with a message, not a file.
	const refused = await proPage.request.get(`${pdfPath}?lang=xx`);
	expect(refused.status()).toBe(400);
	expect(refused.headers()['content-disposition']).toBeUndefined();
	expect(await refused.text()).toContain('biedt deze taal niet aan');

	// The organisation's admin gets not found; someone without an account is sent to sign in.
	const anonymousPage = await newPage();
	for (const path of [pdfPath, jsonPath]) {
		const denied = await adminPage.request.get(path, { maxRedirects: 0 });
		expect(denied.status(), `the admin: ${path}`).toBe(404);
		expect(denied.headers()['content-disposition']).toBeUndefined();
		const anonymous = await anonymousPage.request.get(path, { maxRedirects: 0 });
		expect(anonymous.status(), `anonymous: ${path}`).toBe(303);
		expect(anonymous.headers()['location']).toMatch(/^\/sign-in\?next=/);
	}
});
