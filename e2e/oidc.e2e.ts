// Sign-in with the organisation's own OpenID Connect provider (issue 18, part 1). A real
// provider (the `oidc-provider` package, src/lib/server/testing/oidc-test-provider.ts) runs in
// the test on a local port and signs in whoever Tweespraak names as the login hint. Forged and
// replayed answers (issuer, audience, expiry, nonce, state) are refused in the integration
// tests on both databases (src/lib/server/identity/identity.sign-in.integration.test.ts).
import type { Browser, BrowserContextOptions } from '@playwright/test';
import { startTestProvider, type TestProvider } from '../src/lib/server/testing/oidc-test-provider.ts';
import { checkPage, expect, extractLink, postForm, submit, submitAndRedirect, test, visit, waitForMail, type Page } from './fixtures.ts';

let provider: TestProvider;
test.beforeAll(async () => {
	provider = await startTestProvider();
});
test.afterAll(async () => {
	await provider.close();
});

/**
 * A browser of its own, not a tracked page: signing in leaves this site for the provider by
 * design, which the tracked pages' end check (no request to another host) would refuse. Every
 * page of Tweespraak it shows is checked with axe all the same (visit, submit, checkPage).
 */
async function ownBrowser(browser: Browser, options: BrowserContextOptions): Promise<Page> {
	const context = await browser.newContext(options);
	return context.newPage();
}

/** From the sign-in page, through the provider, back to Tweespraak; ends on the page it lands on, checked. */
async function signInThroughProvider(page: Page, email: string): Promise<void> {
	await visit(page, '/sign-in', { status: 200 });
	await page.getByRole('link', { name: 'Inloggen met het account van je organisatie' }).click();
	await expect(page).toHaveURL(/\/sign-in\/provider$/);
	await checkPage(page);
	await page.locator('main input[name="email"]').fill(email);
	await submit(page, page.getByRole('button', { name: 'Verder naar mijn organisatie' }));
	const onward = page.getByRole('link', { name: 'Naar de inlogpagina van mijn organisatie' });
	await expect(onward).toHaveAttribute('href', new RegExp(`^${provider.issuer}/`));
	await onward.click();
	await page.waitForURL((url) => url.port !== new URL(provider.issuer).port && !url.pathname.startsWith('/api/auth/'));
	await page.waitForLoadState('load');
	await checkPage(page);
}

test('an admin configures the test provider; an invited professional signs in through it; a stranger from the domain and a deactivated professional are refused', async ({
	adminPage,
	mainApp,
	browser,
	baseURL,
	locale,
	timezoneId,
	extraHTTPHeaders
}) => {
	test.setTimeout(240_000);
	const domain = `oidc-${Date.now().toString(36)}.test`;
	const contextOptions = { baseURL, locale, timezoneId, extraHTTPHeaders };

	// The admin configures the provider: the page names the redirect URL to register there.
	await visit(adminPage, '/admin/identity', { status: 200 });
	await expect(adminPage.getByTestId('redirect-url')).toContainText(`${baseURL}/api/auth/callback/org-`);
	const form = adminPage.locator('form[action="?/save"]');
	// Unticked unless the admin vouches for it: the test provider states email_verified itself.
	await expect(form.getByRole('checkbox', { name: /controleert zelf elk e-mailadres/ })).not.toBeChecked();
	// A provider that does not answer: a clear message, nothing stored.
	await form.locator('input[name="discoveryUrl"]').fill('http://127.0.0.1:1');
	await form.locator('input[name="clientId"]').fill(provider.clientId);
	await form.locator('input[name="clientSecret"]').fill(provider.clientSecret);
	await form.locator('input[name="domains"]').fill(domain);
	await submit(adminPage, form.getByRole('button', { name: 'Opslaan' }));
	await expect(adminPage.getByRole('alert')).toContainText('De inlogdienst van de organisatie antwoordt niet.');
	await expect(adminPage.getByRole('button', { name: 'Inlogdienst verwijderen' })).toHaveCount(0);

	await form.locator('input[name="discoveryUrl"]').fill(provider.issuer);
	await form.locator('input[name="clientId"]').fill(provider.clientId);
	await form.locator('input[name="clientSecret"]').fill(provider.clientSecret);
	await form.locator('input[name="domains"]').fill(domain);
	await submitAndRedirect(adminPage, form.getByRole('button', { name: 'Opslaan' }));
	await expect(adminPage.getByRole('status')).toContainText('De inlogdienst is opgeslagen.');
	// The secret is never shown again.
	await expect(adminPage.locator('input[name="clientSecret"]')).toHaveValue('');
	await expect(adminPage.getByRole('main')).not.toContainText(provider.clientSecret);

	// An invited professional (invitation not yet accepted) signs in through the provider.
	const invited = `nieuw@${domain}`;
	await postForm(adminPage, mainApp, '/admin/staff?/invite', { email: invited, roles: ['professional'], teamId: '', locale: 'nl' });
	const newcomer = await ownBrowser(browser, contextOptions);
	await signInThroughProvider(newcomer, invited);
	await expect(newcomer).toHaveURL(/\/start$/);
	await expect(newcomer.getByRole('navigation')).toContainText('Samenwerkingen');

	// Signing out ends the session here.
	await submit(newcomer, newcomer.locator('header form[action="/sign-out"] button'));
	await expect(newcomer).toHaveURL(/\/sign-in\?signedOut=1$/);
	await visit(newcomer, '/collaborations');
	await expect(newcomer).toHaveURL(/\/sign-in\?next=/);

	// A stranger from the allowed domain, without an invitation, is refused.
	const stranger = await ownBrowser(browser, contextOptions);
	await signInThroughProvider(stranger, `vreemde@${domain}`);
	await expect(stranger).toHaveURL(/\/sign-in\/provider\?error=oidc_not_invited(&|$)/);
	await expect(stranger.getByRole('alert')).toContainText('Je bent niet uitgenodigd voor Tweespraak.');

	// A professional with an account (made with a password), then deactivated, is refused.
	const leaver = { email: `weg@${domain}`, name: `Weg ${domain}`, password: 'een heel lang wachtwoord' };
	await postForm(adminPage, mainApp, '/admin/staff?/invite', { email: leaver.email, roles: ['professional'], teamId: '', locale: 'nl' });
	const link = extractLink(await waitForMail(mainApp, leaver.email), '/invitation/');
	const leaverPage = await ownBrowser(browser, contextOptions);
	await postForm(leaverPage, mainApp, link, { name: leaver.name, password: leaver.password, passwordConfirm: leaver.password });
	await visit(adminPage, '/admin/staff', { status: 200 });
	const row = adminPage.locator('main tbody tr', { has: adminPage.locator('th', { hasText: leaver.name }) });
	await submitAndRedirect(adminPage, row.locator('form[action="?/deactivate"]').getByRole('button'));
	await signInThroughProvider(leaverPage, leaver.email);
	await expect(leaverPage).toHaveURL(/\/sign-in\/provider\?error=oidc_account_inactive(&|$)/);
	await expect(leaverPage.getByRole('alert')).toContainText('Je account is niet meer actief.');

	for (const page of [newcomer, stranger, leaverPage]) await page.context().close();
});
