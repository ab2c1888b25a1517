// A learning trajectory from start to report (seed 004, "Gelijkwaardig Samenwerken"): a
// coordinator creates it with T1–T3 and meetings and invites six professionals from outside;
// five consent and one declines; buddies are paired; participants fill in moments (one through
// every field of the form, the others by quick form posts); one stops after T1; buddies keep
// a log; the coordinator records who attended a masterclass. The report's table 1 lists everyone
// by number, the declining participant only with "Nee": nothing else of theirs is in the report,
// the CSV or the PDF; a withdrawal does the same for that person in the next report. Then the
// access rules: a guest reaches nothing but their own trajectory pages.
import { pdfText } from '../src/lib/server/testing/pdf-text.ts';
import {
	acceptInvitation,
	checkPage,
	createStaffMember,
	expect,
	extractLink,
	loginAs,
	signIn,
	submit,
	switchLanguage,
	test,
	uniqueEmail,
	visit,
	waitForMail,
	type Page
} from './fixtures.ts';
import { day, follow, joinAndConsentByPosts, post, TRAJECTORY_PASSWORD } from './support/trajectory.ts';

const NOT_FOUND_NL = 'Deze pagina bestaat niet, of is afgeschermd.';
/** The boxes a moment's form always sends, also empty: a post without them is refused (sentText). */
const ANSWER_BOXES = {
	barrierPersonal: '',
	barrierTeam: '',
	barrierOrganisation: '',
	resourcePersonal: '',
	resourceTeam: '',
	resourceOrganisation: '',
	explanation: ''
};

interface Participant {
	number: number;
	name: string;
	email: string;
	organisation: string;
	goal: string;
	page: Page;
}

test('a coordinator runs a learning trajectory and its monitor report leaves out whoever did not consent', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	// Many pages, each checked with axe; generous for a busy machine.
	test.setTimeout(900_000);
	const base = mainApp.baseURL;

	// The coordinator, a staff member of organisation A with the coordinator role.
	const coordinatorPage = await newPage();
	const coordinator = await createStaffMember(adminPage, coordinatorPage, mainApp, {
		label: 'coordinator',
		roles: ['trajectoryCoordinator']
	});
	await signIn(coordinatorPage, mainApp, coordinator.email, coordinator.password);
	await follow(coordinatorPage, coordinatorPage.getByRole('navigation').getByRole('link', { name: 'Leertrajecten' }));
	await follow(coordinatorPage, coordinatorPage.getByRole('link', { name: 'Nieuw leertraject' }));

	// A trajectory with four meetings and three moments; T1 and T2 are open now, T3 later.
	const form = coordinatorPage.locator('main form');
	await form.getByLabel('Naam van het leertraject').fill('Gelijkwaardig Samenwerken');
	await form.getByLabel('Korte beschrijving').fill('Masterclasses Laat je Raken en buddy-leren.');
	const meetings: [string, string][] = [
		[day(0), 'Theaterlezing'],
		[day(7), 'Masterclass 1'],
		[day(49), 'Masterclass 2'],
		[day(110), 'Evaluatie']
	];
	for (const [index, [date, title]] of meetings.entries()) {
		await form.getByLabel(`Datum bijeenkomst ${index + 1}`).fill(date);
		await form.getByLabel(`Naam bijeenkomst ${index + 1}`).fill(title);
	}
	await form.getByLabel('Plaats bijeenkomst 2').fill('Arnhem');
	const moments: [string, string][] = [
		[day(0), day(7)],
		[day(0), day(14)],
		[day(60), day(67)]
	];
	for (const [index, [opens, closes]] of moments.entries()) {
		await form.getByLabel(`T${index + 1} open vanaf`).fill(opens);
		await form.getByLabel(`T${index + 1} open tot en met`).fill(closes);
	}
	await submit(coordinatorPage, form.getByRole('button', { name: 'Leertraject maken' }));
	await expect(coordinatorPage.getByRole('heading', { level: 1 })).toHaveText('Gelijkwaardig Samenwerken');
	const trajectoryId = /\/trajectories\/([0-9a-f-]{36})$/.exec(coordinatorPage.url())![1]!;
	await expect(coordinatorPage.getByRole('main')).toContainText('Masterclass 2');

	// Six professionals from two outside organisations are invited by e-mail.
	const participants: Participant[] = [];
	for (let number = 1; number <= 6; number += 1) {
		const participant = {
			number,
			name: `Deelnemer Persoon ${number}`,
			email: uniqueEmail(`traject-${number}`),
			organisation: number <= 3 ? 'Buurtteam Oost' : 'Gezinshuis West',
			goal: `Leerdoel nummer ${number}: ouders een stem geven`,
			page: await newPage()
		};
		participants.push(participant);
		if (number > 2) {
			await post(coordinatorPage, base, `/trajectories/${trajectoryId}?/invite`, {
				email: participant.email,
				organisationName: participant.organisation,
				locale: 'nl'
			});
			continue;
		}
		const invite = coordinatorPage.locator('form[action="?/invite"]');
		await invite.getByLabel('E-mailadres').fill(participant.email);
		await invite.getByLabel('Organisatie', { exact: true }).fill(participant.organisation);
		await submit(coordinatorPage, invite.getByRole('button', { name: 'Uitnodigen' }));
		await expect(coordinatorPage.getByRole('status')).toHaveText('De uitnodiging is verstuurd.');
	}
	const [p1, p2, p3, p4, p5, p6] = participants as [Participant, Participant, Participant, Participant, Participant, Participant];

	// Each makes an account from the mail, signs in, and answers the consent statement: p6 declines.
	// p1 and p6 go through the pages; the others by quick form posts (same forms, no page checks).
	for (const participant of participants) {
		const mail = await waitForMail(mainApp, participant.email);
		expect(mail.subject).toBe('Uitnodiging voor het leertraject Gelijkwaardig Samenwerken');
		const link = extractLink(mail, '/invitation/');
		if (participant !== p1 && participant !== p6) {
			await joinAndConsentByPosts(participant.page, base, {
				invitationLink: link,
				email: participant.email,
				name: participant.name,
				trajectoryId
			});
			continue;
		}
		await acceptInvitation(participant.page, link, { name: participant.name, password: TRAJECTORY_PASSWORD });
		await loginAs(participant.page, participant.email, TRAJECTORY_PASSWORD);
		await expect(participant.page).toHaveURL(/\/trajectories$/);
		await follow(participant.page, participant.page.getByRole('link', { name: 'Gelijkwaardig Samenwerken' }));
		await expect(participant.page.getByRole('main')).toContainText('Ik geef toestemming dat mijn antwoorden');
		const choice = participant === p6 ? 'Nee, geen toestemming' : 'Ja, ik geef toestemming';
		await submit(participant.page, participant.page.getByRole('button', { name: choice }));
		await expect(participant.page.getByRole('status')).toHaveText(
			participant === p6 ? 'Je antwoord is opgeslagen. Niets van jou komt in het rapport.' : 'Bedankt. Je gaf toestemming.'
		);
	}

	// Buddies across organisations: 1+4, 2+5, 3+6.
	await visit(coordinatorPage, `/trajectories/${trajectoryId}`);
	await expect(coordinatorPage.getByRole('row', { name: /Deelnemer Persoon 6/ })).toContainText('Nee');
	for (const [a, b] of [
		[p1, p4],
		[p2, p5],
		[p3, p6]
	] as const) {
		const pair = coordinatorPage.locator('form[action="?/pair"]');
		await expect(pair.getByText('Kies bij voorkeur twee mensen uit verschillende organisaties.')).toBeVisible();
		await pair.getByLabel('Eerste buddy').selectOption({ label: `${a.number}. ${a.name} (${a.organisation})` });
		await pair.getByLabel('Tweede buddy').selectOption({ label: `${b.number}. ${b.name} (${b.organisation})` });
		await submit(coordinatorPage, pair.getByRole('button', { name: 'Koppelen' }));
		await expect(coordinatorPage.getByRole('status')).toHaveText('Het buddy-koppel is gemaakt.');
	}
	await expect(coordinatorPage.getByText('Let op: allebei van dezelfde organisatie')).toHaveCount(0);

	// p1 fills in T1 through the form, on a phone-sized screen.
	await p1.page.setViewportSize({ width: 360, height: 740 });
	await visit(p1.page, `/trajectories/${trajectoryId}/me`);
	await follow(p1.page, p1.page.getByRole('link', { name: 'T1 invullen' }));
	const momentPath = (url: string) => new URL(url).pathname;
	const t1Path = momentPath(p1.page.url());
	const t1 = p1.page.locator('main form');
	await t1.getByLabel('Mijn leerdoel').fill(p1.goal);
	await t1.getByLabel('Belemmeringen: persoonlijk').fill('Werkdruk');
	await t1.getByLabel('Belemmeringen: organisatie').fill('Beleidskaders die moeten worden gevolgd');
	await t1.getByLabel('Hulpbronnen: team').fill('Intervisie met collega’s');
	await t1.getByLabel('Toelichting').fill('Een eerste stap.');
	await submit(p1.page, t1.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(p1.page.getByRole('status')).toHaveText('Je antwoorden zijn opgeslagen.');
	const t2Path = (await p1.page.getByRole('link', { name: 'T2 invullen' }).getAttribute('href'))!;

	// The others answer T1 by quick form posts (the form itself is covered above), the decliner too.
	for (const p of [p2, p3, p4, p5, p6]) {
		await post(p.page, base, t1Path, {
			...ANSWER_BOXES,
			learningGoal: p.goal,
			barrierPersonal: `Belemmering van ${p.number}`,
			resourceOrganisation: `Hulpbron van ${p.number}`,
			explanation: `Toelichting van ${p.number}`
		});
	}

	// p4 stops after T1.
	const stopRow = coordinatorPage.getByRole('row', { name: /Deelnemer Persoon 4/ });
	await visit(coordinatorPage, `/trajectories/${trajectoryId}`);
	await submit(coordinatorPage, stopRow.getByRole('button', { name: /Zet op gestopt/ }));
	await expect(coordinatorPage.getByRole('status')).toHaveText('De deelnemer staat op gestopt.');

	// Masterclass 1 in Arnhem: p1, p2 and p6 were there (the report counts only the two with consent).
	await follow(coordinatorPage, coordinatorPage.getByRole('link', { name: /^Aanwezigheid\W+Masterclass 1$/ }));
	await expect(coordinatorPage.getByRole('main')).toContainText('Plaats: Arnhem');
	const attendance = coordinatorPage.getByRole('group', { name: 'Wie was er?' });
	for (const p of [p1, p2, p6]) await attendance.getByLabel(`${p.number}. ${p.name} (${p.organisation})`).check();
	await submit(coordinatorPage, coordinatorPage.getByRole('button', { name: 'Aanwezigheid opslaan' }));
	await expect(coordinatorPage.getByRole('status')).toHaveText('De aanwezigheid is opgeslagen.');
	await expect(coordinatorPage.getByRole('listitem').filter({ hasText: 'Masterclass 1' })).toContainText('3 van de 6 deelnemers aanwezig');

	// T2 asks the progress questions; p1 answers them and keeps the goal, p2 changes the goal with a reason.
	await visit(p1.page, t2Path);
	const t2 = p1.page.locator('main form');
	await expect(t2.getByLabel('Mijn leerdoel')).toHaveValue(p1.goal);
	await t2.getByRole('group', { name: 'Heb je toegepast wat je leerde?' }).getByLabel('Ja').check();
	await t2.getByRole('group', { name: 'Heb je je doel bereikt?' }).getByLabel('Enigszins').check();
	await t2
		.getByRole('group', { name: /verandering bij de gezinnen/ })
		.getByLabel('Een beetje')
		.check();
	await t2.getByLabel('Waar merk je dat aan?').fill('Ouders denken meer mee.');
	await submit(p1.page, t2.getByRole('button', { name: 'Antwoorden opslaan' }));
	await expect(p1.page.getByRole('status')).toHaveText('Je antwoorden zijn opgeslagen.');
	await post(p2.page, base, t2Path, {
		...ANSWER_BOXES,
		learningGoal: 'Een nieuw doel',
		goalChangeReason: 'Het eerste doel lukte al',
		answer_applied: 'somewhat'
	});
	for (const p of [p3, p5, p6]) await post(p.page, base, t2Path, { ...ANSWER_BOXES, learningGoal: p.goal, answer_applied: 'yes' });

	// The stopped participant cannot fill in T2 any more: no link, and a post is refused.
	await visit(p4.page, `/trajectories/${trajectoryId}/me`);
	await expect(p4.page.getByRole('main')).toContainText('Je bent gestopt op');
	await expect(p4.page.getByRole('link', { name: 'T2 invullen' })).toHaveCount(0);
	const refused = await p4.page.request.post(t2Path, {
		form: { ...ANSWER_BOXES, learningGoal: 'x' },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(409);

	// Buddy log: p1 shares one exchange with p4, p4 keeps one private; p1 evaluates the buddy contact.
	await visit(p1.page, `/trajectories/${trajectoryId}/me`);
	await expect(p1.page.getByRole('main')).toContainText(`Je buddy is ${p4.name} (Gezinshuis West).`);
	const entry = p1.page.locator('form[action="?/entry"]');
	await entry.getByLabel('Onderwerp').fill('Casus met gescheiden ouders');
	await entry.getByRole('group', { name: 'Was het waardevol?' }).getByLabel('Ja').check();
	await entry.getByLabel('Wat neem ik mee?').fill('Vraag ouders wat zij nodig hebben.');
	await entry.getByLabel('Deel dit met mijn buddy').check();
	await submit(p1.page, entry.getByRole('button', { name: 'Opslaan' }));
	await expect(p1.page.getByRole('status')).toHaveText('Het gesprek met je buddy is opgeslagen.');
	const evaluation = p1.page.locator('form[action="?/evaluation"]');
	await evaluation.getByRole('group', { name: 'Was het contact met je buddy waardevol?' }).getByLabel('Ja').check();
	await evaluation.getByLabel('Wat heeft het je gebracht?').fill('Een andere blik.');
	await evaluation.getByLabel('Mijn teksten mogen zonder mijn naam als citaat in het monitorrapport').check();
	await submit(p1.page, evaluation.getByRole('button', { name: 'Evaluatie opslaan' }));
	await expect(p1.page.getByRole('status')).toHaveText('Je buddy-evaluatie is opgeslagen.');
	await post(p4.page, base, `/trajectories/${trajectoryId}/me?/entry`, {
		metOn: day(0),
		topic: 'Mijn eigen notitie',
		valuable: 'no',
		reflection: 'Alleen voor mij'
	});
	await visit(p4.page, `/trajectories/${trajectoryId}/me`);
	await expect(p4.page.getByRole('main')).toContainText('Casus met gescheiden ouders');
	await expect(p4.page.getByRole('main')).toContainText(`door ${p1.name}`);
	await visit(p1.page, `/trajectories/${trajectoryId}/me`);
	await expect(p1.page.getByRole('main')).not.toContainText('Mijn eigen notitie');

	// The report: table 1 as in seed 004, every participant by number with consent, T1/T2/T3, stopped, buddy evaluation.
	await visit(coordinatorPage, `/trajectories/${trajectoryId}/report`);
	await expect(coordinatorPage.getByRole('heading', { level: 1 })).toHaveText('Monitorrapport: Gelijkwaardig Samenwerken');
	await expect(coordinatorPage.getByRole('main')).toContainText('5 van de 6 deelnemers gaven toestemming.');
	const overview = coordinatorPage.getByRole('region', { name: 'Tabel 1. Deelnemers, toestemming en meetmomenten' });
	const rowOf = (label: string) =>
		overview.getByRole('row').filter({ has: coordinatorPage.getByRole('rowheader', { name: label, exact: true }) });
	await expect(overview.getByRole('columnheader')).toHaveText([
		'Deelnemer',
		'Toestemming',
		'T1',
		'T2',
		'T3',
		'Gestopt op',
		'Buddy-evaluatie'
	]);
	await expect(overview.getByRole('rowheader')).toHaveText([1, 2, 3, 4, 5, 6].map((n) => `Deelnemer ${n}`));
	await expect(rowOf('Deelnemer 1').getByRole('cell')).toHaveText(['Ja', 'Ja', 'Ja', 'Nog niet open', '–', 'Ja']);
	await expect(rowOf('Deelnemer 4').getByRole('cell')).toHaveText(['Ja', 'Ja', 'Gestopt', 'Gestopt', /\d{4}/, 'Gestopt']);
	// p6 declined: only "Nee", nothing else of theirs.
	await expect(rowOf('Deelnemer 6').getByRole('cell')).toHaveText(['Nee', '', '', '', '', '']);
	const meetingsTable = coordinatorPage.getByRole('region', { name: 'Bijeenkomsten' });
	await expect(meetingsTable.getByRole('row', { name: /Masterclass 1/ })).toContainText('Arnhem');
	await expect(
		meetingsTable
			.getByRole('row', { name: /Masterclass 1/ })
			.getByRole('cell')
			.last()
	).toHaveText('2 van 5');
	await expect(coordinatorPage.getByRole('region', { name: 'Buddy-evaluatie' })).toContainText('Een andere blik.');
	await expect(coordinatorPage.getByRole('main')).toContainText('Werkdruk');
	await expect(coordinatorPage.getByRole('main')).toContainText('Veranderd, omdat: Het eerste doel lukte al');
	const scale = coordinatorPage.getByRole('table', { name: 'Heb je toegepast wat je leerde?' });
	await expect(scale.getByRole('row', { name: /T2/ }).getByRole('cell')).toHaveText(['0', '1', '3', '0']);

	// With names shown, in the page, the CSV and the PDF: p6 is nowhere; what p6 wrote neither.
	await coordinatorPage.getByLabel('Toon namen in plaats van nummers').check();
	// A GET form: with JavaScript the router follows it without a page load.
	await coordinatorPage.getByRole('button', { name: 'Toepassen' }).click();
	await expect(coordinatorPage).toHaveURL(/\/report\?names=1$/);
	await checkPage(coordinatorPage);
	await expect(overview.getByRole('rowheader').first()).toHaveText(`${p1.name} (Buurtteam Oost)`);
	const csvResponse = await coordinatorPage.request.get(`/trajectories/${trajectoryId}/report/csv?names=1`);
	expect(csvResponse.headers()['content-type']).toContain('text/csv');
	const csv = await csvResponse.text();
	const pdfResponse = await coordinatorPage.request.get(`/trajectories/${trajectoryId}/report/pdf?names=1`);
	expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
	const pdf = await pdfText(new Uint8Array(await pdfResponse.body()));
	const page = await coordinatorPage.locator('main').innerText();
	for (const [label, text] of [
		['page', page],
		['CSV', csv],
		['PDF', pdf]
	] as const) {
		expect(text, label).toContain(p1.name);
		expect(text, label).toContain(p5.goal);
		for (const secret of [p6.name, p6.email, p6.goal, 'Belemmering van 6', 'Hulpbron van 6', 'Toelichting van 6']) {
			expect(text, `${label} must not contain ${secret}`).not.toContain(secret);
		}
	}

	// p5 withdraws consent: the next report, CSV and PDF leave p5 out as well.
	await visit(p5.page, `/trajectories/${trajectoryId}/me`);
	await submit(p5.page, p5.page.getByRole('button', { name: 'Toestemming intrekken' }));
	await expect(p5.page.getByRole('main')).toContainText('Je antwoord: Ingetrokken');
	await visit(coordinatorPage, `/trajectories/${trajectoryId}/report`);
	await expect(rowOf('Deelnemer 5').getByRole('cell')).toHaveText(['Nee', '', '', '', '', '']);
	const csvAfter = await (await coordinatorPage.request.get(`/trajectories/${trajectoryId}/report/csv?names=1`)).text();
	const pdfAfter = await pdfText(
		new Uint8Array(await (await coordinatorPage.request.get(`/trajectories/${trajectoryId}/report/pdf?names=1`)).body())
	);
	for (const text of [csvAfter, pdfAfter, await coordinatorPage.locator('main').innerText()]) {
		for (const secret of [p5.name, p5.goal, 'Belemmering van 5']) expect(text).not.toContain(secret);
	}

	// The report in English.
	await switchLanguage(coordinatorPage, 'en');
	await expect(coordinatorPage.getByRole('heading', { level: 1 })).toHaveText('Monitor report: Gelijkwaardig Samenwerken');
	await expect(coordinatorPage.getByRole('main')).toContainText('4 of the 6 participants gave consent.');
	await switchLanguage(coordinatorPage, 'nl');

	// Access: p6 is a guest (no membership). Every other staff page and the coordinator's pages are 404.
	await visit(p6.page, '/start');
	await expect(p6.page).toHaveURL(/\/trajectories$/);
	for (const path of [
		'/collaborations',
		'/collaborations/new',
		'/admin/staff',
		'/admin/audit',
		'/account',
		`/trajectories/${trajectoryId}`,
		`/trajectories/new`
	]) {
		await visit(p6.page, path, { status: 404 });
		await expect(p6.page.getByRole('main'), path).toContainText(NOT_FOUND_NL);
	}
	for (const path of [`/trajectories/${trajectoryId}/report`, `/trajectories/${trajectoryId}/settings`])
		await visit(p6.page, path, { status: 404 });
	expect((await p6.page.request.get(`/trajectories/${trajectoryId}/report/csv`)).status()).toBe(404);
	expect((await p6.page.request.get(`/trajectories/${trajectoryId}/report/pdf`)).status()).toBe(404);
	const nav = p6.page.getByRole('navigation');
	await expect(nav.getByRole('link')).toHaveText(['Leertrajecten']);

	// The participant page in English, for a participant: a guest chooses among the client languages.
	await visit(p2.page, `/trajectories/${trajectoryId}/me`);
	const picker = p2.page.locator('header form[action="/language"]');
	await picker.locator('select').selectOption('en');
	await submit(p2.page, picker.getByRole('button'));
	await expect(p2.page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(p2.page.getByRole('heading', { name: 'My buddy', exact: true })).toBeVisible();
	await expect(p2.page.getByRole('main')).toContainText('Your answer: Yes');
});
