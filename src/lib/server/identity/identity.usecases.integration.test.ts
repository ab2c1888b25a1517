import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inviteStaff } from '../invitations/invitations.usecases.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { startTestProvider, type TestProvider } from '../testing/oidc-test-provider.ts';
import { describeOnBothDatabases, TEST_ORIGIN, useTestContext } from '../testing/test-context.ts';
import type { IdentityProviderInput } from './identity.schemas.ts';
import { getIdentityProvider, removeIdentityProvider, saveIdentityProvider } from './identity.usecases.ts';

let provider: TestProvider;
/** A server whose discovery document names an issuer and nothing else. */
let incomplete: Server;
let incompleteUrl: string;
/** A port where nothing listens: a provider that does not answer. */
let silentUrl: string;

beforeAll(async () => {
	provider = await startTestProvider();
	incomplete = createServer((_req, res) =>
		res.setHeader('content-type', 'application/json').end(JSON.stringify({ issuer: 'http://127.0.0.1' }))
	);
	await new Promise<void>((resolve) => incomplete.listen(0, '127.0.0.1', resolve));
	incompleteUrl = `http://127.0.0.1:${(incomplete.address() as AddressInfo).port}/.well-known/openid-configuration`;
	const closed = createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	silentUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/.well-known/openid-configuration`;
	await new Promise<void>((resolve) => closed.close(() => resolve()));
});
afterAll(async () => {
	await provider.close();
	await new Promise<void>((resolve) => incomplete.close(() => resolve()));
});

describeOnBothDatabases('configuring the organisation’s OpenID Connect provider', (dialect) => {
	const t = useTestContext(dialect);
	let n = 0;
	const input = (overrides: Partial<IdentityProviderInput> = {}): IdentityProviderInput => ({
		discoveryUrl: `${provider.issuer}/.well-known/openid-configuration`,
		clientId: provider.clientId,
		clientSecret: provider.clientSecret,
		domains: [`instelling-${dialect}-${++n}.test`],
		staffOnly: false,
		verifiesAddresses: false,
		...overrides
	});

	it('an admin saves the provider; the page shows the redirect URL to register, never the secret', async () => {
		const admin = await buildOrganisation(t.ctx);
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input({ staffOnly: true }) });
		const shown = await getIdentityProvider({ ctx: t.ctx, actor: admin });
		expect(shown).toMatchObject({ configured: true, clientId: provider.clientId, staffOnly: true, verifiesAddresses: false });
		expect(shown.redirectUrl).toBe(`${TEST_ORIGIN}/api/auth/callback/org-${admin.organisationId}`);
		expect(JSON.stringify(shown)).not.toContain(provider.clientSecret);
		const stored = await t.ctx.db.selectFrom('identityProviders').select('clientSecret').executeTakeFirstOrThrow();
		expect(stored.clientSecret).not.toContain(provider.clientSecret);
	});

	it('saving again without a secret keeps the stored one', async () => {
		const admin = await buildOrganisation(t.ctx);
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input() });
		const before = await t.ctx.db
			.selectFrom('identityProviders')
			.select('clientSecret')
			.where('organisationId', '=', admin.organisationId)
			.executeTakeFirstOrThrow();
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input({ clientSecret: '', clientId: 'other-client' }) });
		const after = await t.ctx.db
			.selectFrom('identityProviders')
			.select(['clientSecret', 'clientId'])
			.where('organisationId', '=', admin.organisationId)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ clientSecret: before.clientSecret, clientId: 'other-client' });
	});

	const refusals: [string, () => Partial<IdentityProviderInput>, string][] = [
		['a provider that does not answer', () => ({ discoveryUrl: silentUrl }), 'identity.provider_unreachable'],
		['a discovery document without the needed endpoints', () => ({ discoveryUrl: incompleteUrl }), 'identity.discovery_incomplete'],
		['a first save without a client secret', () => ({ clientSecret: '' }), 'identity.secret_required']
	];
	for (const [what, overrides, code] of refusals) {
		it(`${what} is refused with a clear message, and nothing is stored`, async () => {
			const admin = await buildOrganisation(t.ctx);
			await expect(saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input(overrides()) })).rejects.toMatchObject({ code });
			expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).configured).toBe(false);
		});
	}

	it('without ALLOW_PRIVATE_PROVIDERS a provider on this machine is refused as private, by address or by name, and is not asked', async () => {
		const asked = provider.requests();
		t.ctx.config.allowPrivateProviders = false;
		try {
			for (const discoveryUrl of [
				`${provider.issuer}/.well-known/openid-configuration`,
				`${provider.issuer.replace('127.0.0.1', 'localhost')}/.well-known/openid-configuration`
			]) {
				const admin = await buildOrganisation(t.ctx);
				await expect(saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input({ discoveryUrl }) })).rejects.toMatchObject({
					code: 'identity.provider_private'
				});
				expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).configured).toBe(false);
			}
		} finally {
			t.ctx.config.allowPrivateProviders = true;
		}
		expect(provider.requests()).toBe(asked);
	});

	it('a domain another organisation on this installation already uses is refused; its settings stay as they were', async () => {
		const first = await buildOrganisation(t.ctx);
		const claimed = input();
		await saveIdentityProvider({ ctx: t.ctx, actor: first, input: claimed });
		const second = await buildOrganisation(t.ctx);
		await expect(
			saveIdentityProvider({ ctx: t.ctx, actor: second, input: input({ domains: ['eigen.test', ...claimed.domains] }) })
		).rejects.toMatchObject({ code: 'identity.domain_claimed' });
		expect((await getIdentityProvider({ ctx: t.ctx, actor: second })).configured).toBe(false);
		expect((await getIdentityProvider({ ctx: t.ctx, actor: first })).domains).toEqual(claimed.domains);
	});

	it('a domain at which another organisation has staff, or has invited staff, is refused: its provider would lock them out', async () => {
		const other = await buildOrganisation(t.ctx);
		const staffed = `leden-${dialect}-${++n}.test`;
		const invited = `uitgenodigd-${dialect}-${++n}.test`;
		await buildStaff(t.ctx, other, { email: `iemand@${staffed}` });
		await inviteStaff({
			ctx: t.ctx,
			actor: other,
			input: { email: `nieuw@${invited}`, roles: ['professional'], teamId: '', locale: 'nl' }
		});
		const admin = await buildOrganisation(t.ctx);
		for (const domain of [staffed, invited]) {
			await expect(saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input({ domains: [domain] }) })).rejects.toMatchObject({
				code: 'identity.domain_claimed'
			});
		}
		expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).configured).toBe(false);
		// Its own staff at its own domain are what a provider is for.
		const own = `eigen-${dialect}-${++n}.test`;
		await buildStaff(t.ctx, admin, { email: `collega@${own}` });
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input({ domains: [own] }) });
		expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).domains).toEqual([own]);
	});

	it('a domain the organisation already has stays savable when another organisation has staff there; making it the only way in then is refused', async () => {
		const admin = await buildOrganisation(t.ctx);
		const saved = input();
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: saved });
		// Another organisation's member at that domain, from before the check existed.
		await buildStaff(t.ctx, await buildOrganisation(t.ctx), { email: `elders@${saved.domains[0]}` });
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: { ...saved, clientSecret: 'een nieuw geheim', clientId: 'nieuw' } });
		expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).clientId).toBe('nieuw');
		await expect(saveIdentityProvider({ ctx: t.ctx, actor: admin, input: { ...saved, staffOnly: true } })).rejects.toMatchObject({
			code: 'identity.domain_claimed'
		});
		expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).staffOnly).toBe(false);
	});

	it('an address at a domain another organisation lets in only through its provider cannot be invited, as the invitee could never get in; at a domain that also allows passwords it can', async () => {
		const first = await buildOrganisation(t.ctx);
		const claimed = input({ staffOnly: true });
		await saveIdentityProvider({ ctx: t.ctx, actor: first, input: claimed });
		const second = await buildOrganisation(t.ctx);
		const email = `nieuw@${claimed.domains[0]}`;
		const invite = (actor: typeof first) =>
			inviteStaff({ ctx: t.ctx, actor, input: { email, roles: ['professional'], teamId: '', locale: 'nl' } });
		await expect(invite(second)).rejects.toMatchObject({ code: 'invitation.domain_elsewhere' });
		expect(await t.ctx.db.selectFrom('invitations').select('id').where('email', '=', email).execute()).toEqual([]);
		await invite(first);

		const open = input();
		const third = await buildOrganisation(t.ctx);
		await saveIdentityProvider({ ctx: t.ctx, actor: third, input: open });
		await inviteStaff({
			ctx: t.ctx,
			actor: second,
			input: { email: `ook@${open.domains[0]}`, roles: ['professional'], teamId: '', locale: 'nl' }
		});
	});

	it('only an admin manages the provider: a professional or team lead is refused', async () => {
		const admin = await buildOrganisation(t.ctx);
		for (const roles of [['professional'], ['teamLead'], ['trajectoryCoordinator']] as const) {
			const other = await buildStaff(t.ctx, admin, { roles: [...roles] });
			await expect(getIdentityProvider({ ctx: t.ctx, actor: other })).rejects.toMatchObject({ code: 'not_found' });
			await expect(saveIdentityProvider({ ctx: t.ctx, actor: other, input: input() })).rejects.toMatchObject({ code: 'not_found' });
		}
		expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).configured).toBe(false);
	});

	it('removing the provider frees its domains for password sign-in again', async () => {
		const admin = await buildOrganisation(t.ctx);
		await saveIdentityProvider({ ctx: t.ctx, actor: admin, input: input({ staffOnly: true }) });
		await removeIdentityProvider({ ctx: t.ctx, actor: admin });
		expect((await getIdentityProvider({ ctx: t.ctx, actor: admin })).configured).toBe(false);
		expect(
			await t.ctx.db.selectFrom('identityProviderDomains').select('domain').where('organisationId', '=', admin.organisationId).execute()
		).toEqual([]);
	});
});
