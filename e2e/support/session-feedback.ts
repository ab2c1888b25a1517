// Session feedback and the conversation report, as the professional and the participants use
// them in the browser. Every step that lands on a page checks it with axe (visit/submit/checkPage).
import { expect, type Page } from '@playwright/test';
import { extractPdfText } from '../../src/lib/server/testing/pdf-text.ts';
import { submit, visit } from './actions.ts';
import { readJoinCode } from './quick-check.ts';

/** The four items of session feedback v1, in their order on the form. */
export const FEEDBACK_KEYS = ['relationship', 'goals', 'approach', 'overall'] as const;
export type FeedbackAnswers = Record<(typeof FEEDBACK_KEYS)[number], number>;

export interface StartedFeedback {
	/** The professional's page, /collaborations/…/feedback/…. */
	path: string;
	conversationId: string;
	code: string;
}

/** Asks for session feedback on the spot from the collaboration page; ends on the feedback page with its join code. */
export async function startFeedbackOnTheSpot(page: Page, collaborationId: string): Promise<StartedFeedback> {
	if (new URL(page.url()).pathname !== `/collaborations/${collaborationId}`) await visit(page, `/collaborations/${collaborationId}`);
	await submit(page, page.locator('form[action="?/startSessionFeedback"] button[value="spot"]'));
	await expect(page).toHaveURL(/\/feedback\/[^/#]+$/);
	const path = new URL(page.url()).pathname;
	return { path, conversationId: path.split('/').at(-1)!, code: await readJoinCode(page) };
}

/** A participant types the code on /join and picks their name; ends on the feedback form /c/feedback. */
export async function joinFeedback(page: Page, code: string, name: string): Promise<void> {
	await visit(page, `/join?code=${encodeURIComponent(code)}`, { status: 200 });
	await page.getByRole('radio', { name }).check();
	await submit(page, page.locator('main form button'));
	await expect(page).toHaveURL(/\/c\/feedback$/);
}

/** Picks one answer per item (a point on the line, or a smiley by its value) by its label, and sends the form. */
export async function answerFeedback(page: Page, answers: FeedbackAnswers): Promise<void> {
	const form = page.locator('form.rating-form');
	for (const key of FEEDBACK_KEYS) {
		await form.locator(`label[for="rating-${key}-${answers[key]}"]`).click();
		await expect(form.locator(`#rating-${key}-${answers[key]}`)).toBeChecked();
	}
	await submit(page, form.locator('button.submit'));
}

/** The text of a PDF as pdfjs extracts it, white space made single (the unit tests' reader). */
export async function pdfText(bytes: Buffer): Promise<string> {
	return (await extractPdfText(bytes)).join(' ');
}
