// A participant's page follows the conversation through a stream its script opens after the page
// has loaded — on a slow phone seconds later. A change made in between (here: the professional's
// answers, which reveal) was announced before the stream listened; the stream now says so as it
// opens, and the page loads itself again instead of waiting forever. The same holds for a staff
// page and a change that used not to raise the conversation's version: a name claimed.
import { expect, test, type Page } from './fixtures.ts';
import {
	joinByPost,
	nextLiveLoad,
	PHONE,
	professionalWithCollaboration,
	rate,
	settleLivePage,
	reloadAndCheck,
	startQuickCheck
} from './support/quick-check.ts';
import { checkPage } from './support/tracking.ts';

const CLIENT = 'Ilse Laat';

/** Holds back every live stream the page asks for, as a slow device opens it late, until released. */
async function holdLiveStream(page: Page) {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let streamsAsked = 0;
	await page.route('**/live/conversations/**', async (route) => {
		streamsAsked++;
		await held;
		await route.continue();
	});
	return {
		release,
		/** Waits until the page has asked for its stream. */
		asked: () => expect.poll(() => streamsAsked, { message: 'the page asked for its stream' }).toBeGreaterThan(0)
	};
}

test('a change made before the page’s live stream opened still reaches the page: it loads itself again', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(240_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-laat', {
		label: `Laat ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT }]
	});
	const check = await startQuickCheck(proPage, collaborationId);

	const clientPage = await newPage({ viewport: PHONE });
	await joinByPost(clientPage, mainApp, check.code, CLIENT);
	await rate(clientPage, { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 });
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!');

	// The client's page is loaded again, and its stream is held back like a slow phone's.
	const stream = await holdLiveStream(clientPage);
	await clientPage.reload();
	await settleLivePage(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Dank je wel!'));
	await stream.asked();

	// The professional answers last: the answers are revealed while the client's stream is not yet open.
	await rate(proPage, { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 });
	await expect(proPage.getByRole('heading', { level: 2, name: 'Samen bekijken' })).toBeVisible();

	// The stream opens late, says what was missed, and the page shows the reveal by itself.
	const reloaded = nextLiveLoad(clientPage);
	stream.release();
	await reloaded;
	await settleLivePage(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Samen bekijken'));
});

test('a name claimed before the professional’s live stream opened still reaches their page: it shows the client joined', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'begeleider-laat-naam', {
		label: `Laat naam ${Date.now().toString(36)}`,
		participants: [{ name: CLIENT }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const joined = proPage.locator('.participants li', { hasText: CLIENT });

	// The professional's page is loaded again, and its stream is held back like a slow laptop's.
	const stream = await holdLiveStream(proPage);
	await reloadAndCheck(proPage);
	await expect(joined).toContainText('nog niet');
	await stream.asked();

	// The client claims their name while the professional's stream is not yet open.
	const clientPage = await newPage({ viewport: PHONE });
	await joinByPost(clientPage, mainApp, check.code, CLIENT);

	// The stream opens late, says what was missed, and the page shows the client joined by itself.
	stream.release();
	await expect(joined).toContainText('doet mee');
	await checkPage(proPage);
});
