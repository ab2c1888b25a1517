// Helpers for the learning trajectory e2e tests (e2e/trajectories.e2e.ts, e2e/trajectory-instruments.e2e.ts).
import { expect, type Page } from '@playwright/test';
import { visit } from './actions.ts';

export const TRAJECTORY_PASSWORD = 'een heel lang wachtwoord';

/** A calendar day relative to today in the Netherlands, as YYYY-MM-DD. */
export function day(offset: number): string {
	const now = new Date(Date.now() + offset * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/** Follows a link by opening its address (a click would be a client-side navigation). */
export async function follow(page: Page, link: ReturnType<Page['getByRole']>): Promise<void> {
	const href = await link.getAttribute('href');
	expect(href, 'link address').toBeTruthy();
	await visit(page, href!);
}

/** A form post the way the browser would send it, without the page; answers 303 on success. */
export async function post(page: Page, baseURL: string, path: string, form: Record<string, string>): Promise<void> {
	const response = await page.request.post(path, { form, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(response.status(), `POST ${path}`).toBe(303);
}

/** An invited participant makes their account from the mail's link, signs in and consents, by quick form posts. */
export async function joinAndConsentByPosts(
	page: Page,
	baseURL: string,
	input: { invitationLink: string; email: string; name: string; trajectoryId: string }
): Promise<void> {
	const password = TRAJECTORY_PASSWORD;
	await post(page, baseURL, new URL(input.invitationLink).pathname, { name: input.name, password, passwordConfirm: password });
	await post(page, baseURL, '/sign-in', { email: input.email, password, next: '/trajectories' });
	await post(page, baseURL, `/trajectories/${input.trajectoryId}/me?/consent`, { decision: 'agree' });
}
