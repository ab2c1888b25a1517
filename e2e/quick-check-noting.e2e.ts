// Most and least satisfied are spoken, as in Samen Sterker (seed 003; issue 15, part 7): the
// professional notes what the client says, marked as noted by the professional on the client's
// phone and in the report; the client may still type their own. The client's phone runs no
// JavaScript; the professional's page follows live and keeps what they typed and did not send.
import { checkPage, expect, submit, test, visit } from './fixtures.ts';
import {
	closeConversation,
	dateFromToday,
	joinByPost,
	PHONE,
	professionalWithCollaboration,
	rate,
	type Ratings,
	refreshWithoutScript,
	reloadAndCheck,
	saveAgreement,
	saveReflections,
	settleLivePage,
	startQuickCheck,
	typeReflection
} from './support/quick-check.ts';

const CLIENT = 'Sanne Spreekt';
const RATINGS: Ratings = { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 };
const NOTED_MOST = 'Je belt altijd dezelfde dag terug.';
const NOTED_LEAST = 'Het duurt lang voor er een afspraak is.';
const CLIENT_OWN = 'Ik moet vaak twee weken wachten.';
const PRO_DRAFT = 'Nog aan het typen, niet verstuurd.';

test('the professional notes what the client says; the client sees it marked and types their own; nothing typed is lost', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-noteert', {
		label: `Noteren ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: false });
	await joinByPost(clientPage, mainApp, check.code, CLIENT);
	await rate(clientPage, RATINGS);
	await reloadAndCheck(proPage);
	await rate(proPage, RATINGS);
	await submit(proPage, proPage.locator('form[action="?/startReflection"] button'));

	// The professional notes, for "contact", what the client says, in the fields under the client's name.
	const contact = proPage.locator('details#reflection-contact');
	await expect(contact.getByRole('group', { name: `Wat ${CLIENT} zegt` })).toBeVisible();
	const noteField = (part: string) => contact.locator(`textarea[name^="note."][name$=".contact.${part}"]`);
	await noteField('mostSatisfied').fill(NOTED_MOST);
	await noteField('leastSatisfied').fill(NOTED_LEAST);
	await saveReflections(proPage, 'contact');
	await expect(noteField('mostSatisfied')).toHaveValue(NOTED_MOST);
	await expect(contact).toContainText('Door jou genoteerd.');
	await checkPage(proPage);

	// The client's phone (no JavaScript) shows the noted words in their own fields, marked as noted.
	await refreshWithoutScript(clientPage);
	const own = clientPage.locator('details#reflection-contact');
	await expect(own.locator('textarea[name="contact.mostSatisfied"]')).toHaveValue(NOTED_MOST);
	await expect(own).toContainText('Je begeleider schreef dit op toen je het vertelde.');
	await checkPage(clientPage);
	const width = await clientPage.evaluate(() => document.documentElement.scrollWidth);
	expect(width, 'the page fits a 360 px phone').toBeLessThanOrEqual(360);

	// Meanwhile the professional types for "omgang" and does not send it.
	await proPage.locator('details#reflection-omgang textarea[name="omgang.mostSatisfied"]').fill(PRO_DRAFT);

	// The client types their own "least satisfied"; the noted "most" is left as it was and stays noted.
	await typeReflection(clientPage, 'contact', { most: NOTED_MOST, least: CLIENT_OWN });
	await saveReflections(clientPage, 'contact');
	await expect(own.locator('textarea[name="contact.leastSatisfied"]')).toHaveValue(CLIENT_OWN);

	// The professional's page follows live: the client's own words arrive, the untyped draft stays.
	await settleLivePage(proPage, () => expect(noteField('leastSatisfied')).toHaveValue(CLIENT_OWN));
	await expect(contact).toContainText(`Zelf getypt door ${CLIENT}.`);
	await expect(proPage.locator('details#reflection-omgang textarea[name="omgang.mostSatisfied"]')).toHaveValue(PRO_DRAFT);
	await checkPage(proPage);

	// Closed: the report says which text the professional noted.
	await proPage.locator('details#reflection-omgang textarea[name="omgang.mostSatisfied"]').fill('');
	await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
	await saveAgreement(proPage, {
		what: 'We plannen sneller een afspraak.',
		who: 'professional',
		dueOn: dateFromToday(14),
		measure: 'Binnen een week.'
	});
	await closeConversation(proPage, 'Gesprek over wachten.');
	await visit(proPage, `${check.path}/report`, { status: 200 });
	const report = proPage.getByRole('main');
	await expect(report).toContainText(`${CLIENT}, meest tevreden (genoteerd door de professional)`);
	await expect(report).toContainText(NOTED_MOST);
	await expect(report).toContainText(CLIENT_OWN);
	await expect(report).not.toContainText(`${CLIENT}, minst tevreden (genoteerd door de professional)`);
	await checkPage(proPage);
});
