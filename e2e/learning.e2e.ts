// The learning conversation (Samenleergesprek) from start to close, with two browsers: the
// professional on a laptop, the participant on a small phone of their own. In Dutch the
// participant gets the preparation link by e-mail (through the test's SMTP server on loopback),
// prepares at home and takes part on that phone; in English the participant joins with the
// conversation's code on a phone without JavaScript. Both end with the report as a PDF.
import { checkPage, expect, extractLink, submit, switchLanguage, test, uniqueEmail, visit, waitForMail, type Page } from './fixtures.ts';
import {
	evaluate,
	fillOwnSheet,
	followOnPhone,
	LEARNING_TEXT,
	moveOn,
	planLearningConversation,
	prepareAndShareAsProfessional,
	prepareStepByStep,
	startLearningConversation,
	type LearningText
} from './support/learning.ts';
import {
	createCollaboration,
	dateFromToday,
	DESKTOP,
	joinWithCode,
	PHONE,
	readJoinCode,
	signedInProfessional,
	nextLiveLoad
} from './support/quick-check.ts';
import { pdfText } from './support/session-feedback.ts';

const WORDS = {
	nl: {
		client: 'Noor',
		ownTopic: 'Het contact met school',
		clientSheet: { a: 'Je keek steeds op je telefoon.', b: 'Ik voelde me niet gehoord.', c: 'Ik wil dat je echt luistert.' },
		clientSheet2: { a: 'School belde jou en niet mij.', b: 'Dat voelde alsof ik niet meetel.', c: 'Het gaat over mijn kind.' },
		proSheet: { a: 'Ik wachtte op een bericht van school.', b: 'Ik merkte niet dat het je raakte.', c: 'Ik wil dat je je gehoord voelt.' },
		proSheet2: { a: 'School had mijn nummer.', b: 'Ik dacht dat het sneller ging.', c: 'Jij bent de ouder.' },
		moment: 'Hier keek ik op mijn telefoon',
		preparedMoment: { a: 'Je zei dat het goed kwam.', b: 'Ik was opgelucht.', c: 'Ik wil weten waar ik aan toe ben.' },
		action: 'Tijdens gesprekken ligt de telefoon weg.',
		actionNeeded: 'Een vaste plek voor de telefoon',
		keepAction: 'We beginnen elk gesprek met koffie.',
		measure: 'Bij het volgende gesprek zegt Noor dat ze zich gehoord voelt.',
		remark: 'Fijn dat we dit bespraken.',
		summary: 'Goed leergesprek over luisteren.'
	},
	en: {
		client: 'Sam',
		ownTopic: 'Contact with school',
		clientSheet: { a: 'You kept looking at your phone.', b: 'I did not feel heard.', c: 'I want you to really listen.' },
		clientSheet2: { a: 'School called you and not me.', b: 'It felt like I did not count.', c: 'It is about my child.' },
		proSheet: { a: 'I was waiting for a message from school.', b: 'I did not notice it hurt you.', c: 'I want you to feel heard.' },
		proSheet2: { a: 'School had my number.', b: 'I thought it would be quicker.', c: 'You are the parent.' },
		moment: 'Here I looked at my phone',
		preparedMoment: { a: 'You said it would be fine.', b: 'I was relieved.', c: 'I want to know where I stand.' },
		action: 'During our talks the phone is put away.',
		actionNeeded: 'A fixed place for the phone',
		keepAction: 'We start every talk with coffee.',
		measure: 'At the next talk Sam says she felt heard.',
		remark: 'Good that we talked about this.',
		summary: 'Good learning conversation about listening.'
	}
} as const;

/** The participant's own safety: prefilled from a shared preparation, or chosen now. Saved, then a wish card handed. */
async function participantSafetyAndWish(page: Page, text: LearningText, prefilled: boolean): Promise<void> {
	const form = page.locator('form#safety');
	const letFinish = form.getByRole('checkbox', { name: text.letFinish });
	if (prefilled) await expect(letFinish, 'what the participant shared while preparing').toBeChecked();
	else await letFinish.check();
	await submit(page, form.getByRole('button', { name: text.safetySave }));
	await expect(page.locator('form#safety').getByRole('status')).toBeVisible();
	// A wish card for the professional: a closed <details> opens without script.
	await page.getByText(text.wishOpen).click();
	// The card speaks while choosing: its question, not only its short title.
	await expect(page.locator('.wishes .cards').first()).toContainText(text.wishQuestion);
	await submit(page, page.getByRole('button', { name: text.wish }));
	await expect(page.getByRole('main')).toContainText(text.wishHanded);
	await expect(page.locator('.wishes .handed'), 'the handed card shows its question on the phone').toContainText(text.wishQuestion);
}

/** The professional's own action form ("new action"), refused once without who and when, then saved. */
async function addActions(page: Page, text: LearningText, words: (typeof WORDS)['nl'] | (typeof WORDS)['en']): Promise<void> {
	let form = page.locator('form#action-new');
	await form.getByRole('radio', { name: text.change }).check();
	await form.getByLabel(text.what).fill(words.action);
	await form.getByLabel(text.measure).fill(words.measure);
	await submit(page, form.getByRole('button', { name: text.actionSave }));
	// Without who and when: refused, with a message at the field, and nothing saved.
	form = page.locator('form#action-new');
	await expect(form).toContainText(text.required);
	await expect(page.locator('ol.actions')).toHaveCount(0);
	await form.getByLabel(text.needed).fill(words.actionNeeded);
	await form.getByRole('radio', { name: text.together }).check();
	await form.getByLabel(text.due).fill(dateFromToday(14));
	await submit(page, form.getByRole('button', { name: text.actionSave }));
	await expect(page.locator('ol.actions > li')).toHaveCount(1);
	form = page.locator('form#action-new');
	await form.getByRole('radio', { name: text.keep }).check();
	await form.getByLabel(text.what).fill(words.keepAction);
	await form.getByRole('radio', { name: text.together }).check();
	await form.getByLabel(text.due).fill(dateFromToday(28));
	await form.getByLabel(text.measure).fill(words.measure);
	await submit(page, form.getByRole('button', { name: text.actionSave }));
	await expect(page.locator('ol.actions > li')).toHaveCount(2);
}

for (const locale of ['nl', 'en'] as const) {
	const text = LEARNING_TEXT[locale];
	const words = WORDS[locale];
	const javaScript = locale === 'nl';
	const language =
		locale === 'nl' ? 'Dutch, the participant prepared by link' : 'English, the participant joins by code without JavaScript';

	test(`a learning conversation from start to close: safety, two topics with sheets from both sides, a wish card, actions and evaluation — in ${language}`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		// Two browsers, every page checked with axe (without JavaScript twice): a long journey.
		test.setTimeout(600_000);
		const proPage = await newPage({ viewport: DESKTOP });
		await signedInProfessional(adminPage, proPage, mainApp, `leren-${locale}`);
		const label = `${locale === 'nl' ? 'Gezin' : 'Family'} ${Date.now().toString(36)}`;
		// In Dutch the participant has an e-mail address: the preparation link goes by mail.
		const email = javaScript ? uniqueEmail('leren') : undefined;
		const collaborationId = await createCollaboration(proPage, { label, participants: [{ name: words.client, locale, email }] });
		const { links } = await planLearningConversation(proPage, collaborationId);
		await prepareAndShareAsProfessional(proPage, { wishes: 'Ik praat misschien te snel.', card: 'Onze aanpak' });

		const clientPage = await newPage({ viewport: PHONE, javaScriptEnabled: javaScript });
		if (javaScript) {
			// At home, through the link in the mail: cards, a moment (A, B, C) and safety, shared with the professional.
			expect(links, 'no printed link: it went by mail').toEqual([]);
			const mail = await waitForMail(mainApp, email!);
			await visit(clientPage, extractLink(mail, '/l/'), { status: 200 });
			await submit(clientPage, clientPage.getByRole('button', { name: 'Beginnen' }));
			await expect(clientPage).toHaveURL(/\/c\/preparation$/);
			const share = await prepareStepByStep(clientPage, {
				cards: [/Onze verbinding/],
				moment: words.preparedMoment,
				safety: [text.letFinish]
			});
			await submit(clientPage, share.getByRole('button', { name: 'Deel mijn voorbereiding' }));
		}

		if (locale === 'en') await switchLanguage(proPage, 'en');
		const page = await startLearningConversation(proPage, text);
		await expect(proPage.getByRole('heading', { level: 2, name: text.safetyTitle })).toBeVisible();
		if (!javaScript) await joinWithCode(clientPage, await readJoinCode(proPage), words.client);
		await expect(clientPage.locator('html')).toHaveAttribute('lang', locale);
		// The phone reaches its own screen only; the organisation's admin never sees the conversation.
		await visit(clientPage, page);
		await expect(clientPage).toHaveURL(/\/c$/);
		const adminResponse = await adminPage.goto(page);
		expect(adminResponse?.status(), 'an admin asking for the conversation').toBe(404);
		await checkPage(adminPage);

		// Safety: each says what they need; the participant hands a wish card.
		await followOnPhone(
			clientPage,
			() => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.safetyTitle),
			javaScript
		);
		await participantSafetyAndWish(clientPage, text, javaScript);
		expect(await clientPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
		await visit(proPage, page, { status: 200 });
		await expect(proPage.getByRole('main')).toContainText(text.wishTitle);
		await expect(proPage.locator('.wishes .handed'), 'the handed card shows its question on the professional’s screen').toContainText(
			text.wishQuestion
		);
		const ownSafety = proPage.locator('form#safety');
		await ownSafety.getByRole('checkbox', { name: text.mayPause }).check();
		await submit(proPage, ownSafety.getByRole('button', { name: text.safetySave }));
		await moveOn(proPage, text.nextTopics);

		// Topics: both selections side by side, then two chosen together.
		await expect(proPage.getByRole('heading', { level: 2, name: text.topicsTitle })).toBeVisible();
		const prepared = proPage.locator('section[aria-labelledby="preparations-title"]');
		await expect(prepared).toContainText(text.approach);
		if (javaScript) {
			// What the participant shared at home: the card and the moment with A, B and C.
			await expect(prepared).toContainText(text.connection);
			for (const part of Object.values(words.preparedMoment)) await expect(prepared).toContainText(part);
		}
		await submit(proPage, proPage.getByRole('button', { name: text.chooseConnection }));
		await proPage.locator('form#topic-own').getByLabel(text.ownTopic).fill(words.ownTopic);
		await submit(proPage, proPage.locator('form#topic-own').getByRole('button', { name: text.ownTopicAdd }));
		await expect(proPage.locator('ol.chosen > li')).toHaveCount(2);
		await followOnPhone(clientPage, () => expect(clientPage.locator('ol.chosen > li')).toHaveCount(2), javaScript);
		await moveOn(proPage, text.nextSheets);

		// Sheets: each fills in their own side of both topics; the professional notes a moment of a recording.
		await followOnPhone(
			clientPage,
			() => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.sheetsTitle),
			javaScript
		);
		await fillOwnSheet(clientPage, clientPage.getByRole('article', { name: text.topic(1) }), text, words.clientSheet);
		await fillOwnSheet(clientPage, clientPage.getByRole('article', { name: text.topic(2) }), text, words.clientSheet2);
		await visit(proPage, page, { status: 200 });
		const first = proPage.getByRole('article', { name: text.topic(1) });
		await expect(first).toContainText(words.clientSheet.b);
		await fillOwnSheet(proPage, first, text, words.proSheet);
		await fillOwnSheet(proPage, proPage.getByRole('article', { name: text.topic(2) }), text, words.proSheet2);
		await proPage.getByLabel(text.momentAt).fill('12:30');
		await proPage.getByLabel(text.momentNote).fill(words.moment);
		await submit(proPage, proPage.getByRole('button', { name: text.momentAdd }));
		await expect(proPage.getByRole('main')).toContainText(`12:30 ${words.moment}`);
		// "jij vindt dat zo, en ik zie dat zo": both sides of the first topic on the phone.
		await followOnPhone(
			clientPage,
			() => expect(clientPage.getByRole('article', { name: text.topic(1) })).toContainText(words.proSheet.b),
			javaScript
		);
		await expect(clientPage.getByRole('article', { name: text.topic(2) })).toContainText(words.proSheet2.c);
		await moveOn(proPage, text.nextActions);

		// Actions: what we change and what we keep, who and by when.
		await addActions(proPage, text, words);
		await followOnPhone(clientPage, () => expect(clientPage.getByRole('main')).toContainText(words.keepAction), javaScript);
		await expect(clientPage.getByRole('main')).toContainText(words.actionNeeded);
		await moveOn(proPage, text.nextEvaluation);

		// Evaluation: each their own; the professional sees the participant's.
		await followOnPhone(
			clientPage,
			() => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.evaluationTitle),
			javaScript
		);
		await evaluate(clientPage, text, { clarity: 80, overall: 90, remark: words.remark });
		await expect(clientPage.getByRole('main')).toContainText(text.evaluationSaved);
		await visit(proPage, page, { status: 200 });
		// The professional's evaluation is news for the phone too: it loads itself again (with JavaScript).
		const reloaded = javaScript ? nextLiveLoad(clientPage) : null;
		await evaluate(proPage, text, { clarity: 70, overall: 60, remark: '' }, 'professional');
		await expect(proPage.getByRole('main')).toContainText(words.remark);
		if (reloaded) {
			await reloaded;
			await followOnPhone(
				clientPage,
				() => expect(clientPage.getByRole('heading', { level: 1 })).toContainText(text.evaluationTitle),
				true
			);
		}
		await proPage.getByLabel(text.summary).fill(words.summary);
		await submit(proPage, proPage.getByRole('button', { name: text.close }));
		await expect(proPage.getByRole('heading', { level: 2, name: text.summaryTitle })).toBeVisible();
		for (const shown of [
			words.summary,
			words.clientSheet.a,
			words.proSheet.c,
			words.action,
			words.keepAction,
			text.wishTitle,
			text.wishQuestion,
			words.ownTopic
		]) {
			await expect(proPage.getByRole('main')).toContainText(shown);
		}
		await followOnPhone(clientPage, () => expect(clientPage.getByRole('main')).toContainText(text.closed), javaScript);

		// The report as a PDF, made on the server in the professional's language: the topics, both
		// sides of the sheets, the actions and the wish card's question are there as text.
		const pdfLink = proPage.locator('.report-links a[href$="/report.pdf"]');
		await expect(pdfLink).toBeVisible();
		const pdf = await proPage.request.get((await pdfLink.getAttribute('href'))!);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		const report = await pdfText(await pdf.body());
		for (const shown of [
			words.ownTopic,
			words.clientSheet.a,
			words.proSheet2.c,
			words.action,
			words.keepAction,
			words.actionNeeded,
			text.wishQuestion
		])
			expect(report).toContain(shown);

		// The collaboration's timeline has the closed conversation with its actions.
		await visit(proPage, `/collaborations/${collaborationId}`, { status: 200 });
		const entry = proPage.locator('ol.timeline > li').first();
		await expect(entry).toContainText(text.timelineMethod);
		await expect(entry).toContainText(words.action);
		await checkPage(proPage);
	});
}
