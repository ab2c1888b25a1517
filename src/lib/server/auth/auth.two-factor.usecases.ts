import { isAPIError } from 'better-auth/api';
import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { beginAttempt } from '../shared/rate-limit.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { claimAppCode, CODE_ATTEMPTS, TOTP_CODE } from './app-codes.ts';
import { createAuthRepository } from './auth.repository.ts';
import type { AuthOutcome } from './auth.usecases.ts';

/** Whether the signed-in staff member uses two-factor authentication, and whether their organisation demands it. */
export async function getTwoFactorStatus({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'account.manage' });
	const membership = await createStaffRepository(ctx.db).findActiveMembership(staff.userId);
	if (!membership) throw domainError('not_found');
	return { enabled: membership.twoFactorEnabled, requiredByOrganisation: membership.requireTwoFactor };
}

/**
 * Step 1 of two-factor set-up, after a password check: the otpauth URI (shown as a QR code and
 * as a key to type) and the backup codes. Steps 2 and 3 are on the page this answer renders, so
 * the secret never has to travel back from the browser: better-auth keeps it encrypted in
 * two_factors (unverified) and confirmTwoFactorSetup checks the code against that copy. We chose
 * this over a hidden form field because a hidden field would send the secret back and forth on
 * every post and trust the browser's copy for the QR code shown after a mistake; here, seeing the
 * secret again always needs the password again. A set-up that was started but not confirmed is
 * resumed with the same secret and codes, so an app that already scanned it keeps working.
 */
export async function startTwoFactorSetup(input: { ctx: AppContext; actor: Actor; password: string; requestHeaders: Headers }) {
	const { ctx, password, requestHeaders: headers } = input;
	const staff = await requireAccess({ db: ctx.db, actor: input.actor, permission: 'account.manage' });
	const membership = await createStaffRepository(ctx.db).findActiveMembership(staff.userId);
	if (!membership || membership.twoFactorEnabled) throw domainError('not_found');
	try {
		const pending = await ctx.auth.api.getTOTPURI({ body: { password }, headers }).catch((error: unknown) => {
			if (isAPIError(error) && error.body?.code === 'TOTP_NOT_ENABLED') return null;
			throw error;
		});
		if (pending) {
			const { backupCodes } = await ctx.auth.api.viewBackupCodes({ body: { userId: staff.userId } });
			return { totpUri: pending.totpURI, backupCodes };
		}
		const result = await ctx.auth.api.enableTwoFactor({ body: { password, method: 'totp' }, headers });
		if (!('totpURI' in result) || !result.totpURI) throw new Error('two-factor set-up returned no TOTP URI');
		return { totpUri: result.totpURI, backupCodes: result.backupCodes ?? [] };
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.wrong_password');
		throw error;
	}
}

/**
 * Step 3: the first code from the app turns two-factor on. better-auth replaces this session, so the
 * route sets the new cookie; every other session of the account ends (a browser that signed in
 * with the password alone, perhaps someone who had it, must now pass the code too).
 */
export async function confirmTwoFactorSetup(input: {
	ctx: AppContext;
	actor: Actor;
	code: string;
	requestHeaders: Headers;
}): Promise<AuthOutcome> {
	const { ctx } = input;
	const staff = await requireAccess({ db: ctx.db, actor: input.actor, permission: 'account.manage' });
	// Per account: a shared bucket would let one person's typing mistakes block everyone's set-up.
	const attempt = await beginAttempt(ctx, [{ key: `totp-setup:${staff.userId}`, rule: CODE_ATTEMPTS, onSuccess: 'clear' }]);
	if (!TOTP_CODE.test(input.code)) throw domainError('auth.invalid_code');
	const authRepository = createAuthRepository(ctx.database.authDb);
	// Read before, without this one (better-auth replaces it): the session it makes is not among them.
	const others = (await authRepository.listSessionIds(staff.userId)).filter((id) => id !== staff.sessionId);
	try {
		const { headers } = await ctx.auth.api.verifyTOTP({ body: { code: input.code }, headers: input.requestHeaders, returnHeaders: true });
		await authRepository.deleteSessions(staff.userId, others);
		// The code that turned it on is used too: it must not sign in again within its 90 seconds.
		await claimAppCode(ctx, staff.userId, input.code);
		await attempt.succeeded();
		await recordAudit(ctx.db, ctx.clock, {
			actor: input.actor,
			action: 'auth.two_factor_enabled',
			target: { type: 'user', id: staff.userId }
		});
		return { headers };
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.invalid_code');
		throw error;
	}
}

/** Turning two-factor off needs the password, and is refused while the organisation requires it. */
export async function disableTwoFactor(input: {
	ctx: AppContext;
	actor: Actor;
	password: string;
	requestHeaders: Headers;
}): Promise<AuthOutcome> {
	const { ctx } = input;
	const staff = await requireAccess({ db: ctx.db, actor: input.actor, permission: 'account.manage' });
	const membership = await createStaffRepository(ctx.db).findActiveMembership(staff.userId);
	if (!membership) throw domainError('not_found');
	if (membership.requireTwoFactor) throw domainError('auth.two_factor_required');
	let headers: Headers;
	try {
		({ headers } = await ctx.auth.api.disableTwoFactor({
			body: { password: input.password },
			headers: input.requestHeaders,
			returnHeaders: true
		}));
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.wrong_password');
		throw error;
	}
	await recordAudit(ctx.db, ctx.clock, {
		actor: input.actor,
		action: 'auth.two_factor_disabled',
		target: { type: 'user', id: staff.userId }
	});
	return { headers };
}
