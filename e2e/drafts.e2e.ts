// Issue 12 (2): a live update never discards what a person has typed and not sent
// (docs/decisions/004-live-updates.md, "Drafts"). The professional's pages follow the conversation
// live and fetch their data again on every change; what is typed in them stays in the box.
import { checkPage, expect, submit, test, visit } from './fixtures.ts';
import { followOnPhone, LEARNING_TEXT, moveOn, planLearningConversation, startLearningConversation } from './support/learning.ts';
import {
	createCollaboration,
	DESKTOP,
	ITEM_KEYS,
	joinWithCode,
	PHONE,
	rate,
	readJoinCode,
	signedInProfessional,
	startQuickCheck
} from './support/quick-check.ts';

const text = LEARNING_TEXT.nl;

test('a wish card handed over on the phone does not empty the professional’s unsent own topic', async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(300_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'drafts-learning');
	const collaborationId = await createCollaboration(proPage, {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor' }]
	});
	await planLearningConversation(proPage, collaborationId);
	const page = await startLearningConversation(proPage, text);
	const clientPage = await newPage({ viewport: PHONE });
	await joinWithCode(clientPage, await readJoinCode(proPage), 'Noor');
	await moveOn(proPage, text.nextTopics);
	await followOnPhone(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.topicsTitle), true);

	// Typed on the professional's screen, not sent yet.
	const ownTopic = proPage.locator('form#topic-own').getByLabel(text.ownTopic);
	await ownTopic.fill('Het contact met school');

	// Meanwhile the phone hands over a wish card: the professional's page updates itself.
	await clientPage.getByText(text.wishOpen).click();
	await submit(clientPage, clientPage.getByRole('button', { name: text.wish }));
	await expect(proPage.getByRole('main'), 'the live update arrived').toContainText(text.wishTitle);
	await expect(ownTopic, 'the unsent own topic is still there').toHaveValue('Het contact met school');

	await submit(proPage, proPage.locator('form#topic-own').getByRole('button', { name: text.ownTopicAdd }));
	await expect(proPage.locator('ol.chosen > li')).toContainText(['Het contact met school']);
	await visit(proPage, page);
	// The phone follows the new topic live; its page is checked too.
	await followOnPhone(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.topicsTitle), true);
});

test('a participant’s answer arriving live does not empty what the professional typed on the quick check', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(300_000);
	const proPage = await newPage({ viewport: DESKTOP });
	await signedInProfessional(adminPage, proPage, mainApp, 'drafts-check');
	const collaborationId = await createCollaboration(proPage, {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Sam' }, { name: 'Kim' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);
	const samPage = await newPage({ viewport: PHONE });
	await joinWithCode(samPage, check.code, 'Sam');

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
