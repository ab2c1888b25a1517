// The steps of a collaboration and its Samen Sterker quick check, as the professional and the
// participants take them in the browser. Every step that lands on a page checks it with axe
// (through visit/submit/checkPage), like the steps in actions.ts.
import { expect, type BrowserContextOptions, type Page } from '@playwright/test';
import { createStaffMember, mainFormButton, postForm, signIn, submit, submitAndRedirect, visit, type StaffMember } from './actions.ts';
import type { AppInfo } from './server.ts';
import { checkPage, markShownChecked } from './tracking.ts';

/** The five items of Samen Sterker v1, in their order on the rating form. */
export const ITEM_KEYS = ['omgang', 'luisteren', 'contact', 'plan', 'afspraken'] as const;
export type ItemKey = (typeof ITEM_KEYS)[number];
export type Ratings = Record<ItemKey, number>;

/** The viewport of a small phone, for every participant's browser. */
export const PHONE = { width: 360, height: 740 } as const;
/** The viewport of the professional's laptop. */
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface ParticipantInput {
	name: string;
	audience?: 'adult' | 'child';
	locale?: 'nl' | 'en' | 'ar' | 'tr' | 'pl' | 'uk';
	/** Where the preparation link of a learning conversation can be mailed. */
	email?: string;
}

/**
 * A professional of organisation A, invited by the admin, signed in on `page` (a desktop viewport).
 * It ends on the page the sign-in sends a professional to, checked, as signIn does. With
 * `open: false` that page is requested (it answers, signed in) but not shown, for a test whose
 * own first page comes next; a professional's landing page is shown and checked after signing
 * in through the form in sign-in, journeys and keyboard, and after signIn in the other tests.
 */
export async function signedInProfessional(
	adminPage: Page,
	page: Page,
	app: AppInfo,
	label: string,
	options: { open?: boolean } = {}
): Promise<StaffMember> {
	const member = await createStaffMember(adminPage, page, app, { label, roles: ['professional'] });
	if (options.open ?? true) {
		await signIn(page, app, member.email, member.password);
		return member;
	}
	const next = await postForm(page, app, '/sign-in', { email: member.email, password: member.password });
	expect(next, 'signed in and sent on').not.toMatch(/\/sign-in(\?|$)/);
	const landing = await page.request.get(next, { maxRedirects: 0 });
	expect(landing.status(), `the page a professional lands on, ${next}, signed in`).toBe(200);
	return member;
}

/**
 * A date `days` from today as the date inputs take it (YYYY-MM-DD): today in Amsterdam, as the
 * app counts days — between midnight there and midnight UTC the UTC date is still yesterday.
 */
export function dateFromToday(days: number): string {
	const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Fills the new-collaboration form (one to three participants) and returns the new collaboration's id. */
export async function createCollaboration(page: Page, input: { label: string; participants: ParticipantInput[] }): Promise<string> {
	await visit(page, '/collaborations/new', { status: 200 });
	const form = page.locator('main form');
	await form.locator('input[name="label"]').fill(input.label);
	for (const [index, participant] of input.participants.entries()) {
		const n = index + 1;
		await form.locator(`input[name="participant${n}Name"]`).fill(participant.name);
		await form.locator(`select[name="participant${n}Audience"]`).selectOption(participant.audience ?? 'adult');
		await form.locator(`select[name="participant${n}Locale"]`).selectOption(participant.locale ?? 'nl');
		if (participant.email) await form.locator(`input[name="participant${n}Email"]`).fill(participant.email);
	}
	await submit(page, mainFormButton(page));
	await expect(page, 'the new collaboration opens').toHaveURL(/\/collaborations\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(input.label);
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

/**
 * The same collaboration as createCollaboration, made with the new-collaboration form's own post
 * (postForm: the professional's cookies and address, validation, audit, a 303), without showing
 * the form or the page it leads to. For tests whose subject comes after it; the form itself is
 * filled in the browser in quick-check, learning, collaborations-access, client-languages and the
 * other journeys that still call createCollaboration. The organisation's default rhythm is read
 * from the form, as the browser would send it.
 */
export async function createCollaborationByPost(
	page: Page,
	app: Pick<AppInfo, 'baseURL'>,
	input: { label: string; participants: ParticipantInput[] }
): Promise<string> {
	const form = await page.request.get('/collaborations/new');
	expect(form.status(), 'the new-collaboration form').toBe(200);
	const rhythmWeeks = /name="rhythmWeeks"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="rhythmWeeks"/.exec(await form.text());
	const fields: Record<string, string> = {
		label: input.label,
		rhythm: 'weeks',
		rhythmWeeks: rhythmWeeks?.[1] ?? rhythmWeeks?.[2] ?? '',
		nextDueOn: ''
	};
	for (const n of [1, 2, 3]) {
		const participant = input.participants[n - 1];
		fields[`participant${n}Name`] = participant?.name ?? '';
		fields[`participant${n}Audience`] = participant?.audience ?? 'adult';
		fields[`participant${n}Locale`] = participant?.locale ?? 'nl';
		fields[`participant${n}Email`] = participant?.email ?? '';
	}
	const location = await postForm(page, app, '/collaborations/new', fields);
	expect(location, 'the new collaboration').toMatch(/^\/collaborations\/[^/?#]+$/);
	return location.split('/').at(-1)!;
}

/**
 * A professional signed in with `open: false` on a new desktop page, and a collaboration made by
 * createCollaborationByPost: the start of a test whose own first page comes next.
 */
export async function professionalWithCollaboration(
	adminPage: Page,
	newPage: (options?: BrowserContextOptions) => Promise<Page>,
	app: AppInfo,
	label: string,
	collaboration: { label: string; participants: ParticipantInput[] }
): Promise<{ page: Page; professional: StaffMember; collaborationId: string }> {
	const page = await newPage({ viewport: DESKTOP });
	const professional = await signedInProfessional(adminPage, page, app, label, { open: false });
	return { page, professional, collaborationId: await createCollaborationByPost(page, app, collaboration) };
}

export interface QuickCheck {
	/** The conversation page's path, /collaborations/…/conversations/…. */
	path: string;
	conversationId: string;
	/** The join code as shown (8 characters). */
	code: string;
}

/** Starts a quick check on the collaboration page and reads its join code; ends on the conversation page. */
export async function startQuickCheck(page: Page, collaborationId: string): Promise<QuickCheck> {
	if (new URL(page.url()).pathname !== `/collaborations/${collaborationId}`) await visit(page, `/collaborations/${collaborationId}`);
	await submit(page, page.locator('form[action="?/startQuickCheck"] button'));
	await expect(page).toHaveURL(/\/conversations\/[^/]+$/);
	const path = new URL(page.url()).pathname;
	return { path, conversationId: path.split('/').at(-1)!, code: await readJoinCode(page) };
}

/** The code in the join panel (inside "Code en QR-code" once the rating is over). */
export async function readJoinCode(page: Page): Promise<string> {
	const code = (await page.locator('.join-code span[aria-hidden="true"]').textContent({ timeout: 5_000 }))?.trim() ?? '';
	expect(code, 'the join code').toMatch(/^[A-Z0-9]{8}$/);
	return code;
}

/** A participant types the code on /join and picks their name; ends on their screen /c. */
export async function joinWithCode(page: Page, code: string, name: string): Promise<void> {
	await visit(page, '/join', { status: 200 });
	await page.locator('#join-code').fill(code.toLowerCase());
	// A GET form: with JavaScript SvelteKit follows it without loading a new document.
	await page.locator('main form button').click();
	await expect(page).toHaveURL(/\/join\?code=/);
	await page.waitForLoadState('load');
	const choice = page.getByRole('radio', { name });
	await expect(choice).toBeVisible();
	await checkPage(page);
	await choice.check();
	await submit(page, page.locator('main form button'));
	await expect(page).toHaveURL(/\/c$/);
}

/**
 * The same as joinWithCode (the phone's cookies and address, the same rate limit, a 303 to /c),
 * with the join form's own requests instead of its two pages; ends on the participant's screen
 * /c, checked. For tests whose subject comes after joining: typing the code and picking one's
 * name are done in the browser in quick-check, quick-check-no-javascript, learning (in English),
 * participant-access, client-languages and the other journeys that still call joinWithCode.
 */
export async function joinByPost(page: Page, app: Pick<AppInfo, 'baseURL'>, code: string, name: string): Promise<void> {
	const query = `code=${encodeURIComponent(code.toLowerCase())}`;
	const who = await page.request.get(`/join?${query}`);
	expect(who.status(), 'the join page with the code').toBe(200);
	const html = await who.text();
	const partyId = new RegExp(
		`name="partyId" value="([^"]+)"[^>]*>(?:\\s|<!--[^>]*-->)*<span>${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span>`
	).exec(html)?.[1];
	expect(partyId, `${name} can be chosen on the join page`).toBeTruthy();
	const codeShown = /name="code" value="([^"]+)"/.exec(html)?.[1] ?? code;
	const next = await postForm(page, app, `/join?code=${encodeURIComponent(codeShown)}&/claim`, { code: codeShown, partyId: partyId! });
	expect(next, 'joined and sent to the own screen').toBe('/c');
	await visit(page, '/c', { status: 200 });
}

/**
 * Chooses one answer per item on the rating form (a point on the line, or a smiley by its value),
 * by clicking its label as a person would, and sends the form.
 */
export async function rate(page: Page, ratings: Ratings): Promise<void> {
	const form = page.locator('form.rating-form');
	for (const key of ITEM_KEYS) {
		await form.locator(`label[for="rating-${key}-${ratings[key]}"]`).click();
		await expect(form.locator(`#rating-${key}-${ratings[key]}`)).toBeChecked();
	}
	await submitAndRedirect(page, form.locator('button.submit'));
}

/** Without JavaScript a participant page does not follow the conversation: the client refreshes it. */
export async function refreshWithoutScript(page: Page): Promise<void> {
	await submit(page, page.getByRole('link', { name: 'Pagina verversen' }));
}

/** The professional's page shows the new state of the conversation after another device changed it. */
export async function reloadAndCheck(page: Page): Promise<void> {
	await page.reload();
	await checkPage(page);
}

/**
 * How long a page may take to load itself again after a change elsewhere: the other device's
 * post, the server's event, the live script's reload and the new document. Longer than an
 * action's 10 s, since on two busy cores (CI, with the browser taking 80 % of them) that chain
 * has taken more; how fast it is on a quiet machine is the bench's business (live delay).
 */
export const LIVE_RELOAD_TIMEOUT = 30_000;

/** The next document `page` loads by itself (a live update), awaited after `action` runs. */
export async function withLiveReload(page: Page, action: () => Promise<unknown>): Promise<void> {
	const reloaded = nextLiveLoad(page);
	await action();
	await reloaded;
}

/** A promise of the next document `page` loads by itself; start waiting before the change that causes it. */
export function nextLiveLoad(page: Page): Promise<unknown> {
	return page.waitForEvent('load', { timeout: LIVE_RELOAD_TIMEOUT });
}

/**
 * A participant's page follows the conversation by itself (static/live-client.js loads it again
 * on every change). Waits until `ready` holds, then checks the page with axe. A reload may land
 * while axe runs; then the check runs again on the new document. The documents the live script
 * loaded in between show this same page at moments the test did not look at; they count as
 * checked once the page they led to is.
 */
export async function settleLivePage(page: Page, ready: () => Promise<void>): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		await ready();
		await page.waitForLoadState('load');
		try {
			await checkPage(page);
			markShownChecked(page);
			return;
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (attempt >= 3 || !/Execution context was destroyed|navigation|Target closed|frame was detached/i.test(message)) throw error;
		}
	}
}

/**
 * Types "most" and "least satisfied" for one item on the reveal screen (staff or participant),
 * without saving. All items' fields belong to one form, so a later save sends these too.
 */
export async function typeReflection(page: Page, itemKey: ItemKey, text: { most: string; least: string }): Promise<void> {
	const details = page.locator(`details#reflection-${itemKey}`);
	// No script needed (the client's phone may run none): a closed <details> opens on its summary.
	if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
	await details.locator(`textarea[name="${itemKey}.mostSatisfied"]`).fill(text.most);
	await details.locator(`textarea[name="${itemKey}.leastSatisfied"]`).fill(text.least);
}

/** Presses the save button under one item: it saves what was typed for every item. */
export async function saveReflections(page: Page, itemKey: ItemKey): Promise<void> {
	await submitAndRedirect(page, page.locator(`details#reflection-${itemKey} button`));
}

/** Writes "most" and "least satisfied" for one item and saves. */
export async function writeReflection(page: Page, itemKey: ItemKey, text: { most: string; least: string }): Promise<void> {
	await typeReflection(page, itemKey, text);
	await saveReflections(page, itemKey);
}

export interface AgreementInput {
	what: string;
	who: 'client' | 'professional' | 'both';
	dueOn: string;
	measure: string;
}

/** The professional writes down the agreement (phase "agreement"). */
export async function saveAgreement(page: Page, input: AgreementInput): Promise<void> {
	const form = page.locator('form[action="?/agreement"]');
	await form.locator('textarea[name="what"]').fill(input.what);
	await form.locator(`input[name$="who"][value="${input.who}"]`).check();
	await form.locator('input[name="dueOn"]').fill(input.dueOn);
	await form.locator('textarea[name="successMeasure"]').fill(input.measure);
	await submitAndRedirect(page, form.locator('button'));
}

export interface ReviewInput {
	outcome: 'done' | 'partly' | 'notDone';
	note: string;
	followUp?: 'none' | 'carryOver' | 'keepOpen';
	/** The carried-over copy's new date. */
	dueOn?: string;
}

/** The professional reviews the first (or only) earlier agreement at the start of a conversation. */
export async function reviewAgreement(page: Page, input: ReviewInput): Promise<void> {
	const form = page.locator('form[action="?/review"]').first();
	await form.locator(`input[name$="outcome"][value="${input.outcome}"]`).check();
	await form.locator('textarea[name="note"]').fill(input.note);
	await form.locator(`input[name$="followUp"][value="${input.followUp ?? 'none'}"]`).check();
	if (input.dueOn) await form.locator('input[name="dueOn"]').fill(input.dueOn);
	await submitAndRedirect(page, form.locator('button'));
}

/** Stops a running conversation from its page, after the confirmation; ends on the collaboration page. */
export async function abandonConversation(page: Page, check: QuickCheck): Promise<void> {
	await visit(page, `${check.path}?confirm=abandon`, { status: 200 });
	await submitAndRedirect(page, page.locator('section.confirm form[action="?/abandon"] button'));
	await expect(page).toHaveURL(/\/collaborations\/[^/]+\?stopped=1$/);
}

/** The professional closes the conversation with a short summary. */
export async function closeConversation(page: Page, summary: string): Promise<void> {
	const form = page.locator('form[action="?/close"]');
	await form.locator('textarea[name="summary"]').fill(summary);
	await submitAndRedirect(page, form.locator('button'));
}

/** Sets the professional's hand-over PIN on /account. */
export async function setHandoverPin(page: Page, pin: string, password: string): Promise<void> {
	await visit(page, '/account', { status: 200 });
	const form = page.locator('form[action="?/setPin"]');
	await form.locator('input[name="pin"]').fill(pin);
	await form.locator('input[name="password"]').fill(password);
	await submit(page, form.locator('button'));
}
