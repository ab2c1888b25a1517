// Issue 12 (2): neither a live update nor another form's save discards what a person has typed
// and not sent (docs/decisions/004-live-updates.md, "Drafts"). Staff pages keep it in the box when
// they fetch their data again; participant pages warn and wait; and every page where people write
// is one form (src/lib/page-form.ts), so a post from any item brings the text typed in the others
// back on the next page, marked "Nog niet verstuurd." — with JavaScript and without. The learning
// conversation's journeys are in drafts-learning.e2e.ts.
import { checkPage, expect, sendInvite, submit, test, uniqueEmail, visit } from './fixtures.ts';
import type { Route } from '@playwright/test';
import { followOnPhone, planLearningConversation, prepareStepByStep } from './support/learning.ts';
import {
	createCollaborationByPost,
	dateFromToday,
	DESKTOP,
	ITEM_KEYS,
	joinByPost,
	PHONE,
	professionalWithCollaboration,
	rate,
	saveAgreement,
	saveReflections,
	settleLivePage,
	signedInProfessional,
	startQuickCheck,
	typeReflection,
	writeReflection
} from './support/quick-check.ts';
import { expectKept } from './support/drafts.ts';

test('a participant’s answer arriving live does not empty what the professional typed on the quick check', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'drafts-check', {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Sam' }, { name: 'Kim' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const samPage = await newPage({ viewport: PHONE });
	await joinByPost(samPage, mainApp, check.code, 'Sam');

	// The professional picks answers on the own rating form without sending them.
	const form = proPage.locator('form.rating-form');
	for (const key of ITEM_KEYS) await form.locator(`label[for="rating-${key}-70"]`).click();

	// Sam sends; the professional's page follows live.
	await rate(samPage, { omgang: 60, luisteren: 60, contact: 60, plan: 60, afspraken: 60 });
	// The live update shows Sam's answers as sent (the "Bijgewerkt" notice is gone again after 4 s).
	await expect(proPage.getByRole('main')).toContainText('heeft ingevuld');
	await checkPage(proPage);
	for (const key of ITEM_KEYS) await expect(form.locator(`#rating-${key}-70`), `${key} still chosen`).toBeChecked();
});

for (const javaScript of [true, false]) {
	const how = javaScript ? 'with JavaScript' : 'without JavaScript';

	test(`quick check, ${how}: a reflection typed on the phone survives a live update (and, with JavaScript, a send without a connection), and writing the agreement down keeps the summary typed for the close`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(300_000);
		const proPage = await newPage({ viewport: DESKTOP, javaScriptEnabled: javaScript });
		await signedInProfessional(adminPage, proPage, mainApp, `drafts-close-${javaScript ? 'js' : 'nojs'}`, { open: false });
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `Gezin ${Date.now().toString(36)}`,
			participants: [{ name: 'Sam' }]
		});
		const check = await startQuickCheck(proPage, collaborationId);
		const samPage = await newPage({ viewport: PHONE, javaScriptEnabled: javaScript });
		await joinByPost(samPage, mainApp, check.code, 'Sam');
		await rate(proPage, { omgang: 70, luisteren: 70, contact: 70, plan: 70, afspraken: 70 });
		await rate(samPage, { omgang: 60, luisteren: 60, contact: 60, plan: 60, afspraken: 60 });
		await visit(proPage, check.path);

		// Most and least satisfied: Sam types about "luisteren" and does not send it yet, while the
		// professional saves about "omgang". Sam's phone hears of it but waits (with JavaScript).
		await submit(proPage, proPage.locator('form[action="?/startReflection"] button'));
		if (javaScript) await settleLivePage(samPage, () => expect(samPage.locator('details#reflection-luisteren')).toHaveCount(1));
		else await visit(samPage, '/c', { status: 200 });
		await typeReflection(samPage, 'luisteren', { most: 'Je luisterde goed.', least: 'Soms ging het te snel.' });
		if (javaScript) await samPage.evaluate(() => ((window as { stayed?: boolean }).stayed = true));
		await writeReflection(proPage, 'omgang', { most: 'Fijn contact.', least: 'Weinig tijd.' });
		if (javaScript) {
			await expect(samPage.locator('[data-live-status]')).toHaveText(/Er is iets veranderd in het gesprek/);
			expect(await samPage.evaluate(() => (window as { stayed?: boolean }).stayed), 'the phone did not load itself again').toBe(true);
		}
		await expect(samPage.locator('textarea[name="luisteren.mostSatisfied"]')).toHaveValue('Je luisterde goed.');
		if (javaScript) {
			// Without a connection the phone says so in its own words and sends nothing, instead of
			// ending on the browser's error page; what was typed stays.
			await samPage.context().setOffline(true);
			await samPage.locator('details#reflection-luisteren button').click();
			await expect(samPage.locator('#offline-notice')).toHaveText(/Er is geen internetverbinding/);
			await expect(samPage).toHaveURL(/\/c$/);
			await expect(samPage.locator('textarea[name="luisteren.mostSatisfied"]')).toHaveValue('Je luisterde goed.');
			await checkPage(samPage);
			await samPage.context().setOffline(false);
			await expect(samPage.locator('#offline-notice')).toBeHidden();

			// The connection drops while the text is on its way: the browser's own error page. Back on
			// the page, what was sent is in the fields again, and the page says it may not have arrived.
			const dropPost = (route: Route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.fallback());
			await samPage.route(/\/c\?/, dropPost);
			await samPage.locator('details#reflection-luisteren button').click();
			await expect(samPage).not.toHaveURL(/^http/);
			await samPage.unroute(/\/c\?/, dropPost);
			await samPage.goBack();
			await expect(samPage.locator('#restored-notice')).toHaveText(/Het versturen is misschien niet gelukt/);
			await expect(samPage.locator('textarea[name="luisteren.mostSatisfied"]')).toHaveValue('Je luisterde goed.');
			await expect(samPage.locator('textarea[name="luisteren.leastSatisfied"]')).toHaveValue('Soms ging het te snel.');
			await checkPage(samPage);
		}
		await saveReflections(samPage, 'luisteren');
		await expect(samPage.getByRole('main')).toContainText('Je luisterde goed.');
		if (javaScript) {
			// Once a post arrived, the phone keeps nothing of it: a reload fills in nothing again.
			expect(await samPage.evaluate(() => sessionStorage.length)).toBe(0);
			await samPage.reload();
			await expect(samPage.locator('#restored-notice')).toBeHidden();
			await checkPage(samPage);
		}

		await submit(proPage, proPage.locator('form[action="?/startAgreement"] button'));
		await saveAgreement(proPage, {
			what: 'Ik bel terug binnen twee dagen.',
			who: 'professional',
			dueOn: dateFromToday(14),
			measure: 'Sam hoort het.'
		});
		// The summary is typed for the close; then the agreement is changed once more.
		const summary = proPage.getByLabel('Korte samenvatting');
		await summary.fill('Goed gesprek over terugbellen.');
		await proPage
			.locator('details')
			.filter({ has: proPage.locator('form[action="?/agreement"]') })
			.locator('summary')
			.click();
		const agreement = proPage.locator('form[action="?/agreement"]');
		await agreement.locator('textarea[name="what"]').fill('Ik bel terug binnen één dag.');
		await submit(proPage, agreement.getByRole('button'));
		await expect(proPage.getByRole('main')).toContainText('Ik bel terug binnen één dag.');
		await expectKept(summary, 'Goed gesprek over terugbellen.');
		// The phone, with nothing left to send, follows to the agreement by itself (with JavaScript).
		await followOnPhone(samPage, () => expect(samPage.getByRole('main')).toContainText('Ik bel terug binnen één dag.'), javaScript);
	});

	test(`preparation, ${how}: showing a new link or sharing keeps the text typed in the preparation, the phone waits for it through a live update, and the link is shown once`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(300_000);
		const proPage = await newPage({ viewport: DESKTOP, javaScriptEnabled: javaScript });
		await signedInProfessional(adminPage, proPage, mainApp, `drafts-prep-${javaScript ? 'js' : 'nojs'}`, { open: false });
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `Gezin ${Date.now().toString(36)}`,
			participants: [{ name: 'Noor' }]
		});
		const { links } = await planLearningConversation(proPage, collaborationId);
		expect(links, 'Noor has no address: her link is printed').toHaveLength(1);

		// The professional: a new link to print keeps the wishes typed and not saved.
		const wishes = proPage.getByLabel('Waar wil ik over praten?');
		await wishes.fill('Hoe het gaat met de afspraken.');
		await submit(proPage, proPage.getByRole('button', { name: 'QR-code of printen: nieuwe link voor Noor' }));
		const card = proPage.getByRole('article', { name: 'Voor Noor' });
		const newLink = (await card.locator('code').textContent())!.trim();
		expect(newLink).not.toBe(links[0]);
		await expectKept(wishes, 'Hoe het gaat met de afspraken.');
		// A reload shows the link no more, and says so.
		await proPage.reload();
		await checkPage(proPage);
		await expect(proPage.getByRole('main')).toContainText('Deze links zijn al getoond en worden niet opnieuw getoond.');
		expect(await proPage.content()).not.toContain(newLink);

		// Noor, with the new link on her phone: sharing keeps what she typed after saving.
		const phone = await newPage({ viewport: PHONE, javaScriptEnabled: javaScript });
		await visit(phone, newLink, { status: 200 });
		await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
		const own = phone.getByLabel('Waar wil je over praten?');
		await own.fill('Dat er naar mij geluisterd wordt.');
		await submit(phone, phone.getByRole('button', { name: 'Opslaan' }));
		await own.fill('Dat er naar mij geluisterd wordt. En naar mijn broer.');
		if (javaScript) {
			// The professional shares meanwhile: Noor's phone hears of it but waits, her text not sent yet.
			await phone.evaluate(() => ((window as { stayed?: boolean }).stayed = true));
			await proPage.getByLabel('Waar wil ik over praten?').fill('Hoe het gaat met de afspraken.');
			await submit(proPage, proPage.getByRole('button', { name: 'Opslaan', exact: true }));
			await submit(proPage, proPage.getByRole('button', { name: 'Deel mijn voorbereiding' }));
			await expect(phone.locator('[data-live-status]')).toHaveText(/Er is iets veranderd in het gesprek/);
			expect(await phone.evaluate(() => (window as { stayed?: boolean }).stayed), 'the phone did not load itself again').toBe(true);
		}
		// The next step saves what she typed; sharing is the last step, and her words are still there.
		await expect(own).toHaveValue('Dat er naar mij geluisterd wordt. En naar mijn broer.');
		const share = await prepareStepByStep(phone, {});
		await submit(phone, share.getByRole('button', { name: 'Deel mijn voorbereiding' }));
		await expect(share).toContainText('Gedeeld op');
		await visit(phone, '/c/preparation?step=1', { status: 200 });
		await expect(own).toHaveValue('Dat er naar mij geluisterd wordt. En naar mijn broer.');
	});

	test(`staff pages with several forms, ${how}: a post from one form keeps the text typed in another`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(300_000);
		const proPage = await newPage({ viewport: DESKTOP, javaScriptEnabled: javaScript });
		await signedInProfessional(adminPage, proPage, mainApp, `drafts-edit-${javaScript ? 'js' : 'nojs'}`, { open: false });

		// A collaboration's page of details: saving one participant keeps the name typed for the other.
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `Gezin ${Date.now().toString(36)}`,
			participants: [{ name: 'Noor' }, { name: 'Sam' }]
		});
		await visit(proPage, `/collaborations/${collaborationId}/edit`, { status: 200 });
		const participant = (name: string) => proPage.getByRole('region', { name });
		const samName = participant('Sam').getByLabel('Naam of rol');
		await samName.fill('Sammy');
		await participant('Noor').getByLabel('Naam of rol').fill('Noortje');
		await submit(proPage, participant('Noor').getByRole('button', { name: 'Opslaan: Noor' }));
		await expect(proPage.getByRole('region', { name: 'Noortje' })).toBeVisible();
		await expectKept(samName, 'Sammy');
		if (javaScript) {
			// The connection drops while the name is on its way; back on the page, once its script has
			// started, the name sent is in the field again and the page says it may not have arrived.
			const dropPost = (route: Route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.fallback());
			await proPage.route(/\/edit\?/, dropPost);
			await samName.fill('Samuel');
			await proPage.getByRole('button', { name: 'Opslaan: Sam' }).click();
			await expect(proPage).not.toHaveURL(/^http/);
			await proPage.unroute(/\/edit\?/, dropPost);
			await proPage.goBack();
			await proPage.locator('html[data-started]').waitFor({ state: 'attached' });
			// A staff page: the notice speaks to no one in particular, as the page's other notices do, not with "je".
			await expect(proPage.locator('#restored-notice')).toHaveText(
				'Het versturen is misschien niet gelukt. Wat er was ingevuld, staat er weer. Kijk het na en verstuur het opnieuw.'
			);
			await expect(participant('Sam').getByLabel('Naam of rol')).toHaveValue('Samuel');
			await checkPage(proPage);
		}

		// The staff page of an admin: resending an invitation keeps the address typed for a new one.
		const admin = javaScript ? adminPage : await newPage({ storageState: mainApp.adminStorageState, javaScriptEnabled: false });
		const invited = uniqueEmail('drafts-invited');
		await sendInvite(admin, { email: invited });
		const typed = uniqueEmail('drafts-typed');
		const address = admin.locator('form[action="?/invite"]').getByLabel('E-mailadres');
		await address.fill(typed);
		await submit(admin, admin.getByRole('button', { name: `Opnieuw versturen: ${invited}`, exact: true }));
		await expectKept(address, typed);
	});
}
