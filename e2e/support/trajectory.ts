// Helpers for the learning trajectory e2e tests (e2e/trajectories.e2e.ts, e2e/trajectory-instrument*.e2e.ts).
import { expect, type Page } from '@playwright/test';
import type { FixtureQuestionnaire } from '../../src/lib/server/testing/fhir-questionnaires.ts';
import { createStaffMember, signIn, submit, uniqueEmail, visit, waitForMail } from './actions.ts';
import { extractLink } from './mail.ts';
import type { AppInfo } from './server.ts';

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

/**
 * A participant at the moment T1 of a new trajectory that asks an imported questionnaire: the admin
 * imports it on the instruments page (`onImported` may check that page before it is left), a new
 * coordinator makes a trajectory with T1 open from today for a week and chooses the questionnaire
 * for T1, and invites a participant, who joins, consents and opens T1 from their own page.
 */
export async function openMomentWithQuestionnaire(
	pages: { adminPage: Page; newPage: () => Promise<Page>; app: AppInfo },
	input: {
		questionnaire: FixtureQuestionnaire;
		/** The questionnaire's title, as the instruments page and the moment's choice name it. */
		title: string;
		/** Stands in the labels, e-mail addresses and names of the people made for it. */
		label: string;
		trajectoryName: string;
		organisationName: string;
		onImported?: (adminPage: Page) => Promise<void>;
	}
): Promise<{ coordinatorPage: Page; trajectoryId: string; participant: Page }> {
	const { adminPage, newPage, app } = pages;
	const { questionnaire, title, label } = input;
	await visit(adminPage, '/admin/instruments', { status: 200 });
	await adminPage.locator('textarea[name="questionnaire"]').fill(JSON.stringify(questionnaire));
	adminPage.setDefaultTimeout(90_000);
	await submit(adminPage, adminPage.getByRole('button', { name: 'Toevoegen' }));
	adminPage.setDefaultTimeout(10_000);
	await expect(adminPage.getByRole('status')).toContainText(`De vragenlijst is toegevoegd: ${title}`);
	await input.onImported?.(adminPage);

	const coordinatorPage = await newPage();
	const coordinator = await createStaffMember(adminPage, coordinatorPage, app, {
		label: `coordinator-${label}`,
		roles: ['trajectoryCoordinator']
	});
	await signIn(coordinatorPage, app, coordinator.email, coordinator.password);
	await visit(coordinatorPage, '/trajectories/new');
	const form = coordinatorPage.locator('main form');
	await form.getByLabel('Naam van het leertraject').fill(input.trajectoryName);
	await form.getByLabel('T1 open vanaf').fill(day(0));
	await form.getByLabel('T1 open tot en met').fill(day(7));
	await submit(coordinatorPage, form.getByRole('button', { name: 'Leertraject maken' }));
	const trajectoryId = /\/trajectories\/([0-9a-f-]{36})$/.exec(coordinatorPage.url())![1]!;
	await visit(coordinatorPage, `/trajectories/${trajectoryId}/settings`);
	const choice = coordinatorPage.locator('#instruments');
	await choice.getByLabel('Vragenlijst bij T1').selectOption({ label: `${title} (${questionnaire.item.length} vragen)` });
	await submit(coordinatorPage, choice.getByRole('button', { name: 'Opslaan' }));

	const email = uniqueEmail(label);
	const base = app.baseURL;
	await post(coordinatorPage, base, `/trajectories/${trajectoryId}?/invite`, {
		email,
		organisationName: input.organisationName,
		locale: 'nl'
	});
	const participant = await newPage();
	const invitationLink = extractLink(await waitForMail(app, email), '/invitation/');
	await joinAndConsentByPosts(participant, base, { invitationLink, email, name: `Deelnemer ${label.toUpperCase()}`, trajectoryId });
	await visit(participant, `/trajectories/${trajectoryId}/me`);
	await follow(participant, participant.getByRole('link', { name: 'T1 invullen' }));
	return { coordinatorPage, trajectoryId, participant };
}
