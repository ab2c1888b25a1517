// The Samen Sterker quick check from start to end, with two browsers: the professional on a
// laptop, the client on a small phone. Everything the client's browser receives before the
// reveal is recorded and searched for the professional's answers, which the client never picks.
import { checkPage, expect, submit, submitAndRedirect, switchLanguage, test } from './fixtures.ts';
import {
	abandonConversation,
	closeConversation,
	createCollaboration,
	dateFromToday,
	DESKTOP,
	ITEM_KEYS,
	joinWithCode,
	PHONE,
	rate,
	reloadAndCheck,
	reviewAgreement,
	saveAgreement,
	settleLivePage,
	signedInProfessional,
	startQuickCheck,
	writeReflection,
	type Ratings,
	withLiveReload
} from './support/quick-check.ts';
import { findMarkers, recordTraffic } from './support/traffic.ts';

// Each test has its own professional and collaboration: the two workers may share them out.
test.describe.configure({ mode: 'parallel' });

/** The professional only uses 30 and 70; the client never does. */
const PRO_RATINGS: Ratings = { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 };
const CLIENT_RATINGS: Ratings = { omgang: 100, luisteren: 0, contact: 50, plan: 90, afspraken: 10 };

const TEXT = {
	nl: {
		client: 'Marloes Jansen',
		ratingTitle: 'Hoe gaat onze samenwerking?',
		introTitle: 'Waarom doen we dit?',
		introSummary: 'Wat zeg je bij de start?',
		thanks: 'Dank je wel!',
		revealTitle: 'Samen bekijken',
		proSent: 'Je antwoorden zijn verstuurd.',
		submitted: 'heeft ingevuld ✓',
		agreementTitle: 'De afspraak',
		outcomeTitle: 'Wat jullie hebben afgesproken',
		clientReviewTitle: 'Hoe ging de afspraak van de vorige keer?',
		partly: 'Deels gelukt',
		choiceSaved: 'Je keuze is opgeslagen.',
		clientChose: 'Marloes Jansen koos: Deels gelukt.',
		notAgreed: 'Jullie kozen nog niet hetzelfde. Praat erover en kies samen opnieuw.',
		summaryTitle: 'Het gesprek is klaar',
		reviewTitle: 'Terugblik op de vorige afspraak',
		clientMost: 'Je belt altijd terug als ik bel.',
		clientLeast: 'Soms praat je over mij heen.',
		proMost: 'We lachen veel samen.',
		proLeast: 'Ik kom vaak te laat.',
		agreement: 'De begeleider belt terug binnen twee werkdagen.',
		measure: 'Bij het volgende gesprek is er elke keer binnen twee dagen teruggebeld.',
		summary: 'Goed gesprek over terugbellen.',
		required: 'Vul dit veld in.',
		reflectionsTitle: 'Meest en minst tevreden',
		reviewNote: 'Twee keer snel teruggebeld, één keer niet.',
		reviewRecorded: 'Besproken: Deels gelukt.',
		timelineOutcome: 'Deels gelukt',
		carriedOver: 'Opnieuw afgesproken, nu tot'
	},
	en: {
		client: 'Morgan Smith',
		ratingTitle: 'How is our collaboration going?',
		introTitle: 'Why do we do this?',
		introSummary: 'What do you say at the start?',
		thanks: 'Thank you!',
		revealTitle: 'Looking together',
		proSent: 'Your answers have been sent.',
		submitted: 'has answered ✓',
		agreementTitle: 'The agreement',
		outcomeTitle: 'What you agreed',
		clientReviewTitle: "How did last time's agreement go?",
		partly: 'Partly done',
		choiceSaved: 'Your choice is saved.',
		clientChose: 'Morgan Smith chose: Partly done.',
		notAgreed: 'You did not choose the same yet. Talk about it and choose again together.',
		summaryTitle: 'The conversation is done',
		reviewTitle: 'Looking back at the last agreement',
		clientMost: 'You always call me back.',
		clientLeast: 'Sometimes you talk over me.',
		proMost: 'We laugh a lot together.',
		proLeast: 'I am often late.',
		agreement: 'The professional calls back within two working days.',
		measure: 'At the next conversation every call was returned within two days.',
		summary: 'Good talk about calling back.',
		required: 'Please fill in this field.',
		reflectionsTitle: 'Most and least satisfied',
		reviewNote: 'Called back quickly twice, once not.',
		reviewRecorded: 'Discussed: Partly done.',
		timelineOutcome: 'Partly done',
		carriedOver: 'Agreed again, now until'
	}
} as const;

/** A date as the pages write it out (src/lib/i18n.ts formatCalendarDate). */
function longDate(date: string, locale: 'nl' | 'en'): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${date}T00:00:00Z`)
	);
}

for (const locale of ['nl', 'en'] as const) {
	const text = TEXT[locale];
	const language = locale === 'nl' ? 'Dutch' : 'English';

	test(`a quick check from start to close keeps the professional's answers from the client until the reveal — in ${language}`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		test.setTimeout(300_000);
		// The professional, on a laptop.
		const proPage = await newPage({ viewport: DESKTOP });
		const pro = await signedInProfessional(adminPage, proPage, mainApp, `begeleider-${locale}`);
		if (locale === 'en') await switchLanguage(proPage, 'en');
		const label = `${locale === 'nl' ? 'Gezin' : 'Family'} ${Date.now().toString(36)}`;
		const collaborationId = await createCollaboration(proPage, { label, participants: [{ name: text.client, locale }] });
		const check = await startQuickCheck(proPage, collaborationId);

		// The client, on a phone, records everything its browser receives from here on.
		const clientPage = await newPage({ viewport: PHONE });
		const traffic = await recordTraffic(clientPage.context());
		await joinWithCode(clientPage, check.code, text.client);
		await expect(clientPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(text.ratingTitle);
		// A first quick check opens with why we do this; the professional has the same words at hand.
		await expect(clientPage.getByRole('heading', { level: 2, name: text.introTitle })).toBeVisible();
		await expect(proPage.getByText(text.introSummary)).toBeVisible();

		// The professional answers first: from now on their answers are in the database.
		await traffic.settle();
		const proRatedAt = traffic.received().length;
		await withLiveReload(clientPage, () => rate(proPage, PRO_RATINGS));
		await expect(proPage.getByRole('main')).toContainText(text.proSent);
		await settleLivePage(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(text.ratingTitle));
		// The client's screen loaded after the professional answered, and shows nothing of it.
		await expect(clientPage.getByRole('main')).not.toContainText(pro.name);

		// The client answers (never 30 or 70); being the last one, that reveals the answers.
		const beforeReveal = traffic.received().length;
		await rate(clientPage, CLIENT_RATINGS);
		await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(text.revealTitle);
		await traffic.settle();

		// What the reveal shows the client: the professional's answers, by name and as positions.
		// On the 0–10 line the answers were given on: "Piet: 3 van 10" (stored 30).
		const proMarkers = [`${pro.name}: 3 `, `${pro.name}: 7 `];
		const revealed = await clientPage.content();
		for (const marker of proMarkers) expect(revealed.includes(marker), `the reveal shows “${marker}”`).toBe(true);
		// (Booleans: a failure should not print the whole page.)
		expect(/x="30%"/.test(revealed) && /x="70%"/.test(revealed), 'the reveal draws the professional’s markers at 30 and 70').toBe(true);
		expect(
			/<td[^>]*>(?:<!--[^>]*-->)*(3|7)(?:<!--[^>]*-->)*<\/td>/.test(revealed),
			'the reveal’s table holds the professional’s answers'
		).toBe(true);
		for (const key of ITEM_KEYS)
			await expect(clientPage.locator(`svg.reveal-line[aria-label*="${pro.name}: ${PRO_RATINGS[key] / 10} "]`)).not.toHaveCount(0);

		// Before the reveal, none of that reached the client's browser: no page, no data, no event.
		const received = traffic.received();
		const preReveal = received.slice(0, beforeReveal);
		// Bodies the browser dropped on leaving a page before they were read can only matter once
		// the professional's answers exist; from then on every one must have been read.
		const unread = traffic.unreadable().filter((item) => item.seq >= proRatedAt);
		expect(unread, 'every response body since the professional answered could be read').toEqual([]);
		expect(
			preReveal.some((item) => item.seq >= proRatedAt && new URL(item.url).pathname === '/c' && item.body.includes('rating-form')),
			'the rating screen was loaded again after the professional answered'
		).toBe(true);
		expect(
			preReveal.some((item) => item.kind === 'event'),
			'the live updates were received'
		).toBe(true);
		const leaks = findMarkers(preReveal, [
			...proMarkers,
			// The reveal's drawing (x="30%"), its table (<td>30</td>) and any serialised form of the values.
			/x="(30|70)%"/,
			/<td[^>]*>(?:<!--[^>]*-->)*(3|7)(?:<!--[^>]*-->)*<\/td>/,
			/"value":\s*(30|70)\b/,
			/"(omgang|luisteren|contact|plan|afspraken)":\s*(30|70)\b/
		]);
		expect(leaks, 'the professional’s answers in what the client received before the reveal').toEqual([]);
		// The same search finds them in what arrived with the reveal: the recording works.
		expect(findMarkers(received.slice(beforeReveal), proMarkers), 'the reveal as recorded').not.toEqual([]);

		// The professional's page follows by itself and shows the reveal too.
		await expect(proPage.getByRole('heading', { level: 2, name: text.revealTitle })).toBeVisible();
		await checkPage(proPage);

		// Most and least satisfied: the professional moves on, then both write about "omgang".
		await withLiveReload(clientPage, () => submitAndRedirect(proPage, proPage.locator('form[action="?/startReflection"] button')));
		await settleLivePage(clientPage, () => expect(clientPage.locator('details#reflection-omgang')).toHaveCount(1));
		await writeReflection(clientPage, 'omgang', { most: text.clientMost, least: text.clientLeast });
		await expect(proPage.getByRole('main')).toContainText(text.clientMost);
		await withLiveReload(clientPage, () => writeReflection(proPage, 'omgang', { most: text.proMost, least: text.proLeast }));
		await settleLivePage(clientPage, () => expect(clientPage.getByRole('main')).toContainText(text.proMost));
		await expect(clientPage.getByRole('main')).toContainText(text.proLeast);

		// The agreement: the professional writes it down, the client sees it appear.
		await withLiveReload(clientPage, () => submitAndRedirect(proPage, proPage.locator('form[action="?/startAgreement"] button')));
		await settleLivePage(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(text.agreementTitle));
		// Without how we will know it worked, the agreement is refused; what was typed stays.
		const agreementForm = proPage.locator('form[action="?/agreement"]');
		await agreementForm.locator('textarea[name="what"]').fill(text.agreement);
		await agreementForm.locator('input[name$="who"][value="professional"]').check();
		await agreementForm.locator('input[name="dueOn"]').fill(dateFromToday(14));
		const refused = await submit(proPage, agreementForm.locator('button'));
		expect(refused?.status(), 'a refused agreement answers the form again').toBe(400);
		await expect(agreementForm.locator('textarea[name="successMeasure"]')).toHaveAttribute('aria-invalid', 'true');
		await expect(proPage.locator('#agreement-measure-error')).toHaveText(text.required);
		await expect(agreementForm.locator('textarea[name="what"]')).toHaveValue(text.agreement);
		await expect(agreementForm.locator('input[name$="who"][value="professional"]')).toBeChecked();
		await withLiveReload(clientPage, () =>
			saveAgreement(proPage, { what: text.agreement, who: 'professional', dueOn: dateFromToday(14), measure: text.measure })
		);
		await settleLivePage(clientPage, () => expect(clientPage.getByRole('main')).toContainText(text.agreement));
		// The client's screen shows what everyone said.
		for (const written of [text.clientMost, text.clientLeast, text.proMost, text.proLeast])
			await expect(clientPage.getByRole('main')).toContainText(written);
		// Saved with Post/Redirect/Get: reloading the page loads it again and sends nothing.
		const reloaded = await proPage.reload();
		expect(reloaded?.request().method()).toBe('GET');
		await checkPage(proPage);
		await expect(proPage.getByRole('main')).toContainText(text.agreement);

		// Closing ends the client's part; the professional sees the summary, with everyone's reflections.
		await withLiveReload(clientPage, () => closeConversation(proPage, text.summary));
		await expect(proPage.getByRole('heading', { level: 2, name: text.summaryTitle })).toBeVisible();
		await expect(proPage.getByRole('main')).toContainText(text.summary);
		const proReflections = proPage.getByRole('region', { name: text.reflectionsTitle });
		for (const written of [text.clientMost, text.clientLeast, text.proMost, text.proLeast])
			await expect(proReflections).toContainText(written);
		// The client keeps the outcome: their phone shows what was agreed — what, who, by when — to save.
		await settleLivePage(clientPage, () => expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(text.outcomeTitle));
		await expect(clientPage).toHaveURL(/\/c\/outcome$/);
		await expect(clientPage.getByRole('main')).toContainText(text.agreement);
		await expect(clientPage.getByRole('main')).toContainText(text.measure);
		const pdf = await clientPage.request.get('/c/outcome/pdf');
		expect(pdf.headers()['content-type']).toBe('application/pdf');

		// The next quick check opens with the review of that agreement: partly done, carried over.
		const next = await startQuickCheck(proPage, collaborationId);
		expect(next.conversationId).not.toBe(check.conversationId);
		await expect(proPage.getByRole('heading', { level: 2, name: text.reviewTitle })).toBeVisible();
		await expect(proPage.getByRole('main')).toContainText(text.agreement);
		await expect(proPage.getByRole('main')).toContainText(text.measure);
		// The client joins it on the same phone, sees the agreement under review and judges it too.
		await joinWithCode(clientPage, next.code, text.client);
		await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(text.clientReviewTitle);
		await expect(clientPage.getByRole('main')).toContainText(text.agreement);
		await clientPage.getByRole('radio', { name: text.partly }).check();
		await submitAndRedirect(clientPage, clientPage.locator('form[action="?/reviewChoice"] button'));
		await expect(clientPage.getByRole('status').filter({ hasText: text.choiceSaved })).toBeVisible();
		await reloadAndCheck(proPage);
		await expect(proPage.getByRole('main')).toContainText(text.clientChose);
		// The professional cannot record another outcome than the client chose.
		const reviewForm = proPage.locator('form[action="?/review"]').first();
		await reviewForm.locator('input[name$="outcome"][value="done"]').check();
		await submit(proPage, reviewForm.locator('button'));
		await expect(proPage.getByRole('alert')).toHaveText(text.notAgreed);
		const newDue = dateFromToday(28);
		await reviewAgreement(proPage, { outcome: 'partly', note: text.reviewNote, followUp: 'carryOver', dueOn: newDue });
		await expect(proPage.getByRole('main')).toContainText(text.reviewRecorded);
		await submitAndRedirect(proPage, proPage.locator('form[action="?/finishReview"] button'));
		await expect(proPage.locator('form.rating-form')).toBeVisible();
		// The client's phone follows: the review is done, the rating form is next.
		await settleLivePage(clientPage, () => expect(clientPage.locator('form.rating-form')).toBeVisible());

		// The collaboration's timeline shows how it went; the conversation after that reviews the copy.
		await abandonConversation(proPage, next);
		// The client's phone learns the conversation has ended.
		await settleLivePage(clientPage, () => expect(clientPage).toHaveURL(/\/join\?ended=1$/));
		const reviewed = proPage.locator(`article[aria-labelledby="conversation-${next.conversationId}"]`);
		await expect(reviewed).toContainText(`${text.agreement}: ${text.timelineOutcome}`);
		await expect(reviewed).toContainText(text.reviewNote);
		await expect(reviewed).toContainText(`${text.carriedOver} ${longDate(newDue, locale)}.`);
		await startQuickCheck(proPage, collaborationId);
		await expect(proPage.getByRole('heading', { level: 2, name: text.reviewTitle })).toBeVisible();
		const carried = proPage.locator('form[action="?/review"]').locator('xpath=ancestor::article');
		await expect(carried).toHaveCount(1);
		await expect(carried).toContainText(text.agreement);
		await expect(carried.locator(`time[datetime="${newDue}"]`)).toHaveCount(1);
	});
}
