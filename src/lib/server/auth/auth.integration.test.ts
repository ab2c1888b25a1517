import { expect, it, vi } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
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
import type { DomainError } from '../shared/errors.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { authenticate } from './authenticate.ts';
import { checkResetToken, requestPasswordReset, resetPassword, signIn, signOut } from './auth.usecases.ts';

const NEW_PASSWORD = 'my brand new password';
const MINUTE = 60_000;

/** A reset request and then its mail: the answer itself does not wait for the mail. */
async function requestReset(input: Parameters<typeof requestPasswordReset>[0]): Promise<void> {
	await (
		await requestPasswordReset(input)
	).sent;
}

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

	it('the right password never counts towards a limit: 12 sign-ins in a row all work (regression: successes filled the account limit)', async () => {
		const admin = await buildOrganisation(t.ctx);
		for (let i = 0; i < 12; i++) {
			await expect(attemptSignIn(admin.email, admin.password, '192.0.2.9')).resolves.toMatchObject({ twoFactorRequired: false });
		}
	}, 120_000);

	it('a stranger guessing an address makes new browsers wait, growing from 1 minute to 15 to an hour, and the message says the wait', async () => {
		const admin = await buildOrganisation(t.ctx);
		const guess = async (count: number) => {
			for (let i = 0; i < count; i++)
				await expect(attemptSignIn(admin.email, `wrong ${i}`)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		};
		const refusal = () =>
			attemptSignIn(admin.email, admin.password).then(
				() => 'signed in',
				(error: DomainError) => error.publicCode
			);
		await guess(5);
		expect(await refusal()).toBe('rate_limited:1');
		t.ctx.clock.advance(MINUTE);
		await guess(5);
		expect(await refusal()).toBe('rate_limited:14');
		t.ctx.clock.advance(15 * MINUTE);
		await guess(5);
		t.ctx.clock.advance(MINUTE);
		await guess(5);
		expect(await refusal()).toBe('rate_limited:43');
		t.ctx.clock.advance(45 * MINUTE);
		expect(await refusal()).toBe('signed in');
	}, 120_000);

	it('a browser where the account signed in before gets in with the right password while a stranger has filled the account limit', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { knownDevice } = await attemptSignIn(admin.email, admin.password);
		for (let i = 0; i < 5; i++) await attemptSignIn(admin.email, `wrong ${i}`).catch(() => undefined);
		await expect(attemptSignIn(admin.email, admin.password)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
		const fromKnown = (password: string, device = knownDevice) =>
			signIn({
				ctx: t.ctx,
				actor: anonymousActor,
				email: admin.email,
				password,
				clientAddress: '10.9.9.9',
				requestHeaders: new Headers(),
				knownDevice: device
			});
		await expect(fromKnown(admin.password)).resolves.toMatchObject({ twoFactorRequired: false });
		// The right password ended the account's failures: new browsers get in again too.
		await expect(attemptSignIn(admin.email, admin.password)).resolves.toMatchObject({ twoFactorRequired: false });
		// A forged or another account's cookie is no known device.
		const other = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { knownDevice: othersDevice } = await attemptSignIn(other.email, other.password);
		for (let i = 0; i < 5; i++) await attemptSignIn(admin.email, `wrong again ${i}`).catch(() => undefined);
		await expect(fromKnown(admin.password, othersDevice)).rejects.toMatchObject({ code: 'rate_limited' });
		await expect(fromKnown(admin.password, `${admin.userId}.forged.signature`)).rejects.toMatchObject({ code: 'rate_limited' });
		// The known browser has a failure limit of its own.
		for (let i = 0; i < 10; i++) await expect(fromKnown(`wrong on known ${i}`)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		await expect(fromKnown(admin.password)).rejects.toMatchObject({ code: 'rate_limited' });
	}, 120_000);

	it('a password reset ends the failures a stranger caused', async () => {
		const admin = await buildOrganisation(t.ctx);
		for (let i = 0; i < 10; i++) await attemptSignIn(admin.email, `wrong ${i}`).catch(() => undefined);
		await expect(attemptSignIn(admin.email, admin.password)).rejects.toMatchObject({ code: 'rate_limited' });
		await requestReset({ ctx: t.ctx, email: admin.email, clientAddress: 'reset-way-through' });
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to(admin.email).at(-1)!));
		await resetPassword({ ctx: t.ctx, actor: anonymousActor, token, newPassword: NEW_PASSWORD });
		await expect(attemptSignIn(admin.email, NEW_PASSWORD)).resolves.toMatchObject({ twoFactorRequired: false });
	});

	it('a password reset makes its browser known: a stranger who goes on failing after the reset does not keep the owner out of it', async () => {
		const admin = await buildOrganisation(t.ctx);
		for (let i = 0; i < 10; i++) await attemptSignIn(admin.email, `wrong ${i}`).catch(() => undefined);
		await requestReset({ ctx: t.ctx, email: admin.email, clientAddress: 'reset-known' });
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to(admin.email).at(-1)!));
		const { knownDevice } = await resetPassword({ ctx: t.ctx, actor: anonymousActor, token, newPassword: NEW_PASSWORD });
		// The stranger's script fills the account's limit again before the owner signs in.
		for (let i = 0; i < 10; i++) await attemptSignIn(admin.email, `wrong after ${i}`).catch(() => undefined);
		await expect(attemptSignIn(admin.email, NEW_PASSWORD)).rejects.toMatchObject({ code: 'rate_limited' });
		const inResetBrowser = signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: admin.email,
			password: NEW_PASSWORD,
			clientAddress: '10.8.8.8',
			requestHeaders: new Headers(),
			knownDevice: knownDevice!
		});
		await expect(inResetBrowser).resolves.toMatchObject({ twoFactorRequired: false });
	});

	it('one address gets 30 attempts per 15 minutes, whichever accounts it tries', async () => {
		for (let i = 0; i < 30; i++) {
			await expect(attemptSignIn(`guess-${i}@tweespraak.test`, 'password', '192.0.2.1')).rejects.toMatchObject({
				code: 'auth.invalid_credentials'
			});
		}
		await expect(attemptSignIn('guess-x@tweespraak.test', 'password', '192.0.2.1')).rejects.toMatchObject({ code: 'rate_limited' });
	}, 120_000);

	it('better-auth logs into our logger, never straight onto the console (regression: its coloured lines ignored LOG_LEVEL)', async () => {
		const admin = await buildOrganisation(t.ctx);
		const spies = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
		try {
			await expect(attemptSignIn(admin.email, 'a wrong password')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
			await requestReset({ ctx: t.ctx, email: 'unknown-log@tweespraak.test', clientAddress: 'log' });
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
		await expect(requestReset({ ctx: t.ctx, email: 'unknown@tweespraak.test', clientAddress: 'r1' })).resolves.toBeUndefined();
		expect(t.ctx.mailer.sent).toEqual([]);
	});

	it('the answer to a reset request does not wait for the account or its mail, so its time does not tell whether the account exists', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin);
		const mailer = t.ctx.mailer;
		let release: (() => void) | undefined;
		const send = mailer.send;
		mailer.send = (message) => new Promise<void>((resolve) => (release = () => resolve(send.call(mailer, message))));
		try {
			const { sent } = await requestPasswordReset({ ctx: t.ctx, email: member.email, clientAddress: 'r-wait' });
			expect(mailer.to(member.email)).toEqual([]);
			await vi.waitFor(() => expect(release).toBeTypeOf('function'));
			release!();
			await sent;
			expect(mailer.to(member.email)).toHaveLength(1);
		} finally {
			mailer.send = send;
		}
	});

	it("a password reset mails a /reset-password/<token> link in the user's language", async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { locale: 'en' });
		await requestReset({ ctx: t.ctx, email: member.email, clientAddress: 'r2' });
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
		await requestReset({ ctx: t.ctx, email: member.email, clientAddress: 'r3' });
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

	it('a new reset request ends the links mailed before it; only the newest sets a password', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin);
		await requestReset({ ctx: t.ctx, email: member.email, clientAddress: 'r-newest' });
		await requestReset({ ctx: t.ctx, email: member.email, clientAddress: 'r-newest' });
		const [first, second] = t.ctx.mailer.to(member.email).map((mail) => tokenFromLink(linkInMail(mail)));
		expect(first).not.toBe(second);

		await expect(checkResetToken({ ctx: t.ctx, token: first! })).rejects.toMatchObject({ code: 'auth.reset_link_invalid' });
		await expect(resetPassword({ ctx: t.ctx, actor: anonymousActor, token: first!, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
			code: 'auth.reset_link_invalid'
		});
		expect(await canSignIn(member, member.password)).toBe(true);
		await resetPassword({ ctx: t.ctx, actor: anonymousActor, token: second!, newPassword: NEW_PASSWORD });
		expect(await canSignIn(member, NEW_PASSWORD)).toBe(true);
	});

	it('a reset link expires after an hour (auth.reset_link_invalid)', async () => {
		const admin = await buildOrganisation(t.ctx);
		await requestReset({ ctx: t.ctx, email: admin.email, clientAddress: 'r4' });
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
		for (let i = 0; i < 5; i++) await requestReset({ ctx: t.ctx, email: `nobody-${i}@tweespraak.test`, clientAddress: 'r5' });
		await expect(requestReset({ ctx: t.ctx, email: 'nobody-x@tweespraak.test', clientAddress: 'r5' })).rejects.toMatchObject({
			code: 'rate_limited'
		});
	});

	it('a stranger asking resets for an address does not stop its owner asking: the answer stays the same, no more than 5 mails a quarter', async () => {
		const admin = await buildOrganisation(t.ctx);
		t.ctx.mailer.clear();
		for (let i = 0; i < 8; i++) await requestReset({ ctx: t.ctx, email: admin.email, clientAddress: `stranger-${i}` });
		await expect(requestReset({ ctx: t.ctx, email: admin.email, clientAddress: 'owner' })).resolves.toBeUndefined();
		expect(t.ctx.mailer.to(admin.email)).toHaveLength(5);
	});
});
