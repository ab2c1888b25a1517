// An imported instrument in a learning trajectory (issue 14; seed 004 measured the WAV-12 and SRS
// at T1 and T2): an admin imports a 12-item Questionnaire on a 5-point scale (written for this
// test), a coordinator uses it for T1 and T2, five consenting participants rate it and two ask
// a client through a personal link (one client consents on the link's first step and answers, the
// other says no), and the monitor report shows the mean per item and moment and the paired change.
import { choiceItem, type FixtureQuestionnaire } from '../src/lib/server/testing/fhir-questionnaires.ts';
import {
	checkPage,
	createStaffMember,
	expect,
	extractLink,
	signIn,
	submit,
	submitAndRedirect,
	test,
	uniqueEmail,
	visit,
	waitForMail,
	type Page
} from './fixtures.ts';
import { day, follow, joinAndConsentByPosts, post } from './support/trajectory.ts';

const STATEMENTS = [
	'We praten open over wat er speelt.',
	'Ik weet waar we samen naartoe werken.',
	'Afspraken worden nagekomen.',
	'Er is ruimte voor mijn ideeën.',
	'We lossen onenigheid samen op.',
	'Ik voel me serieus genomen.',
	'De gesprekken helpen mij verder.',
	'We kijken samen terug op wat lukte.',
	'Ik kan zeggen wat ik niet fijn vind.',
	'We beslissen samen over de volgende stap.',
	'Ik heb vertrouwen in onze aanpak.',
	'Het tempo past bij mij.'
];
const KEYS = STATEMENTS.map((_, i) => `samen${i + 1}`);

/** Written for this test: no licensed text. Twelve statements, five answer options each. */
function togetherQuestionnaire(): FixtureQuestionnaire {
	return {
		resourceType: 'Questionnaire',
		url: `https://example.org/fhir/Questionnaire/samen-op-weg-${Date.now().toString(36)}`,
		version: '1',
		title: 'Samen op weg',
		language: 'nl',
		status: 'active',
		item: STATEMENTS.map((text, i) => choiceItem(KEYS[i]!, text, `Statement ${i + 1}`))
	};
}

/** Every item rated on the page, by the point's label, as a person would. */
async function rateAll(page: Page, value: number): Promise<void> {
	const form = page.locator('form.rating-form, .rating-form').first();
	for (const key of KEYS) await form.locator(`label[for="rating-${key}-${value}"]`).click();
	await submitAndRedirect(page, form.locator('button.submit'));
}

const all = (value: number) => Object.fromEntries(KEYS.map((key) => [key, String(value)]));

test('a coordinator uses an imported 12-item questionnaire at T1 and T2; participants and a client answer; the report shows it', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(600_000);
	const base = mainApp.baseURL;

	// The admin imports the questionnaire.
	await visit(adminPage, '/admin/instruments', { status: 200 });
	await adminPage.locator('textarea[name="questionnaire"]').fill(JSON.stringify(togetherQuestionnaire()));
	// The first import of a server process compiles the FHIR schema (decision 019): slow on a busy machine.
	adminPage.setDefaultTimeout(90_000);
	await submit(adminPage, adminPage.getByRole('button', { name: 'Toevoegen' }));
	adminPage.setDefaultTimeout(10_000);
	await expect(adminPage.getByRole('status')).toContainText('De vragenlijst is toegevoegd: Samen op weg');

	// A coordinator of the same organisation makes a trajectory with T1 and T2 open now.
	const coordinatorPage = await newPage();
	const coordinator = await createStaffMember(adminPage, coordinatorPage, mainApp, {
		label: 'coordinator-vl',
		roles: ['trajectoryCoordinator']
	});
	await signIn(coordinatorPage, mainApp, coordinator.email, coordinator.password);
	await visit(coordinatorPage, '/trajectories/new');
	const form = coordinatorPage.locator('main form');
	await form.getByLabel('Naam van het leertraject').fill('Samenwerken meten');
	for (const [n, closes] of [
		[1, 7],
		[2, 14]
	] as const) {
		await form.getByLabel(`T${n} open vanaf`).fill(day(0));
		await form.getByLabel(`T${n} open tot en met`).fill(day(closes));
	}
	await submit(coordinatorPage, form.getByRole('button', { name: 'Leertraject maken' }));
	const trajectoryId = /\/trajectories\/([0-9a-f-]{36})$/.exec(coordinatorPage.url())![1]!;

	// The coordinator chooses the questionnaire for T1 and T2.
	await visit(coordinatorPage, `/trajectories/${trajectoryId}/settings`);
	const choice = coordinatorPage.locator('#instruments');
	await expect(choice.getByRole('heading', { name: 'Vragenlijsten op meetmomenten' })).toBeVisible();
	for (const moment of ['T1', 'T2']) {
		await choice.getByLabel(`Vragenlijst bij ${moment}`).selectOption({ label: 'Samen op weg (12 vragen)' });
	}
	await submit(coordinatorPage, choice.getByRole('button', { name: 'Opslaan' }));
	await expect(coordinatorPage.getByRole('status')).toHaveText('De vragenlijsten zijn opgeslagen.');

	// Five participants from outside join and consent (by quick form posts; the pages are covered in trajectories.e2e.ts).
	const participants: Page[] = [];
	for (let number = 1; number <= 5; number += 1) {
		const email = uniqueEmail(`vl-${number}`);
		await post(coordinatorPage, base, `/trajectories/${trajectoryId}?/invite`, {
			email,
			organisationName: 'Buurtteam Noord',
			locale: 'nl'
		});
		const page = await newPage();
		const invitationLink = extractLink(await waitForMail(mainApp, email), '/invitation/');
		await joinAndConsentByPosts(page, base, { invitationLink, email, name: `Deelnemer ${number}`, trajectoryId });
		participants.push(page);
	}
	const [first, ...others] = participants as [Page, ...Page[]];

	// The first rates T1 on the page: the moment names the questionnaire; all twelve statements on a five-point line.
	await visit(first, `/trajectories/${trajectoryId}/me`);
	await follow(first, first.getByRole('link', { name: 'T1 invullen' }));
	const t1Path = new URL(first.url()).pathname;
	const t2Path = t1Path.replace(/[0-9a-f-]{36}$/, '') + (await momentIdOf(first, trajectoryId, 'T2'));
	await visit(first, t1Path);
	await follow(first, first.getByRole('link', { name: 'Vragenlijst invullen' }));
	await expect(first.getByRole('heading', { level: 1 })).toHaveText('Samen op weg');
	await expect(first.locator('fieldset.rating')).toHaveCount(12);
	await rateAll(first, 75);
	await expect(first.getByRole('status').first()).toHaveText('Je antwoorden op de vragenlijst zijn opgeslagen.');

	// A personal link for a client, shown once; the client answers without an account.
	await submit(first, first.getByRole('button', { name: 'Link voor mijn cliënt maken' }));
	const clientLink = (await first.locator('.link code').textContent())!.trim();
	expect(clientLink).toMatch(/\/t\/[\w-]{40,}$/);
	// The client's phone: 360 px wide, no JavaScript. First the consent step: no question before a yes.
	const client = await newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	await visit(client, clientLink, { status: 200 });
	const main = client.getByRole('main');
	await expect(main.getByRole('heading', { name: 'Wie ziet je antwoorden?' })).toBeVisible();
	await expect(main).toContainText('We stellen je 12 korte vragen');
	await expect(main).toContainText('Een gemiddelde staat er alleen in als minstens 5 cliënten hebben geantwoord.');
	await expect(main).toContainText('Nee zeggen heeft geen gevolgen voor jou of voor je hulp.');
	await expect(client.locator('fieldset.rating')).toHaveCount(0);
	expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await submitAndRedirect(client, main.getByRole('button', { name: 'Ja, ik doe mee' }));
	await expect(client.locator('fieldset.rating')).toHaveCount(12);
	await rateAll(client, 100);
	await expect(client.getByRole('main')).toContainText('Dank je wel. Je antwoorden zijn opgeslagen.');
	await visit(first, `${t1Path}/instrument`);
	await expect(first.getByRole('main')).toContainText('Je cliënt heeft de vragenlijst ingevuld.');

	// The second participant's client says no: a friendly end, and the participant cannot ask again.
	const second = others[0]!;
	await visit(second, `${t1Path}/instrument`);
	await submit(second, second.getByRole('button', { name: 'Link voor mijn cliënt maken' }));
	const secondLink = (await second.locator('.link code').textContent())!.trim();
	const declining = await newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	await visit(declining, secondLink, { status: 200 });
	await submitAndRedirect(declining, declining.getByRole('button', { name: 'Nee, ik doe niet mee' }));
	await expect(declining.getByRole('main')).toContainText('Je doet niet mee. Dat is helemaal goed.');
	await expect(declining.getByRole('button', { name: 'Ik wil toch meedoen' })).toBeVisible();
	await visit(second, `${t1Path}/instrument`);
	await expect(second.getByRole('main')).toContainText('Je cliënt heeft gezegd dat die niet meedoet.');
	await expect(second.getByRole('button', { name: /link/i })).toHaveCount(0);

	// The others rate T1, and everyone T2, by quick form posts.
	for (const [i, page] of others.entries()) await post(page, base, `${t1Path}/instrument?/rate`, all(i < 2 ? 50 : 75));
	for (const page of participants) await post(page, base, `${t2Path}/instrument?/rate`, all(100));

	// The monitor report: means on the 0–4 line per statement, T1 and T2; one client is too few for a mean.
	await visit(coordinatorPage, `/trajectories/${trajectoryId}/report`);
	const table = coordinatorPage.getByRole('table', { name: 'Vragenlijst Samen op weg: gemiddelde per vraag' });
	await expect(table.getByRole('columnheader')).toHaveText(['Vraag', 'T1 deelnemers', 'T1 cliënten', 'T2 deelnemers', 'T2 cliënten']);
	// T1: 75, 50, 50, 75, 75 → 65 → 2,6 on the line; T2: all 100 → 4,0.
	await expect(table.getByRole('row', { name: /We praten open/ }).getByRole('cell')).toHaveText(['2,6', '–', '4,0', '–']);
	await expect(table.getByRole('row', { name: /Aantal antwoorden/ }).getByRole('cell')).toHaveText(['5', '1', '5', '0']);
	// The change from T1 to T2, paired: +25, +50, +50, +25, +25 → 35 → +1,4 on the line; no client answered both.
	const change = coordinatorPage.getByRole('table', { name: 'Vragenlijst Samen op weg: verandering per vraag' });
	await expect(change.getByRole('columnheader')).toHaveText(['Vraag', 'T1 → T2 deelnemers', 'T1 → T2 cliënten']);
	await expect(change.getByRole('row', { name: /We praten open/ }).getByRole('cell')).toHaveText(['+1,4', '–']);
	await expect(change.getByRole('row', { name: /Alle vragen samen/ }).getByRole('cell')).toHaveText(['+1,4', '–']);
	await expect(change.getByRole('row', { name: /Toelichting/ }).getByRole('cell')).toHaveText([
		'',
		'Niet getoond: 0 vulden beide momenten in, minimaal 5 nodig'
	]);
	await checkPage(coordinatorPage);

	// Regression (attacker pass): a participant withdraws their consent while their client has the
	// questions open. The client's answers are refused, nothing is stored, and the page says so.
	const third = others[1]!;
	await visit(third, `${t2Path}/instrument`);
	await submit(third, third.getByRole('button', { name: 'Link voor mijn cliënt maken' }));
	const thirdLink = (await third.locator('.link code').textContent())!.trim();
	const asked = await newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	await visit(asked, thirdLink, { status: 200 });
	await submitAndRedirect(asked, asked.getByRole('main').getByRole('button', { name: 'Ja, ik doe mee' }));
	await post(third, base, `/trajectories/${trajectoryId}/me?/consent`, { decision: 'decline' });
	const questions = asked.locator('.rating-form').first();
	for (const key of KEYS) await questions.locator(`label[for="rating-${key}-100"]`).click();
	const refused = await submit(asked, questions.locator('button.submit'));
	expect(refused?.status()).toBe(409);
	const stopped = 'Deze vragenlijst is gestopt. Je kunt hem niet meer invullen. We bewaren geen antwoorden van jou.';
	await expect(asked.getByRole('status')).toContainText(stopped);
	await expect(asked.locator('fieldset.rating')).toHaveCount(0);
	await visit(asked, thirdLink, { status: 200 });
	await expect(asked.getByRole('status')).toContainText(stopped);
	await visit(third, `${t2Path}/instrument`);
	await expect(third.getByRole('main')).toContainText('Je hebt geen toestemming gegeven voor het rapport.');
	await expect(third.getByRole('main')).toContainText('Je cliënt heeft nog niet geantwoord.');
	await expect(third.getByRole('button', { name: /link/i })).toHaveCount(0);
});

/** A moment's id from the participant's page, by its "T2 invullen" link. */
async function momentIdOf(page: Page, trajectoryId: string, label: string): Promise<string> {
	await visit(page, `/trajectories/${trajectoryId}/me`);
	const href = await page.getByRole('link', { name: `${label} invullen` }).getAttribute('href');
	return href!.split('/').at(-1)!;
}
