// The steps of a learning conversation (Samenleergesprek) as the professional and a participant
// take them in the browser. Every step that lands on a page checks it with axe (visit, submit,
// checkPage, settleLivePage), like the quick check's steps.
import { expect, type Locator, type Page } from '@playwright/test';
import { postForm, submit, submitAndRedirect, visit } from './actions.ts';
import type { AppInfo } from './server.ts';
import { dateFromToday, settleLivePage } from './quick-check.ts';
import { checkPage } from './tracking.ts';

/** The words of the pages, per language, as the tests look for them. */
export const LEARNING_TEXT = {
	nl: {
		title: /Samenleergesprek met/,
		start: 'Begin het gesprek',
		safetyTitle: 'Veiligheid',
		safetySave: 'Bewaren',
		letFinish: 'We laten elkaar uitpraten.',
		mayPause: 'Ik mag om een pauze vragen.',
		ownWords: 'In eigen woorden',
		wishOpen: 'Geef een wenskaart aan de begeleider',
		wish: /Geef deze kaart: Luisteren zonder oordeel/,
		wishTitle: 'Luisteren zonder oordeel',
		wishQuestion: 'Wil je zonder oordeel naar me luisteren?',
		wishHanded: 'Gegeven.',
		nextTopics: 'Verder: onderwerpen kiezen',
		topicsTitle: 'Onderwerpen kiezen',
		chooseConnection: /Kies dit onderwerp: Onze verbinding/,
		connection: 'Onze verbinding',
		approach: 'Onze aanpak',
		ownTopic: 'Eigen onderwerp',
		ownTopicAdd: 'Zet op de lijst',
		nextSheets: 'Verder: gespreksbladen',
		/** The client's words for the sheets and the evaluation; the professional reads the method's names. */
		sheetsTitle: 'Praten over de onderwerpen',
		topic: (n: number) => new RegExp(`^Onderwerp ${n}:`),
		a: 'A. Wat gebeurde er?',
		b: 'B. Wat deed het met mij?',
		c: 'C. Waarom is dit belangrijk voor mij?',
		saveOwnSheet: 'Mijn blad bewaren',
		momentAt: 'Tijd in de opname',
		momentNote: 'Wat gebeurde er toen?',
		momentAdd: 'Moment toevoegen',
		nextActions: 'Verder: acties',
		actionsTitle: 'Acties',
		change: 'Dit veranderen we',
		keep: 'Dit houden we zo',
		what: 'Wat gaan we doen?',
		needed: 'Wat is daarvoor nodig?',
		together: 'Samen',
		due: 'Wanneer is het klaar?',
		measure: 'Hoe merken we dat het werkt?',
		actionSave: 'Actie opslaan',
		required: 'Kies een van de mogelijkheden.',
		nextEvaluation: 'Verder: evaluatie',
		evaluationTitle: 'Hoe ging het gesprek?',
		evaluationSave: 'Evaluatie versturen',
		evaluationSaveYou: 'Verstuur je antwoorden',
		evaluationSaved: 'Je antwoorden zijn opgeslagen.',
		summary: 'Korte samenvatting',
		close: 'Gesprek afsluiten',
		summaryTitle: 'Het gesprek is klaar',
		closed: /Het gesprek is klaar\. Hieronder staat wat jullie hebben afgesproken/,
		timelineMethod: 'Samenleergesprek'
	},
	en: {
		title: /Learning conversation with/,
		start: 'Start the conversation',
		safetyTitle: 'Safety',
		safetySave: 'Save',
		letFinish: 'We let each other finish.',
		mayPause: 'I may ask for a break.',
		ownWords: 'In your own words',
		wishOpen: 'Give a wish card to the professional',
		wish: /Give this card: Listening without judging/,
		wishTitle: 'Listening without judging',
		wishQuestion: 'Will you listen to me without judging?',
		wishHanded: 'Given.',
		nextTopics: 'Next: choose topics',
		topicsTitle: 'Choosing topics',
		chooseConnection: /Choose this topic: Our connection/,
		connection: 'Our connection',
		approach: 'Our approach',
		ownTopic: 'Own topic',
		ownTopicAdd: 'Add to the list',
		nextSheets: 'Next: conversation sheets',
		sheetsTitle: 'Talking about the topics',
		topic: (n: number) => new RegExp(`^Topic ${n}:`),
		a: 'A. What happened?',
		b: 'B. What did it do to me?',
		c: 'C. Why does this matter to me?',
		saveOwnSheet: 'Save my sheet',
		momentAt: 'Time in the recording',
		momentNote: 'What happened then?',
		momentAdd: 'Add moment',
		nextActions: 'Next: actions',
		actionsTitle: 'Actions',
		change: 'We change this',
		keep: 'We keep this',
		what: 'What will we do?',
		needed: 'What is needed?',
		together: 'Together',
		due: 'When will it be done?',
		measure: 'How will we know it works?',
		actionSave: 'Save action',
		required: 'Choose one of the options.',
		nextEvaluation: 'Next: evaluation',
		evaluationTitle: 'How did the conversation go?',
		evaluationSave: 'Send evaluation',
		evaluationSaveYou: 'Send your answers',
		evaluationSaved: 'Your answers are saved.',
		summary: 'Short summary',
		close: 'Close the conversation',
		summaryTitle: 'The conversation is done',
		closed: /The conversation is over\. Below is what you agreed/,
		timelineMethod: 'Learning conversation'
	}
} as const;

export type LearningText = (typeof LEARNING_TEXT)['nl'] | (typeof LEARNING_TEXT)['en'];

/**
 * Plans a learning conversation on the collaboration page (the planning page of the decks and
 * preparation feature); ends on the professional's preparation page. Returns the printed links:
 * when every link went by e-mail there are none, and the planning goes straight on to the preparation.
 */
export async function planLearningConversation(page: Page, collaborationId: string): Promise<{ preparationPath: string; links: string[] }> {
	await visit(page, `/collaborations/${collaborationId}`, { status: 200 });
	await page.getByRole('link', { name: 'Plan een Samenleergesprek' }).click();
	await expect(page).toHaveURL(/\/plan$/);
	await page.waitForLoadState('load');
	await checkPage(page);
	await page.locator('input[name="scheduledOn"]').fill(dateFromToday(0));
	await submitAndRedirect(page, page.getByRole('button', { name: 'Samenleergesprek plannen' }));
	await expect(page).toHaveURL(/\/conversations\/[^/]+\/preparation(\?|$)/);
	await expect(page.getByRole('status').first()).toContainText('Het Samenleergesprek is gepland.');
	// Printed links are shown once, on the page the planning redirects to.
	const links = await page.locator('article code').allTextContents();
	if (links.length === 0) await expect(page.getByRole('status').first()).toContainText('Links verstuurd per e-mail: 1.');
	return { preparationPath: new URL(page.url()).pathname, links: links.map((link) => link.trim()) };
}

/**
 * Plans a learning conversation for today with the planning form's own post (postForm), sending
 * no preparation links (the participants join with the conversation's code), and opens the
 * professional's preparation page it redirects to. For tests whose subject comes later: the
 * planning page and its links (mailed, printed) are used in the browser in learning, preparation,
 * preparation-steps and drafts (the preparation), which call planLearningConversation.
 */
export async function planLearningConversationByPost(page: Page, app: Pick<AppInfo, 'baseURL'>, collaborationId: string): Promise<string> {
	const location = await postForm(page, app, `/collaborations/${collaborationId}/plan`, { scheduledOn: dateFromToday(0) });
	expect(location, 'planned, on to the preparation').toMatch(/\/conversations\/[^/]+\/preparation\?planned=0$/);
	await visit(page, location, { status: 200 });
	await expect(page.getByRole('status').first()).toContainText('Het Samenleergesprek is gepland.');
	return new URL(page.url()).pathname;
}

/** On the professional's preparation page: picks a card, saves and shares the own preparation. */
export async function prepareAndShareAsProfessional(page: Page, input: { wishes: string; card: string }): Promise<void> {
	await page.getByLabel('Waar wil ik over praten?').fill(input.wishes);
	await page.getByRole('checkbox', { name: new RegExp(input.card) }).check();
	await submit(page, page.getByRole('button', { name: 'Opslaan' }));
	await submit(page, page.getByRole('button', { name: 'Deel mijn voorbereiding' }));
}

/** The professional presses "start"; ends on the learning conversation's page. */
export async function startLearningConversation(page: Page, text: LearningText): Promise<string> {
	await submit(page, page.getByRole('button', { name: text.start }));
	await expect(page).toHaveURL(/\/learning\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
	return new URL(page.url()).pathname;
}

/** A participant's phone shows the next screen: by itself (live) with JavaScript, by reloading without. */
export async function followOnPhone(page: Page, ready: () => Promise<void>, javaScript: boolean): Promise<void> {
	if (javaScript) {
		await settleLivePage(page, ready);
		return;
	}
	await visit(page, '/c', { status: 200 });
	await ready();
}

/** Fills one's own sheet for the topic of `article` and saves it. */
export async function fillOwnSheet(
	page: Page,
	article: Locator,
	text: LearningText,
	sheet: { a: string; b: string; c: string }
): Promise<void> {
	const form = article
		.locator('form[action="?/sheet"]')
		.filter({ has: page.getByRole('button', { name: text.saveOwnSheet, exact: true }) });
	await form.getByLabel(text.a).fill(sheet.a);
	await form.getByLabel(text.b).fill(sheet.b);
	await form.getByLabel(text.c).fill(sheet.c);
	await submit(page, form.getByRole('button', { name: text.saveOwnSheet }));
}

/** Picks two points on the evaluation's lines (0–100 in steps of 10), a remark, and sends it (the client's button speaks plainly). */
export async function evaluate(
	page: Page,
	text: LearningText,
	input: { clarity: number; overall: number; remark: string },
	reader: 'client' | 'professional' = 'client'
): Promise<void> {
	const form = page.locator('form#evaluation');
	await form.locator(`label[for="evaluation-clarity-${input.clarity}"]`).click();
	await form.locator(`label[for="evaluation-overall-${input.overall}"]`).click();
	await form.locator('textarea[name="remark"]').fill(input.remark);
	await submit(page, form.getByRole('button', { name: reader === 'client' ? text.evaluationSaveYou : text.evaluationSave }));
}

/** Moves the conversation on with the button at the bottom of the professional's page. */
export async function moveOn(page: Page, label: string): Promise<void> {
	await submit(page, page.getByRole('button', { name: label }));
}

/** What a participant fills in while preparing; every part is optional. */
export interface PhonePreparation {
	wishes?: string;
	/** Cards to check, by their title (as a pattern: the checkbox's name holds the title and the question). */
	cards?: RegExp[];
	moment?: { a?: string; b?: string; c?: string; card?: string };
	safety?: string[];
	safetyOwn?: string;
}

const STEP_WORDS = {
	nl: {
		wishes: 'Waar wil je over praten?',
		a: /^A\. Wat gebeurde er/,
		b: /^B\. Wat deed dit met mij/,
		c: /^C\. Waarom is dit belangrijk/,
		card: 'Over welke kaart gaat dit moment?',
		own: 'In je eigen woorden',
		next: 'Volgende',
		share: 'Delen'
	},
	en: {
		wishes: 'What would you like to talk about?',
		a: /^A\. What happened/,
		b: /^B\. What did it do to me/,
		c: /^C\. Why does this matter/,
		card: 'Which card is this moment about?',
		own: 'In your own words',
		next: 'Next',
		share: 'Sharing'
	}
} as const;

/**
 * A participant's preparation on the phone goes one step at a time (issue 16, part 6): this fills
 * in what each step shows of `input`, moves on with "Volgende" (which saves the step), and stops
 * on the last step, sharing. Returns that step's share region.
 */
export async function prepareStepByStep(page: Page, input: PhonePreparation, locale: 'nl' | 'en' = 'nl'): Promise<Locator> {
	const words = STEP_WORDS[locale];
	const share = page.getByRole('region', { name: words.share, exact: true });
	for (let step = 1; step <= 12 && (await share.count()) === 0; step++) {
		const fill = async (label: string | RegExp, value: string | undefined) => {
			const field = page.getByLabel(label);
			if (value !== undefined && (await field.count()) > 0) await field.fill(value);
		};
		await fill(words.wishes, input.wishes);
		for (const card of input.cards ?? []) {
			const box = page.getByRole('checkbox', { name: card });
			if ((await box.count()) > 0) await box.check();
		}
		await fill(words.a, input.moment?.a);
		await fill(words.b, input.moment?.b);
		await fill(words.c, input.moment?.c);
		const momentCard = page.getByLabel(words.card);
		if (input.moment?.card && (await momentCard.count()) > 0) await momentCard.selectOption({ label: input.moment.card });
		for (const name of input.safety ?? []) {
			const box = page.getByRole('checkbox', { name, exact: true });
			if ((await box.count()) > 0) await box.check();
		}
		await fill(words.own, input.safetyOwn);
		await submit(page, page.getByRole('button', { name: words.next, exact: true }));
	}
	await expect(share).toBeVisible();
	return share;
}
