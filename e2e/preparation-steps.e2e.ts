// Issue 16, part 6: a client prepares a learning conversation on a cheap phone one step at a
// time — with a progress indication, plain words instead of method names, and a way back that
// keeps what was typed — with and without JavaScript.
import { checkPage, expect, submit, test, visit, type Page } from './fixtures.ts';
import { planLearningConversation } from './support/learning.ts';
import { PHONE, professionalWithCollaboration } from './support/quick-check.ts';

const METHOD_NAMES = ['Samenleerwijzer', 'Samenleergesprek', 'Gespreksbladen', 'Evaluatie'];
/** No step of the preparation is longer than a few screens of a 360 × 740 phone. */
const MAX_STEP_HEIGHT = 2600;

async function expectGoodStep(phone: Page, step: number, steps: number): Promise<void> {
	await expect(phone.getByText(`Stap ${step} van ${steps}`, { exact: true })).toBeVisible();
	await expect(phone.getByRole('progressbar', { name: `Stap ${step} van ${steps}` })).toHaveAttribute('value', String(step));
	const main = (await phone.getByRole('main').textContent()) ?? '';
	for (const name of METHOD_NAMES) expect(main, `step ${step} speaks plainly`).not.toContain(name);
	// The app speaks to her as "je"; a card's own questions and the method's A, B and C questions
	// (the same on the sheets in the conversation) are in her own voice (decision 014).
	const ownWords = await phone.getByRole('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		for (const card of copy.querySelectorAll('.card-choice')) card.remove();
		for (const choice of copy.querySelectorAll('.checkbox')) choice.remove();
		for (const label of copy.querySelectorAll('label')) if (/^[ABC]\. /.test(label.textContent?.trim() ?? '')) label.remove();
		return copy.textContent ?? '';
	});
	expect(ownWords, `step ${step} speaks to the client as "je"`).not.toMatch(/\b(ik|mij|mijn)\b[^.?!]*\?/i);
	const size = await phone.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
	expect(size.width, `step ${step} fits a 360 px phone`).toBeLessThanOrEqual(360);
	expect(size.height, `step ${step} is short`).toBeLessThanOrEqual(MAX_STEP_HEIGHT);
	await checkPage(phone);
}

for (const javaScript of [true, false]) {
	test(`a client prepares on a 360 px phone one step at a time, goes back without losing what she typed, and shares at the end — ${javaScript ? 'with' : 'without'} JavaScript`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(300_000);
		const { page: proPage, collaborationId } = await professionalWithCollaboration(
			adminPage,
			newPage,
			mainApp,
			`stappen-${javaScript ? 'js' : 'nojs'}`,
			{
				label: `Gezin ${Date.now().toString(36)}`,
				participants: [{ name: 'Noor' }]
			}
		);
		const { links } = await planLearningConversation(proPage, collaborationId);

		const phone = await newPage({ viewport: PHONE, javaScriptEnabled: javaScript });
		await visit(phone, links[0]!, { status: 200 });
		await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
		const steps = 7; // wishes, three decks of cards, a moment, what she needs, sharing

		// 1: her wishes.
		await expectGoodStep(phone, 1, steps);
		await expect(phone.getByRole('heading', { level: 2, name: 'Je wensen voor het gesprek' })).toBeVisible();
		await phone.getByLabel('Waar wil je over praten?').fill('Dat er naar mij geluisterd wordt.');
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));

		// 2: topics; she picks one and goes back: her wishes are there, and so is the card.
		await expectGoodStep(phone, 2, steps);
		// Two decks of topics, each its own step, told apart by a part number.
		await expect(phone.getByRole('heading', { level: 2, name: 'Kies onderwerpen, deel 1 van 2' })).toBeVisible();
		await phone.getByRole('checkbox', { name: /Onze verbinding/ }).check();
		await submit(phone, phone.getByRole('button', { name: 'Terug' }));
		await expectGoodStep(phone, 1, steps);
		await expect(phone.getByLabel('Waar wil je over praten?')).toHaveValue('Dat er naar mij geluisterd wordt.');
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));
		await expect(phone.getByRole('checkbox', { name: /Onze verbinding/ })).toBeChecked();
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));

		// 3 and 4: more cards, what matters to her.
		await expectGoodStep(phone, 3, steps);
		await expect(phone.getByRole('heading', { level: 2, name: 'Kies onderwerpen, deel 2 van 2' })).toBeVisible();
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));
		await expectGoodStep(phone, 4, steps);
		await expect(phone.getByRole('heading', { level: 2, name: 'Wat vind jij belangrijk?' })).toBeVisible();
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));

		// 5: a moment; 6: what she needs to feel safe.
		await expectGoodStep(phone, 5, steps);
		await phone.getByLabel(/^B\. Wat deed dit met mij/).fill('Ik voelde me niet gehoord.');
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));
		await expectGoodStep(phone, 6, steps);
		await expect(phone.getByRole('heading', { level: 2, name: 'Wat heb je nodig om je veilig te voelen?' })).toBeVisible();
		await phone.getByRole('checkbox', { name: 'We laten elkaar uitpraten.' }).check();
		await submit(phone, phone.getByRole('button', { name: 'Volgende' }));

		// 7: sharing what she wants; the way back is there too.
		await expectGoodStep(phone, 7, steps);
		const share = phone.getByRole('region', { name: 'Delen' });
		await share.getByRole('checkbox', { name: 'Waar je over wilt praten' }).uncheck();
		await submit(phone, share.getByRole('button', { name: 'Deel mijn voorbereiding' }));
		await expect(share).toContainText('Waar je over wilt praten: alleen voor jou');
		await expect(share).toContainText('Je moment (A, B en C): gedeeld');
		await expectGoodStep(phone, 7, steps);
		await expect(phone.getByRole('link', { name: 'Terug' })).toHaveAttribute('href', '?step=6');

		// Everything she saved on the way is there for her, and the shared parts for the professional.
		await visit(proPage, new URL(proPage.url()).pathname, { status: 200 });
		const noor = proPage.getByRole('main');
		await expect(noor).toContainText('Ik voelde me niet gehoord.');
		await expect(noor).toContainText('We laten elkaar uitpraten.');
		await expect(noor).not.toContainText('Dat er naar mij geluisterd wordt.');
	});
}

// An outside new-user pass: the preparation page had no "Stoppen op dit apparaat", which every other
// participant page has. On a step it saves what was typed first, so leaving loses nothing.
test('a client who stops on her phone in the middle of a step finds what she typed when she opens her link again; she can stop from the sharing step too', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'stoppen-voorbereiding', {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor' }]
	});
	const { links } = await planLearningConversation(proPage, collaborationId);

	const phone = await newPage({ viewport: PHONE });
	await visit(phone, links[0]!, { status: 200 });
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	await phone.getByLabel('Waar wil je over praten?').fill('Meer tijd voor mijn zoon.');
	// She was sent a link: she comes back with it, and the hint says what happens to her text.
	await expect(phone.getByRole('main')).toContainText(
		'Daarna kun je opnieuw meedoen met je link, ook op een ander apparaat. We bewaren eerst wat je hier hebt ingevuld.'
	);
	await submit(phone, phone.getByRole('button', { name: 'Stoppen op dit apparaat' }));
	await expect(phone).toHaveURL(/\/join\?left=link$/);
	await expect(phone.getByRole('status')).toContainText('Open dan je link opnieuw.');

	await visit(phone, links[0]!, { status: 200 });
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	await expect(phone.getByLabel('Waar wil je over praten?')).toHaveValue('Meer tijd voor mijn zoon.');

	// The sharing step has nothing typed to keep: it stops at once.
	await visit(phone, '/c/preparation?step=7', { status: 200 });
	await expect(phone.getByRole('region', { name: 'Delen' })).toBeVisible();
	await expect(phone.getByRole('main')).toContainText('Daarna kun je opnieuw meedoen met je link, ook op een ander apparaat.');
	await submit(phone, phone.getByRole('button', { name: 'Stoppen op dit apparaat' }));
	await expect(phone).toHaveURL(/\/join\?left=link$/);
	await visit(phone, links[0]!, { status: 200 });
	await expect(phone.getByRole('button', { name: 'Beginnen' })).toBeVisible();
});
