import { isAPIError } from 'better-auth/api';
import { requireAccess } from '../access/access.ts';
import type { Actor, StaffActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { isPasswordSignInRefused, isPasswordSignInRefusedForAddress } from '../identity/identity.sign-in.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { beginAttempt, consumeRateLimit, type RateLimitRule } from '../shared/rate-limit.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { sendPasswordChangedMail } from './auth.mails.ts';
import { createAuthRepository } from './auth.repository.ts';
import { accountKeys, clearSignInFailures, SIGN_IN_ACCOUNT_TIERS } from './auth.usecases.ts';
import { describeBrowser, type BrowserDescription } from './user-agent.ts';

/**
 * A staff member's own password and sessions, from their account page: changing the password
 * (which ends every other session) and signing out on other devices, all at once or one by one.
 * Decision 002, amended
 * 2026-12-07; the throttle is decision 012's.
 */

/**
 * Wrong current passwords on one session (one browser): 10 a quarter, forgotten after a right one.
 * Per session, as a known device is held only by its own limit at sign-in (decision 012): a
 * stranger who fills the account's sign-in limit from elsewhere does not stop the owner here.
 */
export const PASSWORD_CHANGE_PER_SESSION: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };

/** Why the account page does not offer a password change; null when it does. */
export type PasswordChangeRefusal = 'provider_only' | 'no_password';

/** Another session of the account, as the account page lists it: no token, no address. */
export interface OtherSession {
	/** The session's id (not its token: the id lets nobody in), for ending this one alone (endOneSession). */
	id: string;
	/**
	 * When it signed in. Sessions are not extended by use (sign-in does not ask to be remembered:
	 * a session ends 12 hours after sign-in or when the browser closes), so there is no later
	 * moment of use to show.
	 */
	signedInAt: string;
	device: BrowserDescription;
}

interface Signed {
	staff: StaffActor;
	email: string;
	/** The session this request came with: the one that stays. */
	sessionId: string;
}

/** The signed-in staff member, with the session of this very request (read from its cookie, not trusted from elsewhere). */
async function requireOwnSession(ctx: AppContext, actor: Actor, requestHeaders: Headers): Promise<Signed> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'account.manage' });
	const session = await ctx.auth.api.getSession({ headers: requestHeaders, query: { disableRefresh: true } });
	if (!session || session.user.id !== staff.userId) throw domainError('not_found');
	return { staff, email: session.user.email, sessionId: session.session.id };
}

/**
 * The same two rules sign-in applies to a member (auth.usecases.ts, signIn; decision 018): no
 * password sign-in when the address's domain, or the member's organisation, lets its staff in
 * only through its provider. An account without a password (provider only) has none to change.
 */
async function passwordChangeRefusal(ctx: AppContext, signed: Signed): Promise<PasswordChangeRefusal | null> {
	if (await isPasswordSignInRefusedForAddress(ctx, signed.email)) return 'provider_only';
	if (await isPasswordSignInRefused(ctx, signed.staff.organisationId)) return 'provider_only';
	if (!(await createStaffRepository(ctx.db).hasPassword(signed.staff.userId))) return 'no_password';
	return null;
}

/** What the account page shows: whether the password can be changed here, and the account's other sessions. */
export async function getAccountSecurity(input: { ctx: AppContext; actor: Actor; requestHeaders: Headers }) {
	const { ctx } = input;
	const signed = await requireOwnSession(ctx, input.actor, input.requestHeaders);
	// better-auth's list: only sessions that still work, by its own clock.
	const sessions = await ctx.auth.api.listSessions({ headers: input.requestHeaders });
	const otherSessions: OtherSession[] = sessions
		.filter((session) => session.id !== signed.sessionId)
		.map((session) => ({
			id: session.id,
			signedInAt: new Date(session.createdAt).toISOString(),
			device: describeBrowser(session.userAgent)
		}))
		.sort((a, b) => b.signedInAt.localeCompare(a.signedInAt));
	return { passwordChangeRefusal: await passwordChangeRefusal(ctx, signed), otherSessions };
}

/**
 * A new password, after the current one. Every other session of the account ends, and so do
 * its password reset links and sign-ins waiting for their two-factor code; this one
 * stays (same id, so a hand-over lock, a live stream and the audit trail of this browser are
 * unaffected). A notice goes to the account's address. A wrong current password changes nothing
 * and counts as a sign-in failure of the account (decision 012).
 */
export async function changeOwnPassword(input: {
	ctx: AppContext;
	actor: Actor;
	currentPassword: string;
	newPassword: string;
	requestHeaders: Headers;
}): Promise<{ otherSessionsEnded: number }> {
	const { ctx } = input;
	const signed = await requireOwnSession(ctx, input.actor, input.requestHeaders);
	const { staff } = signed;
	if ((await passwordChangeRefusal(ctx, signed)) !== null) throw domainError('auth.password_not_offered');
	const attempt = await beginAttempt(ctx, [
		{ key: `password-change:${signed.sessionId}`, rule: PASSWORD_CHANGE_PER_SESSION, onSuccess: 'clear' }
	]);
	try {
		await ctx.auth.api.changePassword({
			// Not better-auth's revokeOtherSessions: that replaces this session too (a new id and cookie).
			body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: false },
			headers: input.requestHeaders
		});
	} catch (error) {
		if (!isAPIError(error)) throw error;
		const code = String(error.body?.code);
		if (code === 'CREDENTIAL_ACCOUNT_NOT_FOUND') throw domainError('auth.password_not_offered');
		if (code === 'PASSWORD_TOO_SHORT' || code === 'PASSWORD_TOO_LONG') throw domainError('auth.weak_password');
		await countSignInFailure(ctx, signed.email);
		throw domainError('auth.wrong_password');
	}
	const authRepository = createAuthRepository(ctx.database.authDb);
	const otherSessionsEnded = await authRepository.deleteOtherSessions(staff.userId, signed.sessionId);
	// A reset link mailed before, or a sign-in that passed the old password and waits for its code,
	// would otherwise still let in whoever holds it.
	await authRepository.endPasswordGrants(staff.userId);
	await attempt.succeeded();
	// The right password, from anywhere, ends the account's sign-in failures (decision 012).
	await clearSignInFailures(ctx, signed.email);
	await recordAudit(ctx.db, ctx.clock, {
		actor: staff,
		action: 'auth.password_changed',
		target: { type: 'user', id: staff.userId },
		details: { otherSessionsEnded }
	});
	// The password is changed whatever the mail server says. Logged by its kind only: a mail
	// server's message can name the recipient.
	await sendPasswordChangedMail(ctx, { userId: staff.userId, email: signed.email }).catch((error: unknown) => {
		const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
		ctx.logger.warn(
			{ event: 'auth.password_changed_mail_failed', userId: staff.userId, err: { name: String(name), code: String(code) } },
			'password changed mail not sent'
		);
	});
	return { otherSessionsEnded };
}

/**
 * A wrong current password counts in the account's sign-in limit (a stolen session must not be a
 * way round it), without being refused by it: this session has its own limit.
 */
async function countSignInFailure(ctx: AppContext, email: string): Promise<void> {
	const keys = accountKeys(email);
	for (const [index, rule] of SIGN_IN_ACCOUNT_TIERS.entries()) await consumeRateLimit(ctx.db, ctx.clock, keys[index]!, rule);
}

/** "Sign out on other devices": every other session of the account ends at once; this one stays. */
export async function endOtherSessions(input: { ctx: AppContext; actor: Actor; requestHeaders: Headers }): Promise<{ ended: number }> {
	const { ctx } = input;
	const { staff, sessionId } = await requireOwnSession(ctx, input.actor, input.requestHeaders);
	const ended = await createAuthRepository(ctx.database.authDb).deleteOtherSessions(staff.userId, sessionId);
	await recordAudit(ctx.db, ctx.clock, {
		actor: staff,
		action: 'auth.other_sessions_ended',
		target: { type: 'user', id: staff.userId },
		details: { ended }
	});
	return { ended };
}

/**
 * Signs out one other session of the account (a phone left signed in, a borrowed computer); this
 * one and the rest stay. An id that is not one of the account's other sessions — already ended,
 * this session's own, another account's — ends nothing and says so, the same for each, so nobody
 * learns whether another account's session exists.
 */
export async function endOneSession(input: {
	ctx: AppContext;
	actor: Actor;
	requestHeaders: Headers;
	sessionId: string;
}): Promise<{ ended: boolean }> {
	const { ctx } = input;
	const { staff, sessionId } = await requireOwnSession(ctx, input.actor, input.requestHeaders);
	const ended = await createAuthRepository(ctx.database.authDb).deleteOwnSession(staff.userId, input.sessionId, sessionId);
	if (ended) {
		await recordAudit(ctx.db, ctx.clock, {
			actor: staff,
			action: 'auth.session_ended',
			target: { type: 'user', id: staff.userId },
			details: { ended: 1 }
		});
	}
	return { ended };
}
