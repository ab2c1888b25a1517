import { expect, it } from 'vitest';
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
	tokenFromLink
} from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { generateTotpCode } from '../testing/totp.ts';
import { TWO_FACTOR_ACCOUNT_LOCK } from './auth.ts';
import { authenticate } from './authenticate.ts';
import { requestPasswordReset, resetPassword, signIn, verifySignInCode } from './auth.usecases.ts';
import { confirmTwoFactorSetup, disableTwoFactor, startTwoFactorSetup } from './auth.two-factor.usecases.ts';

/** Signing in with a code from an authenticator app (auth.integration.test.ts holds the password's part). */
/** The app's code of the next 30-second step, which the server still accepts: not the one just used. */
function nextCode(totpUri: string): string {
	return generateTotpCode(totpUri, Date.now() + 30_000);
}

describeOnBothDatabases('authentication: the two-factor code', (dialect) => {
	const t = useTestContext(dialect);
	let address = 0;

	/** Each call comes from its own address unless told, so per-address limits stay out of the way. */
	function attemptSignIn(email: string, password: string, clientAddress = `10.0.1.${++address}`) {
		return signIn({ ctx: t.ctx, actor: anonymousActor, email, password, clientAddress, requestHeaders: new Headers() });
	}

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
		// The app's next code: the one that turned two-factor on is used (one sign-in per code).
		const second = await verifySignInCode({ ctx: t.ctx, code: nextCode(totpUri), clientAddress: 'c1', requestHeaders: pending });
		expect((await authenticate(t.ctx, cookieHeadersFrom(second.headers))).actor).toMatchObject({ type: 'staff', userId: admin.userId });

		await disableTwoFactor({ ctx: t.ctx, actor: admin, password: admin.password, requestHeaders: cookieHeadersFrom(confirmed.headers) });
		expect(await getCurrentStaff({ ctx: t.ctx, actor: admin })).toMatchObject({ twoFactorEnabled: false });
	});

	it('the audit log names who signed in, with a password alone or after the two-factor code; a password without the code names nobody yet', async () => {
		const admin = await buildOrganisation(t.ctx);
		const withCode = await buildStaff(t.ctx, admin);
		const events = (userId: string) =>
			t.ctx.db
				.selectFrom('auditEvents')
				.select(['action', 'actorType', 'actorId', 'organisationId'])
				.where('targetId', '=', userId)
				.where('action', 'in', ['auth.signed_in', 'auth.password_verified'])
				.orderBy('occurredAt')
				.execute();
		await attemptSignIn(admin.email, admin.password);
		expect(await events(admin.userId)).toEqual([
			{ action: 'auth.signed_in', actorType: 'staff', actorId: admin.userId, organisationId: admin.organisationId }
		]);

		const session = await signInAs(t.ctx, withCode);
		const setup = { ctx: t.ctx, actor: withCode, requestHeaders: session };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: withCode.password });
		await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		const pending = cookieHeadersFrom((await attemptSignIn(withCode.email, withCode.password)).headers);
		const before = (await events(withCode.userId)).length;
		await verifySignInCode({
			ctx: t.ctx,
			actor: anonymousActor,
			code: nextCode(totpUri),
			clientAddress: 'c-audit',
			requestHeaders: pending
		});
		expect((await events(withCode.userId)).slice(before - 1)).toEqual([
			{ action: 'auth.password_verified', actorType: 'anonymous', actorId: null, organisationId: admin.organisationId },
			{ action: 'auth.signed_in', actorType: 'staff', actorId: withCode.userId, organisationId: admin.organisationId }
		]);
	});

	it('wrong two-factor codes: five end the sign-in (password again); ten in a row from any addresses rest the account, with the wait, also for the right code', async () => {
		const admin = await buildOrganisation(t.ctx);
		const session = await signInAs(t.ctx, admin);
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: session };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
		await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		let guesser = 0;
		const challenge = async () => {
			const pending = cookieHeadersFrom((await attemptSignIn(admin.email, admin.password)).headers);
			// A fresh address for each code: no address reaches its own limit.
			return (value: string) =>
				verifySignInCode({ ctx: t.ctx, code: value, clientAddress: `totp-guesser-${guesser++}`, requestHeaders: pending });
		};
		const first = await challenge();
		for (let i = 0; i < 5; i++) await expect(first('000000')).rejects.toMatchObject({ code: 'auth.invalid_code' });
		await expect(first(generateTotpCode(totpUri))).rejects.toMatchObject({ code: 'auth.code_step_ended' });
		expect(m.error_auth_code_step_ended({}, { locale: 'nl' })).toContain('Log opnieuw in');

		const second = await challenge();
		for (let i = 5; i < TWO_FACTOR_ACCOUNT_LOCK.maxFailedAttempts; i++)
			await expect(second('000000')).rejects.toMatchObject({ code: 'auth.invalid_code' });
		const third = await challenge();
		await expect(third(generateTotpCode(totpUri))).rejects.toMatchObject({
			code: 'rate_limited',
			status: 429,
			publicCode: 'rate_limited:15'
		});
	});

	it('a password reset ends a sign-in that passed the old password and waits for its code: the password first again', async () => {
		const admin = await buildOrganisation(t.ctx);
		const session = await signInAs(t.ctx, admin);
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: session };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
		await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		const waiting = cookieHeadersFrom((await attemptSignIn(admin.email, admin.password)).headers);
		await (
			await requestPasswordReset({ ctx: t.ctx, email: admin.email, clientAddress: 'reset-2fa' })
		).sent;
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to(admin.email).at(-1)!));
		await resetPassword({ ctx: t.ctx, actor: anonymousActor, token, newPassword: 'a new password after the reset' });
		await expect(
			verifySignInCode({ ctx: t.ctx, code: nextCode(totpUri), clientAddress: 'after-reset', requestHeaders: waiting })
		).rejects.toMatchObject({ code: 'auth.code_step_ended' });
	});

	it('a code posted without a pending sign-in is no guess: a stranger on the office address cannot make its staff wait for their code', async () => {
		const admin = await buildOrganisation(t.ctx);
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: await signInAs(t.ctx, admin) };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
		await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		const office = '203.0.113.40';
		// The guest wifi's stranger has no password: they post codes to /sign-in/two-factor as they are.
		for (let i = 0; i < 15; i += 1) {
			await expect(
				verifySignInCode({ ctx: t.ctx, code: String(100000 + i), clientAddress: office, requestHeaders: new Headers() })
			).rejects.toMatchObject({ code: 'auth.code_step_ended' });
		}
		const pending = cookieHeadersFrom((await attemptSignIn(admin.email, admin.password, office)).headers);
		const signedIn = await verifySignInCode({ ctx: t.ctx, code: nextCode(totpUri), clientAddress: office, requestHeaders: pending });
		expect((await authenticate(t.ctx, cookieHeadersFrom(signedIn.headers))).actor).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('wrong codes of pending sign-ins still count against the address: after ten, the next waits', async () => {
		const address = '203.0.113.41';
		const withTwoFactor = async () => {
			const admin = await buildOrganisation(t.ctx);
			const setup = { ctx: t.ctx, actor: admin, requestHeaders: await signInAs(t.ctx, admin) };
			const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
			await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
			return cookieHeadersFrom((await attemptSignIn(admin.email, admin.password, address)).headers);
		};
		// Two accounts, five wrong codes each (five end a sign-in's code step; ten rest one account).
		for (const pending of [await withTwoFactor(), await withTwoFactor()]) {
			for (let i = 0; i < 5; i += 1) {
				await expect(
					verifySignInCode({ ctx: t.ctx, code: '000000', clientAddress: address, requestHeaders: pending })
				).rejects.toMatchObject({
					code: 'auth.invalid_code'
				});
			}
		}
		const third = await withTwoFactor();
		await expect(verifySignInCode({ ctx: t.ctx, code: '000000', clientAddress: address, requestHeaders: third })).rejects.toMatchObject({
			code: 'rate_limited'
		});
	});

	it('a code from the app signs in once: the same code again, with the password, signs nobody in (regression: a seen code worked for 90 seconds)', async () => {
		const admin = await buildOrganisation(t.ctx);
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: await signInAs(t.ctx, admin) };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
		await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		const sessions = () => t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', admin.userId).execute();
		const codeStep = async (address: string) => {
			const pending = cookieHeadersFrom((await attemptSignIn(admin.email, admin.password)).headers);
			return (code: string) => verifySignInCode({ ctx: t.ctx, code, clientAddress: address, requestHeaders: pending });
		};
		const seen = nextCode(totpUri);
		const owner = await (await codeStep('owner'))(seen);
		const ownerSession = cookieHeadersFrom(owner.headers);
		const before = (await sessions()).length;

		// Someone who has the password and saw the code over the owner's shoulder.
		const replayed = (await codeStep('onlooker'))(seen);
		await expect(replayed).rejects.toMatchObject({ code: 'auth.code_used', status: 400 });
		expect(await sessions()).toHaveLength(before);
		expect(m.error_auth_code_used({}, { locale: 'nl' })).toContain('al gebruikt');
		// The owner stays signed in, and another code of the app (the step before, still accepted) works.
		expect((await authenticate(t.ctx, ownerSession)).actor).toMatchObject({ type: 'staff', userId: admin.userId });
		const next = await (await codeStep('owner'))(generateTotpCode(totpUri, Date.now() - 30_000));
		expect((await authenticate(t.ctx, cookieHeadersFrom(next.headers))).actor).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('the code that turned two-factor on is used: it does not sign in again, the app’s next code does', async () => {
		const admin = await buildOrganisation(t.ctx);
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: await signInAs(t.ctx, admin) };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
		const confirming = generateTotpCode(totpUri);
		await confirmTwoFactorSetup({ ...setup, code: confirming });
		const sessionsBefore = (await t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', admin.userId).execute()).length;
		const codeStep = async () => {
			const pending = cookieHeadersFrom((await attemptSignIn(admin.email, admin.password)).headers);
			return (code: string) => verifySignInCode({ ctx: t.ctx, code, clientAddress: 'onlooker', requestHeaders: pending });
		};
		await expect((await codeStep())(confirming)).rejects.toMatchObject({ code: 'auth.code_used' });
		expect(await t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', admin.userId).execute()).toHaveLength(sessionsBefore);
		const next = await (await codeStep())(nextCode(totpUri));
		expect((await authenticate(t.ctx, cookieHeadersFrom(next.headers))).actor).toMatchObject({ type: 'staff', userId: admin.userId });
	});

	it('turning two-factor on ends every other session of the account: one opened elsewhere with the password alone no longer works', async () => {
		const admin = await buildOrganisation(t.ctx);
		const here = await signInAs(t.ctx, admin);
		// Someone else who had the password, signed in before the owner turned two-factor on.
		const elsewhere = cookieHeadersFrom((await attemptSignIn(admin.email, admin.password)).headers);
		expect((await authenticate(t.ctx, elsewhere)).actor.type).toBe('staff');
		const setup = { ctx: t.ctx, actor: admin, requestHeaders: here };
		const { totpUri } = await startTwoFactorSetup({ ...setup, password: admin.password });
		const confirmed = await confirmTwoFactorSetup({ ...setup, code: generateTotpCode(totpUri) });
		expect((await authenticate(t.ctx, cookieHeadersFrom(confirmed.headers))).actor).toMatchObject({ type: 'staff', userId: admin.userId });
		expect((await authenticate(t.ctx, elsewhere)).actor.type).toBe('anonymous');
		const sessions = await t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', admin.userId).execute();
		expect(sessions).toHaveLength(1);
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
				erasureConfirmation: 'secondAdmin',
				requireTwoFactor: true
			}
		});
		const headers = await signInAs(t.ctx, admin);
		expect(await authenticate(t.ctx, headers)).toMatchObject({ actor: { type: 'staff' }, twoFactorSetupRequired: true });
	});
});
