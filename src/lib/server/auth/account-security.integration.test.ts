import { afterAll, beforeAll, expect, it } from 'vitest';
import { actions as passwordPage } from '../../../routes/(staff)/account/password/+page.server.ts';
import { allowPasswordSignIn } from '../identity/identity.usecases.ts';
import { saveTestProvider } from '../testing/identity-builders.ts';
import { mayStillFollow } from '../participation/participation.usecases.ts';
import {
	anonymousActor,
	buildOrganisation,
	buildStaff,
	cookieHeadersFrom,
	linkInMail,
	tokenFromLink,
	type BuiltStaff
} from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { postAs } from '../testing/page-loads.ts';
import { startTestProvider, type TestProvider } from '../testing/oidc-test-provider.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	changeOwnPassword,
	endOneSession,
	endOtherSessions,
	getAccountSecurity,
	PASSWORD_CHANGE_PER_SESSION
} from './account-security.usecases.ts';
import { createAuthRepository } from './auth.repository.ts';
import { authenticate } from './authenticate.ts';
import { hashPassword } from './password.ts';
import { generateTotpCode } from '../testing/totp.ts';
import { checkResetToken, requestPasswordReset, signIn, verifySignInCode } from './auth.usecases.ts';
import { confirmTwoFactorSetup, startTwoFactorSetup } from './auth.two-factor.usecases.ts';

const NEW_PASSWORD = 'een nieuw en lang wachtwoord';
const FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

let provider: TestProvider;
beforeAll(async () => {
	provider = await startTestProvider();
});
afterAll(async () => {
	await provider.close();
});

describeOnBothDatabases('a staff member’s own password and sessions', (dialect) => {
	const t = useTestContext(dialect);
	let address = 0;

	/** A sign-in from a new browser (its own address), as the sign-in page makes it; the cookies it got. */
	async function signInFromNewBrowser(staff: { email: string }, password: string, userAgent = FIREFOX): Promise<Headers> {
		const { headers } = await signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: staff.email,
			password,
			clientAddress: `10.7.0.${++address}`,
			requestHeaders: new Headers({ 'user-agent': userAgent })
		});
		return cookieHeadersFrom(headers);
	}
	const who = async (browser: Headers) => (await authenticate(t.ctx, browser)).actor;
	/** The session a browser's cookie holds (better-auth's record: its id and its token). */
	const sessionOf = async (browser: Headers) => (await t.ctx.auth.api.getSession({ headers: browser }))!.session;
	const change = (staff: BuiltStaff, browser: Headers, currentPassword: string, newPassword = NEW_PASSWORD) =>
		changeOwnPassword({ ctx: t.ctx, actor: staff, currentPassword, newPassword, requestHeaders: browser });
	const auditActions = async (userId: string) =>
		(await t.ctx.db.selectFrom('auditEvents').select('action').where('targetId', '=', userId).execute()).map((row) => row.action);

	it('a wrong current password changes nothing: the old password still signs in, no session ends, no mail goes', async () => {
		const admin = await buildOrganisation(t.ctx);
		const here = await signInFromNewBrowser(admin, admin.password);
		const elsewhere = await signInFromNewBrowser(admin, admin.password);
		await expect(change(admin, here, 'niet mijn wachtwoord')).rejects.toMatchObject({ code: 'auth.wrong_password', status: 400 });
		expect(await who(elsewhere)).toMatchObject({ type: 'staff', userId: admin.userId });
		expect(await who(here)).toMatchObject({ type: 'staff', userId: admin.userId });
		await expect(signInFromNewBrowser(admin, NEW_PASSWORD)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		expect(await who(await signInFromNewBrowser(admin, admin.password))).toMatchObject({ type: 'staff' });
		expect(t.ctx.mailer.to(admin.email)).toHaveLength(0);
		expect(await auditActions(admin.userId)).not.toContain('auth.password_changed');
	});

	it('changing the password ends every other session of the account at once and keeps this one; another account’s sessions are untouched', async () => {
		const admin = await buildOrganisation(t.ctx);
		const colleague = await buildStaff(t.ctx, admin);
		const here = await signInFromNewBrowser(admin, admin.password);
		const laptop = await signInFromNewBrowser(admin, admin.password);
		const phone = await signInFromNewBrowser(admin, admin.password);
		const colleagues = await signInFromNewBrowser(colleague, colleague.password);

		expect(await change(admin, here, admin.password)).toEqual({ otherSessionsEnded: 2 });

		expect(await who(here)).toMatchObject({ type: 'staff', userId: admin.userId });
		expect((await who(laptop)).type).toBe('anonymous');
		expect((await who(phone)).type).toBe('anonymous');
		expect(await who(colleagues)).toMatchObject({ type: 'staff', userId: colleague.userId });
		await expect(signInFromNewBrowser(admin, admin.password)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		expect(await who(await signInFromNewBrowser(admin, NEW_PASSWORD))).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	/**
	 * Runs `sign` while its password check passes on the password as it was, and the password changes
	 * before the sign-in's session (or pending two-factor sign-in) is made: as when the owner changes
	 * it meanwhile, whose change ends the other sessions before this one exists.
	 */
	async function signInWhilePasswordChanges<T>(staff: BuiltStaff, sign: () => Promise<T>): Promise<T> {
		// The same API object, its method replaced for this one sign-in.
		const api: { signInEmail: typeof t.ctx.auth.api.signInEmail } = t.ctx.auth.api;
		const original = api.signInEmail;
		api.signInEmail = (async (...args: Parameters<typeof original>) => {
			const made = await original(...args);
			await t.ctx.database.authDb
				.updateTable('accounts')
				.set({ password: await hashPassword(NEW_PASSWORD) })
				.where('user_id', '=', staff.userId)
				.where('provider_id', '=', 'credential')
				.execute();
			return made;
		}) as typeof original;
		try {
			return await sign();
		} finally {
			api.signInEmail = original;
		}
	}

	it('a sign-in whose password was being checked while the password changed does not count: no session, no pending two-factor sign-in', async () => {
		const admin = await buildOrganisation(t.ctx);
		const sessionsBefore = await createAuthRepository(t.ctx.database.authDb).listSessionIds(admin.userId);
		await expect(signInWhilePasswordChanges(admin, () => signInFromNewBrowser(admin, admin.password))).rejects.toMatchObject({
			code: 'auth.invalid_credentials'
		});
		expect(await createAuthRepository(t.ctx.database.authDb).listSessionIds(admin.userId)).toEqual(sessionsBefore);
		expect(await who(await signInFromNewBrowser(admin, NEW_PASSWORD))).toMatchObject({ type: 'staff', userId: admin.userId });

		// With two-factor on, the pass of the password is a pending sign-in waiting for the code: it ends too.
		const colleague = await buildStaff(t.ctx, admin);
		const signedIn = await signInFromNewBrowser(colleague, colleague.password);
		const { totpUri } = await startTwoFactorSetup({ ctx: t.ctx, actor: colleague, requestHeaders: signedIn, password: colleague.password });
		await confirmTwoFactorSetup({ ctx: t.ctx, actor: colleague, requestHeaders: signedIn, code: generateTotpCode(totpUri) });
		const pending = () =>
			t.ctx.database.authDb
				.selectFrom('verifications')
				.select('identifier')
				.where('value', '=', colleague.userId)
				.where('identifier', 'like', '2fa-%')
				.execute();
		expect(await pending()).toEqual([]);
		await expect(signInWhilePasswordChanges(colleague, () => signInFromNewBrowser(colleague, colleague.password))).rejects.toMatchObject({
			code: 'auth.invalid_credentials'
		});
		expect(await pending()).toEqual([]);
	});

	it('changing the password ends the account’s reset links and its sign-ins waiting for a two-factor code; another account’s link still works', async () => {
		const admin = await buildOrganisation(t.ctx);
		const colleague = await buildStaff(t.ctx, admin);
		const signedIn = await signInFromNewBrowser(admin, admin.password);
		const { totpUri } = await startTwoFactorSetup({ ctx: t.ctx, actor: admin, requestHeaders: signedIn, password: admin.password });
		const here = cookieHeadersFrom(
			(await confirmTwoFactorSetup({ ctx: t.ctx, actor: admin, requestHeaders: signedIn, code: generateTotpCode(totpUri) })).headers
		);
		// Someone else who knows the old password gets as far as the code…
		const waiting = await signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: admin.email,
			password: admin.password,
			clientAddress: `10.7.0.${++address}`,
			requestHeaders: new Headers()
		});
		expect(waiting.twoFactorRequired).toBe(true);
		// …and reset links lie in the mailbox, the admin's and the colleague's.
		const resetLink = async (email: string) => {
			await (
				await requestPasswordReset({ ctx: t.ctx, email, clientAddress: `10.7.1.${++address}` })
			).sent;
			return tokenFromLink(linkInMail(t.ctx.mailer.to(email).at(-1)!));
		};
		const adminsLink = await resetLink(admin.email);
		const colleaguesLink = await resetLink(colleague.email);

		await change(admin, here, admin.password);

		await expect(checkResetToken({ ctx: t.ctx, token: adminsLink })).rejects.toMatchObject({ code: 'auth.reset_link_invalid' });
		// The code step has ended: the password first again, and the old one no longer works.
		await expect(
			verifySignInCode({
				ctx: t.ctx,
				code: generateTotpCode(totpUri, Date.now() + 30_000),
				clientAddress: 'the-other',
				requestHeaders: cookieHeadersFrom(waiting.headers)
			})
		).rejects.toMatchObject({ code: 'auth.code_step_ended' });
		await expect(checkResetToken({ ctx: t.ctx, token: colleaguesLink })).resolves.toBeUndefined();
		expect(await who(here)).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('the new password follows the same rules as a reset: too short is refused and changes nothing', async () => {
		const admin = await buildOrganisation(t.ctx);
		const here = await signInFromNewBrowser(admin, admin.password);
		await expect(change(admin, here, admin.password, 'kort')).rejects.toMatchObject({ code: 'auth.weak_password' });
		expect(await who(await signInFromNewBrowser(admin, admin.password))).toMatchObject({ type: 'staff' });
	});

	it('the page refuses a short or mistyped new password with its field message (400), a wrong current one with the form’s (400), and changes nothing; a right one redirects to the account page', async () => {
		const admin = await buildOrganisation(t.ctx);
		const here = await signInFromNewBrowser(admin, admin.password);
		const elsewhere = await signInFromNewBrowser(admin, admin.password);
		const post = (fields: Record<string, string>) =>
			postAs(t.ctx, passwordPage.default, { actor: admin, path: '/account/password', fields, headers: here });
		const right = { currentPassword: admin.password, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD };
		expect(await post({ ...right, password: 'kort', passwordConfirm: 'kort' })).toMatchObject({
			status: 400,
			data: { errors: { password: 'validation_password_short' } }
		});
		expect(await post({ ...right, passwordConfirm: `${NEW_PASSWORD}!` })).toMatchObject({
			status: 400,
			data: { errors: { passwordConfirm: 'validation_password_mismatch' } }
		});
		expect(await post({ ...right, currentPassword: '' })).toMatchObject({
			status: 400,
			data: { errors: { currentPassword: 'validation_required' } }
		});
		expect(await post({ ...right, currentPassword: 'niet mijn wachtwoord' })).toMatchObject({
			status: 400,
			data: { formError: 'auth.wrong_password' }
		});
		expect(await who(elsewhere)).toMatchObject({ type: 'staff' });
		expect(await who(await signInFromNewBrowser(admin, admin.password))).toMatchObject({ type: 'staff' });
		expect(await post(right)).toEqual({ redirect: '/account' });
		expect((await who(elsewhere)).type).toBe('anonymous');
	});

	it('a changed password is audited and a notice goes to the account’s address, in its language, saying what to do if it was not them', async () => {
		const admin = await buildOrganisation(t.ctx, { admin: { locale: 'en' } });
		const here = await signInFromNewBrowser(admin, admin.password);
		await signInFromNewBrowser(admin, admin.password);
		await change(admin, here, admin.password);
		const mails = t.ctx.mailer.to(admin.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Your Tweespraak password was changed');
		expect(mails[0]!.text).toContain('Did you not do this yourself?');
		expect(mails[0]!.text).toContain('/forgot-password');
		expect(mails[0]!.text).not.toContain(NEW_PASSWORD);
		const event = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['actorId', 'details'])
			.where('targetId', '=', admin.userId)
			.where('action', '=', 'auth.password_changed')
			.executeTakeFirstOrThrow();
		expect(event.actorId).toBe(admin.userId);
		expect(JSON.parse(String(event.details))).toEqual({ otherSessionsEnded: 1 });
	});

	it('a wrong current password counts as a sign-in failure of the account: after five, a sign-in from a new browser must wait', async () => {
		const admin = await buildOrganisation(t.ctx);
		const stolen = await signInFromNewBrowser(admin, admin.password);
		for (let i = 0; i < 5; i++) await expect(change(admin, stolen, `gok ${i}`)).rejects.toMatchObject({ code: 'auth.wrong_password' });
		await expect(signInFromNewBrowser(admin, admin.password)).rejects.toMatchObject({ code: 'rate_limited' });
	});

	it('a session guessing the current password is stopped by its own limit, the right one too, and no further guess is counted', async () => {
		const admin = await buildOrganisation(t.ctx);
		const stolen = await signInFromNewBrowser(admin, admin.password);
		for (let i = 0; i < PASSWORD_CHANGE_PER_SESSION.limit; i++) {
			await expect(change(admin, stolen, `gok ${i}`)).rejects.toMatchObject({ code: 'auth.wrong_password' });
		}
		await expect(change(admin, stolen, admin.password)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
		// A quarter later the limit is over: nothing was changed meanwhile.
		t.ctx.clock.advance(PASSWORD_CHANGE_PER_SESSION.windowMs + 1000);
		expect(await change(admin, stolen, admin.password)).toEqual({ otherSessionsEnded: 0 });
	});

	it('a stranger who fills the account’s sign-in limit from new browsers does not stop the owner changing the password where they are signed in', async () => {
		const admin = await buildOrganisation(t.ctx);
		const owner = await signInFromNewBrowser(admin, admin.password);
		for (let i = 0; i < 5; i++) {
			await expect(signInFromNewBrowser(admin, `vreemde ${i}`)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		}
		await expect(signInFromNewBrowser(admin, admin.password)).rejects.toMatchObject({ code: 'rate_limited' });
		expect(await change(admin, owner, admin.password)).toEqual({ otherSessionsEnded: 0 });
		// The right password ended the account's failures, as at sign-in: the new one signs in from a new browser.
		expect(await who(await signInFromNewBrowser(admin, NEW_PASSWORD))).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('signing out on other devices ends every other session at once, keeps this one, leaves another account alone, and is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		const colleague = await buildStaff(t.ctx, admin);
		const here = await signInFromNewBrowser(admin, admin.password);
		const laptop = await signInFromNewBrowser(admin, admin.password);
		const colleagues = await signInFromNewBrowser(colleague, colleague.password);
		expect(await endOtherSessions({ ctx: t.ctx, actor: admin, requestHeaders: here })).toEqual({ ended: 1 });
		expect(await who(here)).toMatchObject({ type: 'staff', userId: admin.userId });
		expect((await who(laptop)).type).toBe('anonymous');
		expect(await who(colleagues)).toMatchObject({ type: 'staff', userId: colleague.userId });
		expect(await auditActions(admin.userId)).toContain('auth.other_sessions_ended');
		// The password is unchanged.
		expect(await who(await signInFromNewBrowser(admin, admin.password))).toMatchObject({ type: 'staff' });
	});

	it('signing out one listed device ends that session alone; this one, the other devices and another account’s stay; any other id ends nothing', async () => {
		const admin = await buildOrganisation(t.ctx);
		const colleague = await buildStaff(t.ctx, admin);
		const here = await signInFromNewBrowser(admin, admin.password);
		const laptop = await signInFromNewBrowser(admin, admin.password);
		const phone = await signInFromNewBrowser(admin, admin.password);
		const colleagues = await signInFromNewBrowser(colleague, colleague.password);
		const listed = (await getAccountSecurity({ ctx: t.ctx, actor: admin, requestHeaders: here })).otherSessions;
		expect(listed).toHaveLength(2);
		const laptopsId = (await sessionOf(laptop)).id;
		expect(listed.map((session) => session.id)).toContain(laptopsId);

		const end = (sessionId: string) => endOneSession({ ctx: t.ctx, actor: admin, requestHeaders: here, sessionId });
		expect(await end(laptopsId)).toEqual({ ended: true });
		expect((await who(laptop)).type).toBe('anonymous');
		expect(await who(phone)).toMatchObject({ type: 'staff', userId: admin.userId });
		expect(await who(here)).toMatchObject({ type: 'staff', userId: admin.userId });
		expect(await auditActions(admin.userId)).toContain('auth.session_ended');

		// Already ended, this session's own, a colleague's, made up: nothing ends, the same answer for each.
		for (const id of [laptopsId, (await sessionOf(here)).id, (await sessionOf(colleagues)).id, 'verzonnen']) {
			expect(await end(id)).toEqual({ ended: false });
		}
		expect(await who(here)).toMatchObject({ type: 'staff', userId: admin.userId });
		expect(await who(colleagues)).toMatchObject({ type: 'staff', userId: colleague.userId });
		expect(await who(phone)).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('a live stream held by a device signed out elsewhere is refused at its next check', async () => {
		const world = await buildQuickCheck(t.ctx);
		const professional = world.professional;
		const here = await signInFromNewBrowser(professional, professional.password);
		const other = await signInFromNewBrowser(professional, professional.password);
		const follower = { type: 'staff' as const, cookie: other.get('cookie')! };
		expect(await mayStillFollow(t.ctx, follower, world.conversationId)).toBe(true);
		await endOtherSessions({ ctx: t.ctx, actor: professional, requestHeaders: here });
		expect(await mayStillFollow(t.ctx, follower, world.conversationId)).toBe(false);
		expect(await mayStillFollow(t.ctx, { type: 'staff', cookie: here.get('cookie')! }, world.conversationId)).toBe(true);
	});

	it('the account page lists the other sessions by browser and last use, not this one, and no address or token', async () => {
		const admin = await buildOrganisation(t.ctx);
		const here = await signInFromNewBrowser(admin, admin.password);
		const other = await sessionOf(await signInFromNewBrowser(admin, admin.password));
		const security = await getAccountSecurity({ ctx: t.ctx, actor: admin, requestHeaders: here });
		expect(security.passwordChangeRefusal).toBeNull();
		// Its id, to sign that one out; never its token (the cookie's value), which would let one in.
		expect(security.otherSessions).toEqual([
			{ id: other.id, signedInAt: expect.any(String), device: { browser: 'Firefox', system: 'Linux' } }
		]);
		expect(JSON.stringify(security)).not.toMatch(/10\.7\.0|token/);
		expect(JSON.stringify(security)).not.toContain(other.token);
	});

	it('the request’s own session decides what stays: another account’s cookie cannot end this account’s sessions', async () => {
		const admin = await buildOrganisation(t.ctx);
		const colleague = await buildStaff(t.ctx, admin);
		const adminBrowser = await signInFromNewBrowser(admin, admin.password);
		const colleagues = await signInFromNewBrowser(colleague, colleague.password);
		await expect(endOtherSessions({ ctx: t.ctx, actor: admin, requestHeaders: colleagues })).rejects.toMatchObject({ code: 'not_found' });
		expect(await who(adminBrowser)).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('refused for a member whose organisation lets its staff in only through its own provider: not offered, and nothing changes', async () => {
		const domain = `zorg-pw-${dialect}.test`;
		const admin = await buildOrganisation(t.ctx, { admin: { email: `admin@${domain}` } });
		const here = await signInFromNewBrowser(admin, admin.password);
		const elsewhere = await signInFromNewBrowser(admin, admin.password);
		await saveTestProvider(t.ctx, provider, admin, domain, { staffOnly: true });
		expect((await getAccountSecurity({ ctx: t.ctx, actor: admin, requestHeaders: here })).passwordChangeRefusal).toBe('provider_only');
		await expect(change(admin, here, admin.password)).rejects.toMatchObject({ code: 'auth.password_not_offered', status: 403 });
		const fields = { currentPassword: admin.password, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD };
		expect(await postAs(t.ctx, passwordPage.default, { actor: admin, path: '/account/password', fields, headers: here })).toMatchObject({
			status: 403,
			data: { formError: 'auth.password_not_offered' }
		});
		expect(await who(elsewhere)).toMatchObject({ type: 'staff' });
		expect(t.ctx.mailer.to(admin.email)).toHaveLength(0);
		// Passwords allowed again (break-glass): the old one is still the password.
		await allowPasswordSignIn({ ctx: t.ctx, domain });
		expect(await who(await signInFromNewBrowser(admin, admin.password))).toMatchObject({ type: 'staff' });
	});
});
