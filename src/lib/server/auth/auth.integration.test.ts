import { expect, it, vi } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { updateOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { getCurrentStaff } from '../staff/staff.usecases.ts';
import {
	anonymousActor,
	buildOrganisation,
	buildStaff,
	cookieHeadersFrom,
	linkInMail,
	signInAs,
	tokenFromLink,
	type BuiltStaff
} from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { generateTotpCode } from '../testing/totp.ts';
import { authenticate } from './authenticate.ts';
import {
	checkResetToken,
	confirmTwoFactorSetup,
	disableTwoFactor,
	requestPasswordReset,
	resetPassword,
	signIn,
	signOut,
	startTwoFactorSetup,
	verifySignInCode
} from './auth.usecases.ts';

const NEW_PASSWORD = 'my brand new password';
const MINUTE = 60_000;

describeOnBothDatabases('authentication', (dialect) => {
	const t = useTestContext(dialect);
	let address = 0;

	/** Each call comes from its own address unless told, so per-address limits stay out of the way. */
	function attemptSignIn(email: string, password: string, clientAddress = `10.0.0.${++address}`) {
		return signIn({ ctx: t.ctx, actor: anonymousActor, email, password, clientAddress, requestHeaders: new Headers() });
	}

	async function canSignIn(staff: BuiltStaff, password: string): Promise<boolean> {
		try {
			await t.ctx.auth.api.signInEmail({ body: { email: staff.email, password } });
			return true;
		} catch {
			return false;
		}
	}

	it('signing in sets a session cookie that authenticates the staff member, and is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { roles: ['teamLead', 'professional'] });
		const outcome = await attemptSignIn(member.email, member.password);
		expect(outcome.twoFactorRequired).toBe(false);
		const { actor, twoFactorSetupRequired } = await authenticate(t.ctx, cookieHeadersFrom(outcome.headers));
		expect(twoFactorSetupRequired).toBe(false);
		expect(actor).toEqual({
			type: 'staff',
			userId: member.userId,
			organisationId: admin.organisationId,
			roles: ['teamLead', 'professional'],
			locale: 'nl',
			sessionId: expect.any(String)
		});
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'targetId'])
			.where('organisationId', '=', admin.organisationId)
			.execute();
		expect(audit).toEqual([{ action: 'auth.signed_in', targetId: member.userId }]);
	});

	it('a wrong password and an unknown address give the same answer: auth.invalid_credentials', async () => {
		const admin = await buildOrganisation(t.ctx);
		await expect(attemptSignIn(admin.email, 'not my password at all')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		await expect(attemptSignIn('nobody@tweespraak.test', 'not my password at all')).rejects.toMatchObject({
			code: 'auth.invalid_credentials'
		});
	});

	it('after 10 attempts on one account within 15 minutes, the next is refused (rate_limited), even with the right password', async () => {
		const admin = await buildOrganisation(t.ctx);
		for (let i = 0; i < 10; i++) {
			await expect(attemptSignIn(admin.email, 'wrong password number ' + i)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		}
		await expect(attemptSignIn(admin.email, admin.password)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
		t.ctx.clock.advance(15 * MINUTE);
		await expect(attemptSignIn(admin.email, admin.password)).resolves.toMatchObject({ twoFactorRequired: false });
	});

	it('one address gets 30 attempts per 15 minutes, whichever accounts it tries', async () => {
		for (let i = 0; i < 30; i++) {
			await expect(attemptSignIn(`guess-${i}@tweespraak.test`, 'password', '192.0.2.1')).rejects.toMatchObject({
				code: 'auth.invalid_credentials'
			});
		}
		await expect(attemptSignIn('guess-x@tweespraak.test', 'password', '192.0.2.1')).rejects.toMatchObject({ code: 'rate_limited' });
	});

	it('better-auth logs into our logger, never straight onto the console (regression: its coloured lines ignored LOG_LEVEL)', async () => {
		const admin = await buildOrganisation(t.ctx);
		const spies = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
		try {
			await expect(attemptSignIn(admin.email, 'a wrong password')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
			await requestPasswordReset({ ctx: t.ctx, email: 'unknown-log@tweespraak.test', clientAddress: 'log' });
			for (const spy of spies) expect(spy).not.toHaveBeenCalled();
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
	});

	it('signing out ends the session', async () => {
		const admin = await buildOrganisation(t.ctx);
		const headers = await signInAs(t.ctx, admin);
		const { actor } = await authenticate(t.ctx, headers);
		await signOut({ ctx: t.ctx, actor, requestHeaders: headers });
		expect((await authenticate(t.ctx, headers)).actor).toEqual({ type: 'anonymous' });
	});

	it('a request without a cookie is anonymous', async () => {
		expect(await authenticate(t.ctx, new Headers())).toEqual({
			actor: { type: 'anonymous' },
			twoFactorSetupRequired: false,
			handoverLocked: false
		});
		expect(await authenticate(t.ctx, new Headers({ cookie: 'tweespraak.session_token=forged' }))).toEqual({
			actor: { type: 'anonymous' },
			twoFactorSetupRequired: false,
			handoverLocked: false
		});
	});

	it('a password reset for an unknown address sends nothing and answers the same', async () => {
		await expect(requestPasswordReset({ ctx: t.ctx, email: 'unknown@tweespraak.test', clientAddress: 'r1' })).resolves.toBeUndefined();
		expect(t.ctx.mailer.sent).toEqual([]);
	});

	it("a password reset mails a /reset-password/<token> link in the user's language", async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { locale: 'en' });
		await requestPasswordReset({ ctx: t.ctx, email: member.email, clientAddress: 'r2' });
		expect(t.ctx.mailer.sent).toHaveLength(1);
		const [mail] = t.ctx.mailer.sent;
		expect(mail).toMatchObject({ to: member.email, subject: m.mail_reset_subject({}, { locale: 'en' }) });
		expect(linkInMail(mail!)).toMatch(/^http:\/\/tweespraak\.test\/reset-password\/[\w-]+$/);
		await expect(checkResetToken({ ctx: t.ctx, token: tokenFromLink(linkInMail(mail!)) })).resolves.toBeUndefined();
	});

	it('a reset link sets a new password once; the old password stops working and sessions end', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin);
		const session = await signInAs(t.ctx, member);
		await requestPasswordReset({ ctx: t.ctx, email: member.email, clientAddress: 'r3' });
		const token = tokenFromLink(linkInMail(t.ctx.mailer.sent[0]!));

		await resetPassword({ ctx: t.ctx, actor: anonymousActor, token, newPassword: NEW_PASSWORD });

		expect(await canSignIn(member, member.password)).toBe(false);
		expect(await canSignIn(member, NEW_PASSWORD)).toBe(true);
		expect(await t.ctx.auth.api.getSession({ headers: session })).toBeNull();
		await expect(resetPassword({ ctx: t.ctx, actor: anonymousActor, token, newPassword: 'yet another password' })).rejects.toMatchObject({
			code: 'auth.reset_link_invalid'
		});
		await expect(checkResetToken({ ctx: t.ctx, token })).rejects.toMatchObject({ code: 'auth.reset_link_invalid' });
		expect(await canSignIn(member, NEW_PASSWORD)).toBe(true);
		const audit = await t.ctx.db.selectFrom('auditEvents').select('action').where('action', '=', 'auth.password_reset').execute();
		expect(audit.length).toBeGreaterThanOrEqual(1);
	});

	it('a reset link expires after an hour (auth.reset_link_invalid)', async () => {
		const admin = await buildOrganisation(t.ctx);
		await requestPasswordReset({ ctx: t.ctx, email: admin.email, clientAddress: 'r4' });
		const token = tokenFromLink(linkInMail(t.ctx.mailer.sent[0]!));
		t.ctx.clock.advance(61 * MINUTE);
		await expect(checkResetToken({ ctx: t.ctx, token })).rejects.toMatchObject({ code: 'auth.reset_link_invalid', status: 410 });
		await expect(resetPassword({ ctx: t.ctx, actor: anonymousActor, token, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
			code: 'auth.reset_link_invalid'
		});
		expect(await canSignIn(admin, admin.password)).toBe(true);
	});

	it('an unknown reset token is invalid', async () => {
		await expect(checkResetToken({ ctx: t.ctx, token: 'made-up' })).rejects.toMatchObject({ code: 'auth.reset_link_invalid' });
	});

	it('password resets are limited to 5 per address per 15 minutes', async () => {
		for (let i = 0; i < 5; i++) await requestPasswordReset({ ctx: t.ctx, email: `nobody-${i}@tweespraak.test`, clientAddress: 'r5' });
		await expect(requestPasswordReset({ ctx: t.ctx, email: 'nobody-x@tweespraak.test', clientAddress: 'r5' })).rejects.toMatchObject({
			code: 'rate_limited'
		});
	});

	it('with two-factor authentication on, signing in needs the code from the app', async () => {
		const admin = await buildOrganisation(t.ctx);
		const session = await signInAs(t.ctx, admin);
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: session };
		await expect(startTwoFactorSetup({ ...setup, password: 'not my password' })).rejects.toMatchObject({ code: 'auth.wrong_password' });
		const { totpUri, backupCodes } = await startTwoFactorSetup({ ...setup, password: admin.password });
		expect(backupCodes.length).toBeGreaterThan(0);
		await expect(confirmTwoFactorSetup({ ...setup, code: '000000' })).rejects.toMatchObject({ code: 'auth.invalid_code' });
		const confirmed = await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		expect(await getCurrentStaff({ ctx: t.ctx, actor: admin })).toMatchObject({ twoFactorEnabled: true });

		const first = await attemptSignIn(admin.email, admin.password);
		expect(first.twoFactorRequired).toBe(true);
		const pending = cookieHeadersFrom(first.headers);
		expect((await authenticate(t.ctx, pending)).actor.type).toBe('anonymous');
		await expect(verifySignInCode({ ctx: t.ctx, code: '000000', clientAddress: 'c1', requestHeaders: pending })).rejects.toMatchObject({
			code: 'auth.invalid_code'
		});
		const second = await verifySignInCode({ ctx: t.ctx, code: generateTotpCode(totpUri), clientAddress: 'c1', requestHeaders: pending });
		expect((await authenticate(t.ctx, cookieHeadersFrom(second.headers))).actor).toMatchObject({ type: 'staff', userId: admin.userId });

		await disableTwoFactor({ ctx: t.ctx, actor: admin, password: admin.password, requestHeaders: cookieHeadersFrom(confirmed.headers) });
		expect(await getCurrentStaff({ ctx: t.ctx, actor: admin })).toMatchObject({ twoFactorEnabled: false });
	});

	it('when the organisation requires two-factor authentication, a member without it must set it up first', async () => {
		const admin = await buildOrganisation(t.ctx);
		await updateOrganisationSettings({
			ctx: t.ctx,
			actor: admin,
			input: {
				name: 'Strict',
				clientTerm: 'client',
				planTerm: 'familyPlan',
				defaultLocale: 'nl',
				minGroupSize: 5,
				retentionDays: 365,
				requireTwoFactor: true
			}
		});
		const headers = await signInAs(t.ctx, admin);
		expect(await authenticate(t.ctx, headers)).toMatchObject({ actor: { type: 'staff' }, twoFactorSetupRequired: true });
	});
});
