// Issue 12 (2), the learning conversation: neither a live update nor another item's save discards
// what a person has typed and not sent (docs/decisions/004-live-updates.md, "Drafts"); the quick
// check, the preparation and the staff pages are in drafts.e2e.ts.
import { expect, submit, test, visit, type Page } from './fixtures.ts';
import type { Locator } from '@playwright/test';
import { followOnPhone, LEARNING_TEXT, moveOn, planLearningConversationByPost, startLearningConversation } from './support/learning.ts';
import {
	createCollaborationByPost,
	DESKTOP,
	joinByPost,
	PHONE,
	professionalWithCollaboration,
	readJoinCode,
	signedInProfessional
} from './support/quick-check.ts';
import { expectKept, NOT_SENT } from './support/drafts.ts';

const text = LEARNING_TEXT.nl;

test('a wish card handed over on the phone does not empty the professional’s unsent own topic', async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(300_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'drafts-learning', {
		label: `Gezin ${Date.now().toString(36)}`,
		participants: [{ name: 'Noor' }]
	});
	await planLearningConversationByPost(proPage, mainApp, collaborationId);
	const page = await startLearningConversation(proPage, text);
	const clientPage = await newPage({ viewport: PHONE });
	await joinByPost(clientPage, mainApp, await readJoinCode(proPage), 'Noor');
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

/** One's own sheet for topic `n` on the learning conversation's sheets step (staff or phone). */
function ownSheet(page: Page, n: number): Locator {
	return page
		.getByRole('article', { name: text.topic(n) })
		.locator('form[action="?/sheet"]')
		.filter({ has: page.getByRole('button', { name: text.saveOwnSheet, exact: true }) });
}

for (const javaScript of [true, false]) {
	const how = javaScript ? 'with JavaScript' : 'without JavaScript';

	test(`learning conversation, ${how}: saving one item never discards text typed in another, on the professional’s page and the phone; Enter presses only its own item’s button`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(600_000);
		const proPage = await newPage({ viewport: DESKTOP, javaScriptEnabled: javaScript });
		await signedInProfessional(adminPage, proPage, mainApp, `drafts-pages-${javaScript ? 'js' : 'nojs'}`, { open: false });
		const collaborationId = await createCollaborationByPost(proPage, mainApp, {
			label: `Gezin ${Date.now().toString(36)}`,
			participants: [{ name: 'Noor' }]
		});
		await planLearningConversationByPost(proPage, mainApp, collaborationId);
		const page = await startLearningConversation(proPage, text);
		const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: javaScript });
		await joinByPost(clientPage, mainApp, await readJoinCode(proPage), 'Noor');
		await moveOn(proPage, text.nextTopics);

		// Topics: the own topic typed stays while a card is chosen.
		const ownTopic = proPage.locator('form#topic-own').getByLabel(text.ownTopic);
		await ownTopic.fill('Het contact met school');
		await submit(proPage, proPage.getByRole('button', { name: text.chooseConnection }));
		await expect(proPage.locator('ol.chosen > li')).toHaveCount(1);
		await expectKept(ownTopic, 'Het contact met school');
		// Enter in the field never presses another item's button: with JavaScript it adds the own
		// topic; without, the page comes back with nothing sent and the text kept.
		await submit(proPage, () => ownTopic.press('Enter'));
		if (!javaScript) {
			await expect(proPage.getByRole('status').first()).toContainText('Er is niets verstuurd.');
			await expectKept(ownTopic, 'Het contact met school');
			await expect(proPage.locator('ol.chosen > li')).toHaveCount(1);
			await submit(proPage, proPage.locator('form#topic-own').getByRole('button', { name: text.ownTopicAdd }));
		}
		await expect(proPage.locator('ol.chosen > li')).toHaveCount(2);
		await expect(proPage.locator('ol.chosen > li').nth(1)).toContainText('Het contact met school');
		await expect(ownTopic, 'the added topic leaves the box empty').toHaveValue('');
		await moveOn(proPage, text.nextSheets);
		await followOnPhone(
			clientPage,
			() => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.sheetsTitle),
			javaScript
		);

		// Sheets, the professional: saving topic 1 keeps topic 2's text and the moment's note.
		await ownSheet(proPage, 2).getByLabel(text.a).fill('Op school werd niet geluisterd.');
		await proPage.getByLabel(text.momentNote).fill('Noor lachte hier.');
		await ownSheet(proPage, 1).getByLabel(text.a).fill('Ik vroeg door.');
		await submit(proPage, ownSheet(proPage, 1).getByRole('button', { name: text.saveOwnSheet }));
		await expect(ownSheet(proPage, 1).getByLabel(text.a), 'the saved sheet').toHaveValue('Ik vroeg door.');
		await expect(ownSheet(proPage, 1).getByLabel(text.a)).not.toHaveAccessibleDescription(NOT_SENT);
		await expectKept(ownSheet(proPage, 2).getByLabel(text.a), 'Op school werd niet geluisterd.');
		await expectKept(proPage.getByLabel(text.momentNote), 'Noor lachte hier.');

		// The phone: saving topic 1 keeps topic 2's text.
		await ownSheet(clientPage, 2).getByLabel(text.a).fill('Ik voelde me klein.');
		await ownSheet(clientPage, 1).getByLabel(text.a).fill('Je belde niet terug.');
		await submit(clientPage, ownSheet(clientPage, 1).getByRole('button', { name: text.saveOwnSheet }));
		await expect(clientPage.getByRole('status').first()).toBeVisible();
		await expectKept(ownSheet(clientPage, 2).getByLabel(text.a), 'Ik voelde me klein.');

		// The professional adds the moment; the phone hears of it but waits: its text is not sent yet.
		if (javaScript) await clientPage.evaluate(() => ((window as { stayed?: boolean }).stayed = true));
		await proPage.getByLabel(text.momentAt).fill('12:30');
		await submit(proPage, proPage.getByRole('button', { name: text.momentAdd }));
		await expect(proPage.getByRole('main')).toContainText('12:30 Noor lachte hier.');
		await expectKept(ownSheet(proPage, 2).getByLabel(text.a), 'Op school werd niet geluisterd.');
		if (javaScript) {
			await expect(clientPage.locator('[data-live-status]')).toHaveText(/Er is iets veranderd in het gesprek/);
			expect(await clientPage.evaluate(() => (window as { stayed?: boolean }).stayed), 'the phone did not load itself again').toBe(true);
			await expect(ownSheet(clientPage, 2).getByLabel(text.a)).toHaveValue('Ik voelde me klein.');
		}
		await submit(clientPage, ownSheet(clientPage, 2).getByRole('button', { name: text.saveOwnSheet }));
		await expect(ownSheet(clientPage, 2).getByLabel(text.a)).toHaveValue('Ik voelde me klein.');
		await expect(ownSheet(clientPage, 2).getByLabel(text.a)).not.toHaveAccessibleDescription(NOT_SENT);

		// Moving on with text not sent: the next step has no place for it, so it is listed to copy.
		await proPage.getByLabel(text.momentNote).fill('Nog een moment om te bewaren.');
		await moveOn(proPage, text.nextActions);
		const leftOver = proPage.getByRole('region', { name: 'Getypt, maar niet verstuurd' });
		await expect(leftOver).toContainText('Nog een moment om te bewaren.');
		await expect(leftOver).toContainText('Op school werd niet geluisterd.');
		await visit(proPage, page);
		await expect(leftOver, 'shown once').toHaveCount(0);
		// The phone followed to the next step by itself (with JavaScript) once its text was sent.
		await followOnPhone(
			clientPage,
			() => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.actionsTitle),
			javaScript
		);
	});
}
