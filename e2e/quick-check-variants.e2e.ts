// The quick check with other people around the table: a child who answers with smileys, and
// two parents — one on their own phone, one on the professional's handed-over laptop.
import { checkPage, expect, submit, test, type Page } from './fixtures.ts';
import {
	createCollaboration,
	DESKTOP,
	joinWithCode,
	PHONE,
	rate,
	settleLivePage,
	signedInProfessional,
	startQuickCheck,
	type Ratings
} from './support/quick-check.ts';
import { findMarkers, recordTraffic } from './support/traffic.ts';

const PRO_RATINGS: Ratings = { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 };

async function withLiveReload(page: Page, action: () => Promise<void>): Promise<void> {
	const reloaded = page.waitForEvent('load');
	await action();
	await reloaded;
}

test('a child answers with smileys and sees the professional’s answers only at the reveal', async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(90_000);
	const proPage = await newPage({ viewport: DESKTOP });
	const pro = await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-kind');
	const collaborationId = await createCollaboration(proPage, {
		label: `Kind ${Date.now().toString(36)}`,
		participants: [{ name: 'Daan', audience: 'child' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);

	const childPage = await newPage({ viewport: PHONE });
	const traffic = await recordTraffic(childPage.context());
	await joinWithCode(childPage, check.code, 'Daan');
	await expect(childPage.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat het samen?');
	await expect(childPage.getByRole('main')).toContainText('Kies bij elke vraag een gezichtje.');
	await expect(childPage.getByRole('main')).toContainText('Hoe doen we samen?');
	// Five smileys per question, each with its words; no line to choose a point on.
	const omgang = childPage.locator('#rating-omgang');
	for (const words of ['Heel slecht', 'Niet goed', 'Gaat wel', 'Goed', 'Heel goed']) {
		await expect(omgang.getByRole('radio', { name: words, exact: true })).toHaveCount(1);
	}
	await expect(childPage.locator('input[type="radio"][value="30"]')).toHaveCount(0);

	await traffic.settle();
	const proRatedAt = traffic.received().length;
	await withLiveReload(childPage, () => rate(proPage, PRO_RATINGS));
	await settleLivePage(childPage, () => expect(childPage.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat het samen?'));
	await traffic.settle();
	const beforeReveal = traffic.received().length;
	await rate(childPage, { omgang: 100, luisteren: 75, contact: 50, plan: 25, afspraken: 0 });
	await expect(childPage.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken');
	await expect(childPage.locator('svg.reveal-line')).toHaveCount(5);
	await expect(childPage.locator(`svg.reveal-line[aria-label*="${pro.name} 70"]`)).toHaveCount(2);

	await traffic.settle();
	expect(traffic.unreadable().filter((item) => item.seq >= proRatedAt)).toEqual([]);
	const leaks = findMarkers(traffic.received().slice(0, beforeReveal), [
		`${pro.name} 30`,
		`${pro.name} 70`,
		/x="(30|70)%"/,
		/<td[^>]*>(30|70)<\/td>/
	]);
	expect(leaks, 'the professional’s answers in what the child received before the reveal').toEqual([]);

	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();
	await checkPage(proPage);
});

test('two parents and the professional: one parent on a phone, the other on the handed-over laptop', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(90_000);
	const proPage = await newPage({ viewport: DESKTOP });
	const pro = await signedInProfessional(adminPage, proPage, mainApp, 'begeleider-ouders');
	const collaborationId = await createCollaboration(proPage, {
		label: `Ouders ${Date.now().toString(36)}`,
		participants: [{ name: 'Anna Ouder' }, { name: 'Bert Ouder' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);

	// Anna on her own phone.
	const annaPage = await newPage({ viewport: PHONE });
	await joinWithCode(annaPage, check.code, 'Anna Ouder');
	await expect(annaPage.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat onze samenwerking?');

	// The professional answers, then hands the laptop to Bert, who answers and gives it back.
	await rate(proPage, PRO_RATINGS);
	await submit(proPage, proPage.getByRole('button', { name: 'Geef dit apparaat aan Bert Ouder' }));
	await expect(proPage).toHaveURL(/\/c$/);
	await expect(proPage.getByRole('main')).toContainText('Je doet mee als Bert Ouder.');
	await rate(proPage, { omgang: 40, luisteren: 40, contact: 60, plan: 60, afspraken: 80 });
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');
	await submit(proPage, proPage.getByRole('link', { name: 'Geef het apparaat terug' }).first());
	await proPage.locator('form[action="?/password"] input[name="password"]').fill(pro.password);
	await submit(proPage, proPage.locator('form[action="?/password"] button'));
	await expect(proPage).toHaveURL(new RegExp(`${check.path}$`));
	await expect(proPage.getByRole('main')).toContainText('Bert Ouder heeft ingevuld ✓');
	await expect(proPage.getByRole('main')).toContainText('Anna Ouder nog niet ingevuld');

	// Anna's phone followed along and still asks for her answers; hers are the last, so they reveal.
	await settleLivePage(annaPage, () => expect(annaPage.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat onze samenwerking?'));
	await rate(annaPage, { omgang: 90, luisteren: 100, contact: 80, plan: 100, afspraken: 90 });
	await settleLivePage(annaPage, () => expect(annaPage.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken'));
	const legend = annaPage.getByRole('list', { name: 'Wie is wie op de lijnen' });
	await expect(legend.getByRole('listitem')).toHaveCount(3);
	for (const name of [pro.name, 'Bert Ouder', 'Anna Ouder (jij)']) await expect(legend).toContainText(name);

	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();
	await expect(proPage.locator('.reveal-table thead th')).toHaveCount(5);
	await checkPage(proPage);
});
