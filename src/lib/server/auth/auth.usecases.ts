import { isAPIError } from 'better-auth/api';
import { hashPassword } from './password.ts';
import { TWO_FACTOR_ACCOUNT_LOCK } from './auth.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../db/schema.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError, rateLimited } from '../shared/errors.ts';
import { addressBucketKey, beginAttempt, clearRateLimit, consumeRateLimit, type Bucket, type RateLimitRule } from '../shared/rate-limit.ts';
import { isPasswordSignInRefused, isPasswordSignInRefusedForAddress } from '../identity/identity.sign-in.usecases.ts';
import { createStaffRepository, type ActiveMembership } from '../staff/staff.repository.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';
import { createAuthRepository } from './auth.repository.ts';
import { claimAppCode, CODE_ATTEMPTS, TOTP_CODE } from './app-codes.ts';
import { issueKnownDevice, readKnownDevice } from './known-device.ts';

/** Headers better-auth wants to set (cookies); the route copies them onto its response. */
export interface AuthOutcome {
	headers: Headers;
}

const MINUTE = 60_000;
/**
 * Sign-in throttling (docs/decisions/012-throttling.md): failures only. Per account, from
 * browsers that never signed in to it, a growing wait: 5 failures a minute, 10 a quarter, 20 an
 * hour. A browser where the account signed in before (its known-device cookie) is not held back
 * by those; it has its own limit. Per address, 30 failures a quarter, whichever accounts.
 */
export const SIGN_IN_ACCOUNT_TIERS: readonly RateLimitRule[] = [
	{ limit: 5, windowMs: MINUTE },
	{ limit: 10, windowMs: 15 * MINUTE },
	{ limit: 20, windowMs: 60 * MINUTE }
];
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { limit: 30, windowMs: 15 * MINUTE };
export const SIGN_IN_PER_KNOWN_DEVICE: RateLimitRule = { limit: 10, windowMs: 15 * MINUTE };
/** Reset mails: every request counts (each sends a mail). */
const RESET_PER_ADDRESS: RateLimitRule = { limit: 5, windowMs: 15 * MINUTE };
const RESET_PER_ACCOUNT: RateLimitRule = { limit: 5, windowMs: 15 * MINUTE };

export const accountKeys = (email: string) => SIGN_IN_ACCOUNT_TIERS.map((rule) => `signin-account-${rule.windowMs / MINUTE}m:${email}`);

function signInBuckets(email: string, clientAddress: string, knownDevice: string | null): Bucket[] {
	if (knownDevice) return [{ key: `signin-device:${knownDevice}`, rule: SIGN_IN_PER_KNOWN_DEVICE, onSuccess: 'clear' }];
	const keys = accountKeys(email);
	return [
		{ key: addressBucketKey('signin-ip', clientAddress), rule: SIGN_IN_PER_ADDRESS, onSuccess: 'refund' },
		...SIGN_IN_ACCOUNT_TIERS.map((rule, index) => ({ key: keys[index]!, rule, onSuccess: 'clear' as const }))
	];
}

/** The right password (or a password reset) ends the account's failure count. */
export async function clearSignInFailures(ctx: AppContext, email: string): Promise<void> {
	for (const key of accountKeys(email)) await clearRateLimit(ctx.db, key);
}

/**
 * E-mail and password. A deactivated account cannot sign in; the answer is the same as for a
 * wrong password, so the form does not reveal which accounts exist. `knownDevice` is the
 * browser's known-device cookie; the outcome holds a fresh one to set.
 */
export async function signIn(input: {
	ctx: AppContext;
	actor: Actor;
	email: string;
	password: string;
	clientAddress: string;
	requestHeaders: Headers;
	knownDevice?: string;
}) {
	const { ctx } = input;
	const userId = await createStaffRepository(ctx.db).findUserIdByEmail(input.email);
	const device = userId ? await readKnownDevice(ctx.db, input.knownDevice, userId) : null;
	const attempt = await beginAttempt(ctx, signInBuckets(input.email, input.clientAddress, device));
	const membership = userId ? await createStaffRepository(ctx.db).findActiveMembership(userId) : undefined;
	// Without a membership, taking part in a learning trajectory is enough to sign in (as a guest).
	const guest = userId && !membership ? await createTrajectoriesRepository(ctx.db).findGuestAccount(userId) : undefined;
	// The address's domain belongs to an organisation that lets its staff in only through its own
	// provider (break-glass: decision 018): said for every address there, account or not, and
	// without looking at the password, so the answer neither lists its staff nor tests passwords.
	// A trajectory's guest who was never anyone's staff is not that organisation's staff either (its
	// provider would refuse them): their right password lets them in, and a wrong one gets this same
	// answer. A deactivated member who also took part in a trajectory is staff, and stays out.
	const providerOnlyDomain = await isPasswordSignInRefusedForAddress(ctx, input.email);
	const neverStaff = async () => guest !== undefined && !(await createStaffRepository(ctx.db).hasAnyMembership(userId!));
	if (providerOnlyDomain && !(await neverStaff())) {
		await hashPassword(input.password);
		throw domainError('auth.provider_required');
	}
	// A member of such an organisation whose address lies outside its provider's domains cannot
	// sign in with a password either; told so, that would reveal the account.
	const refusedByOrganisation = membership !== undefined && (await isPasswordSignInRefused(ctx, membership.organisationId));
	if (!userId || (!membership && !guest) || refusedByOrganisation) {
		// Spend the same time as checking a real password, so timing does not reveal which accounts exist.
		await hashPassword(input.password);
		throw domainError('auth.invalid_credentials');
	}
	const authRepository = createAuthRepository(ctx.database.authDb);
	const passwordBefore = await authRepository.passwordHash(userId);
	try {
		const { headers, response } = await ctx.auth.api.signInEmail({
			body: { email: input.email, password: input.password, rememberMe: false },
			headers: input.requestHeaders,
			returnHeaders: true
		});
		// The password changed (or was reset) while this one was being checked. The change ended the
		// account's other sessions and pending sign-ins, perhaps before this one was made with what
		// may be the old password: it does not count, and the person tries again.
		if ((await authRepository.passwordHash(userId)) !== passwordBefore) {
			if ('token' in response && response.token) await authRepository.deleteSession(response.token);
			else await authRepository.endPasswordGrants(userId);
			throw domainError('auth.invalid_credentials');
		}
		await attempt.succeeded();
		await clearSignInFailures(ctx, input.email);
		const twoFactorRequired = 'twoFactorRedirect' in response && response.twoFactorRedirect === true;
		await recordAudit(ctx.db, ctx.clock, {
			// Signed in: the audit log names who (an outside review found "Zonder account" there). Only
			// the password so far: still nobody, until the code is right (verifySignInCode).
			actor: twoFactorRequired ? input.actor : signedInActor(input.actor, userId, membership, guest),
			organisationId: membership?.organisationId ?? null,
			action: twoFactorRequired ? 'auth.password_verified' : 'auth.signed_in',
			target: { type: 'user', id: userId }
		});
		const knownDevice = await issueKnownDevice(ctx.db, userId);
		return { headers, twoFactorRequired, locale: membership?.locale ?? guest!.locale, guest: !membership, knownDevice };
	} catch (error) {
		if (isAPIError(error)) throw domainError(providerOnlyDomain ? 'auth.provider_required' : 'auth.invalid_credentials');
		throw error;
	}
}

/** The person who just signed in, as the audit log names them, with the request's trace. */
function signedInActor(
	trace: Actor,
	userId: string,
	membership: ActiveMembership | undefined,
	guest: { locale: Locale } | undefined
): Actor {
	const { requestId, address } = trace;
	if (membership) {
		const { organisationId, roles, locale } = membership;
		return { type: 'staff', userId, organisationId, roles, locale, requestId, address };
	}
	if (guest) return { type: 'guest', userId, locale: guest.locale, requestId, address };
	return trace;
}

/**
 * The second step of a sign-in with two-factor authentication: a 6-digit code from the app, or
 * one of the backup codes shown at set-up (each works once).
 */
export async function verifySignInCode(input: {
	ctx: AppContext;
	/** The request (its trace); the person is known once the code is right. */
	actor?: Actor;
	code: string;
	clientAddress: string;
	requestHeaders: Headers;
}): Promise<AuthOutcome> {
	const attempt = await beginAttempt(input.ctx, [
		{ key: addressBucketKey('totp-ip', input.clientAddress), rule: CODE_ATTEMPTS, onSuccess: 'refund' }
	]);
	const body = { code: input.code };
	const appCode = TOTP_CODE.test(input.code);
	try {
		const { headers, response } = appCode
			? await input.ctx.auth.api.verifyTOTP({ body, headers: input.requestHeaders, returnHeaders: true })
			: await input.ctx.auth.api.verifyBackupCode({ body, headers: input.requestHeaders, returnHeaders: true });
		const userId = response.user.id;
		if (appCode && !(await claimAppCode(input.ctx, userId, input.code))) {
			// better-auth made the session before the code could be known as used: it never reaches the browser.
			if (response.token) await createAuthRepository(input.ctx.database.authDb).deleteSession(response.token);
			throw domainError('auth.code_used');
		}
		await attempt.succeeded();
		const membership = await createStaffRepository(input.ctx.db).findActiveMembership(userId);
		const guest = membership ? undefined : await createTrajectoriesRepository(input.ctx.db).findGuestAccount(userId);
		await recordAudit(input.ctx.db, input.ctx.clock, {
			actor: signedInActor(input.actor ?? { type: 'anonymous' }, userId, membership, guest),
			organisationId: membership?.organisationId ?? null,
			action: 'auth.signed_in',
			target: { type: 'user', id: userId },
			details: { method: 'twoFactor' }
		});
		return { headers };
	} catch (error) {
		// No sign-in waits for a code in this browser (no two-factor cookie, or one that ended): no
		// code was checked, so nothing was guessed. Counted, it let anyone without a password fill
		// the address's bucket and keep every colleague behind that address from their code.
		if (isAPIError(error) && error.body?.code === 'INVALID_TWO_FACTOR_COOKIE') await attempt.withdrawn();
		// better-auth also counts failed codes per account, from every address together
		// (TWO_FACTOR_ACCOUNT_LOCK): the message says to wait, not that the code is wrong.
		if (isAPIError(error) && error.body?.code === 'ACCOUNT_TEMPORARILY_LOCKED')
			throw rateLimited(TWO_FACTOR_ACCOUNT_LOCK.durationSeconds * 1000);
		// Five wrong codes end the sign-in's code step, as does its cookie expiring: the password first again.
		if (isAPIError(error) && CODE_STEP_ENDED.has(String(error.body?.code))) throw domainError('auth.code_step_ended');
		if (isAPIError(error)) throw domainError('auth.invalid_code');
		throw error;
	}
}

const CODE_STEP_ENDED = new Set(['TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE', 'INVALID_TWO_FACTOR_COOKIE']);

export async function signOut(input: { ctx: AppContext; actor: Actor; requestHeaders: Headers }): Promise<AuthOutcome> {
	const { headers } = await input.ctx.auth.api.signOut({ headers: input.requestHeaders, returnHeaders: true });
	if (input.actor.type === 'staff' || input.actor.type === 'guest') {
		await recordAudit(input.ctx.db, input.ctx.clock, {
			actor: input.actor,
			action: 'auth.signed_out',
			target: { type: 'user', id: input.actor.userId }
		});
	}
	return { headers };
}

/**
 * Always answers the same, whether or not the address has an account. Past an account's limit no
 * further mail is sent, but the answer stays the same: a stranger asking for resets must not
 * stop the owner from asking (the mails already sent still work).
 *
 * The answer comes once the limits are counted, the same work for every address; the account is
 * looked up, its token written and its mail sent after that (`sent`). Waiting for them would make
 * the answer for an existing account later by a database write and a mail server's round trip,
 * which a stranger could time. A mail that fails is logged (without the address); the person
 * sees what everyone sees and can ask again.
 */
export async function requestPasswordReset(input: {
	ctx: AppContext;
	email: string;
	clientAddress: string;
}): Promise<{ sent: Promise<void> }> {
	const { ctx } = input;
	await beginAttempt(ctx, [{ key: addressBucketKey('reset-ip', input.clientAddress), rule: RESET_PER_ADDRESS, onSuccess: 'count' }]);
	const account = await consumeRateLimit(ctx.db, ctx.clock, `reset-account:${input.email}`, RESET_PER_ACCOUNT);
	if (!account.allowed) return { sent: Promise.resolve() };
	const sent = ctx.auth.api.requestPasswordReset({ body: { email: input.email, redirectTo: '/reset-password' } }).then(
		() => undefined,
		(error: unknown) => ctx.logger.warn({ event: 'auth.reset_failed', err: error }, 'password reset not sent')
	);
	return { sent };
}

/**
 * The account a password reset token resets (undefined when its row names none); throws
 * `auth.reset_link_invalid` when the token is unknown (used, replaced, made up) or expired.
 */
async function requireResetToken(ctx: AppContext, token: string): Promise<string | undefined> {
	const verification = await createAuthRepository(ctx.database.authDb).findResetVerification(token);
	// Not "expired": only a token that still runs counts (an unreadable end is no end in the future).
	if (!((verification?.expiresAt ?? 0) > ctx.clock.now().getTime())) throw domainError('auth.reset_link_invalid');
	return verification?.userId;
}

export async function checkResetToken(input: { ctx: AppContext; token: string }): Promise<void> {
	await requireResetToken(input.ctx, input.token);
}

/**
 * Sets the new password of a reset link. Returns a known-device cookie for the browser that used
 * the link: whoever has the mailbox is the owner, and a stranger who goes on filling the account's
 * sign-in limit after the reset must not keep them out of the browser they just proved themselves
 * in (decision 012).
 */
export async function resetPassword(input: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	newPassword: string;
}): Promise<{ knownDevice: string | null }> {
	const userId = await requireResetToken(input.ctx, input.token);
	try {
		await input.ctx.auth.api.resetPassword({ body: { token: input.token, newPassword: input.newPassword } });
	} catch (error) {
		if (isAPIError(error)) throw domainError('auth.reset_link_invalid');
		throw error;
	}
	// better-auth ended the sessions and this link; a sign-in that passed the old password and
	// waits for its two-factor code ends too, and so would any other link.
	if (userId) await createAuthRepository(input.ctx.database.authDb).endPasswordGrants(userId);
	const membership = userId ? await createStaffRepository(input.ctx.db).findActiveMembership(userId) : undefined;
	// Proof of the mailbox is a way through a sign-in limit that a stranger filled.
	const user = userId ? await createStaffRepository(input.ctx.db).findUserForMail(userId) : undefined;
	if (user) await clearSignInFailures(input.ctx, user.email);
	await recordAudit(input.ctx.db, input.ctx.clock, {
		actor: input.actor,
		organisationId: membership?.organisationId ?? null,
		action: 'auth.password_reset',
		target: userId ? { type: 'user', id: userId } : undefined
	});
	return { knownDevice: userId ? await issueKnownDevice(input.ctx.db, userId) : null };
}
