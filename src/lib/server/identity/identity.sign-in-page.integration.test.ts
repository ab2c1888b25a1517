import { afterAll, beforeAll, expect, it } from 'vitest';
import { load as signInPage } from '../../../routes/sign-in/+page.server.ts';
import { load as providerPage } from '../../../routes/sign-in/provider/+page.server.ts';
import { anonymousActor } from '../testing/builders.ts';
import { buildOrganisationWithProvider } from '../testing/identity-builders.ts';
import { startTestProvider, type TestProvider } from '../testing/oidc-test-provider.ts';
import { loadAs } from '../testing/page-loads.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';

let provider: TestProvider;
beforeAll(async () => {
	provider = await startTestProvider();
});
afterAll(async () => {
	await provider.close();
});

// A new user found the sign-in page offering "Inloggen met het account van je organisatie" on a
// server where no organisation had a provider: the link led every visitor to a dead end.
describeOnBothDatabases('the sign-in page’s link to an organisation’s account', (dialect) => {
	const t = useTestContext(dialect);

	it('is offered only once some organisation has a provider; until then its page says so', async () => {
		const input = { actor: anonymousActor, path: '/sign-in' };
		expect(await loadAs(t.ctx, signInPage, input)).toMatchObject({ data: { providerSignIn: false } });
		expect(await loadAs(t.ctx, providerPage, { ...input, path: '/sign-in/provider' })).toMatchObject({ data: { offered: false } });

		await buildOrganisationWithProvider(t.ctx, provider, `zorg-${dialect}-page.test`);
		expect(await loadAs(t.ctx, signInPage, input)).toMatchObject({ data: { providerSignIn: true } });
		expect(await loadAs(t.ctx, providerPage, { ...input, path: '/sign-in/provider' })).toMatchObject({ data: { offered: true } });
	});
});
