// What a person does in the app, as small steps. Every step that lands on a page checks it
// with axe (see tracking.ts), so a test cannot show a page without checking it.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { extractLink, newestMail, readMails, type Mail } from './mail.ts';
import type { AppInfo } from './server.ts';
import { checkPage } from './tracking.ts';

/** Opens a path (against the context's baseURL) or URL and checks the page it lands on. */
export async function visit(page: Page, url: string, options: { status?: number } = {}): Promise<Response | null> {
	const response = await page.goto(url);
	if (options.status !== undefined) expect(response?.status(), `HTTP status of ${url}`).toBe(options.status);
	await checkPage(page);
	return response;
}

/**
 * Submits a form the ordinary way (no JavaScript needed), by clicking `button` or by calling it
 * when it is a function (a key press), waits for the page the server answers with, and checks it.
 * Returns the response that brought that page (after any redirects), when there was one.
 */
export async function submit(page: Page, button: Locator | (() => Promise<void>)): Promise<Response | null> {
	const answers: Response[] = [];
	const onResponse = (response: Response) => {
		if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) answers.push(response);
	};
	page.on('response', onResponse);
	const loaded = page.waitForEvent('load');
	await (typeof button === 'function' ? button() : button.click());
	await loaded;
	page.off('response', onResponse);
	// SvelteKit's CSRF check answers a bare text page; say what happened rather than fail on axe.
	const refused = answers.find((answer) => answer.status() === 403);
	if (refused) throw new Error(`The server refused the form post to ${refused.url()} (403): ${(await refused.text()).slice(0, 200)}`);
	await checkPage(page);
	return answers.at(-1) ?? null;
}

/**
 * Submits a form whose success must be answered Post/Redirect/Get: a 303 back to a page, loaded
 * with GET — so reloading that page never asks to send the form again.
 */
export async function submitAndRedirect(page: Page, button: Locator | (() => Promise<void>)): Promise<void> {
	const posts: Response[] = [];
	const onResponse = (response: Response) => {
		const request = response.request();
		if (request.method() === 'POST' && request.isNavigationRequest() && response.frame() === page.mainFrame()) posts.push(response);
	};
	page.on('response', onResponse);
	const answer = await submit(page, button);
	page.off('response', onResponse);
	expect(
		posts.map((post) => `${post.status()} ${new URL(post.url()).pathname}`),
		'the form post answers 303'
	).toEqual([expect.stringMatching(/^303 /)]);
	expect(answer?.request().method(), 'the page after the post is loaded with GET').toBe('GET');
}

/** The submit button of the only form in the main content (sign-in, setup, invitation …). */
export function mainFormButton(page: Page): Locator {
	return page.locator('main form').last().locator('button');
}

/** Presses the visible language button in the page header. */
export async function switchLanguage(page: Page, to: 'nl' | 'en'): Promise<void> {
	const button = page.locator('header form[action="/language"] button');
	await expect(button).toHaveAttribute('value', to);
	await submit(page, button);
	await expect(page.locator('html')).toHaveAttribute('lang', to);
}

export async function loginAs(page: Page, email: string, password: string): Promise<void> {
	await visit(page, '/sign-in');
	await page.locator('main input[name="email"]').fill(email);
	await page.locator('main input[name="password"]').fill(password);
	await submit(page, mainFormButton(page));
	await expect(page, 'signed in and sent on').not.toHaveURL(/\/sign-in(\?|$)/);
}

/**
 * Posts a form from the page's own browser context (its cookies, its client address) without
 * showing a page, and expects the 303 of Post/Redirect/Get; returns where it redirects to. For
 * steps a test needs done but does not look at: the forms themselves are tested in the browser
 * elsewhere (sign-in, invitations, journeys, hydration, keyboard, no-javascript).
 */
export async function postForm(
	page: Page,
	app: Pick<AppInfo, 'baseURL'>,
	url: string,
	fields: Record<string, string | string[]>
): Promise<string> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
	const response = await page.request.post(url, { form, headers: { origin: app.baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(response.status(), `POST ${new URL(url, app.baseURL).pathname} answers 303 (${(await response.text()).slice(0, 200)})`).toBe(303);
	return response.headers()['location']!;
}

/**
 * Signs in with the sign-in form's post (see postForm), then opens the page the sign-in sends
 * the person to and checks it, like loginAs ends. For tests whose subject is not signing in.
 */
export async function signIn(page: Page, app: Pick<AppInfo, 'baseURL'>, email: string, password: string): Promise<void> {
	const next = await postForm(page, app, '/sign-in', { email, password });
	expect(next, 'signed in and sent on').not.toMatch(/\/sign-in(\?|$)/);
	await visit(page, next);
}

export async function signOut(page: Page): Promise<void> {
	await submit(page, page.locator('header form[action="/sign-out"] button'));
	await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
}

/** A unique address per call, so tests sharing one server never collide. */
export function uniqueEmail(label: string): string {
	return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.nl`;
}

export type Role = 'admin' | 'teamLead' | 'professional' | 'trajectoryCoordinator' | 'privacyOfficer';

/** Fills and sends the invite form on /admin/staff; the result page is checked, not asserted. */
export async function sendInvite(adminPage: Page, input: { email: string; locale?: 'nl' | 'en'; roles?: Role[] }): Promise<void> {
	if (!/\/admin\/staff/.test(adminPage.url())) await visit(adminPage, '/admin/staff');
	const form = adminPage.locator('form[action="?/invite"]');
	await form.locator('input[name="email"]').fill(input.email);
	for (const box of await form.locator('input[name="roles"]').all()) {
		await box.setChecked((input.roles ?? ['professional']).includes((await box.getAttribute('value')) as Role));
	}
	if (input.locale) await form.locator('select[name$=":locale"]').selectOption(input.locale);
	await submit(adminPage, form.locator('button'));
}

/** Waits until a mail to `to` is in the outbox and returns the newest one. */
export async function waitForMail(app: AppInfo, to: string): Promise<Mail> {
	await expect.poll(() => readMails(app.outboxDir, { to }).length, { message: `a mail to ${to}` }).toBeGreaterThan(0);
	return newestMail(app.outboxDir, { to })!;
}

/** Invites someone and returns the link from the invitation mail. */
export async function inviteAndGetLink(
	adminPage: Page,
	app: AppInfo,
	input: { email: string; locale?: 'nl' | 'en'; roles?: Role[] }
): Promise<string> {
	await sendInvite(adminPage, input);
	await expect(adminPage.getByRole('status')).toContainText(input.email);
	return extractLink(await waitForMail(app, input.email), '/invitation/');
}

/** Opens an invitation link (unless already there) and creates the account; ends on the sign-in page. */
export async function acceptInvitation(page: Page, link: string, input: { name: string; password: string }): Promise<void> {
	if (page.url() !== link) await visit(page, link, { status: 200 });
	await page.locator('main input[name="name"]').fill(input.name);
	await page.locator('main input[name="password"]').fill(input.password);
	await page.locator('main input[name="passwordConfirm"]').fill(input.password);
	await submit(page, mainFormButton(page));
	await expect(page).toHaveURL(/\/sign-in\?accountCreated=1$/);
}

export interface StaffMember {
	name: string;
	email: string;
	password: string;
}

/**
 * An active staff member of the admin's organisation, created through the invitation flow's own
 * form posts (see postForm): the admin invites, the mail arrives, the newcomer accepts the link.
 * Neither page is navigated; the invitation pages are tested in the browser in invitations,
 * journeys, hydration and no-javascript.
 */
export async function createStaffMember(
	adminPage: Page,
	newcomerPage: Page,
	app: AppInfo,
	options: { label: string; roles?: Role[] }
): Promise<StaffMember> {
	const member = { name: `Test ${options.label}`, email: uniqueEmail(options.label), password: 'een heel lang wachtwoord' };
	const invited = await postForm(adminPage, app, '/admin/staff?/invite', {
		email: member.email,
		roles: options.roles ?? ['professional'],
		teamId: '',
		locale: 'nl'
	});
	// The notice the redirect carries is shown (and so used up) as the admin's next page would.
	expect((await adminPage.request.get(invited)).status(), 'the staff page after inviting').toBe(200);
	const link = extractLink(await waitForMail(app, member.email), '/invitation/');
	const accepted = await postForm(newcomerPage, app, link, {
		name: member.name,
		password: member.password,
		passwordConfirm: member.password
	});
	expect(accepted, 'the account is created').toMatch(/\/sign-in\?accountCreated=1$/);
	return member;
}

/** The field error shown for the input named `name` (linked by aria-describedby). */
export function fieldError(page: Page, name: string): Locator {
	return page.locator(`#field-${name}-error`);
}
