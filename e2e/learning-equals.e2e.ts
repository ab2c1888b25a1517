// Issue 15 (docs/decisions/013): the Samenleergesprek as a conversation of equals. The client
// prepares on her phone through a printed link and shares only part of it; in the conversation
// she proposes a topic, uses her prepared moment as the start of her sheet, notes a recording
// moment about a topic, writes an action and hands a wish card whose question both screens show.
// The professional keeps only the pace. The report PDF holds the moment and the card's question.
import { checkPage, expect, submit, test, visit, type Page } from './fixtures.ts';
import {
	evaluate,
	followOnPhone,
	LEARNING_TEXT,
	moveOn,
	planLearningConversation,
	prepareStepByStep,
	startLearningConversation
} from './support/learning.ts';
import { createCollaboration, dateFromToday, DESKTOP, PHONE, signedInProfessional } from './support/quick-check.ts';
import { pdfText } from './support/session-feedback.ts';

const text = LEARNING_TEXT.nl;
const PRIVATE_WISH = 'Over mijn schulden wil ik het liever niet hebben.';
const PREPARED = { a: 'Je zei dat ik het zelf moest uitzoeken.', b: 'Ik voelde me alleen.' };
const OWN_TOPIC = 'Samen beslissen over school';
const ACTION = 'We beslissen samen wie school belt.';
const MOMENT = 'Hier werd ik onderbroken';

/** The phone's next screen: it follows by itself (live updates), then waits until `ready`. */
const onPhone = (phone: Page, ready: () => Promise<void>) => followOnPhone(phone, ready, true);

test('the client steers as an equal: proposes a topic, uses her prepared moment, writes an action and hands a wish card both screens show; the report PDF holds the moment and the question', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(480_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'gelijkwaardig');
	const collaborationId = await createCollaboration(proPage, {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor' }]
	});
	const { links } = await planLearningConversation(proPage, collaborationId);
	expect(links).toHaveLength(1);

	// At home: wishes, a moment about the card "Onze verbinding", shared in part (not the wishes).
	const phone = await newPage({ viewport: PHONE });
	await visit(phone, links[0]!, { status: 200 });
	await submit(phone, phone.getByRole('button', { name: 'Beginnen' }));
	await expect(phone).toHaveURL(/\/c\/preparation$/);
	const share = await prepareStepByStep(phone, { wishes: PRIVATE_WISH, moment: { ...PREPARED, card: text.connection } });
	await share.getByRole('checkbox', { name: 'Waar je over wilt praten' }).uncheck();
	await submit(phone, share.getByRole('button', { name: 'Deel mijn voorbereiding' }));
	await expect(share).toContainText('Waar je over wilt praten: alleen voor jou');
	await expect(share).toContainText('Je moment (A, B en C): gedeeld');
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

	// The professional starts (the pace is theirs); the shared moment is there, the private wish nowhere.
	await visit(proPage, new URL(proPage.url()).pathname, { status: 200 });
	const page = await startLearningConversation(proPage, text);
	await expect(proPage.getByRole('main')).not.toContainText(PRIVATE_WISH);
	await visit(phone, '/c', { status: 200 });

	// Safety: the client hands a wish card; its question on her screen and on the professional's.
	await expect(phone.getByRole('heading', { level: 1 })).toContainText(text.safetyTitle);
	await phone.getByText(text.wishOpen).click();
	await submit(phone, phone.getByRole('button', { name: text.wish }));
	await expect(phone.locator('.wishes .handed')).toContainText(text.wishQuestion);
	await visit(proPage, page, { status: 200 });
	await expect(proPage.locator('.wishes .handed'), "the wish card's question on the professional's screen").toContainText(
		text.wishQuestion
	);
	await moveOn(proPage, text.nextTopics);

	// Topics: the client proposes a card and one in her own words, from her phone.
	await onPhone(phone, () => expect(phone.getByRole('heading', { level: 1 })).toContainText(text.topicsTitle));
	await expect(phone.getByRole('main')).not.toContainText(PRIVATE_WISH);
	await submit(phone, phone.getByRole('button', { name: text.chooseConnection }));
	await phone.locator('form#topic-own').getByLabel(text.ownTopic).fill(OWN_TOPIC);
	await submit(phone, phone.locator('form#topic-own').getByRole('button', { name: text.ownTopicAdd }));
	await expect(phone.locator('ol.chosen > li')).toHaveCount(2);
	await visit(proPage, page, { status: 200 });
	await expect(proPage.locator('ol.chosen')).toContainText(OWN_TOPIC);
	await moveOn(proPage, text.nextSheets);

	// Sheets: her prepared moment comes back on her side of "Onze verbinding": used, not typed again.
	await onPhone(phone, () => expect(phone.getByRole('heading', { level: 1 })).toContainText(text.sheetsTitle));
	const first = phone.getByRole('article', { name: text.topic(1) });
	await first.getByText('Je moment uit je voorbereiding').click();
	await submit(phone, first.getByRole('button', { name: `Gebruik als begin: ${text.connection}` }));
	const ownSheet = phone
		.getByRole('article', { name: text.topic(1) })
		.locator('form[action="?/sheet"]')
		.filter({ has: phone.getByRole('button', { name: text.saveOwnSheet, exact: true }) });
	await expect(ownSheet.getByLabel(text.a)).toHaveValue(PREPARED.a);
	await expect(ownSheet.getByLabel(text.b)).toHaveValue(PREPARED.b);
	// A moment of a recorded session, about the first topic.
	await phone.getByLabel(text.momentAt).fill('03:15');
	await phone.getByLabel(text.momentNote).fill(MOMENT);
	await phone.getByLabel('Over welk onderwerp?').selectOption({ label: `1. ${text.connection}` });
	await submit(phone, phone.getByRole('button', { name: text.momentAdd }));
	await expect(phone.locator('#moments-title + p + ul')).toContainText(`Over: ${text.connection}`);
	await visit(proPage, page, { status: 200 });
	await expect(proPage.getByRole('article', { name: text.topic(1) })).toContainText(PREPARED.a);
	await moveOn(proPage, text.nextActions);

	// Actions: the client writes one herself.
	await onPhone(phone, () => expect(phone.getByRole('heading', { level: 1 })).toContainText(text.actionsTitle));
	const form = phone.locator('form#action-new');
	await form.getByRole('radio', { name: text.change }).check();
	await form.getByLabel(text.what).fill(ACTION);
	await form.getByRole('radio', { name: text.together }).check();
	await form.getByLabel(text.due).fill(dateFromToday(14));
	await form.getByLabel(text.measure).fill('School belt niemand twee keer.');
	await submit(phone, form.getByRole('button', { name: text.actionSave }));
	await expect(phone.locator('ol.actions > li')).toHaveCount(1);
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await visit(proPage, page, { status: 200 });
	await expect(proPage.locator('ol.actions')).toContainText(ACTION);
	await moveOn(proPage, text.nextEvaluation);

	// Evaluation for both: the client evaluates on her phone, on the same line as the professional.
	await onPhone(phone, () => expect(phone.getByRole('heading', { level: 1 })).toContainText(text.evaluationTitle));
	await evaluate(phone, text, { clarity: 80, overall: 70, remark: 'Ik mocht meesturen.' });
	await expect(phone.getByRole('main')).toContainText(text.evaluationSaved);
	await visit(proPage, page, { status: 200 });
	await proPage.getByLabel(text.summary).fill('Noor stuurde mee.');
	await submit(proPage, proPage.getByRole('button', { name: text.close }));
	await expect(proPage.getByRole('heading', { level: 2, name: text.summaryTitle })).toBeVisible();

	// The report PDF: the recording moment by time and topic, the wish card's question, her topic and action.
	const pdfLink = proPage.locator('.report-links a[href$="/report.pdf"]');
	const pdf = await proPage.request.get((await pdfLink.getAttribute('href'))!);
	expect(pdf.status()).toBe(200);
	const report = await pdfText(await pdf.body());
	for (const shown of [`03:15 · over ${text.connection}`, MOMENT, text.wishQuestion, OWN_TOPIC, ACTION, PREPARED.a])
		expect(report).toContain(shown);
	expect(report).not.toContain(PRIVATE_WISH);
	await checkPage(proPage);

	// Her own phone keeps what was said together, the moment and the card's question with it, and her own evaluation.
	await onPhone(phone, () => expect(phone).toHaveURL(/\/c\/outcome$/));
	for (const shown of [ACTION, OWN_TOPIC, `03:15 · over ${text.connection}`, text.wishQuestion, 'Ik mocht meesturen.'])
		await expect(phone.getByRole('main')).toContainText(shown);
	await expect(phone.getByRole('main')).not.toContainText(PRIVATE_WISH);
});
