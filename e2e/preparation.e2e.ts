// Planning a learning conversation and preparing it privately. The professional plans it on a
// laptop; one participant gets the preparation link by e-mail (in English) and prepares on a
// phone, another gets a printed QR link and prepares on a phone without JavaScript. Everything
// the professional's browser receives is searched for the participants' words until they share.
import {
	checkPage,
	expect,
	extractLink,
	mainFormButton,
	submit,
	submitAndRedirect,
	test,
	uniqueEmail,
	visit,
	waitForMail,
	type Page
} from './fixtures.ts';
import { planLearningConversation, prepareStepByStep } from './support/learning.ts';
import { readMails } from './support/mail.ts';
import {
	dateFromToday,
	DESKTOP,
	PHONE,
	professionalWithCollaboration,
	settleLivePage,
	signedInProfessional
} from './support/quick-check.ts';
import { findMarkers, recordTraffic } from './support/traffic.ts';

const NOOR_SECRET = 'Sometimes I feel rushed when we talk about money';
const NOOR_MOMENT = 'You said we had no time left for my question';
const SAM_SECRET = 'Ik wil dat je vaker terugbelt';

/** Creates a collaboration with two participants; Noor (English) has an e-mail address. */
async function createFamily(page: Page, label: string, noorEmail: string): Promise<string> {
	await visit(page, '/collaborations/new', { status: 200 });
	const form = page.locator('main form');
	await form.locator('input[name="label"]').fill(label);
	await form.locator('input[name="participant1Name"]').fill('Noor');
	await form.locator('select[name="participant1Locale"]').selectOption('en');
	await form.locator('input[name="participant1Email"]').fill(noorEmail);
	await form.locator('input[name="participant2Name"]').fill('Sam');
	await form.locator('select[name="participant2Locale"]').selectOption('nl');
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(/\/collaborations\/[^/]+$/);
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** Opens a personal link on a phone and presses the one button; ends on the preparation page. */
async function openLink(page: Page, link: string, button: string): Promise<void> {
	await visit(page, link, { status: 200 });
	await submit(page, page.getByRole('button', { name: button }));
	await expect(page).toHaveURL(/\/c\/preparation/);
}

test('a professional plans a learning conversation; participants prepare privately on their phones, also without JavaScript; the professional sees nothing until it is shared', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const proPage = await newPage({ viewport: DESKTOP });
	const traffic = await recordTraffic(proPage.context());
	await signedInProfessional(adminPage, proPage, mainApp, 'leergesprek', { open: false });
	const noorEmail = uniqueEmail('noor');
	const collaborationId = await createFamily(proPage, `Leren ${Date.now().toString(36)}`, noorEmail);

	// Planning: Noor gets the link by e-mail, Sam on paper.
	await proPage.getByRole('link', { name: 'Plan een Samenleergesprek' }).click();
	await expect(proPage).toHaveURL(/\/plan$/);
	await proPage.waitForLoadState('load');
	await checkPage(proPage);
	await proPage.locator('input[name="scheduledOn"]').fill(dateFromToday(5));
	await expect(proPage.getByRole('group', { name: 'Link voor Noor' }).getByRole('radio', { name: 'Mail de link' })).toBeChecked();
	await expect(proPage.getByRole('group', { name: 'Link voor Sam' }).getByRole('radio', { name: /Print de link/ })).toBeChecked();
	// Post/Redirect/Get: the printed link exists only now (the database keeps its hash), so the
	// preparation page the post redirects to shows it once; a reload says so and shows nothing.
	await submitAndRedirect(proPage, proPage.getByRole('button', { name: 'Samenleergesprek plannen' }));
	await expect(proPage).toHaveURL(
		new RegExp(`/collaborations/${collaborationId}/conversations/[^/]+/preparation\\?planned=1&shown=1#print-title$`)
	);
	await expect(proPage.getByRole('status').first()).toContainText('Het Samenleergesprek is gepland. Links verstuurd per e-mail: 1.');
	const samCard = proPage.getByRole('article', { name: 'Voor Sam' });
	await expect(samCard.getByRole('img', { name: 'QR-code van de link' })).toBeVisible();
	const samLink = (await samCard.locator('code').textContent())!.trim();
	expect(samLink).toMatch(/\/l\/[\w-]{40,}$/);
	const preparationPath = new URL(proPage.url()).pathname;
	await proPage.reload();
	await checkPage(proPage);
	await expect(proPage.getByRole('main')).toContainText('Deze links zijn al getoond en worden niet opnieuw getoond.');
	await expect(proPage.getByRole('article', { name: 'Voor Sam' }), 'a reload never shows the link again').toHaveCount(0);
	expect(await proPage.content()).not.toContain(samLink);
	await expect(proPage.getByRole('row', { name: /Noor/ })).toContainText('Verstuurd op');

	// Noor: the mail is in English; the link opens on her phone and she prepares.
	const mail = await waitForMail(mainApp, noorEmail);
	expect(mail.subject).toBe('Prepare for your learning conversation');
	const noorLink = extractLink(mail, '/l/');
	const noorPage = await newPage({ viewport: PHONE });
	await openLink(noorPage, noorLink, 'Start');
	await expect(noorPage.getByRole('heading', { level: 1 })).toHaveText('Your preparation');
	await expect(noorPage.getByRole('main')).toContainText('Only you see what you fill in here.');
	await noorPage.getByLabel('What would you like to talk about?').fill(NOOR_SECRET);
	await submit(noorPage, noorPage.getByRole('button', { name: 'Save' }));
	await expect(noorPage.getByRole('status').first()).toContainText('Saved. Nobody else sees this until you share it.');
	await expect(noorPage.getByLabel('What would you like to talk about?')).toHaveValue(NOOR_SECRET);
	await prepareStepByStep(
		noorPage,
		{
			cards: [/Our connection/, /Being heard/],
			moment: { a: NOOR_MOMENT, b: 'I felt small.', c: 'I want my questions to count.' },
			safety: ['I may ask for a break.'],
			safetyOwn: 'Please speak slowly.'
		},
		'en'
	);
	expect(await noorPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

	// A second phone opening Noor's link is refused and gets nothing.
	const strangerPage = await newPage({ viewport: PHONE });
	await visit(strangerPage, noorLink, { status: 200 });
	await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet');
	await expect(strangerPage.getByRole('alert')).toContainText('al geopend op een ander apparaat');

	// Sam, on a phone without JavaScript, with the printed link.
	const samPage = await newPage({ viewport: PHONE, javaScriptEnabled: false });
	await openLink(samPage, samLink, 'Beginnen');
	await expect(samPage.getByRole('heading', { level: 1 })).toHaveText('Je voorbereiding');
	await samPage.getByLabel('Waar wil je over praten?').fill(SAM_SECRET);
	await submit(samPage, samPage.getByRole('button', { name: 'Volgende' }));
	await samPage.getByRole('checkbox', { name: /Onze aanpak/ }).check();
	await submit(samPage, samPage.getByRole('button', { name: 'Opslaan' }));
	await expect(samPage.getByRole('status').first()).toContainText('Opgeslagen. Niemand anders ziet dit, tot jij het deelt.');
	await expect(samPage.getByRole('checkbox', { name: /Onze aanpak/ })).toBeChecked();
	await prepareStepByStep(samPage, { moment: { a: 'Je belde niet terug.' }, safety: ['We laten elkaar uitpraten.'] });

	// The professional's page: both preparations are there, neither is shown.
	await visit(proPage, preparationPath, { status: 200 });
	for (const name of ['Noor', 'Sam']) {
		await expect(proPage.getByRole('article', { name })).toContainText('Nog niet gedeeld.');
	}
	await expect(proPage.getByRole('row', { name: /Noor/ })).toContainText('Geopend op');
	// What reached the professional's browser: every page and data response so far, and the page's
	// data fetched once more now that both preparations exist. Bodies the browser dropped are data
	// refreshes of these same pages (live updates after a link was opened); the fetch below covers them.
	const data = await proPage.request.get(`${preparationPath}/__data.json`);
	expect(data.status()).toBe(200);
	const dataBody = await data.text();
	expect(dataBody).toContain('Noor');
	await traffic.settle();
	const dropped = traffic.unreadable().filter((item) => !/\/__data\.json\?(?:[^ ]*&)?x-sveltekit-invalidated=/.test(item.reason));
	expect(dropped, 'every response to the professional other than a data refresh could be read').toEqual([]);
	const markers = [NOOR_SECRET, NOOR_MOMENT, SAM_SECRET, 'Please speak slowly'];
	expect(findMarkers(traffic.received(), markers), 'the participants’ words in what the professional received before sharing').toEqual([]);
	for (const marker of markers) expect(dataBody.includes(marker), `the page data holds “${marker}”`).toBe(false);
	expect(await proPage.content()).not.toContain(NOOR_SECRET);

	// The professional prepares too; Noor's page does not show it.
	await proPage.getByLabel('Waar wil ik over praten?').fill('Ik praat misschien te snel.');
	await submit(proPage, proPage.getByRole('button', { name: 'Opslaan' }));
	await expect(proPage.getByRole('status').first()).toContainText('Opgeslagen. Niemand anders ziet dit, tot je het deelt.');

	// Noor shares; the professional's page shows her preparation in the deck's words, Sam's still not.
	await submit(noorPage, noorPage.getByRole('button', { name: 'Share my preparation' }));
	await expect(noorPage.getByRole('main')).toContainText('Shared on');
	await expect(noorPage.getByRole('main')).not.toContainText('te snel');
	await visit(proPage, preparationPath, { status: 200 });
	const noor = proPage.getByRole('article', { name: 'Noor' });
	await expect(noor).toContainText(NOOR_SECRET);
	await expect(noor).toContainText('Onze verbinding');
	await expect(noor).toContainText('Gehoord worden');
	await expect(noor).toContainText(NOOR_MOMENT);
	await expect(noor).toContainText('Ik mag om een pauze vragen.');
	await expect(proPage.getByRole('article', { name: 'Sam' })).toContainText('Nog niet gedeeld.');
	await traffic.settle();
	expect(findMarkers(traffic.received(), [SAM_SECRET]), 'Sam’s words, never shared').toEqual([]);
	// Noor's phone follows the conversation live (it loaded itself again after Sam's link was opened and after sharing).
	await settleLivePage(noorPage, () => expect(noorPage.getByRole('main')).toContainText('Shared on'));
});

test('regression: a new link ends the phone that opened the previous one, and revoking ends the phone that opened the new one; neither keeps anything on screen', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(600_000);
	const SECRET = 'Alleen voor mij: ik ben bang om het te zeggen';
	const email = uniqueEmail('twee-telefoons');
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'tweetelefoons', {
		label: `Twee telefoons ${Date.now().toString(36)}`,
		participants: [{ name: 'Ilse', email }]
	});
	const { preparationPath } = await planLearningConversation(proPage, collaborationId);

	// Phone A opens the mailed link and writes something private.
	const phoneA = await newPage({ viewport: PHONE });
	const firstLink = extractLink(await waitForMail(mainApp, email), '/l/');
	await openLink(phoneA, firstLink, 'Beginnen');
	await expect(phoneA.getByRole('main')).toContainText('Alleen jij ziet wat je hier invult.');
	await phoneA.getByLabel('Waar wil je over praten?').fill(SECRET);
	await submit(phoneA, phoneA.getByRole('button', { name: 'Opslaan' }));
	await expect(phoneA.getByLabel('Waar wil je over praten?')).toHaveValue(SECRET);

	// The professional mails a new link: phone A is told at once that its link no longer works.
	await submit(proPage, proPage.getByRole('button', { name: 'Mail een nieuwe link naar Ilse' }));
	await settleLivePage(phoneA, () => expect(phoneA.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet meer'));
	await expect(phoneA.getByRole('alert')).toContainText('Er is een nieuwe link voor je gemaakt.');
	await expect(phoneA.getByRole('main')).not.toContainText(SECRET);
	expect(await phoneA.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	// A reload, or going back to the preparation, shows the same and nothing of what was written.
	await visit(phoneA, '/c/preparation', { status: 200 });
	await expect(phoneA).toHaveURL(/\/l\/ended\?reason=replaced$/);
	expect(await phoneA.content()).not.toContain(SECRET);
	await visit(phoneA, firstLink, { status: 200 });
	await expect(phoneA.getByRole('alert')).toContainText('Er is een nieuwe link gemaakt.');

	// Phone B, another browser, opens the new link: it is now the only device that takes part.
	await expect.poll(() => readMails(mainApp.outboxDir, { to: email }).length).toBe(2);
	const secondLink = extractLink(await waitForMail(mainApp, email), '/l/');
	expect(secondLink).not.toBe(firstLink);
	const phoneB = await newPage({ viewport: PHONE });
	await openLink(phoneB, secondLink, 'Beginnen');
	await expect(phoneB.getByLabel('Waar wil je over praten?')).toHaveValue(SECRET);
	await visit(phoneA, '/c/preparation', { status: 200 });
	await expect(phoneA).toHaveURL(/\/l\/ended/);

	// The professional revokes the opened link, without a new one: phone B is told so.
	await visit(proPage, preparationPath, { status: 200 });
	await expect(proPage.getByRole('row', { name: /Ilse/ })).toContainText('Geopend op');
	await submit(proPage, proPage.getByRole('button', { name: 'Link intrekken van Ilse' }));
	await expect(proPage.getByRole('row', { name: /Ilse/ })).toContainText('Ingetrokken.');
	await settleLivePage(phoneB, () => expect(phoneB.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet meer'));
	await expect(phoneB.getByRole('alert')).toContainText('Er is geen nieuwe link gemaakt.');
	await visit(phoneB, '/c/preparation', { status: 200 });
	expect(await phoneB.content()).not.toContain(SECRET);
	await visit(phoneB, secondLink, { status: 200 });
	await expect(phoneB.getByRole('alert')).toContainText('Je begeleider heeft hem ingetrokken.');
	await expect(phoneB.getByRole('alert')).not.toContainText('nieuwe link');
});
