// What the draft journeys (drafts.e2e.ts, drafts-learning.e2e.ts) check of a box whose text was typed and not sent.
import { expect, type Locator } from '@playwright/test';

export const NOT_SENT = /Nog niet verstuurd\./;

/** The text typed in `field` and not sent is still there after another form's post, and says so. */
export async function expectKept(field: Locator, typed: string): Promise<void> {
	await expect(field, 'what was typed and not sent is still in the box').toHaveValue(typed);
	await expect(field, 'and it says it was not sent yet').toHaveAccessibleDescription(NOT_SENT);
}
