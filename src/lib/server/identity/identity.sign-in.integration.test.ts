import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { authenticate } from '../auth/authenticate.ts';
import { signIn, signOut } from '../auth/auth.usecases.ts';
import { acceptInvitation, inviteStaff } from '../invitations/invitations.usecases.ts';
import type { DomainError } from '../shared/errors.ts';
import { deleteStaffAccount } from '../staff/staff.deletion.usecases.ts';
import { deactivateStaff } from '../staff/staff.usecases.ts';
import { anonymousActor, buildStaff, cookieHeadersFrom, linkInMail, tokenFromLink, type BuiltStaff } from '../testing/builders.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { inviteParticipant } from '../trajectories/trajectories.members.usecases.ts';
import { followProviderRedirects, startTestProvider, type TestProvider } from '../testing/oidc-test-provider.ts';
import { buildOrganisationWithProvider, saveTestProvider, type ProviderOptions } from '../testing/identity-builders.ts';
import { describeOnBothDatabases, TEST_ORIGIN, useTestContext } from '../testing/test-context.ts';
import { providerSignInError } from './identity.models.ts';
import { startProviderSignIn } from './identity.sign-in.usecases.ts';
import { allowPasswordSignIn, getIdentityProvider } from './identity.usecases.ts';

let provider: TestProvider;
beforeAll(async () => {
	provider = await startTestProvider();
});
afterAll(async () => {
	await provider.close();
});

describeOnBothDatabases('sign-in with the organisation’s OpenID Connect provider', (dialect) => {
	const t = useTestContext(dialect);
	let n = 0;

	/** An organisation whose staff use the test provider for their own domain. */
	const organisationWithProvider = (options: ProviderOptions = {}) =>
		buildOrganisationWithProvider(t.ctx, provider, `zorg-${dialect}-${++n}.test`, options);

	/** The whole round trip, as a browser makes it: Tweespraak → provider → Tweespraak's callback. */
	async function signInThroughProvider(email: string) {
		const started = await startProviderSignIn({ ctx: t.ctx, email, requestHeaders: new Headers() });
		const callbackUrl = await followProviderRedirects(started.url, provider.issuer);
		const browserCookies = cookieHeadersFrom(started.headers);
		const callback = () => t.ctx.auth.handler(new Request(callbackUrl, { headers: browserCookies }));
		const response = await callback();
		const location = new URL(response.headers.get('location') ?? '/', TEST_ORIGIN);
		const session = await authenticate(t.ctx, cookieHeadersFrom(response.headers));
		return {
			location,
			error: location.searchParams.get('error'),
			actor: session.actor,
			twoFactorSetupRequired: session.twoFactorSetupRequired,
			headers: response.headers,
			replay: callback
		};
	}

	function expectRefusedWith(outcome: Awaited<ReturnType<typeof signInThroughProvider>>, message: string) {
		expect(outcome.actor.type).toBe('anonymous');
		expect(outcome.location.pathname).toBe('/sign-in/provider');
		expect(providerSignInError(outcome.error)).toBe(message);
	}

	async function userCount(email: string) {
		const rows = await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute();
		return rows.length;
	}

	it('a callback the server did not start (no state, a forged state, no provider) ends on the provider sign-in page saying to start again, logged as a warning, not an error', async () => {
		const { admin } = await organisationWithProvider();
		const errors = vi.spyOn(t.ctx.logger, 'error');
		const warnings = vi.spyOn(t.ctx.logger, 'warn');
		try {
			for (const query of ['', '?code=x&state=forged', '?code=x']) {
				for (const providerId of [`org-${admin.organisationId}`, 'org-nobody']) {
					const response = await t.ctx.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/callback/${providerId}${query}`));
					expect(response.status).toBe(302);
					const location = new URL(response.headers.get('location') ?? '', TEST_ORIGIN);
					expect(`${location.origin}${location.pathname}`).toBe(`${TEST_ORIGIN}/sign-in/provider`);
					expect(providerSignInError(location.searchParams.get('error'))).toBe('identity.sign_in_expired');
				}
			}
			expect(errors).not.toHaveBeenCalled();
			expect(warnings).toHaveBeenCalled();
		} finally {
			errors.mockRestore();
			warnings.mockRestore();
		}
	});

	it('an invited person’s first sign-in through the provider makes their account, with the invited roles', async () => {
		const { admin, domain } = await organisationWithProvider();
		const email = `nieuw@${domain}`;
		await inviteStaff({ ctx: t.ctx, actor: admin, input: { email, roles: ['professional', 'teamLead'], teamId: '', locale: 'en' } });
		const outcome = await signInThroughProvider(email);
		expect(outcome.error).toBeNull();
		expect(outcome.location.pathname).toBe('/start');
		expect(outcome.actor).toMatchObject({ type: 'staff', organisationId: admin.organisationId, roles: ['teamLead', 'professional'] });
		// The invitation is used up: the link in the mail no longer makes a second account.
		const open = await t.ctx.db.selectFrom('invitations').select('acceptedAt').where('email', '=', email).executeTakeFirstOrThrow();
		expect(open.acceptedAt).not.toBeNull();
	});

	it('an existing member’s first sign-in through the provider links to their account; later sign-ins use that link', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const first = await signInThroughProvider(member.email);
		expect(first.actor).toMatchObject({ type: 'staff', userId: member.userId });
		const second = await signInThroughProvider(member.email);
		expect(second.actor).toMatchObject({ type: 'staff', userId: member.userId });
		expect(await userCount(member.email)).toBe(1);
		const accounts = await t.ctx.db.selectFrom('accounts').select('providerId').where('userId', '=', member.userId).execute();
		expect(accounts.map((a) => a.providerId).sort()).toEqual(['credential', `org-${admin.organisationId}`]);
		const signIns = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['actorId', 'details'])
			.where('action', '=', 'auth.signed_in')
			.where('targetId', '=', member.userId)
			.execute();
		expect(signIns).toEqual([
			{ actorId: member.userId, details: JSON.stringify({ method: 'provider' }) },
			{ actorId: member.userId, details: JSON.stringify({ method: 'provider' }) }
		]);
	});

	it('with two-factor required, an account without a password is not sent to set up an app code; one with a password still is', async () => {
		const { admin, domain } = await organisationWithProvider({ requireTwoFactor: true });
		const email = `nieuw@${domain}`;
		await inviteStaff({ ctx: t.ctx, actor: admin, input: { email, roles: ['professional'], teamId: '', locale: 'nl' } });
		const providerOnly = await signInThroughProvider(email);
		expect(providerOnly.actor.type).toBe('staff');
		expect(providerOnly.twoFactorSetupRequired).toBe(false);
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		expect((await signInThroughProvider(member.email)).twoFactorSetupRequired).toBe(true);
	});

	it('a stranger from an allowed domain without an invitation is refused, and no account is made', async () => {
		const { domain } = await organisationWithProvider();
		const outcome = await signInThroughProvider(`vreemde@${domain}`);
		expectRefusedWith(outcome, 'identity.not_invited');
		expect(await userCount(`vreemde@${domain}`)).toBe(0);
	});

	it('a deactivated member is refused through the provider too, also after an earlier provider sign-in', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `weg@${domain}` });
		expect((await signInThroughProvider(member.email)).actor.type).toBe('staff');
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		expectRefusedWith(await signInThroughProvider(member.email), 'identity.account_inactive');
	});

	it('a deleted account is refused: its address and provider link are gone, so it is a stranger, and no account is made', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `vertrokken@${domain}` });
		expect((await signInThroughProvider(member.email)).actor.type).toBe('staff');
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		await deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: member.userId });
		expectRefusedWith(await signInThroughProvider(member.email), 'identity.not_invited');
		expect(await userCount(member.email)).toBe(0);
	});

	it('an address the provider vouches for outside the organisation’s domains is refused', async () => {
		const { domain } = await organisationWithProvider();
		provider.signInAs = 'iemand@elders.test';
		try {
			expectRefusedWith(await signInThroughProvider(`lid@${domain}`), 'identity.domain_not_allowed');
		} finally {
			provider.signInAs = null;
		}
	});

	it('an address the provider says it has not verified (email_verified false) neither takes over the member with that address nor an invitation: refused, nothing linked, no account made', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const invited = `nieuw@${domain}`;
		await inviteStaff({ ctx: t.ctx, actor: admin, input: { email: invited, roles: ['admin'], teamId: '', locale: 'nl' } });
		const providersOf = async (userId: string) =>
			(await t.ctx.db.selectFrom('accounts').select('providerId').where('userId', '=', userId).execute()).map((a) => a.providerId);
		// Someone at the provider who typed a colleague's address into their own profile (a string too, as some providers send it).
		for (const unverified of [false, 'false']) {
			provider.tamper = (claims) => ({ ...claims, email_verified: unverified });
			try {
				expectRefusedWith(await signInThroughProvider(member.email), 'identity.email_unverified');
				expectRefusedWith(await signInThroughProvider(invited), 'identity.email_unverified');
			} finally {
				provider.tamper = null;
			}
		}
		expect(await providersOf(member.userId)).toEqual(['credential']);
		expect(await userCount(invited)).toBe(0);
		const invitation = await t.ctx.db.selectFrom('invitations').select('acceptedAt').where('email', '=', invited).executeTakeFirstOrThrow();
		expect(invitation.acceptedAt).toBeNull();
		expect(m.error_identity_email_unverified({}, { locale: 'nl' })).toContain('niet bevestigd');
	});

	it('regression (attacker pass): a provider that says nothing about the address (no email_verified) neither takes over a member nor an invitation, until an admin marks it as proving addresses itself; its "false" is refused even then', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const invited = `nieuw@${domain}`;
		await inviteStaff({ ctx: t.ctx, actor: admin, input: { email: invited, roles: ['admin'], teamId: '', locale: 'nl' } });
		const providersOf = async (userId: string) =>
			(await t.ctx.db.selectFrom('accounts').select('providerId').where('userId', '=', userId).execute()).map((a) => a.providerId);
		// An attacker's provider, or a directory where people choose their own address, that states nothing.
		provider.tamper = ({ email_verified: _omitted, ...claims }) => claims;
		try {
			expectRefusedWith(await signInThroughProvider(member.email), 'identity.email_verified_missing');
			expectRefusedWith(await signInThroughProvider(invited), 'identity.email_verified_missing');
			expect(await providersOf(member.userId)).toEqual(['credential']);
			expect(await userCount(invited)).toBe(0);
			expect(m.error_identity_email_verified_missing({}, { locale: 'nl' })).toContain('Inloggen via je organisatie');
			expect(m.error_identity_email_verified_missing({}, { locale: 'en' })).toContain('Sign-in through your organisation');

			// The admin says the provider proves every address itself (Microsoft Entra ID states nothing): its silence counts.
			await saveTestProvider(t.ctx, provider, admin, domain, { verifiesAddresses: true });
			expect(await getIdentityProvider({ ctx: t.ctx, actor: admin })).toMatchObject({ verifiesAddresses: true });
			expect((await signInThroughProvider(member.email)).actor).toMatchObject({ type: 'staff', userId: member.userId });
			provider.tamper = (claims) => ({ ...claims, email_verified: false });
			expectRefusedWith(await signInThroughProvider(invited), 'identity.email_unverified');
			expect(await userCount(invited)).toBe(0);
		} finally {
			provider.tamper = null;
		}
	});

	const forgeries: [string, (claims: Record<string, unknown>) => Record<string, unknown>][] = [
		['a wrong issuer', (claims) => ({ ...claims, iss: 'https://evil.example' })],
		['a wrong audience', (claims) => ({ ...claims, aud: 'another-app' })],
		['an expired token', (claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
		['a nonce mismatch', (claims) => ({ ...claims, nonce: 'not-the-nonce-of-this-sign-in' })]
	];
	for (const [what, tamper] of forgeries) {
		it(`an ID token with ${what} is refused: no session, a clear message`, async () => {
			const { admin, domain } = await organisationWithProvider();
			const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
			provider.tamper = tamper;
			try {
				const outcome = await signInThroughProvider(member.email);
				expectRefusedWith(outcome, 'identity.answer_untrusted');
				expect(outcome.headers.get('set-cookie') ?? '').not.toMatch(/session_token=[^;]/);
			} finally {
				provider.tamper = null;
			}
		});
	}

	it('a replayed callback (the same state and code again) is refused and signs nobody in', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const outcome = await signInThroughProvider(member.email);
		expect(outcome.actor.type).toBe('staff');
		const replayed = await outcome.replay();
		const location = new URL(replayed.headers.get('location') ?? '/', TEST_ORIGIN);
		expect(providerSignInError(location.searchParams.get('error'))).toBe('identity.sign_in_expired');
		expect((await authenticate(t.ctx, cookieHeadersFrom(replayed.headers))).actor.type).toBe('anonymous');
	});

	it('signing out ends the session here', async () => {
		const { admin, domain } = await organisationWithProvider();
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const outcome = await signInThroughProvider(member.email);
		const headers = cookieHeadersFrom(outcome.headers);
		await signOut({ ctx: t.ctx, actor: outcome.actor, requestHeaders: headers });
		expect((await authenticate(t.ctx, headers)).actor.type).toBe('anonymous');
	});

	it('when the provider is the only way in, a password sign-in of its staff is refused with a clear message', async () => {
		const { admin, domain } = await organisationWithProvider({ staffOnly: true });
		const member: BuiltStaff = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const attempt = signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: member.email,
			password: member.password,
			clientAddress: '10.1.0.1',
			requestHeaders: new Headers()
		});
		await expect(attempt).rejects.toMatchObject({ code: 'auth.provider_required' } satisfies Partial<DomainError>);
		expect((await signInThroughProvider(member.email)).actor.type).toBe('staff');
	});

	it('the provider-only answer goes by the address’s domain: the same for its staff with any password and for an unknown address, so it neither lists staff nor tests passwords', async () => {
		const { admin, domain } = await organisationWithProvider({ staffOnly: true });
		const member: BuiltStaff = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		const attempt = (email: string, password: string) =>
			signIn({ ctx: t.ctx, actor: anonymousActor, email, password, clientAddress: '10.1.0.2', requestHeaders: new Headers() });
		const refused = { code: 'auth.provider_required' } satisfies Partial<DomainError>;
		await expect(attempt(member.email, 'een gok van een vreemde')).rejects.toMatchObject(refused);
		await expect(attempt(member.email, member.password)).rejects.toMatchObject(refused);
		await expect(attempt(`niemand@${domain}`, 'een gok van een vreemde')).rejects.toMatchObject(refused);
	});

	it('a learning trajectory’s guest at a provider-only domain signs in with their own password; a wrong one gets the same answer as anyone there', async () => {
		const { domain } = await organisationWithProvider({ staffOnly: true });
		const trajectory = await buildTrajectory(t.ctx, { participants: 0 });
		const email = `gast@${domain}`;
		await inviteParticipant({
			ctx: t.ctx,
			actor: trajectory.coordinator,
			trajectoryId: trajectory.trajectoryId,
			input: { email, organisationName: 'Buurtteam Oost', locale: 'nl' }
		});
		const password = 'een lang wachtwoord van de gast';
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to(email).at(-1)!));
		await acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: { name: 'Gina Gast', password, passwordConfirm: password } });
		const attempt = (typed: string) =>
			signIn({ ctx: t.ctx, actor: anonymousActor, email, password: typed, clientAddress: '10.1.0.4', requestHeaders: new Headers() });
		await expect(attempt('een gok van een vreemde')).rejects.toMatchObject({
			code: 'auth.provider_required'
		} satisfies Partial<DomainError>);
		const outcome = await attempt(password);
		expect(outcome.guest).toBe(true);
		expect((await authenticate(t.ctx, cookieHeadersFrom(outcome.headers))).actor.type).toBe('guest');
	});

	it('a deactivated member of a provider-only organisation who also took part in a trajectory is staff, not a guest: no password gets them in', async () => {
		const { admin, domain } = await organisationWithProvider({ staffOnly: true });
		const member = await buildStaff(t.ctx, admin, { email: `oud-lid@${domain}` });
		const trajectory = await buildTrajectory(t.ctx, { participants: 0 });
		await inviteParticipant({
			ctx: t.ctx,
			actor: trajectory.coordinator,
			trajectoryId: trajectory.trajectoryId,
			input: { email: member.email, organisationName: 'Buurtteam Oost', locale: 'nl' }
		});
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		await expect(
			signIn({
				ctx: t.ctx,
				actor: anonymousActor,
				email: member.email,
				password: member.password,
				clientAddress: '10.1.0.5',
				requestHeaders: new Headers()
			})
		).rejects.toMatchObject({ code: 'auth.provider_required' } satisfies Partial<DomainError>);
	});

	it('a member of a provider-only organisation whose address lies outside its domains cannot sign in with a password either, and is told nothing more than a wrong password', async () => {
		const { admin } = await organisationWithProvider({ staffOnly: true });
		const outside: BuiltStaff = await buildStaff(t.ctx, admin, { email: `buiten-${Date.now()}@elders.example` });
		await expect(
			signIn({
				ctx: t.ctx,
				actor: anonymousActor,
				email: outside.email,
				password: outside.password,
				clientAddress: '10.1.0.3',
				requestHeaders: new Headers()
			})
		).rejects.toMatchObject({ code: 'auth.invalid_credentials' } satisfies Partial<DomainError>);
	});

	it('break-glass: the operator’s allow-passwords lets the staff sign in with their password again, and is audited', async () => {
		const { admin, domain } = await organisationWithProvider({ staffOnly: true });
		const member = await buildStaff(t.ctx, admin, { email: `lid@${domain}` });
		await allowPasswordSignIn({ ctx: t.ctx, domain: domain.toUpperCase() });
		const outcome = await signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: member.email,
			password: member.password,
			clientAddress: '10.1.0.2',
			requestHeaders: new Headers()
		});
		expect((await authenticate(t.ctx, cookieHeadersFrom(outcome.headers))).actor).toMatchObject({ userId: member.userId });
		const events = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'actorType'])
			.where('organisationId', '=', admin.organisationId)
			.where('action', '=', 'identity.passwords_allowed')
			.execute();
		expect(events).toEqual([{ action: 'identity.passwords_allowed', actorType: 'system' }]);
		await expect(allowPasswordSignIn({ ctx: t.ctx, domain: 'nergens.test' })).rejects.toMatchObject({ code: 'identity.no_provider' });
	});

	it('an address whose domain no organisation uses gets a clear message, not the provider', async () => {
		await expect(startProviderSignIn({ ctx: t.ctx, email: 'iemand@nergens.test', requestHeaders: new Headers() })).rejects.toMatchObject({
			code: 'identity.no_provider'
		});
	});
});
