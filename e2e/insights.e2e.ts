// Insights in the browser: the organisation and team dashboards (figures and the suppressed
// state), a team lead who asks for another team, periods that do not exist, the professional's
// own caseload view and a collaboration's trend — each in Dutch and English with axe on every
// page — and the CSV exports. The data is a generated organisation (npm run seed:scale) written
// into the shared server's database; its people sign in with the password below.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { checkPage, expect, type Page, signIn, submit, switchLanguage, test, visit } from './fixtures.ts';
import { ROOT } from './support/server.ts';
import { readMainState } from './support/state.ts';

const PASSWORD = 'inzichten voor iedereen behalve de cliënt';

interface Seeded {
	organisationId: string;
	admin: { email: string };
	teamLeads: { email: string; team: string; teamId: string }[];
	professional: { email: string };
}

let seeded: Seeded;

// Each test signs in once or twice and runs axe on large pages (tables behind every chart).
// The tests share the organisation seeded once below: one worker runs them in order.
test.describe.configure({ mode: 'default', timeout: 180_000 });

test.beforeAll(() => {
	const app = readMainState();
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: app.dataDir, LOG_LEVEL: 'warn' };
	delete env.DATABASE_URL;
	const result = spawnSync(
		process.execPath,
		[path.join(ROOT, 'scripts', 'seed-scale.mjs'), '--ratings', '20000', '--seed', '3', '--password', PASSWORD, '--json'],
		{ cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 }
	);
	if (result.status !== 0) throw new Error(`seed:scale failed: ${result.stderr}`);
	seeded = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Seeded;
});

/**
 * Follows a link or sends a GET form: SvelteKit's router takes these over in the browser, so
 * there is no new document to wait for; wait for the address to change, then check the page.
 */
async function navigate(page: Page, target: Locator): Promise<void> {
	const before = page.url();
	await target.click();
	await page.waitForURL((url) => url.href !== before);
	await page.waitForLoadState('networkidle');
	await checkPage(page);
}

const lead = (team: string) => seeded.teamLeads.find((l) => l.team === team)!;

/** Pseudonymous labels (G1, G2 …) and participant names the generator uses: none may appear on a dashboard. */
async function expectNoIndividualData(page: Page) {
	const text = await page.locator('main').innerText();
	expect(text).not.toMatch(/\bG\d+\b/);
	expect(text).not.toMatch(/Ouder \d|Kind \d/);
}

test('an admin sees the organisation dashboard with figures, a small team as "te weinig gegevens", in Dutch and English', async ({
	newPage
}) => {
	const page = await newPage();
	await signIn(page, readMainState(), seeded.admin.email, PASSWORD);
	await visit(page, '/insights', { status: 200 });
	await navigate(page, page.getByRole('link', { name: 'Naar het dashboard' }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
	await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: 'Hele organisatie' })).toBeVisible();
	const latest = page.getByRole('table', { name: /^Per vraag in K\d \d{4}$/ });
	await expect(latest.getByRole('row', { name: /Luisteren/ })).not.toContainText('te weinig gegevens');
	await expect(page.getByRole('img', { name: /Luisteren/ })).toBeVisible();
	await expectNoIndividualData(page);

	// The team filter: the newcomer's team rests on three collaborations.
	await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Team nieuw' });
	await navigate(page, page.getByRole('button', { name: 'Toon' }));
	await expect(page).toHaveURL(new RegExp(`team=${lead('Team nieuw').teamId}`));
	await expect(latest.getByRole('row', { name: /Luisteren/ })).toContainText('te weinig gegevens');
	await expect(page.getByRole('table', { name: 'Afspraken nagekomen' })).toContainText('te weinig gegevens');

	await switchLanguage(page, 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
	await expect(page.getByRole('table', { name: /^Per question in Q\d \d{4}$/ }).getByRole('row', { name: /Listening/ })).toContainText(
		'too little data'
	);
	await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Whole organisation' });
	await navigate(page, page.getByRole('button', { name: 'Show' }));
	await expect(page.getByRole('table', { name: /^Per question in/ }).getByRole('row', { name: /Listening/ })).not.toContainText(
		'too little data'
	);
	// In print the table behind every chart is shown as well.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('table', { name: 'Coverage' })).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	await switchLanguage(page, 'nl');
});

test('a team lead sees only their team; another team answers 404, a period that does not exist 400, both with a clear message', async ({
	newPage
}) => {
	const page = await newPage();
	await signIn(page, readMainState(), lead('Team 01').email, PASSWORD);
	await visit(page, '/insights/dashboard', { status: 200 });
	await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: 'Team 01' })).toBeVisible();
	await expect(page.getByLabel('Team', { exact: true }).locator('option')).toHaveText(['Team 01']);
	await expectNoIndividualData(page);

	await visit(page, `/insights/dashboard?team=${lead('Team 02').teamId}`, { status: 404 });
	await expect(page.getByRole('main')).toContainText('Dit team is niet gevonden, of je mag de cijfers ervan niet zien.');
	await visit(page, '/insights/dashboard?team=iets-anders', { status: 404 });
	await visit(page, '/insights/dashboard?from=2099-Q1', { status: 400 });
	await expect(page.getByRole('main')).toContainText('Deze periode kennen we niet.');
	await switchLanguage(page, 'en');
	await expect(page.getByRole('main')).toContainText('We do not know this period.');
	const response = await page.request.get(`/insights/dashboard/export.csv?team=${lead('Team 02').teamId}`, { maxRedirects: 0 });
	expect(response.status()).toBe(404);
	await switchLanguage(page, 'nl');
});

test('the team lead of a suppressed team gets a clear answer instead of an empty export; the admin’s export holds only aggregates', async ({
	newPage
}) => {
	const page = await newPage();
	await signIn(page, readMainState(), lead('Team nieuw').email, PASSWORD);
	await visit(page, '/insights/dashboard', { status: 200 });
	await expect(page.getByRole('table', { name: 'Afspraken nagekomen' })).toContainText('te weinig gegevens');
	await submit(page, page.getByRole('link', { name: 'Download deze cijfers (CSV)' }));
	await expect(page.getByRole('status')).toContainText('Er is nog niets om te downloaden');
	await switchLanguage(page, 'en');
	await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: 'Team nieuw' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Agreements kept' })).toContainText('too little data');
	await expect(page.getByRole('status')).toContainText('There is nothing to download yet');
	await switchLanguage(page, 'nl');

	const admin = await newPage();
	await signIn(admin, readMainState(), seeded.admin.email, PASSWORD);
	const csv = await admin.request.get('/insights/dashboard/export.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const body = await csv.text();
	expect(body).toContain('Kwartaal,Team of organisatie,Onderwerp,Wie of wat,Waarde,Aantal samenwerkingen');
	expect(body).toContain('Hele organisatie,Luisteren,Cliënten,');
	expect(body).not.toMatch(/\bG\d+\b|Ouder \d|Kind \d|Afspraak uit het gesprek/);
});

test('a professional sees their own caseload with the eye-opener and a collaboration’s trend, in Dutch and English', async ({
	newPage
}) => {
	// On a phone: every page below is also held to not scrolling sideways at 360 px (a11y.ts).
	const page = await newPage({ viewport: { width: 360, height: 740 } });
	await signIn(page, readMainState(), seeded.professional.email, PASSWORD);
	await visit(page, '/insights', { status: 200 });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn inzichten');
	await expect(page.getByRole('heading', { name: 'Waar zie je het anders dan je cliënten?' })).toBeVisible();
	await expect(
		page.getByRole('table', { name: 'Waar zie je het anders dan je cliënten?' }).getByRole('row', { name: /Luisteren/ })
	).toContainText('Ja');
	await expect(page.getByRole('img', { name: /Mijn beoordelingen en die van mijn cliënten/ })).toBeVisible();
	const csv = await page.request.get('/insights/my-ratings.csv');
	expect(csv.status()).toBe(200);
	const body = await csv.text();
	expect(body).toMatch(/^\uFEFFSamenwerking,Datum,Vragenlijst,Vraag,Wie,Beoordeling \(getal\),Antwoord,Schaal,Op papier ingevuld op\r\n/);
	expect(body).toContain('Deelnemer 1');
	expect(body).not.toMatch(/Ouder \d|Kind \d|Afspraak uit het gesprek/);

	await visit(page, '/collaborations', { status: 200 });
	await navigate(
		page,
		page
			.getByRole('main')
			.getByRole('link', { name: /^G\d+$/ })
			.first()
	);
	await navigate(page, page.getByRole('link', { name: 'Bekijk de inzichten' }));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Inzichten: G');
	await expect(page.getByRole('img', { name: /^Omgang/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Verschil tussen professional en cliënt' })).toBeVisible();
	await switchLanguage(page, 'en');
	await expect(page.getByRole('heading', { name: 'Gap between professional and client' })).toBeVisible();
	await visit(page, '/insights', { status: 200 });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My insights');
	await switchLanguage(page, 'nl');
});

test('a CSV is worded as the page it is downloaded from, not in the language chosen on another device', async ({ newPage }) => {
	const here = await newPage();
	await signIn(here, readMainState(), seeded.professional.email, PASSWORD);
	await visit(here, '/insights', { status: 200 });
	await expect(here.getByRole('heading', { level: 1 })).toHaveText('Mijn inzichten');
	// The same professional chooses English on another device: it is stored on their account too.
	const elsewhere = await newPage();
	await signIn(elsewhere, readMainState(), seeded.professional.email, PASSWORD);
	await visit(elsewhere, '/insights', { status: 200 });
	await switchLanguage(elsewhere, 'en');
	try {
		const dutch = await here.request.get('/insights/my-ratings.csv');
		expect(dutch.status()).toBe(200);
		expect(await dutch.text()).toMatch(/^\uFEFFSamenwerking,Datum,Vragenlijst,Vraag,Wie,/);
		const english = await elsewhere.request.get('/insights/my-ratings.csv');
		expect(await english.text()).toMatch(/^\uFEFFCollaboration,Date,Questionnaire,Question,Who,/);
	} finally {
		await switchLanguage(elsewhere, 'nl');
	}
});

test('team leads and admins get no collaboration’s insights, and a professional no dashboard', async ({ newPage }) => {
	const professional = await newPage();
	await signIn(professional, readMainState(), seeded.professional.email, PASSWORD);
	await visit(professional, '/collaborations', { status: 200 });
	await navigate(
		professional,
		professional
			.getByRole('main')
			.getByRole('link', { name: /^G\d+$/ })
			.first()
	);
	const insightsPath = `${new URL(professional.url()).pathname}/insights`;
	await visit(professional, '/insights/dashboard', { status: 404 });

	for (const email of [seeded.admin.email, lead('Team 01').email]) {
		const page = await newPage();
		await signIn(page, readMainState(), email, PASSWORD);
		await visit(page, insightsPath, { status: 404 });
		const response = await page.request.get('/insights/my-ratings.csv', { maxRedirects: 0 });
		expect(response.status(), email).toBe(404);
	}
});
