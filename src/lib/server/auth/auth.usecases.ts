import { isAPIError } from 'better-auth/api';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { consumeRateLimit, type RateLimitRule } from '../shared/rate-limit.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';

/** Headers better-auth wants to set (cookies); the route copies them onto its response. */
export interface AuthOutcome {
	headers: Headers;
}

const PER_ACCOUNT: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };
const PER_ADDRESS: RateLimitRule = { limit: 30, windowMs: 15 * 60_000 };
const RESET_PER_ADDRESS: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };

async function requireWithinLimits(ctx: AppContext, keys: [string, RateLimitRule][]): Promise<void> {
	for (const [key, rule] of keys) {
		if (!(await consumeRateLimit(ctx.db, ctx.clock, key, rule))) {
			ctx.logger.warn({ event: 'rate_limited', bucket: key.split(':')[0] }, 'rate limit reached');
			throw domainError('rate_limited');
		}
	}
}

/**
 * E-mail and password. A deactivated account cannot sign in; the answer is the same as for a
 * wrong password, so the form does not reveal which accounts exist.
 */
export async function signIn(input: { ctx: AppContext; actor: Actor; email: string; password: string; clientAddress: string; requestHeaders: Headers }) {
	const { ctx } = input;
	await requireWithinLimits(ctx, [
		[`signin-ip:${input.clientAddress}`, PER_ADDRESS],
		[`signin-account:${input.email}`, PER_ACCOUNT]
	]);
	const userId = await createStaffRepository(ctx.db).findUserIdByEmail(input.email);
	const membership = userId ? await createStaffRepository(ctx.db).findActiveMembership(userId) : undefined;
	if (!userId || !membership) throw domainError('auth.invalid_credentials');
	try {
		const { headers, response } = await ctx.auth.api.signInEmail({
			body: { email: input.email, password: input.password, rememberMe: false },
			headers: input.requestHeaders,
			returnHeaders: true
		});
		const twoFactorRequired = 'twoFactorRedirect' in response && response.twoFactorRedirect === true;
		await recordAudit(ctx.db, ctx.clock, {
			actor: input.actor,
			organisationId: membership.organisationId,
			action: twoFactorRequired ? 'auth.password_verified' : 'auth.signed_in',
			target: { type: 'user', id: userId }
		});
		return { headers, twoFactorRequired, locale: membership.locale };
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.invalid_credentials');
		throw error;
	}
}

/** The second step of a sign-in with two-factor authentication. */
export async function verifySignInCode(input: { ctx: AppContext; code: string; clientAddress: string; requestHeaders: Headers }): Promise<AuthOutcome> {
	await requireWithinLimits(input.ctx, [[`totp-ip:${input.clientAddress}`, PER_ACCOUNT]]);
	try {
		const { headers } = await input.ctx.auth.api.verifyTOTP({ body: { code: input.code }, headers: input.requestHeaders, returnHeaders: true });
		return { headers };
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.invalid_code');
		throw error;
	}
}

export async function signOut(input: { ctx: AppContext; actor: Actor; requestHeaders: Headers }): Promise<AuthOutcome> {
	const { headers } = await input.ctx.auth.api.signOut({ headers: input.requestHeaders, returnHeaders: true });
	if (input.actor.type === 'staff') {
		await recordAudit(input.ctx.db, input.ctx.clock, { actor: input.actor, action: 'auth.signed_out', target: { type: 'user', id: input.actor.userId } });
	}
	return { headers };
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(input: { ctx: AppContext; email: string; clientAddress: string }): Promise<void> {
	await requireWithinLimits(input.ctx, [
		[`reset-ip:${input.clientAddress}`, RESET_PER_ADDRESS],
		[`reset-account:${input.email}`, RESET_PER_ADDRESS]
	]);
	await input.ctx.auth.api.requestPasswordReset({ body: { email: input.email, redirectTo: '/reset-password' } });
}

export async function checkResetToken(input: { ctx: AppContext; token: string }): Promise<void> {
	const row = await input.ctx.database.authDb
		.selectFrom('verifications')
		.select('expires_at')
		.where('identifier', '=', `reset-password:${input.token}`)
		.executeTakeFirst();
	const expiresAt = row ? new Date(row.expires_at as string | Date).getTime() : 0;
	if (expiresAt <= input.ctx.clock.now().getTime()) throw domainError('auth.reset_link_invalid');
}

export async function resetPassword(input: { ctx: AppContext; actor: Actor; token: string; newPassword: string }): Promise<void> {
	await checkResetToken(input);
	try {
		await input.ctx.auth.api.resetPassword({ body: { token: input.token, newPassword: input.newPassword } });
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.reset_link_invalid');
		throw error;
	}
	await recordAudit(input.ctx.db, input.ctx.clock, { actor: input.actor, action: 'auth.password_reset' });
}

/** Starts two-factor set-up: returns the otpauth URI to show as a QR code, and backup codes. */
export async function startTwoFactorSetup(input: { ctx: AppContext; password: string; requestHeaders: Headers }) {
	try {
		const result = await input.ctx.auth.api.enableTwoFactor({ body: { password: input.password, method: 'totp' }, headers: input.requestHeaders });
		if (!('totpURI' in result)) throw new Error('two-factor set-up returned no TOTP URI');
		return { totpUri: result.totpURI, backupCodes: result.backupCodes };
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.wrong_password');
		throw error;
	}
}

export async function confirmTwoFactorSetup(input: { ctx: AppContext; actor: Actor; code: string; requestHeaders: Headers }): Promise<AuthOutcome> {
	const outcome = await verifySignInCode({ ctx: input.ctx, code: input.code, clientAddress: 'setup', requestHeaders: input.requestHeaders });
	await recordAudit(input.ctx.db, input.ctx.clock, { actor: input.actor, action: 'auth.two_factor_enabled' });
	return outcome;
}

export async function disableTwoFactor(input: { ctx: AppContext; actor: Actor; password: string; requestHeaders: Headers }): Promise<void> {
	try {
		await input.ctx.auth.api.disableTwoFactor({ body: { password: input.password }, headers: input.requestHeaders });
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.wrong_password');
		throw error;
	}
	await recordAudit(input.ctx.db, input.ctx.clock, { actor: input.actor, action: 'auth.two_factor_disabled' });
}
